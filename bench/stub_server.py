"""The minimal HTTP/1.1 server of the client benchmark: it answers every request with one fixed response.

It reads each request (headers and Content-Length body), does no validation and no routing, and writes the
same pre-encoded response, so nearly all the time of a call is spent in the client being measured. Keep-alive
and pipelined requests work; chunked request bodies are not needed by any client measured here.

    python -m bench.stub_server --port 8123 --status 201 --body-file response.json
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from pathlib import Path

REASONS = {200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request"}


class _FixedResponse(asyncio.Protocol):
    def __init__(self, response: bytes) -> None:
        self.response = response
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            length = 0
            for line in bytes(self.buffer[:end]).split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            total = end + 4 + length
            if len(self.buffer) < total:
                return
            del self.buffer[:total]
            assert self.transport is not None
            self.transport.write(self.response)


def encode_response(status: int, body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "X-Request-Id: 0123456789abcdef0123456789abcdef\r\n"
        "\r\n"
    )
    return head.encode() + body


async def serve(port: int, response: bytes) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _FixedResponse(response), "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stub_server", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--status", type=int, default=201)
    parser.add_argument("--body-file", type=Path, required=True, help="the response body (JSON)")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.port, encode_response(args.status, args.body_file.read_bytes())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
