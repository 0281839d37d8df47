"""Every example of the four vendor pages, as the page shows it, through the generated clients.

- Each success example parses into the operation's response model; served by a real HTTP server on 127.0.0.1
  (it answers whatever the test scripts), it comes back from the client as that model.
- Each error example comes back as the typed error of its status, with `error_code` and `error_msg` from the body
  and the body as the spec's error model.
- Each request example either passes client-side validation (and is sent as it is) or is refused before sending
  for a documented constraint listed in the table "Page examples that break a documented request constraint" of
  specs/ERRATA.md; `BREAKS` below is that table.
"""

from __future__ import annotations

import importlib
import json
import logging
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.vendors import pages

GENERATED = ROOT / "generated" / "python"
TOKEN = "page-examples-token"
ERRATA = (ROOT / "specs" / "ERRATA.md").read_text(encoding="utf-8")


def package(name: str) -> ModuleType:
    folder = str(GENERATED / name)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)


PACKAGES = {
    "apig": "huaweicloud_apig",
    "dbss": "huaweicloud_dbss",
    "gaussdb-opengauss": "huaweicloud_gaussdb_opengauss",
    "commvault": "commvault_commandcenter",
}
# method, path/header arguments (the page's own values where it shows them), success model
CALLS: dict[str, tuple[str, dict[str, Any], str]] = {
    "apig": (
        "create_plugin",
        {"project_id": "0c8243400d37468bb4aed3cc94c2911d", "instance_id": "eddc4d25480b4cd6b512f270a1b8b341"},
        "CreatePluginResponse",
    ),
    "dbss": (
        "add_audit_database_new",
        {"project_id": "0c8243400d37468bb4aed3cc94c2911d", "instance_id": "2a3b4c5d6e7f48a9b0c1d2e3f4a5b6c7"},
        "AddAuditDatabaseResponse",
    ),
    # the page's example URL: its instance ID has 24 characters where the page documents 36
    "gaussdb-opengauss": (
        "install_kernel_plugin",
        {"project_id": "0c8243400d37468bb4aed3cc94c2911d", "instance_id": "f9b5f9b296ec6808e067in14"},
        "InstallKernelPluginResponse",
    ),
    "commvault": ("create_ali_postgres_instance", {}, "CreateAliPostgresInstanceResponse"),
}
# (api, example) -> the fields whose documented constraint the page's example breaks (ERRATA table rows)
BREAKS: dict[tuple[str, str], tuple[str, ...]] = {
    ("gaussdb-opengauss", "request"): ("instance_id",),
    ("apig", "request 1"): ("plugin_content.max_age",),
    ("apig", "request 2"): ("plugin_name",),
    ("apig", "request 3"): ("plugin_name",),
    ("apig", "request 4"): ("plugin_name", "plugin_scope"),
    ("apig", "request 5"): ("plugin_name", "plugin_scope"),
    ("apig", "request 6"): ("plugin_name",),
    ("commvault", "request 1"): (
        "instanceProperties.postGreSQLInstance.port",
        "instanceProperties.postGreSQLInstance.SAUser.password",
    ),
    ("commvault", "request 2"): (
        "instanceProperties.postGreSQLInstance.port",
        "instanceProperties.postGreSQLInstance.SAUser.password",
    ),
}
ERROR_CLASSES = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    500: "InternalServerError",
}

EXAMPLES = pages.all_examples(pages.seeds())


class Scripted:
    """A loopback HTTP server answering every request with `status` and `body`, recording what it got."""

    def __init__(self) -> None:
        self.status = 200
        self.body: Any = {}
        self.seen: list[bytes] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                owner.seen.append(self.rfile.read(length))
                data = json.dumps(owner.body).encode()
                self.send_response(owner.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)

    def __enter__(self) -> Scripted:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[Scripted]:
    with Scripted() as running:
        yield running


def _call(api: str, server: Scripted, body: Any, arguments: dict[str, Any] | None = None) -> Any:
    method = CALLS[api][0]
    arguments = CALLS[api][1] if arguments is None else arguments
    module = package(PACKAGES[api])
    # strict_responses: an answer that breaks the response schema raises instead of being read with a warning
    with module.Client(base_url=server.url, token=TOKEN, max_retries=0, strict_responses=True) as client:
        return getattr(client, method)(**arguments, body=body)


def _valid_call(api: str) -> tuple[dict[str, Any], Any]:
    """Arguments and a body that pass validation: the page's own where they do, else the spec's."""
    arguments = dict(CALLS[api][1])
    if api == "gaussdb-opengauss":  # the page's instance ID breaks the documented length (see BREAKS)
        arguments["instance_id"] = "f9b5f9b296ec6808e0670a1b2c3d4e5fin14"
    if api == "apig":  # every APIG request example of the page breaks a constraint (see BREAKS)
        body: Any = {"plugin_name": "CORS", "plugin_type": "cors", "plugin_scope": "global"}
        return arguments, {**body, "plugin_content": '{"allow_origin": "*"}'}
    return arguments, next(e.value for e in EXAMPLES if e.api == api and e.kind == "request")


def test_the_pages_were_read() -> None:
    counts = {api: sum(1 for e in EXAMPLES if e.api == api) for api in PACKAGES}
    assert counts == {"apig": 17, "dbss": 2, "gaussdb-opengauss": 2, "commvault": 2}


SUCCESSES = [e for e in EXAMPLES if e.kind == "response" and e.status is not None and e.status < 300]
ERRORS = [e for e in EXAMPLES if e.kind == "response" and e.status is not None and e.status >= 400]
REQUESTS = [e for e in EXAMPLES if e.kind == "request"]


