"""One log line per request (method, path, status, latency, operation) and, on request, redacted details.

The line never contains the query string, a header or a body: credentials can travel in all three. The optional
detailed log (`--log-bodies`) masks credential headers and every body field the schema marks writeOnly or
`format: password`, including inside embedded JSON documents such as APIG's plugin_content.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from generator.serve.compiled import CompiledSpec, Operation

log = logging.getLogger("generator.serve.access")
detail_log = logging.getLogger("generator.serve.requests")
MASK = "***"


class AccessLog:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            raw = scope.get("raw_path") or scope["path"].encode("utf-8")
            path = raw.decode("latin-1").split("?", 1)[0]
            operation = (scope.get("state") or {}).get("operation_id", "-")
            log.info("%s %s %d %.1fms %s", scope["method"], path, status, elapsed, operation)


class Redactor:
    def __init__(self, spec: CompiledSpec, secret_headers: set[str]) -> None:
        self.spec = spec
        self.secret_headers = secret_headers

    def headers(self, headers: dict[str, str]) -> dict[str, str]:
        return {name: MASK if name in self.secret_headers else value for name, value in headers.items()}

    def body(self, body: bytes, op: Operation | None) -> Any:
        if not body:
            return None
        try:
            document = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return f"<{len(body)} bytes, not JSON>"
        names = op.body.secret_names if op is not None and op.body is not None else frozenset()
        content = set(op.body.content_properties) if op is not None and op.body is not None else set()
        return mask(document, names, content)

    def log_request(self, method: str, path: str, headers: dict[str, str], body: bytes, op: Operation | None) -> None:
        detail_log.info(
            "%s %s headers=%s body=%s",
            method,
            path,
            json.dumps(self.headers(headers), ensure_ascii=True),
            json.dumps(self.body(body, op), ensure_ascii=True),
        )


def mask(value: Any, secret_names: frozenset[str], content_properties: set[str]) -> Any:
    """A copy of a JSON value with secret fields masked, embedded JSON documents included."""
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key, sub in value.items():
            if key in secret_names:
                result[key] = MASK
            elif key in content_properties and isinstance(sub, str):
                try:
                    inner = json.loads(sub)
                except ValueError:
                    result[key] = sub
                else:
                    result[key] = json.dumps(mask(inner, secret_names, set()), ensure_ascii=False)
            else:
                result[key] = mask(sub, secret_names, content_properties)
        return result
    if isinstance(value, list):
        return [mask(item, secret_names, content_properties) for item in value]
    return value
