"""A bounded HTTP/1.1 load generator, run as its own process so the server under test keeps its own core.

`--concurrency` keep-alive connections each send the same request in a closed loop until `--requests` are
done or `--seconds` have passed, whichever comes first (`{seq}` in the body becomes the request's number, for
servers that reject a duplicate name); the result (requests/s, latency percentiles, status
counts) is printed as one JSON object.

It speaks HTTP over bare asyncio streams rather than through an HTTP client library on purpose: on two shared
cores a client library's per-request cost would cap the rate measured, and the servers compared (ours, Prism)
would then all look alike. Responses are read completely (Content-Length or chunked) before the next request.

    python -m bench.loadgen --port 8000 --path /v2/p/apigw/instances/i/plugins --body-file req.json \
        -H 'X-Auth-Token: ...' --concurrency 8 --requests 5000 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEQUENCE = b"{seq}"


@dataclass
class _Totals:
    deadline: float
    remaining: int
    numbers: Iterator[int]  # request numbers, shared with the warm-up so that no two requests share one
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)


def build_request(method: str, host: str, port: int, path: str, headers: list[str], body: bytes) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Accept: application/json"]
    lines += headers
    if body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one whole response; (status, server wants the connection closed)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    return status, headers.get("connection", "").lower() == "close"


def _request_for(template: Callable[[int], bytes] | bytes, number: int) -> bytes:
    return template if isinstance(template, bytes) else template(number)


async def _connection(host: str, port: int, request: Callable[[int], bytes] | bytes, totals: _Totals) -> None:
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    try:
        while totals.remaining > 0 and time.perf_counter() < totals.deadline:
            totals.remaining -= 1
            payload = _request_for(request, next(totals.numbers))
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                assert reader is not None
                start = time.perf_counter()
                writer.write(payload)
                status, close = await read_response(reader)
                totals.latencies.append(time.perf_counter() - start)
                totals.statuses[status] += 1
                if close:
                    writer.close()
                    writer = None
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                totals.errors[type(exc).__name__] += 1
                if writer is not None:
                    writer.close()
                writer = None
    finally:
        if writer is not None:
            writer.close()


async def run_load(
    *,
    host: str,
    port: int,
    request: Callable[[int], bytes] | bytes,
    concurrency: int,
    requests: int,
    seconds: float,
    warmup: int,
    first_number: int = 1,
) -> dict[str, Any]:
    numbers = itertools.count(first_number)
    if warmup:  # connections, caches and lazily built validators on the server side
        warm = _Totals(time.perf_counter() + seconds, warmup, numbers)
        await asyncio.gather(*(_connection(host, port, request, warm) for _ in range(concurrency)))
    totals = _Totals(deadline=time.perf_counter() + seconds, remaining=requests, numbers=numbers)
    start = time.perf_counter()
    await asyncio.gather(*(_connection(host, port, request, totals) for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    latencies = sorted(totals.latencies)

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, round((len(latencies) - 1) * q / 100))] * 1000 if latencies else 0.0

    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "requests_per_s": len(latencies) / elapsed if elapsed else 0.0,
        "p50_ms": pct(50),
        "p99_ms": pct(99),
        "statuses": {str(k): v for k, v in sorted(totals.statuses.items())},
        "errors": dict(totals.errors),
        "concurrency": concurrency,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.loadgen", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--method", default="POST")
    parser.add_argument("--path", required=True)
    parser.add_argument("--body-file", type=Path)
    parser.add_argument("-H", "--header", action="append", default=[], help="'Name: value' (repeatable)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=5000, help="upper bound on requests measured")
    parser.add_argument("--seconds", type=float, default=10.0, help="upper bound on the measured time")
    parser.add_argument("--warmup", type=int, default=200, help="requests sent (and not measured) first")
    parser.add_argument(
        "--first-number", type=int, default=1, help="the first `{seq}` value (runs against one server must not overlap)"
    )
    args = parser.parse_args(argv)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("the load generator only targets servers on this machine (127.0.0.1)")
    body = args.body_file.read_bytes() if args.body_file else b""
    request: Callable[[int], bytes] | bytes = build_request(
        args.method, args.host, args.port, args.path, args.header, body
    )
    if SEQUENCE in body:  # e.g. a unique name per request, for servers that reject duplicates

        def request(number: int) -> bytes:
            unique = body.replace(SEQUENCE, str(number).encode())
            return build_request(args.method, args.host, args.port, args.path, args.header, unique)

    result = asyncio.run(
        run_load(
            host=args.host,
            port=args.port,
            request=request,
            concurrency=args.concurrency,
            requests=args.requests,
            seconds=args.seconds,
            warmup=args.warmup,
            first_number=args.first_number,
        )
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