@pytest.mark.parametrize("example", SUCCESSES, ids=[f"{e.api} {e.name}" for e in SUCCESSES])
def test_success_examples_parse_into_the_response_model(
    example: pages.Example, server: Scripted, caplog: pytest.LogCaptureFixture
) -> None:
    api = example.api
    model = getattr(package(PACKAGES[api]).models, CALLS[api][2])
    parsed = model.model_validate(example.value)  # strict: any mismatch with the response schema raises
    assert parsed.model_dump(mode="json", by_alias=True, exclude_unset=True).keys() == example.value.keys()
    server.status, server.body = example.status, example.value
    arguments, body = _valid_call(api)
    with caplog.at_level(logging.WARNING):
        result = _call(api, server, body, arguments)
    assert type(result) is model
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    if api == "apig":
        content = result.plugin_content_as(result.plugin_type)
        assert json.loads(example.value["plugin_content"]) == content.model_dump(
            mode="json", by_alias=True, exclude_unset=True
        )


@pytest.mark.parametrize("example", ERRORS, ids=[f"{e.api} {e.name}" for e in ERRORS])
def test_error_examples_give_typed_errors_with_their_fields(example: pages.Example, server: Scripted) -> None:
    module = package(PACKAGES[example.api])
    server.status, server.body = example.status, example.value
    error_class = getattr(module, ERROR_CLASSES[example.status])
    with pytest.raises(error_class) as caught:
        _call(example.api, server, _valid_call(example.api)[1])
    error = caught.value
    assert error.status_code == example.status
    assert (error.error_code, error.error_msg) == (example.value["error_code"], example.value["error_msg"])
    assert type(error.error_model).__name__ == "ApigErrorResponse"
    assert error.error_model.error_code == example.value["error_code"]


@pytest.mark.parametrize("example", REQUESTS, ids=[f"{e.api} {e.name}" for e in REQUESTS])
def test_request_examples_pass_or_break_a_documented_constraint(example: pages.Example, server: Scripted) -> None:
    module = package(PACKAGES[example.api])
    breaks = BREAKS.get((example.api, example.name), ())
    for field in breaks:
        label = "request" if example.name == "request" else f"request {example.name.split()[-1]}"
        row = f"| {pages.TITLES[example.api]} {label} | `{field}` |"
        assert row in ERRATA, f"ERRATA has no row {row!r}"
    server.status = {"apig": 201}.get(example.api, 200)
    server.body = next((e.value for e in SUCCESSES if e.api == example.api), {})
    before = len(server.seen)
    if not breaks:
        _call(example.api, server, example.value)
        assert json.loads(server.seen[-1]) == example.value  # sent as the page shows it
        return
    with pytest.raises(module.RequestValidationError) as caught:
        _call(example.api, server, example.value)
    assert len(server.seen) == before, "nothing is sent"
    errors = [(".".join(str(p) for p in e["loc"]), str(e["msg"])) for e in caught.value.errors]
    for field in breaks:
        # a field of an embedded document is named in the message of the error on the body
        named = {"body"} if "." in field and field.startswith("plugin_content.") else set()
        assert any(
            loc in (field, f"body.{field}") or (loc in named and all(part in msg for part in field.split(".")))
            for loc, msg in errors
        ), (field, errors)


def _page_answer(number: int) -> dict[str, Any]:
    return dict(next(e.value for e in SUCCESSES if e.api == "apig" and e.name == f"201 example {number}"))


TOLERATED = {
    "an unknown field": lambda b: b | {"plugin_owner": "someone", "create_time": "2024-01-01T00:00:00Z"},
    "an unknown plugin_type": lambda b: b | {"plugin_type": "proxy_cache", "plugin_content": '{"cache_key": {}}'},
    "an unknown plugin_scope": lambda b: b | {"plugin_scope": "instance"},
    "null lists": lambda b: (
        b | {"plugin_content": json.dumps({"api_limit": 10, "specials": None, "parameters": None, "rules": None})}
    ),
    "rate limits of 0": lambda b: (
        b | {"plugin_content": json.dumps({"api_limit": 10, "app_limit": 0, "user_limit": 0, "ip_limit": 0})}
    ),
}


@pytest.mark.parametrize("name", list(TOLERATED))
def test_what_a_real_gateway_plausibly_sends_parses(name: str, server: Scripted) -> None:
    answer = TOLERATED[name](_page_answer(3))
    server.status, server.body = 201, answer
    arguments, body = _valid_call("apig")
    result = _call("apig", server, body, arguments)
    assert result.plugin_type == answer["plugin_type"] and result.plugin_scope == answer["plugin_scope"]
    if name == "an unknown plugin_type":
        assert result.plugin_content == answer["plugin_content"]  # no model for it: the JSON text as sent
        with pytest.raises(ValueError, match="proxy_cache"):
            result.plugin_content_as("cors")
    else:
        content = result.plugin_content_as("rate_limit")
        assert content.model_dump(mode="json", exclude_unset=True) == json.loads(answer["plugin_content"])
    if name == "an unknown field":
        assert result.model_extra == {"plugin_owner": "someone"}


def test_strict_responses_would_catch_an_answer_outside_the_schema(server: Scripted) -> None:
    """The checks above mean something: an answer the response schema refuses fails in strict mode."""
    answer = {k: v for k, v in _page_answer(1).items() if k != "create_time"}  # a required field missing
    server.status, server.body = 201, answer
    arguments, body = _valid_call("apig")
    with pytest.raises(package("huaweicloud_apig").APIResponseValidationError):
        _call("apig", server, body, arguments)
