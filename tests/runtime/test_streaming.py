"""`with_streaming_response` (`generator/runtime/_streaming.py`): a binary answer read chunk by chunk, sync and
async, from a package generated for a small download API, against a real HTTP server on 127.0.0.1 whose answers
each test scripts (sizes, compression, pacing, error statuses). The client's bounds hold while streaming: the
size limit on the wire and once inflated, the call's deadline, retries, status errors and masked secrets."""

from __future__ import annotations

import asyncio
import gzip
import importlib
import random
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import pytest

from generator.project.pipeline import generate_one

SPEC = """
openapi: 3.1.0
info: {title: Files, version: '1'}
servers: [{url: 'https://files.example.test'}]
security: [{bearer: []}]
paths:
  /files/{name}:
    get:
      operationId: download
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: the file
          content:
            application/octet-stream:
              schema: {type: string, format: binary}
        '404':
          description: no such file
          content:
            application/json:
              schema:
                type: object
                properties: {message: {type: string}}
  /meta:
    get:
      operationId: meta
      responses:
        '200':
          description: JSON only
          content:
            application/json:
              schema: {type: object}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
"""
TOKEN = "stream-SECRET-token-8c1e"
MIB = 1024 * 1024
BIG = random.Random(7).randbytes(5 * MIB)  # a file's worth of bytes that do not compress to nothing


class Files(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    calls: ClassVar[dict[str, int]] = {}

    def do_GET(self) -> None:
        name = self.path.rsplit("/", 1)[-1]
        Files.calls[name] = Files.calls.get(name, 0) + 1
        if name == "missing":
            self._whole(404, b'{"message": "no such file"}', "application/json")
        elif name == "flaky" and Files.calls[name] == 1:
            self._whole(503, b"busy", "text/plain", retry_after="0")
        elif name in ("big", "flaky"):
            self._chunked(BIG, chunk=256 * 1024)
        elif name == "declared":
            self._whole(200, BIG, "application/octet-stream")
        elif name == "gzip":
            self._chunked(gzip.compress(BIG), chunk=64 * 1024, encoding="gzip")
        elif name == "bomb":  # 64 MiB of zeros in a few KiB
            self._chunked(gzip.compress(bytes(64 * MIB)), chunk=16 * 1024, encoding="gzip")
        elif name == "slow":
            self._chunked(b"x" * 4096 * 40, chunk=4096, pause=0.05)
        else:
            self._whole(404, b"{}", "application/json")

    def _whole(self, status: int, body: bytes, kind: str, retry_after: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.end_headers()
        self.wfile.write(body)

    def _chunked(self, body: bytes, *, chunk: int, encoding: str = "", pause: float = 0.0) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Transfer-Encoding", "chunked")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        try:
            for start in range(0, len(body), chunk):
                piece = body[start : start + chunk]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                self.wfile.flush()
                if pause:
                    time.sleep(pause)
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading, as it should
            pass

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, str]]:
    folder: Path = tmp_path_factory.mktemp("streaming")
    spec = folder / "files.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    generate_one(spec, folder / "stream_files", "stream_files")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Files)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
    sys.path.insert(0, str(folder / "stream_files"))
    try:
        yield importlib.import_module("stream_files"), f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        sys.path.remove(str(folder / "stream_files"))
        for name in [n for n in sys.modules if n.split(".")[0] == "stream_files"]:
            del sys.modules[name]


def _download(package: ModuleType, base: str, kind: str, name: str, **options: Any) -> tuple[Any, list[int]]:
    """(the streamed response, the size of each chunk read), sync or async."""
    client_options = {"base_url": base, "token": TOKEN, "retry_backoff": 0.01, **options.pop("client", {})}
    sizes: list[int] = []
    if kind == "sync":
        with package.Client(**client_options) as client:
            with client.with_streaming_response.download(name=name, **options) as response:
                assert response.status_code == 200
                for chunk in response.iter_bytes():
                    sizes.append(len(chunk))
                    _digest.append(chunk)
            return response, sizes

    async def run() -> Any:
        async with package.AsyncClient(**client_options) as client:
            async with client.with_streaming_response.download(name=name, **options) as response:
                assert response.status_code == 200
                async for chunk in response.iter_bytes():
                    sizes.append(len(chunk))
                    _digest.append(chunk)
            return response

    return asyncio.run(run()), sizes


