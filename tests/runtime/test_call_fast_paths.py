"""The shortcuts a call takes send what the general path sends: the request built without
`httpx.Client.build_request` (headers merged the same way, the http_client's query and cookie jar still honoured),
the cache of URLs, and the conditions of the conditional rules evaluated without their messages."""

from __future__ import annotations

import importlib
import json
import logging
import socket
import sys
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.runtime import rules
from generator.runtime._core import _merged_headers, _request
from tests.conftest import ROOT
from tests.runtime.loopback import hostile_server, raw_answer

PROJECT = "0c8243400d37468bb4aed3cc94c2911d"
INSTANCE = "eddc4d25480b4cd6b512f270a1b8b341"
CREATED = {"plugin_id": "p", "plugin_name": "cors_x", "plugin_type": "cors", "plugin_scope": "global"}
BODY = {**CREATED, "plugin_content": '{"allow_origin": "*"}'}


@pytest.fixture
def apig() -> ModuleType:
    path = str(ROOT / "generated" / "python" / "huaweicloud_apig")
    if path not in sys.path:
        sys.path.insert(0, path)
    return importlib.import_module("huaweicloud_apig")


@pytest.mark.parametrize(
    ("client_headers", "call_headers"),
    [
        (None, {"User-Agent": "pkg/1", "Accept": "application/json", "X-Auth-Token": "t"}),
        ({"X-Tenant": "a", "accept": "text/plain"}, {"Accept": "application/json", "x-tenant": "b"}),
        ({"Connection": "close"}, {"CONNECTION": "keep-alive", "Content-Type": "application/json"}),
        (httpx.Headers({b"X-Latin": b"caf\xe9"}), {"Accept": "*/*"}),
    ],
)
def test_headers_merge_as_build_request_merges_them(
    client_headers: dict[str, str] | httpx.Headers | None, call_headers: dict[str, str]
) -> None:
    with httpx.Client(headers=client_headers) as client:
        expected = client.build_request("POST", "http://127.0.0.1/x", headers=call_headers, content=b"{}")
        merged = _merged_headers(client.headers, call_headers)
        built = httpx.Request("POST", "http://127.0.0.1/x", headers=merged, content=b"{}")
    assert built.headers.raw == expected.headers.raw


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE", "post"])
@pytest.mark.parametrize("content", [None, b"", b'{"a": 1}'])
@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/x?q=%20", "https://[::1]/y", "http://example.test/"])
def test_a_request_of_fixed_headers_is_the_one_httpx_builds(method: str, content: bytes | None, url: str) -> None:
    headers = [(b"User-Agent", b"pkg/1"), (b"Accept", b"application/json"), (b"X-Latin", b"caf\xe9")]
    expected = httpx.Request(method, url, headers=headers, content=content, extensions={"timeout": {}})
    built = _request(method, httpx.URL(url), headers, content, {"timeout": {}})
    assert built.headers.raw == expected.headers.raw
    assert (built.method, built.url, built.content, built.extensions) == (
        expected.method,
        expected.url,
        expected.content,
        expected.extensions,
    )
    assert type(built.stream) is type(expected.stream)  # the transports look at the exact type


@pytest.mark.parametrize(
    ("client_headers", "own_headers"),
    [
        (None, {}),
        ({"X-Tenant": "a", "accept": "text/plain"}, {"x-tenant": "b"}),
        ({"Host": "virtual.example"}, {}),
        (None, {"host": "virtual.example"}),
        (None, {"Transfer-Encoding": "chunked"}),
    ],
)
def test_the_fixed_headers_are_what_the_general_path_sends(
    apig: ModuleType, client_headers: dict[str, str] | None, own_headers: dict[str, str]
) -> None:
    """Calls without header parameters or extra headers reuse their operation's merged headers; a client that
    names a header httpx sets itself (Host, Content-Length, Transfer-Encoding) takes the general path, and a
    change to the http_client's headers is seen by the next call."""
    body = json.dumps(BODY).encode()
    with (
        httpx.Client(headers=client_headers) as http,
        apig.Client(base_url="http://127.0.0.1:9/", token="tok", http_client=http, headers=own_headers) as client,
    ):
        operation = apig._api.OP_CREATE_PLUGIN
        values = client._wire_parts(operation, {"project_id": PROJECT, "instance_id": INSTANCE})
        for change in ({}, {"X-Added": "1"}):
            http.headers.update(change)
            built = client._build_request(http, operation, values, body, "application/json", {}, None)
            general = client._build_request(http, operation, values, body, "application/json", {}, {"X-Extra": "e"})
            del general.headers["X-Extra"]
            assert built.headers.raw == general.headers.raw
            assert built.content == general.content and built.url == general.url
            assert ("X-Added" in built.headers) is bool(change)
            assert built.headers["X-Auth-Token"] == "tok"
    names = {name.lower() for name in {**(client_headers or {}), **own_headers}}
    reused = [fixed for fixed in client._fixed[1].values() if fixed is not None]
    assert bool(reused) is not bool(names & {"host", "content-length", "transfer-encoding"})


