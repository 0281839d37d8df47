"""The async client over `AiohttpClient` (the packages' aiohttp transport) keeps the client's guarantees: the
request exactly as written, retries, per-phase timeouts, the overall deadline, the response-size limits and
credential redaction, each against a real server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
import zlib
from collections.abc import Awaitable, Callable
from http.server import BaseHTTPRequestHandler
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.runtime.loopback import hostile_server, raw_answer
from tests.runtime.test_robustness import INSTANCE, JOB, PROJECT, TOKEN, drip, install, package

JSON = [("Content-Type", "application/json")]


@pytest.fixture
def gauss() -> ModuleType:
    return package("huaweicloud_gaussdb_opengauss")


def run(gauss: ModuleType, url: str, call: Callable[[Any], Awaitable[Any]], **options: Any) -> Any:
    """`call(client)` on an AsyncClient over AiohttpClient, both closed afterwards, within 10 s."""

    async def main() -> Any:
        async with gauss.AiohttpClient() as http, gauss.AsyncClient(base_url=url, http_client=http, **options) as api:
            return await asyncio.wait_for(call(api), 10)

    return asyncio.run(main())


def test_a_call_sends_the_request_as_written_and_parses_the_answer(gauss: ModuleType) -> None:
    answer = raw_answer(b"HTTP/1.1 200 OK", JSON, JOB)
    with hostile_server(answer) as (url, seen):
        result = run(gauss, url, install, token=TOKEN)
    assert result.job_id == "bf26cf3c-d046-4080-bb45-f114be7afa5f"
    assert seen.paths == [f"/v3/{PROJECT}/instances/{INSTANCE}/kernel-plugin"]
    headers = {k.lower(): v for k, v in seen.headers[0].items()}
    assert headers["x-auth-token"] == TOKEN
    assert headers["content-type"] == "application/json" and headers["accept"] == "application/json"
    assert headers["user-agent"].startswith("huaweicloud-gaussdb-opengauss/")  # not aiohttp's own
    assert headers["accept-encoding"] == "gzip, deflate"


@pytest.mark.slow
def test_query_values_keep_their_encoding() -> None:
    """yarl re-quotes a URL handed to it as text: the transport passes it as already encoded, so what arrives is
    byte for byte what httpx's own transport sends."""
    hostile = package("hostile", ROOT / "tests" / "fixtures" / "generate" / "hostile" / "expected")
    answer = raw_answer(b"HTTP/1.1 200 OK", JSON, b'{"id": 1}')
    key = "a b/c%2Fd+e&f=g~h"

    async def main(url: str, aiohttp: bool) -> None:
        http = hostile.AiohttpClient() if aiohttp else None
        async with hostile.AsyncClient(base_url=url, def_=key, http_client=http) as client:
            await client.with_raw_response_()
        if http is not None:
            await http.aclose()

    paths = []
    for aiohttp in (True, False):
        with hostile_server(answer) as (url, seen):
            asyncio.run(main(url, aiohttp))
        paths.append(seen.paths)
    assert paths[0] == paths[1] and len(paths[0]) == 1 and "%2F" in paths[0][0]


def test_busy_answers_are_retried_then_succeed(gauss: ModuleType) -> None:
    answers = iter(
        [raw_answer(b"HTTP/1.1 503 Busy", [("Retry-After", "0")])] * 2 + [raw_answer(b"HTTP/1.1 200 OK", JSON, JOB)]
    )

    def answer(handler: BaseHTTPRequestHandler) -> None:
        next(answers)(handler)

    with hostile_server(answer) as (url, seen):
        result = run(gauss, url, install, token=TOKEN, max_retries=2, retry_backoff=0.01)
    assert result.job_id and len(seen.paths) == 3


def test_a_refused_connection_is_retried_and_reported(gauss: ModuleType) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(gauss.APIConnectionError) as excinfo:
        run(gauss, f"http://127.0.0.1:{port}", install, token=TOKEN, max_retries=1, retry_backoff=0.01)
    assert excinfo.value.attempts == 2 and "ConnectError" in str(excinfo.value)
    assert not isinstance(excinfo.value, gauss.APITimeoutError)


