"""Strict in what the client sends, tolerant in what it receives: the generated clients read what a real server
plausibly answers (unknown fields, unknown enum values, nulls, values outside request constraints), warn about
what breaks the spec with the response reachable, and raise only with `strict_responses=True` (per client or per
call). `MISSING`, the value of an absent field, is falsy. Real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import sys
from types import ModuleType
from typing import Any

import pytest
from pydantic import MISSING

from tests.conftest import ROOT
from tests.runtime.loopback import hostile_server, raw_answer

PROJECT = "0c8243400d37468bb4aed3cc94c2911d"
INSTANCE = "eddc4d25480b4cd6b512f270a1b8b341"
CREATED = {
    "plugin_id": "5b729aa252764739b3s237ef0d66dc63",
    "plugin_name": "CORS_x",
    "plugin_type": "cors",
    "plugin_scope": "global",
    "plugin_content": json.dumps({"allow_origin": "*", "max_age": 100}),
    "create_time": "2023-05-06T06:54:59.296181801Z",
    "update_time": "2022-11-02T12:31:23.353Z",
}
REQUEST = {
    "plugin_name": "cors_x",
    "plugin_type": "cors",
    "plugin_scope": "global",
    "plugin_content": '{"allow_origin": "*"}',
}


def apig() -> ModuleType:
    folder = str(ROOT / "generated" / "python" / "huaweicloud_apig")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module("huaweicloud_apig")


def create(body: dict[str, Any], **options: Any) -> Any:
    package = apig()
    answer = raw_answer(b"HTTP/1.1 201 Created", [("Content-Type", "application/json")], json.dumps(body).encode())
    call = options.pop("call", {})
    with hostile_server(answer) as (url, seen), package.Client(base_url=url, token="t", **options) as client:
        result = client.create_plugin(project_id=PROJECT, instance_id=INSTANCE, body=REQUEST, **call)
    assert len(seen.paths) == 1
    return result


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno == logging.WARNING and r.name == "huaweicloud_apig"]


def test_a_response_that_matches_gives_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    result = create(CREATED)
    assert isinstance(result.plugin_content, apig().models.CorsPluginContentReturned)
    assert result.plugin_content.max_age == 100 and warnings_of(caplog) == []


def test_unknown_fields_are_kept_without_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    result = create({**CREATED, "new_field": {"nested": [1, 2]}, "plugin_version": 3})
    assert result.model_extra == {"new_field": {"nested": [1, 2]}, "plugin_version": 3}
    assert warnings_of(caplog) == []


def test_what_the_vendor_documents_loosely_needs_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    """The response-side schema is open where the vendor's answers are: a scope and a type the page does not list
    (the content of an unknown type stays its JSON text), a name with spaces."""
    changes = {
        "plugin_scope": "app",
        "plugin_type": "proxy_cache",
        "plugin_content": '{"ttl": 60}',
        "plugin_name": "A b",
    }
    result = create({**CREATED, **changes})
    assert (result.plugin_scope, result.plugin_type, result.plugin_name) == ("app", "proxy_cache", "A b")
    assert result.plugin_content == '{"ttl": 60}' and warnings_of(caplog) == []


@pytest.mark.parametrize(
    ("changes", "check"),
    [
        ({"remark": 5}, lambda r: r.remark == 5),  # a value of another type
        (  # a value of the wrong type inside the content: the rest of the content keeps its model
            {"plugin_content": json.dumps({"allow_origin": "*", "max_age": "one day"})},
            lambda r: (
                type(r.plugin_content).__name__ == "CorsPluginContentReturned"
                and (r.plugin_content.allow_origin, r.plugin_content.max_age) == ("*", "one day")
            ),
        ),
        ({"remark": None}, lambda r: r.remark is None),  # null where the spec does not allow it
        ({"create_time": "yesterday"}, lambda r: r.create_time == "yesterday"),
        ({"plugin_id": None}, lambda r: r.plugin_id is None),
        ({"plugin_content": "{not json"}, lambda r: r.plugin_content == "{not json"),
    ],
    ids=["wrong-type", "content-type", "null", "bad-time", "null-id", "broken-content"],
)
def test_a_response_that_breaks_the_spec_is_read_with_a_warning(
    caplog: pytest.LogCaptureFixture, changes: dict[str, Any], check: Any
) -> None:
    result = create({**CREATED, **changes})
    assert type(result).__name__ == "CreatePluginResponse" and result.create_time  # the rest is typed as usual
    assert check(result)
    (record,) = warnings_of(caplog)
    assert "does not match the spec" in record.getMessage()
    assert record.response.status_code == 201  # type: ignore[attr-defined]  # the raw response is reachable
    assert json.loads(record.response.content) == {**CREATED, **changes}  # type: ignore[attr-defined]
    for value in changes.values():  # the warning names where, never the values
        assert str(value) not in record.getMessage() or str(value) == "None"


@pytest.mark.parametrize(
    "changes",
    [
        {"plugin_scope": "app"},  # the page's own answers: the response schema describes what the vendor returns
        {"plugin_name": "CORS Plug-in"},
        {"plugin_content": json.dumps({"allow_origin": "*", "max_age": 172800})},
        {"plugin_type": "proxy_cache", "plugin_content": '{"ttl": 60}'},  # a type this client does not know
    ],
    ids=["scope-app", "name-with-spaces", "content-over-request-bound", "unknown-type"],
)
def test_what_the_response_schema_allows_gives_no_warning(
    caplog: pytest.LogCaptureFixture, changes: dict[str, Any]
) -> None:
    result = create({**CREATED, **changes}, strict_responses=True)
    assert warnings_of(caplog) == []
    dumped = result.model_dump(mode="json", by_alias=True)
    for key, value in changes.items():  # the embedded document is compared as JSON (its text is re-serialized)
        assert json.loads(dumped[key]) == json.loads(value) if key == "plugin_content" else dumped[key] == value


@pytest.mark.slow
def test_strict_responses_per_client_and_per_call() -> None:
    package = apig()
    broken = {**CREATED, "create_time": "yesterday"}
    with pytest.raises(package.APIResponseValidationError) as excinfo:
        create(broken, strict_responses=True)
    assert "create_time" in str(excinfo.value)
    with pytest.raises(package.APIResponseValidationError):
        create(broken, call={"strict_responses": True})
    assert create(broken, strict_responses=True, call={"strict_responses": False}).create_time == "yesterday"


def test_the_async_client_is_as_tolerant(caplog: pytest.LogCaptureFixture) -> None:
    package = apig()
    answer = raw_answer(
        b"HTTP/1.1 201 Created", [("Content-Type", "application/json")], json.dumps({**CREATED, "x": 1}).encode()
    )

    async def main(url: str) -> Any:
        async with package.AsyncClient(base_url=url, token="t") as client:
            raw = await client.with_raw_response.create_plugin(project_id=PROJECT, instance_id=INSTANCE, body=REQUEST)
            return raw.parse(), raw

    with hostile_server(answer) as (url, _):
        result, raw = asyncio.run(main(url))
    assert result.model_extra == {"x": 1} and raw.problems == [] and warnings_of(caplog) == []


def test_requests_stay_strict() -> None:
    """What the client accepts in an answer it still refuses to send."""
    package = apig()
    with (
        package.Client(base_url="http://127.0.0.1:9", token="t") as client,
        pytest.raises(package.RequestValidationError, match="plugin_scope"),
    ):
        client.create_plugin(project_id=PROJECT, instance_id=INSTANCE, body={**REQUEST, "plugin_scope": "gateway"})


def test_missing_is_falsy_and_kept_apart_from_null() -> None:
    models = apig().models  # importing a generated package's models makes pydantic's MISSING falsy
    result = models.CreatePluginResponse.model_validate(CREATED)
    assert result.remark is MISSING and not result.remark and (result.remark or "no remark") == "no remark"
    assert "remark" not in result.model_dump() and repr(MISSING) == "MISSING"
    assert models.CreatePluginResponse.model_validate({**CREATED, "remark": "r"}).remark == "r"
