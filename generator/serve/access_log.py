"""One log line per request (method, path, status, latency, operation) and, on request, redacted details.

The line shows the query string with the values of credential parameters masked (apiKey-in-query schemes,
writeOnly or password parameters, and names such as `access_token` or `signature`); never a header or a body.
The optional detailed log (`--log-bodies`) masks credential headers and every body field the schema marks writeOnly or
`format: password`, including inside embedded JSON documents such as APIG's plugin_content.
"""

from __future__ import annotations

import json
import logging
import re
import time
from typing import Any
from urllib.parse import unquote_plus

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from generator.serve.compiled import CompiledSpec, Operation, is_secret_schema

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
            state = scope.get("state") or {}
            query = state.get("query")  # set by the server with secrets masked; never the raw query string
            if query:
                path += "?" + query
            log.info("%s %s %d %.1fms %s", scope["method"], path, status, elapsed, state.get("operation_id", "-"))


class Redactor:
    def __init__(self, spec: CompiledSpec, secret_headers: set[str]) -> None:
        self.spec = spec
        self.secret_headers = secret_headers
        # apiKey-in-query scheme names and query parameters whose schema is writeOnly or a password
        self.secret_query = {
            scheme.parameter.lower()
            for scheme in spec.schemes.values()
            if scheme.type == "apiKey" and scheme.location == "query" and scheme.parameter
        } | {
            param.name.lower()
            for op in spec.operations
            for param in op.params
            if param.location == "query" and param.schema is not None and is_secret_schema(param.schema.value)
        }

    def query(self, raw: bytes) -> str:
        """The query string for the log: values of credential and secret parameters masked, length bounded."""
        pairs = []
        for piece in raw.decode("latin-1").split("&"):
            name, sep, _ = piece.partition("=")
            if sep and _is_secret_query(unquote_plus(name), self.secret_query):
                piece = f"{name}={MASK}"
            pairs.append(piece)
        text = "&".join(pairs)
        return text if len(text) <= MAX_QUERY_LOG else text[:MAX_QUERY_LOG] + "..."

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


# Query names that carry credentials by convention (OAuth access_token, presigned-URL signatures, api keys).
_SECRET_QUERY = re.compile(r"(?i)token|secret|passw|signature|^sig$|api[-_]?key|credential|^auth|session|^key$")
MAX_QUERY_LOG = 2048


def _is_secret_query(name: str, declared: set[str]) -> bool:
    return name.lower() in declared or _SECRET_QUERY.search(name) is not None


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