def test_kept_arguments_are_written_as_when_first_validated() -> None:
    """Plain argument values are validated and written once, then kept by value and type; anything else, and any
    argument that breaks the spec, goes through validation every time."""
    from tests.runtime.test_robustness import package

    hostile = package("hostile", ROOT / "tests" / "fixtures" / "generate" / "hostile" / "expected")
    request = importlib.import_module("hostile._request")
    operation = importlib.import_module("hostile._api").OP_CLASS
    base = {"item_id": "a/b", "class_": 7, "self_": hostile.NOT_GIVEN, "x_foo": "h", "sess_ion": "c"}
    valid: list[dict[str, Any]] = [
        {},
        {"timeout_": 1},
        {"self_": True},
        {"self_": False},
        {"self_": 1},  # equal to True, and kept apart from it (the models read both as true)
        {"timeout_": True},
        {"class_": "7"},
        {"param_1st": 1.5},
        {"str_": ["x", "y"]},
        {"timeout_": 1},
    ]
    with hostile.Client(base_url="http://127.0.0.1:9", def_="k") as client:
        for change in valid + valid:
            arguments = {**base, **change}
            expected = request.wire_parts(operation, request.validated_arguments(operation, arguments))
            assert client._wire_parts(operation, arguments) == expected
        kept = len(client._wired)
        assert kept == 7  # the plain variants, each once (a float or a list is validated every time)
        for change in ({"class_": "x"}, {"self_": "maybe"}, {"class_": "x"}):
            with pytest.raises(hostile.RequestValidationError):
                client._wire_parts(operation, {**base, **change})
        assert len(client._wired) == kept


def test_the_http_clients_query_and_cookies_still_go_out(apig: ModuleType) -> None:
    headers = [("Content-Type", "application/json"), ("Set-Cookie", "affinity=node-7; Path=/")]
    answer = raw_answer(b"HTTP/1.1 201 Created", headers, json.dumps(CREATED).encode())
    with hostile_server(answer) as (url, seen):
        http = httpx.Client(params={"tenant": "t1"})
        with apig.Client(base_url=url, token="tok", http_client=http) as client:
            for _ in range(2):
                client.create_plugin(project_id=PROJECT, instance_id=INSTANCE, body=BODY)
        http.close()
        with apig.Client(base_url=url, token="tok") as client:  # its own pool: the jar fills, then is sent
            for _ in range(2):
                client.create_plugin(project_id=PROJECT, instance_id=INSTANCE, body=BODY)
    assert all(path.endswith("/plugins?tenant=t1") for path in seen.paths[:2])
    assert "affinity=node-7" in seen.headers[1].get("Cookie", "")
    assert "Cookie" not in seen.headers[2]
    assert "affinity=node-7" in seen.headers[3].get("Cookie", "")
    assert seen.headers[2]["X-Auth-Token"] == "tok" and seen.headers[2]["Accept"] == "application/json"


def test_the_url_cache_is_bounded_and_exact(apig: ModuleType) -> None:
    with apig.Client(base_url="http://127.0.0.1:9/base/?ignored=1", token="tok") as client:
        for index in range(600):
            url = client._url(f"/items/{index}?q=%20{index}")
            assert url.raw_path == f"/base/items/{index}?q=%20{index}".encode()
            assert len(client._urls) <= 256
        assert client._url("/items/599?q=%20599") is client._url("/items/599?q=%20599")


CASES: list[tuple[dict[str, Any], Any]] = [
    ({"type": "string", "const": "kafka_log"}, "kafka_log"),
    ({"type": "string", "const": "kafka_log"}, "cors"),
    ({"type": "string"}, 1),
    ({"type": ["string", "null"]}, None),
    ({"type": "integer", "const": 0}, 0),
    ({"type": "integer", "const": 0}, False),
    ({"type": "integer"}, 1.0),
    ({"type": "boolean", "const": True}, 1),
    ({"enum": ["a", 1, True]}, True),
    ({"enum": ["a", 1]}, True),
    ({"enum": [[1, 2], {"a": 1}]}, {"a": 1}),
    ({"pattern": "^[a-z]+$"}, "abc"),
    ({"pattern": "^[a-z]+$"}, "ab1"),
    ({"pattern": "^[a-z]+$"}, 5),
    ({"required": ["a", "b"]}, {"a": 1}),
    ({"required": ["a"], "type": "object"}, {"a": None}),
    ({"required": ["a"]}, "not an object"),
    ({}, None),
]


@pytest.mark.parametrize(("schema", "value"), CASES)
def test_conditions_hold_exactly_when_they_have_no_problems(schema: dict[str, Any], value: Any) -> None:
    assert rules._holds(rules._node(schema), value) is (not rules._assertions(schema, value))


def test_the_own_pool_short_cut_keeps_what_httpx_records(apig: ModuleType, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="httpx")
    answer = raw_answer(b"HTTP/1.1 201 Created", [("Content-Type", "application/json")], json.dumps(CREATED).encode())
    with hostile_server(answer) as (url, _), apig.Client(base_url=url, token="tok") as client:
        assert client._transport is not None  # the short cut is taken
        raw = client.with_raw_response.create_plugin(project_id=PROJECT, instance_id=INSTANCE, body=BODY)
    assert raw.http_response.request.method == "POST"
    assert raw.http_response.elapsed.total_seconds() > 0
    assert any(
        r.getMessage().startswith("HTTP Request: POST ") and '"HTTP/1.1 201 Created"' in r.getMessage()
        for r in caplog.records
        if r.name == "httpx"
    )
    with pytest.raises(RuntimeError, match="closed"):  # as httpx refuses a closed client
        client.create_plugin(project_id=PROJECT, instance_id=INSTANCE, body=BODY)


def test_a_refused_connection_is_still_an_api_connection_error(apig: ModuleType) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens once the socket is closed
    client = apig.Client(base_url=f"http://127.0.0.1:{port}", token="tok", max_retries=0)
    with client, pytest.raises(apig.APIConnectionError) as excinfo:
        client.create_plugin(project_id=PROJECT, instance_id=INSTANCE, body=BODY)
    assert excinfo.value.attempts == 1
