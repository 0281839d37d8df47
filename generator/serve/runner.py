"""uvicorn for the reference server: its configuration with slow-client and long-URL guards (`serve` and tests),
and a background-thread runner on 127.0.0.1 (tests and `fuzz` against a fresh server).

uvicorn has no request-header timeout (its keep-alive timer stops at a connection's first byte, so a client
sending one byte every few seconds holds a connection for ever) and answers an over-long request line by
dropping the connection. `GuardedH11Protocol` adds both: the head of every request must be complete within
`HEADER_TIMEOUT` seconds (else 408 and close), a request line longer than `MAX_REQUEST_LINE` bytes gets 414 and a
head longer than `MAX_HEAD` 431 (h11's own limit only applies to a head that arrives in pieces).
Body read time is bounded by the app itself (`ServeOptions.body_timeout`).
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from types import TracebackType
from typing import Any, cast

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0
MAX_REQUEST_LINE = 8 * 1024  # method, URL and version; RFC 9112 recommends supporting at least 8,000 octets
MAX_HEAD = 64 * 1024  # request line and all headers


def _plain_response(status: int, reason: str, text: str) -> bytes:
    body = text.encode("ascii")
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain; charset=utf-8\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request head and a 414 for an over-long request line."""

    header_timeout = HEADER_TIMEOUT
    max_request_line = MAX_REQUEST_LINE

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._head_timer: asyncio.TimerHandle | None = None
        self._head_seen = 0  # bytes of the current request head received so far
        self._line_seen = 0  # of which, in its request line
        self._line_done = False
        self._tail = b""  # the last bytes seen, for a head end split across two reads
        self._refused = False
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._head_seen, self._line_seen, self._line_done, self._tail = 0, 0, False, b""
        self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _refuse(self, status: int, reason: str, text: str) -> None:
        """Answer without h11 (its state may be mid-request), then stop reading and close once it is sent.

        The rest of what the client sends is read and dropped until the close: closing with unread data would
        reset the connection, and the client might never see the answer.
        """
        self._disarm()
        self._refused = True
        self.transport.write(_plain_response(status, reason, text))
        self.loop.call_later(1.0, self.transport.close)

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._head_seen == 0 and (self.cycle is None or self.cycle.response_complete):
            self.transport.close()  # an idle connection that never started a request: nobody to answer
            return
        self._refuse(408, "Request Timeout", f"the request head did not arrive within {self.header_timeout:g} s")

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        if self._head_timer is not None:
            if not self._line_done:
                end = data.find(b"\n")
                self._line_done = end >= 0
                self._line_seen += end if end >= 0 else len(data)
                if self._line_seen > self.max_request_line:
                    self._refuse(414, "URI Too Long", f"the request line exceeds {self.max_request_line} bytes")
                    return
            window = self._tail + data
            ends = [i + len(mark) for mark in (b"\r\n\r\n", b"\n\n") if (i := window.find(mark)) >= 0]
            self._head_seen += (min(ends) - len(self._tail)) if ends else len(data)
            self._tail = window[-3:]
            if self._head_seen > MAX_HEAD:
                self._refuse(431, "Request Header Fields Too Large", f"the request head exceeds {MAX_HEAD} bytes")
                return
        cycle = self.cycle
        super().data_received(data)
        if self.cycle is not cycle:  # a complete request head was parsed: its deadline is met
            self._disarm()

    def on_response_complete(self) -> None:
        cycle = self.cycle
        super().on_response_complete()
        if not self.transport.is_closing() and (self.cycle is cycle or self.cycle is None):
            self._arm()  # the next request's head gets the same deadline (keep-alive)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def server_config(
    app: Any, *, host: str = "127.0.0.1", port: int = 0, header_timeout: float = HEADER_TIMEOUT, **options: Any
) -> uvicorn.Config:
    """The uvicorn configuration of the reference server (`serve` and the background runner)."""
    protocol = GuardedH11Protocol
    if header_timeout != HEADER_TIMEOUT:
        protocol = cast(
            type[GuardedH11Protocol],
            type("GuardedH11Protocol", (GuardedH11Protocol,), {"header_timeout": header_timeout}),
        )
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol,
        h11_max_incomplete_event_size=MAX_HEAD,
        log_config=None,  # the caller's logging configuration stays in charge
        access_log=False,  # the app logs one redacted line per request itself
        lifespan="off",
        **options,
    )


class BackgroundServer:
    """`with BackgroundServer(app) as server: httpx.get(server.base_url + ...)`; the port is chosen by the OS."""

    def __init__(
        self,
        app: Any,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        startup_timeout: float = 20.0,
        header_timeout: float = HEADER_TIMEOUT,
    ) -> None:
        self.app = app
        self.header_timeout = header_timeout
        self.host = host
        self.port = port
        self.startup_timeout = startup_timeout
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> BackgroundServer:
        # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP, and
        # without it every keep-alive response waits ~40 ms for the client's delayed ACK (Nagle).
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        config = server_config(
            self.app, host=self.host, port=self.port, header_timeout=self.header_timeout, timeout_graceful_shutdown=2
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + self.startup_timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the reference server did not start on {self.base_url}")
            time.sleep(0.01)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
