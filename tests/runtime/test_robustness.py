"""The generated clients against hostile servers on 127.0.0.1 (issue: client robustness), each with a time and
memory bound: path values that would change the path, credentials in logs and messages, deep JSON, oversized and
compressed bodies, a server that drips its answer, redirects and unknown statuses, control characters in server
text. The behaviour lives once, in generator/runtime/; these tests run it as shipped in a generated package."""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import re
import sys
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.runtime.loopback import hostile_server, raw_answer

GENERATED = ROOT / "generated" / "python"
PROJECT = "0c8243400d37468bb4aed3cc94c2911d"
INSTANCE = "f9b5f9b296ec6808e0670a1b2c3d4e5fin14"
TOKEN = "tok-ROBUST-0123456789"
BODY = {"plugin_name": "postgis", "url": "bucket.obs/postgis.zip", "sha_256": "0f" * 32}
JOB = b'{"job_id": "bf26cf3c-d046-4080-bb45-f114be7afa5f"}'


def package(name: str, project: Path | None = None) -> ModuleType:
    path = str(project or GENERATED / name)
    if path not in sys.path:
        sys.path.insert(0, path)
    return importlib.import_module(name)


@pytest.fixture
def gauss() -> ModuleType:
    return package("huaweicloud_gaussdb_opengauss")


def install(client: Any, **kwargs: Any) -> Any:
    return client.install_kernel_plugin(project_id=PROJECT, instance_id=INSTANCE, body=BODY, **kwargs)


@pytest.fixture
def bounded() -> Iterator[None]:
    """Each test here finishes within 10 s and allocates at most 64 MB (Python's allocations, traced)."""
    tracemalloc.start()
    started = time.monotonic()
    yield
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert time.monotonic() - started < 10
    assert peak < 64 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"


pytestmark = pytest.mark.usefixtures("bounded")


# ---- 8: a path value never adds or removes a segment --------------------------------------------------------


@pytest.mark.parametrize(("project", "instance"), [("..", ".."), (".", "x" * 36), ("", "y" * 36)])
def test_dot_segments_are_refused_before_sending(project: str, instance: str) -> None:
    apig = package("huaweicloud_apig")
    with (
        hostile_server(raw_answer(b"HTTP/1.1 201 Created", [])) as (url, seen),
        apig.Client(base_url=url, token=TOKEN) as client,
        pytest.raises(apig.RequestValidationError) as excinfo,
    ):
        body = {
            "plugin_name": "cors_x",
            "plugin_type": "cors",
            "plugin_scope": "global",
            "plugin_content": '{"allow_origin": "*"}',
        }
        client.create_plugin(project_id=project, instance_id=instance, body=body)
        assert seen.paths == []  # nothing was sent
    assert re.search(r"project_id: .*(cannot make the segment|must not be empty)", str(excinfo.value))


def test_reserved_characters_stay_inside_their_segment() -> None:
    apig = package("huaweicloud_apig")
    created = {"plugin_id": "p", "plugin_name": "cors_x", "plugin_type": "cors", "plugin_scope": "global"}
    answer = raw_answer(b"HTTP/1.1 201 Created", [("Content-Type", "application/json")], json.dumps(created).encode())
    with hostile_server(answer) as (url, seen), apig.Client(base_url=url, token=TOKEN) as client:
        body = {**created, "plugin_content": '{"allow_origin": "*"}'}
        client.with_raw_response.create_plugin(project_id="../" * 3 + "x", instance_id="a/b?c#d%2e/./..", body=body)
    assert seen.paths == ["/v2/..%2F..%2F..%2Fx/apigw/instances/a%2Fb%3Fc%23d%252e%2F.%2F../plugins"]


# ---- 10, 11: credentials masked in messages and in httpx/httpcore log records --------------------------------