def test_a_server_that_never_answers_hits_the_read_timeout(gauss: ModuleType) -> None:
    def silent(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(2)

    with hostile_server(silent) as (url, _):
        started = time.monotonic()
        with pytest.raises(gauss.APITimeoutError, match="ReadTimeout"):
            run(gauss, url, install, token=TOKEN, timeout=0.3, max_retries=0)
        assert time.monotonic() - started < 1.5


@pytest.mark.slow
def test_the_deadline_bounds_a_dripping_server(gauss: ModuleType) -> None:
    with hostile_server(drip) as (url, seen):
        started = time.monotonic()
        with pytest.raises(gauss.APITimeoutError, match=r"deadline of 0\.8 s passed") as excinfo:
            run(gauss, url, install, token=TOKEN, timeout=5, deadline=0.8)
        elapsed = time.monotonic() - started
    assert 0.8 <= elapsed < 1.5, elapsed
    assert excinfo.value.attempts == 1 and len(seen.paths) == 1


def test_a_body_cut_short_is_a_connection_error(gauss: ModuleType) -> None:
    def short(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{")

    with hostile_server(short) as (url, seen), pytest.raises(gauss.APIConnectionError):
        run(gauss, url, install, token=TOKEN, max_retries=1, retry_backoff=0.01)
    assert len(seen.paths) == 2  # retried, like any dropped connection


@pytest.mark.slow
def test_a_large_body_stops_at_the_limit(gauss: ModuleType) -> None:
    body = b'{"job_id": "' + b"x" * 2_000_000 + b'"}'
    answer = raw_answer(b"HTTP/1.1 200 OK", JSON, body)
    with (
        hostile_server(answer) as (url, _),
        pytest.raises(gauss.APIResponseValidationError, match="larger than max_response_size"),
    ):
        run(gauss, url, install, token=TOKEN, max_response_size=1_000_000)


@pytest.mark.slow
def test_a_gzip_bomb_stops_at_the_limit(gauss: ModuleType) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join(packer.compress(bytes(1024 * 1024)) for _ in range(64)) + packer.flush()
    headers = [*JSON, ("Content-Encoding", "gzip")]
    with (
        hostile_server(raw_answer(b"HTTP/1.1 200 OK", headers, bomb)) as (url, _),
        pytest.raises(gauss.APIResponseValidationError, match="larger than max_response_size") as excinfo,
    ):
        run(gauss, url, install, token=TOKEN, max_response_size=1024 * 1024)
    assert len(excinfo.value.response.content) == 1024 * 1024  # inflated here, not by aiohttp


def test_a_gzipped_answer_is_inflated_once(gauss: ModuleType) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    gzipped = packer.compress(JOB) + packer.flush()
    answer = raw_answer(b"HTTP/1.1 200 OK", [*JSON, ("Content-Encoding", "gzip")], gzipped)
    with hostile_server(answer) as (url, _):
        assert run(gauss, url, install, token=TOKEN).job_id == json.loads(JOB)["job_id"]


def test_credentials_stay_out_of_errors_and_logs(gauss: ModuleType, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    def garbage(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(b"garbage that is not HTTP\r\n\r\n")

    with hostile_server(garbage) as (url, _), pytest.raises(gauss.APIConnectionError) as excinfo:
        run(gauss, url, install, token=TOKEN, max_retries=1, retry_backoff=0.01)
    error = excinfo.value
    assert error.__cause__ is None and error.__context__ is None
    assert all(TOKEN not in text for text in (str(error), repr(error), error.reason, caplog.text))
    assert "'x-auth-token': '<redacted>'" in caplog.text


def test_connections_are_reused(gauss: ModuleType) -> None:
    """Read to the end, a response gives its connection back: ten calls in a row use one connection."""
    connections = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(writer)
        while head := await reader.readuntil(b"\r\n\r\n"):
            length = next(int(h.split(b":")[1]) for h in head.lower().split(b"\r\n") if h.startswith(b"content-length"))
            await reader.readexactly(length)
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(JOB), JOB)
            )
            await writer.drain()

    async def main() -> None:
        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            async with (
                gauss.AiohttpClient() as http,
                gauss.AsyncClient(base_url=f"http://127.0.0.1:{port}", token=TOKEN, http_client=http) as client,
            ):
                for _ in range(10):
                    assert (await asyncio.wait_for(install(client), 5)).job_id
            for writer in connections:
                writer.close()

    asyncio.run(main())
    assert len(connections) == 1


def test_a_query_api_key_is_masked_in_the_httpx_log_line(caplog: pytest.LogCaptureFixture) -> None:
    """AiohttpClient's short-cut `send` writes httpx's "HTTP Request" line itself: the key stays masked there."""
    hostile = package("hostile", ROOT / "tests" / "fixtures" / "generate" / "hostile" / "expected")
    secret = "QUERY-KEY-aio-s3cr3t"
    caplog.set_level(logging.DEBUG)
    answer = raw_answer(b"HTTP/1.1 200 OK", JSON, b'{"id": 1}')

    async def main(url: str) -> None:
        async with (
            hostile.AiohttpClient() as http,
            hostile.AsyncClient(base_url=url, def_=secret, http_client=http) as c,
        ):
            await c.with_raw_response_()

    with hostile_server(answer) as (url, seen):
        asyncio.run(main(url))
    assert secret in seen.paths[0]
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("httpx")]
    assert any("HTTP Request: DELETE" in line and "<redacted>" in line for line in lines)
    assert secret not in caplog.text


def test_event_hooks_take_httpx_s_own_path(gauss: ModuleType) -> None:
    seen_by_hook: list[int] = []

    async def hook(response: Any) -> None:
        seen_by_hook.append(response.status_code)

    async def main(url: str) -> Any:
        async with (
            gauss.AiohttpClient(event_hooks={"response": [hook]}) as http,
            gauss.AsyncClient(base_url=url, token=TOKEN, http_client=http) as client,
        ):
            return await install(client)

    with hostile_server(raw_answer(b"HTTP/1.1 200 OK", JSON, JOB)) as (url, _):
        assert asyncio.run(main(url)).job_id
    assert seen_by_hook == [200]


def test_a_server_that_never_reads_the_request_hits_a_write_timeout() -> None:
    """aiohttp has no write timeout: the transport bounds sending by write + read."""
    import httpx
    from huaweicloud_gaussdb_opengauss._aiohttp import AiohttpTransport

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepted by the kernel, never read: the socket buffers fill and sending stalls
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/upload"
        request = httpx.Request("PUT", url, content=bytes(64 * 1024 * 1024))
        request.extensions["timeout"] = {"connect": 1.0, "read": 0.3, "write": 0.3, "pool": 1.0}

        async def main() -> None:
            transport = AiohttpTransport()
            try:
                await transport.handle_async_request(request)
            finally:
                await transport.aclose()

        started = time.monotonic()
        with pytest.raises(httpx.WriteTimeout):
            asyncio.run(main())
        assert time.monotonic() - started < 3


@pytest.mark.parametrize("aiohttp", [True, False])
def test_a_raw_response_records_what_was_read(gauss: ModuleType, aiohttp: bool) -> None:
    """The async client reads the body from the stream itself: the response is left as httpx's `aiter_raw` leaves
    it (consumed, closed, the bytes counted) on either transport."""
    answer = raw_answer(b"HTTP/1.1 200 OK", JSON, JOB)

    async def main(url: str) -> Any:
        http = gauss.AiohttpClient() if aiohttp else None
        async with gauss.AsyncClient(base_url=url, token=TOKEN, http_client=http) as client:
            raw = await asyncio.wait_for(install(client.with_raw_response), 10)
        if http is not None:
            await http.aclose()
        return raw

    with hostile_server(answer) as (url, _):
        raw = asyncio.run(main(url))
    response = raw.http_response
    assert response.is_stream_consumed and response.is_closed
    assert response.num_bytes_downloaded == len(JOB) and response.content == JOB
    assert raw.parse().job_id == "bf26cf3c-d046-4080-bb45-f114be7afa5f"


@pytest.mark.parametrize("value", [b"plain", b"caf\xc3\xa9", b"caf\xe9"])
def test_header_values_go_out_as_httpx_decodes_them(gauss: ModuleType, value: bytes) -> None:
    """aiohttp takes text headers: ASCII and UTF-8 values go out as their bytes, and a Latin-1 value as its text
    (httpx's own reading of the bytes), whichever way the transport decodes them."""
    import httpx
    from huaweicloud_gaussdb_opengauss._aiohttp import AiohttpTransport  # importable once `gauss` put it on the path

    answer = raw_answer(b"HTTP/1.1 200 OK", JSON, b"{}")
    with hostile_server(answer) as (url, seen):
        request = httpx.Request("GET", url + "/h", headers=[(b"X-Name", value)])
        request.extensions["timeout"] = {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0}

        async def main() -> None:
            transport = AiohttpTransport()
            try:
                response = await transport.handle_async_request(request)
                await response.aread()
                await response.aclose()
            finally:
                await transport.aclose()

        asyncio.run(main())
    sent = value.decode(request.headers.encoding).encode("utf-8")  # aiohttp writes text headers as UTF-8
    assert seen.headers[0]["X-Name"] == sent.decode("latin-1")  # http.server reads header bytes as Latin-1
