# Generated from specs/apig/openapi.yaml (sha256 aeb26727db812b06) by vendor-openapi-toolchain 0.1.0: do not edit.
"""Reading a response body within bounds: its size on the wire, its size once decompressed, and the call's deadline.

httpx's own decoders inflate each network chunk whole (a 64 KiB gzip chunk can become 64 MiB), so the body is read
raw and inflated here, never more than the room left under the limit at a time. Only the encodings the client
asks for (`ACCEPT_ENCODING`) are accepted.
"""

from __future__ import annotations

import time
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

ACCEPT_ENCODING = "gzip, deflate"


class Unreadable(Exception):
    """The body cannot be accepted: too large, or an encoding that is unknown or broken."""

    def __init__(self, response: httpx.Response, message: str, kind: str) -> None:
        super().__init__(message)
        self.response = response
        self.message = message
        self.kind = kind


class DeadlinePassed(Exception):
    pass


class _Inflater:
    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.started = False
        self.engine = zlib.decompressobj(zlib.MAX_WBITS | 16 if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS)

    def feed(self, data: bytes, room: int) -> tuple[bytes, bool]:
        """(what `data` inflates to, at most `room` bytes; whether more would have come)."""
        try:
            out = self.engine.decompress(data, room)
        except zlib.error:
            if self.started or self.encoding != "deflate":
                raise
            # servers send raw deflate as often as the zlib format the standard names (httpx does the same)
            self.engine = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self.engine.decompress(data, room)
        self.started = True
        return out, bool(self.engine.unconsumed_tail)


class Body:
    """One response body, read chunk by chunk from the wire; `finish()` makes it the response's `.content`."""

    def __init__(self, response: httpx.Response, limit: int, deadline: float | None) -> None:
        self.response, self.limit, self.deadline = response, limit, deadline
        self.chunks: list[bytes] = []
        self.size = 0
        self.wire = 0
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and len(declared) < 20 and int(declared) > limit:
            self._refuse("too_large")
        encodings = [e.strip().lower() for e in response.headers.get("content-encoding", "").split(",")]
        self.inflaters = [_Inflater(e) for e in reversed(encodings) if e and e != "identity"]
        for inflater in self.inflaters:
            if inflater.encoding not in ("gzip", "x-gzip", "deflate"):
                self._refuse("encoding", f"the body has content-encoding {inflater.encoding[:40]!r}, not asked for")

    def take(self, raw: bytes) -> None:
        self.wire += len(raw)
        if self.wire > self.limit:
            self._refuse("too_large")
        data = raw
        try:
            for inflater in self.inflaters:
                data, more = inflater.feed(data, self.limit - self.size + 1)
                if more:
                    self._add(data)
                    self._refuse("too_large")
        except zlib.error:
            self._refuse("encoding", "the compressed body is corrupt")
        self._add(data)
        if self.size > self.limit:
            self._refuse("too_large")
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise DeadlinePassed

    def _add(self, data: bytes) -> None:
        if data:
            self.chunks.append(data)
            self.size += len(data)

    def finish(self) -> None:
        # what httpx's own read() sets, so `.content`, `.text` and `.json()` work on the response afterwards
        self.response._content = b"".join(self.chunks)[: self.limit]

    def _refuse(self, kind: str, message: str = "") -> None:
        self.finish()
        message = message or (
            f"the response body is larger than max_response_size ({self.limit} bytes, on the wire or"
            " decompressed); `response.content` holds its first bytes"
        )
        raise Unreadable(self.response, message, kind)