@pytest.mark.parametrize("token", ["tok\nX-Injected: 1", "tok\r\n", "tok\x00", "tök€n"])
def test_a_token_that_cannot_be_a_header_value_is_refused_without_echo(gauss: ModuleType, token: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        gauss.Client(base_url="http://127.0.0.1:9", token=token)
    assert "tok" not in str(excinfo.value) and excinfo.value.__cause__ is None


def test_api_key_in_the_query_is_masked_in_httpx_log(caplog: pytest.LogCaptureFixture) -> None:
    hostile = package("hostile", ROOT / "tests" / "fixtures" / "generate" / "hostile" / "expected")
    secret = "QUERY-KEY-s3cr3t"
    caplog.set_level(logging.DEBUG)
    answer = raw_answer(b"HTTP/1.1 200 OK", [("Content-Type", "application/json")], b'{"id": 1}')
    with hostile_server(answer) as (url, seen), hostile.Client(base_url=url, def_=secret) as client:
        client.with_raw_response_()
    assert secret in seen.paths[0]  # it was sent ...
    httpx_lines = [r.getMessage() for r in caplog.records if r.name.startswith(("httpx", "httpcore"))]
    assert any("HTTP Request: DELETE" in line and "<redacted>" in line for line in httpx_lines)
    assert secret not in caplog.text  # ... and never logged, by httpx, httpcore or the client


def test_credentials_stay_out_of_connection_errors_and_debug_logs(
    gauss: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    def reset(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"garbage that is not HTTP\r\n\r\n")

    with (
        hostile_server(reset) as (url, _),
        gauss.Client(base_url=url, token=TOKEN, max_retries=1) as client,
        pytest.raises(gauss.APIConnectionError) as excinfo,
    ):
        install(client)
    error = excinfo.value
    assert error.__cause__ is None and error.__context__ is None  # no chained httpx exception to leak through
    texts = [str(error), repr(error), error.reason, caplog.text, repr(client)]
    assert all(TOKEN not in text for text in texts)
    assert "'x-auth-token': '<redacted>'" in caplog.text  # the header was logged, by name only


# ---- 14: deep or broken JSON --------------------------------------------------------------------------------

DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize("status", [200, 400])
def test_deep_json_gives_the_package_error(gauss: ModuleType, status: int) -> None:
    answer = raw_answer(f"HTTP/1.1 {status} X".encode(), [("Content-Type", "application/json")], DEEP)
    with hostile_server(answer) as (url, _), gauss.Client(base_url=url, token=TOKEN, max_retries=0) as client:
        expected = gauss.APIResponseValidationError if status == 200 else gauss.BadRequestError
        with pytest.raises(expected) as excinfo:
            install(client)
        assert isinstance(excinfo.value, gauss.APIError)
        raw = client.with_raw_response.install_kernel_plugin(project_id=PROJECT, instance_id=INSTANCE, body=BODY) \
            if status == 200 else None  # fmt: skip
    if raw is not None:
        with pytest.raises(ValueError, match="nested too deeply"):
            raw.json()
    else:
        assert excinfo.value.body is None and excinfo.value.raw == DEEP


def test_broken_json_success_is_the_package_error(gauss: ModuleType) -> None:
    answer = raw_answer(b"HTTP/1.1 200 OK", [("Content-Type", "application/json")], b'{"job_id": "x"')
    with (
        hostile_server(answer) as (url, _),
        gauss.Client(base_url=url, token=TOKEN) as client,
        pytest.raises(gauss.APIResponseValidationError, match="the body is not JSON"),
    ):
        install(client)


# ---- 15: response size and decompressed size ----------------------------------------------------------------


def _gzip_bomb(mebibytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: the gzip container
    block = bytes(1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(mebibytes)) + packer.flush()


BOMB = _gzip_bomb(200)


def test_gzip_bomb_stops_at_the_limit(gauss: ModuleType) -> None:
    bomb = BOMB  # 200 MiB inflated, ~200 KB on the wire
    assert len(bomb) < 1024 * 1024
    headers = [("Content-Type", "application/json"), ("Content-Encoding", "gzip")]
    with (
        hostile_server(raw_answer(b"HTTP/1.1 200 OK", headers, bomb)) as (url, _),
        gauss.Client(base_url=url, token=TOKEN, max_response_size=4 * 1024 * 1024) as client,
        pytest.raises(gauss.APIResponseValidationError, match="larger than max_response_size") as excinfo,
    ):
        install(client)
    assert len(excinfo.value.response.content) == 4 * 1024 * 1024  # the first bytes stay readable


def test_default_limit_refuses_a_large_declared_body_before_reading(gauss: ModuleType) -> None:
    def huge(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n")
        handler.wfile.write(b"[" * 65536)

    with (
        hostile_server(huge) as (url, _),
        gauss.Client(base_url=url, token=TOKEN) as client,
        pytest.raises(gauss.APIResponseValidationError, match="larger than max_response_size"),
    ):
        install(client)
    assert gauss.client.DEFAULT_MAX_RESPONSE_SIZE == 32 * 1024 * 1024


def test_async_client_has_the_same_limit(gauss: ModuleType) -> None:
    body = b'{"job_id": "' + b"x" * 2_000_000 + b'"}'
    answer = raw_answer(b"HTTP/1.1 200 OK", [("Content-Type", "application/json")], body)

    async def main(url: str) -> None:
        async with gauss.AsyncClient(base_url=url, token=TOKEN, max_response_size=1_000_000) as client:
            await install(client)

    with hostile_server(answer) as (url, _), pytest.raises(gauss.APIResponseValidationError):
        asyncio.run(main(url))


# ---- 16: an overall deadline beside the per-phase timeouts --------------------------------------------------


def drip(handler: BaseHTTPRequestHandler) -> None:
    """Headers at once, then one byte of the body every 0.2 s: no read ever times out."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
    handler.wfile.flush()
    for _ in range(1000):
        time.sleep(0.2)
        handler.wfile.write(b" ")
        handler.wfile.flush()


@pytest.mark.slow
def test_deadline_bounds_a_dripping_server(gauss: ModuleType) -> None:
    with hostile_server(drip) as (url, seen), gauss.Client(base_url=url, token=TOKEN, timeout=5) as client:
        started = time.monotonic()
        with pytest.raises(gauss.APITimeoutError, match=r"deadline of 1\.0 s passed") as excinfo:
            install(client, deadline=1.0)
        elapsed = time.monotonic() - started
    assert 1.0 <= elapsed < 1.6, elapsed
    assert excinfo.value.attempts == 1 and len(seen.paths) == 1  # no retry could finish in time


@pytest.mark.slow
def test_deadline_covers_every_retry(gauss: ModuleType) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(0.4)
        raw_answer(b"HTTP/1.1 503 Busy", [("Retry-After", "0")])(handler)

    with hostile_server(slow) as (url, seen):
        client = gauss.Client(base_url=url, token=TOKEN, deadline=1.0, max_retries=10, retry_backoff=0.01)
        started = time.monotonic()
        with client, pytest.raises(gauss.APIError):
            install(client)
        elapsed = time.monotonic() - started
    assert elapsed < 1.5 and 2 <= len(seen.paths) <= 3, (elapsed, len(seen.paths))


@pytest.mark.slow
def test_async_deadline(gauss: ModuleType) -> None:
    async def main(url: str) -> None:
        async with gauss.AsyncClient(base_url=url, token=TOKEN, timeout=5, deadline=0.8) as client:
            await install(client)

    with hostile_server(drip) as (url, _):
        started = time.monotonic()
        with pytest.raises(gauss.APITimeoutError):
            asyncio.run(main(url))
        assert time.monotonic() - started < 1.4


# ---- 17: a typed error for every status that is not a success ----------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("status_line", "headers"),
    [
        (b"HTTP/1.1 302 Found", [("Location", "http://127.0.0.1:9/elsewhere")]),
        (b"HTTP/1.1 304 Not Modified", []),
        (b"HTTP/1.1 307 Temporary Redirect", [("Location", "/v3/x")]),
        (b"HTTP/1.1 999 Whatever", []),
    ],
)
def test_unexpected_statuses_raise_instead_of_returning_none(
    gauss: ModuleType, status_line: bytes, headers: list[tuple[str, str]]
) -> None:
    with (
        hostile_server(raw_answer(status_line, headers)) as (url, seen),
        gauss.Client(base_url=url, token=TOKEN) as c,
        pytest.raises(gauss.UnexpectedStatusError) as excinfo,
    ):
        install(c)
    assert isinstance(excinfo.value, gauss.APIStatusError)
    assert excinfo.value.status_code == int(status_line.split()[1]) and len(seen.paths) == 1  # not followed


# ---- 18: server text in messages loses its control characters ----------------------------------------------


def test_control_characters_from_the_server_never_reach_a_message(gauss: ModuleType) -> None:
    body = (
        b'{"error_code": "DBS.1\\u001b[2J", "error_msg": "line1\\nline2\\u001b]8;;http://evil\\u0007 \\u202egnp.exe"}'
    )
    headers = [("Content-Type", "application/json"), ("X-Request-Id", "r-1\x1b[31m\x7fred")]
    with (
        hostile_server(raw_answer(b"HTTP/1.1 400 Bad\x1b[0m Request", headers, body)) as (url, _),
        gauss.Client(base_url=url, token=TOKEN) as client,
        pytest.raises(gauss.BadRequestError) as excinfo,
    ):
        install(client)
    message = str(excinfo.value)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c == "\u202e" for c in message), repr(message)
    assert "line1 line2" in message and "[request id r-1 [31m red]" in message
    assert excinfo.value.error_msg.startswith("line1\nline2")  # the attribute keeps what was sent