_digest: list[bytes] = []


@pytest.fixture(autouse=True)
def _fresh_digest() -> None:
    _digest.clear()


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("name", ["big", "gzip"])
def test_a_download_arrives_in_chunks_and_releases_its_connection(
    files: tuple[ModuleType, str], kind: str, name: str
) -> None:
    package, base = files
    response, sizes = _download(package, base, kind, name)
    assert b"".join(_digest) == BIG
    assert len(sizes) > 4 and max(sizes) < len(BIG)  # read as it came, not whole
    assert response.http_response.is_closed


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_the_size_limit_holds_on_the_wire_once_inflated_and_when_declared(
    files: tuple[ModuleType, str], kind: str
) -> None:
    package, base = files
    for name in ("big", "bomb", "declared"):
        with pytest.raises(package.errors.APIResponseValidationError) as caught:
            _download(package, base, kind, name, client={"max_response_size": MIB})
        assert "max_response_size" in str(caught.value)
        assert sum(len(c) for c in _digest) <= MIB
        _digest.clear()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_the_deadline_bounds_a_slow_download(files: tuple[ModuleType, str], kind: str) -> None:
    package, base = files
    start = time.monotonic()
    with pytest.raises(package.errors.APITimeoutError) as caught:
        _download(package, base, kind, "slow", deadline=0.5)
    assert time.monotonic() - start < 1.8
    assert TOKEN not in str(caught.value) and TOKEN not in repr(caught.value)
    assert "deadline" in str(caught.value)
    _digest.clear()
    _download(package, base, kind, "slow", deadline=None)  # no deadline: the whole body, however slow
    assert len(b"".join(_digest)) == 4096 * 40


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_errors_and_retries_are_the_clients_own(files: tuple[ModuleType, str], kind: str) -> None:
    package, base = files
    with pytest.raises(package.errors.APIStatusError) as caught:
        _download(package, base, kind, "missing")
    assert caught.value.status_code == 404 and caught.value.body == {"message": "no such file"}
    Files.calls.pop("flaky", None)
    response, _ = _download(package, base, kind, "flaky")
    assert response.retries_taken == 1 and b"".join(_digest) == BIG


def test_only_binary_answers_stream(files: tuple[ModuleType, str]) -> None:
    package, _ = files
    client = package.Client(base_url="http://127.0.0.1:9", token=TOKEN)
    try:
        assert hasattr(client.with_streaming_response, "download")
        assert not hasattr(client.with_streaming_response, "meta")
        assert client.with_streaming_response.download.__doc__ == client.download.__doc__
    finally:
        client.close()


USAGE = """
from stream_files import AsyncClient, Client
from stream_files._streaming import AsyncStreamedResponse, StreamedResponse


def sync_use(client: Client) -> bytes:
    with client.with_streaming_response.download(name="a") as response:
        typed: StreamedResponse = response
        return b"".join(chunk for chunk in typed.iter_bytes())


async def async_use(client: AsyncClient) -> int:
    size = 0
    async with client.with_streaming_response.download(name="a") as response:
        typed: AsyncStreamedResponse = response
        async for chunk in typed.iter_bytes():
            size += len(chunk)
    return size
"""


@pytest.mark.slow
def test_the_streaming_surface_passes_mypy_strict_and_ruff(files: tuple[ModuleType, str], tmp_path: Path) -> None:
    """No catalog or golden package answers binary content, so this package is the one that shows the surface."""
    import os
    import subprocess

    package, _ = files
    project = Path(str(package.__file__)).parent.parent
    (tmp_path / "usage.py").write_text(USAGE, encoding="utf-8")
    env = {**os.environ, "MYPYPATH": str(project)}
    # the usage file imports the package, so mypy checks all of it (imports are followed)
    cache = str(tmp_path / "mypy-cache")
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", cache, str(tmp_path / "usage.py")]
    typed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert typed.returncode == 0, typed.stdout + typed.stderr
    linted = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert linted.returncode == 0, linted.stdout
