"""A loopback HTTP server whose every answer a test writes by hand (status line, headers, body, pacing), for the
hostile servers of the robustness tests. It listens on 127.0.0.1 only and stops when the block ends."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = Callable[[BaseHTTPRequestHandler], None]


class Recorder:
    def __init__(self) -> None:
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []


@contextmanager
def hostile_server(answer: Answer) -> Iterator[tuple[str, Recorder]]:
    """Serve `answer` for every request; yields (base URL, what arrived)."""
    seen = Recorder()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            if length:
                self.rfile.read(length)
            seen.paths.append(self.path)
            seen.headers.append(dict(self.headers.items()))
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
                answer(self)
            self.close_connection = True

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    # shutdown() waits for the serving loop's next poll: 0.5 s by default, paid by every test that serves
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def raw_answer(status_line: bytes, headers: list[tuple[str, str]], body: bytes = b"") -> Answer:
    """An answer written byte for byte (any status code, any reason phrase, any header value)."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        lines = [status_line] + [f"{k}: {v}".encode("latin-1") for k, v in headers]
        lines.append(f"Content-Length: {len(body)}".encode())
        lines.append(b"Connection: close")  # the handler closes it: the client must not reuse it
        handler.wfile.write(b"\r\n".join(lines) + b"\r\n\r\n" + body)
        handler.wfile.flush()

    return answer
