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
        except (ValueError, RecursionError):  # not JSON, not UTF-8, a 5,000-digit number, nested too deeply
            return f"<{len(body)} bytes, not JSON>"
        names = op.body.secret_names if op is not None and op.body is not None else frozenset()
        content = set(op.body.content_properties) if op is not None and op.body is not None else set()
        try:
            return mask(document, names, content)
        except _TooDeep:
            return f"<{len(body)} bytes, nested too deeply to log>"

    def log_request(self, method: str, path: str, headers: dict[str, str], body: bytes, op: Operation | None) -> None:
        detail_log.info(
            "%s %s headers=%s body=%s",
            method,
            path,
            json.dumps(self.headers(headers), ensure_ascii=True),
            json.dumps(self.body(body, op), ensure_ascii=True),
        )


class _TooDeep(Exception):
    pass


MAX_DEPTH = 64  # far deeper than any documented body; deeper ones are not logged at all


def mask(value: Any, secret_names: frozenset[str], content_properties: set[str], depth: int = 0) -> Any:
    """A copy of a JSON value with secret fields masked, embedded JSON documents included.

    An embedded document that does not parse (truncated, say) is replaced by its length: the secret inside it
    cannot be found by name, so none of it is logged.
    """
    if depth > MAX_DEPTH:
        raise _TooDeep
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key, sub in value.items():
            if key in secret_names:
                result[key] = MASK
            elif key in content_properties and isinstance(sub, str):
                try:
                    inner = json.loads(sub)
                except (ValueError, RecursionError):
                    result[key] = f"<{len(sub)} characters, not JSON>"
                else:
                    result[key] = json.dumps(mask(inner, secret_names, set(), depth + 1), ensure_ascii=False)
            else:
                result[key] = mask(sub, secret_names, content_properties, depth + 1)
        return result
    if isinstance(value, list):
        return [mask(item, secret_names, content_properties, depth + 1) for item in value]
    return value
