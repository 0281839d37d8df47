"""The reference server: a Starlette app built from one spec.

Per request: injected faults (tests), route (on the raw path, so an encoded `/` stays inside its parameter),
body size limit, authentication, `Prefer: code=` (canned documented answers, as Prism does), validation,
uniqueness rules, then a synthesized success body that is kept in memory.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import uuid
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from generator.serve.access_log import AccessLog, Redactor
from generator.serve.auth import Authenticator, AuthRequest, Credentials
from generator.serve.compiled import JSON_MEDIA, CompiledSpec, Operation, compile_spec
from generator.serve.profile import DEFAULT_STATUS, ApiError, ErrorKind, SuccessContext, Vendor, kind_for_status
from generator.serve.router import MethodNotAllowed, Router
from generator.serve.state import Record, Store
from generator.serve.synthesis import Synthesizer
from generator.serve.validation import RawRequest, Violation, missing_credentials, path_values, request_violations
from generator.serve.vendors import vendor_for
from generator.spec.bundle import bundle
from generator.spec.load import Workspace

log = logging.getLogger("generator.serve")
DEFAULT_MAX_BODY = 1 << 20  # 1 MiB: far above any documented body (APIG plugin_content is at most 65535 chars)
# A client gets this long to send the whole body once its headers are in (a slow sender holds a task and memory).
DEFAULT_BODY_TIMEOUT = 30.0
# Statuses `Prefer: code=` may ask for although the operation does not document them: what a client's retry and
# back-off logic must cope with in real life.
TRANSIENT_STATUSES = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class ServeOptions:
    credentials: Credentials = field(default_factory=Credentials)
    max_body_bytes: int = DEFAULT_MAX_BODY
    log_bodies: bool = False  # also log (redacted) request headers and bodies
    body_timeout: float = DEFAULT_BODY_TIMEOUT


@dataclass(frozen=True)
class Fault:
    status: int | None = None  # None: answer normally (after the delay)
    delay: float = 0.0
    retry_after: int | None = None


class Faults:
    """Planned failures for the next requests, in order (for tests of client retries and timeouts)."""

    def __init__(self) -> None:
        self._queue: deque[Fault] = deque()
        self._lock = threading.Lock()

    def add(
        self, status: int | None = None, *, times: int = 1, delay: float = 0.0, retry_after: int | None = None
    ) -> None:
        with self._lock:
            self._queue.extend(Fault(status, delay, retry_after) for _ in range(times))

    def take(self) -> Fault | None:
        with self._lock:
            return self._queue.popleft() if self._queue else None

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


class ReferenceServer:
    """The state of one app: the compiled spec, the vendor module, the store, the fault plan."""

    def __init__(self, spec: CompiledSpec, vendor: Vendor, options: ServeOptions) -> None:
        self.spec = spec
        self.vendor = vendor
        self.options = options
        self.store = Store()
        self.faults = Faults()
        self.router = Router(spec.operations, spec.base_paths, case_insensitive=vendor.case_insensitive_paths)
        self.auth = Authenticator(spec, options.credentials, vendor.token_prefixes)
        for note in self.auth.unenforced(spec.operations):
            log.warning("%s", note)
        self.synthesizer = Synthesizer(spec, vendor)
        self.redactor = Redactor(spec, self.auth.header_names())
        # Credentials must come once: with two, a proxy and this server may each read a different one.
        self.single_headers = frozenset(self.auth.header_names() - {"cookie"})
        self.requests_seen = 0  # every HTTP request that reached the app (tests count retries with it)
        # `GET /openapi.json` (also under each server base path) serves the bundled document
        self.openapi_paths = tuple(f"{base}/openapi.json" for base in spec.base_paths)
        self._openapi_json: bytes | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        self.requests_seen += 1
        request = Request(scope, receive)
        try:
            response = await self.handle(request)
        except ClientDisconnect:  # the client went away mid-body: nobody to answer
            return
        except Exception:  # a bug must still give the vendor's 500 body, and a log line without request data
            log.exception("unhandled error while serving %s %s", scope.get("method"), scope.get("path"))
            response = self.error(None, ErrorKind.INTERNAL, "Internal server error")
        if self.vendor.request_id_header:
            response.headers[self.vendor.request_id_header] = uuid.uuid4().hex
        await response(scope, receive, send)

    async def handle(self, request: Request) -> Response:
        fault = self.faults.take()
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status is not None:
                headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else None
                return self.error(
                    None, kind_for_status(fault.status), "injected fault", status=fault.status, headers=headers
                )
        raw_path = request.scope.get("raw_path") or request.scope["path"].encode("utf-8")
        path = raw_path.decode("latin-1").split("?", 1)[0]
        request.scope.setdefault("state", {})["query"] = self.redactor.query(request.scope.get("query_string", b""))
        match = self.router.match(request.method, path)
        if match is None:
            if request.method in ("GET", "HEAD") and path in ("/openapi.json", *self.openapi_paths):
                return Response(self.openapi_json(), media_type="application/json")
            return self.error(None, ErrorKind.NOT_FOUND, f"no operation is documented at {unquote(path)}")
        if isinstance(match, MethodNotAllowed):
            allowed = ", ".join(match.allowed)
            return self.error(
                match.operation,
                ErrorKind.METHOD_NOT_ALLOWED,
                f"method {request.method} is not allowed here; allowed: {allowed}",
                headers={"Allow": allowed},
            )
        op, path_params = match
        request.scope.setdefault("state", {})["operation_id"] = op.operation_id
        repeated = _repeated(request.scope["headers"], self.single_headers)
        if repeated:
            return self.error(op, ErrorKind.INVALID, f"the {repeated} header must be sent once")
        try:
            body = await self._read_body(request)
        except _TooLarge:
            return self.error(op, ErrorKind.TOO_LARGE, f"the request body exceeds {self.options.max_body_bytes} bytes")
        except _TooSlow:
            return self.error(
                op,
                ErrorKind.INVALID,
                f"the request body did not arrive within {self.options.body_timeout:g} s",
                status=408,
                headers={"Connection": "close"},
            )
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in request.scope["headers"]}
        failure = self.auth.check(
            op,
            AuthRequest(
                method=request.method,
                raw_path=path,
                query_string=request.scope.get("query_string", b"").decode("latin-1"),
                headers=headers,
                cookies=request.cookies,
                body=body,
            ),
        )
        if failure is not None:
            return self.error(op, ErrorKind.UNAUTHORIZED, failure.message)
        missing = missing_credentials(op, headers)
        if missing is not None:
            return self.error(op, ErrorKind.UNAUTHORIZED, missing)
        if self.options.log_bodies:  # only once authenticated: an anonymous body is not worth a log line, or parsing
            self.redactor.log_request(request.method, path, headers, body, op)
        prefer = parse_prefer(headers.get("prefer", ""))
        preferred_status: str | None = None
        if "code" in prefer:
            canned = self.preferred(op, prefer)
            if isinstance(canned, Response):
                return canned
            preferred_status = canned
        raw = RawRequest(
            path_params=path_params,
            query_string=request.scope.get("query_string", b"").decode("latin-1"),
            headers=headers,
            content_type=headers.get("content-type"),
            body=body,
        )
        instance, violations = request_violations(self.spec.schemas, op, raw)
        if violations:
            return self.error(op, ErrorKind.INVALID, violations[0].message, violations=tuple(violations))
        path_params = path_values(op, path_params)
        for rule in self.vendor.unique:
            if rule.operation_id == op.operation_id and not self.store.claim(rule, path_params, instance):
                return self.error(op, ErrorKind.CONFLICT, rule.message, status=rule.status, code=rule.code)
        ctx = SuccessContext(operation_id=op.operation_id, path_params=path_params, body=instance, state=self.store)
        status, media_type, answer = self.synthesizer.success(op, ctx, preferred_status)
        self.store.add(Record(op.operation_id, dict(path_params), instance, answer))
        return json_response(status, answer, media_type)

    def openapi_json(self) -> bytes:
        """The served document as one OpenAPI file (every `$ref` into another file made internal)."""
        if self._openapi_json is None:
            document = bundle(self.spec.path, self.spec.workspace)
            self._openapi_json = json.dumps(document, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        return self._openapi_json

    async def _read_body(self, request: Request) -> bytes:
        limit = self.options.max_body_bytes
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and (len(declared) > 18 or int(declared) > limit):
            raise _TooLarge
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.options.body_timeout):
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > limit:
                        raise _TooLarge
                    chunks.append(chunk)
        except TimeoutError:
            raise _TooSlow from None
        return b"".join(chunks)

    def preferred(self, op: Operation, prefer: dict[str, str]) -> Response | str:
        """`Prefer: code=404[, example=name]`: the documented answer for that status (a 2xx: its status key)."""
        code = prefer["code"]
        # ASCII digits only: `isdigit()` also accepts `²` and other digits int() refuses, and any number of them
        if not re.fullmatch(r"[1-5][0-9]{2}", code):
            return self.error(op, ErrorKind.INVALID, f"Prefer: code={code[:16]!a} is not an HTTP status")
        status = int(code)
        documented = op.response_for(status)
        if documented is not None and documented.status == "default" and status not in TRANSIENT_STATUSES:
            documented = None
        if 200 <= status < 300:
            if str(status) not in op.responses:
                return self.error(
                    op, ErrorKind.INVALID, f"Prefer: code={code} is not a documented response of {op.operation_id}"
                )
            return str(status)
        if documented is None and status not in TRANSIENT_STATUSES:
            return self.error(
                op, ErrorKind.INVALID, f"Prefer: code={code} is not a documented response of {op.operation_id}"
            )
        if documented is not None and documented.examples:
            name = prefer.get("example")
            if name is not None and name not in documented.examples:
                return self.error(
                    op, ErrorKind.INVALID, f"Prefer: example={name} is not an example of the {code} response"
                )
            body = documented.examples[name] if name is not None else next(iter(documented.examples.values()))
            if documented.validator is not None and not documented.validator.is_valid(body):
                body = self.synthesizer.instance(documented)  # an example that breaks its schema is never served
            return json_response(status, body, documented.media_type)
        return self.error(op, kind_for_status(status), "the answer was requested with Prefer", status=status)

    def status_for(self, op: Operation | None, kind: ErrorKind) -> int:
        documented = set(op.responses) if op is not None else set()
        if kind is ErrorKind.INVALID and "400" not in documented and "422" in documented:
            return 422
        if kind is ErrorKind.UNAUTHORIZED and "401" not in documented and "403" in documented:
            return 403
        return DEFAULT_STATUS[kind]

    def error(
        self,
        op: Operation | None,
        kind: ErrorKind,
        message: str,
        *,
        violations: tuple[Violation, ...] = (),
        status: int | None = None,
        code: str | int | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        status = status or self.status_for(op, kind)
        documented = op.response_for(status) if op is not None else None
        validator = documented.validator if documented is not None else None
        examples = documented.examples.values() if documented is not None else ()
        # an example that breaks its own schema is never served, not even as the base of an error body
        example = next((e for e in examples if validator is None or validator.is_valid(e)), None)
        error = ApiError(
            kind=kind,
            status=status,
            message=message,
            violations=violations,
            code=code,
            example=example,
            operation_id=op.operation_id if op is not None else "",
            schema_instance=self.synthesizer.instance(documented) if documented and validator is not None else None,
            fits_schema=validator.is_valid if validator is not None else None,
        )
        body = self.vendor.error_body(error)
        if validator is not None:
            problem = next(iter(validator.iter_errors(body)), None)
            if problem is not None:
                log.warning("the %s error body does not match its documented schema: %s", status, problem.message)
        media = documented.media_type if documented is not None and documented.media_type else None
        return json_response(status, body, media or self.vendor.error_media_type, headers)


def _repeated(headers: list[tuple[bytes, bytes]], names: frozenset[str]) -> str | None:
    """The first of `names` (lower case) that `headers` holds more than once."""
    seen: set[str] = set()
    for raw, _ in headers:
        name = raw.decode("latin-1").lower()
        if name in names:
            if name in seen:
                return name
            seen.add(name)
    return None


def parse_prefer(header: str) -> dict[str, str]:
    """RFC 7240 preferences (`code=404, example=name`); names are case-insensitive, values may be quoted."""
    found: dict[str, str] = {}
    for item in header.replace(";", ",").split(","):
        name, _, value = item.partition("=")
        if name.strip():
            found.setdefault(name.strip().lower(), value.strip().strip('"'))
    return found


def render_json(body: Any) -> bytes:
    # ASCII escapes keep lone surrogates (legal in JSON text, not in UTF-8) representable.
    return json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def json_response(
    status: int, body: Any, media_type: str | None = None, headers: dict[str, str] | None = None
) -> Response:
    if body is None and media_type is None:
        return Response(status_code=status, headers=headers)
    media = media_type or "application/json"
    if isinstance(body, str | bytes) and not JSON_MEDIA.match(media.split(";")[0].strip()):
        # text/* and binary media types go out as they are, not as a quoted JSON string
        return Response(body, status_code=status, media_type=media, headers=headers)
    return Response(render_json(body), status_code=status, media_type=media, headers=headers)


def build_server(
    spec: Path | str | CompiledSpec,
    *,
    api_name: str | None = None,
    options: ServeOptions | None = None,
    vendor: Vendor | None = None,
    workspace: Workspace | None = None,
) -> ReferenceServer:
    compiled = spec if isinstance(spec, CompiledSpec) else compile_spec(spec, workspace)
    return ReferenceServer(compiled, vendor or vendor_for(api_name), options or ServeOptions())


def build_app(
    spec: Path | str | CompiledSpec | ReferenceServer,
    *,
    api_name: str | None = None,
    options: ServeOptions | None = None,
    vendor: Vendor | None = None,
) -> Starlette:
    """The ASGI app; `app.state.reference` is the ReferenceServer (store, faults, spec)."""
    server = (
        spec
        if isinstance(spec, ReferenceServer)
        else build_server(spec, api_name=api_name, options=options, vendor=vendor)
    )
    app = Starlette(middleware=[Middleware(AccessLog)])
    # No Starlette routes: its patterns match the decoded path and `.` stops at a decoded newline, so every
    # request goes to the router default, the server's own raw-path router.
    app.router.default = server
    app.state.reference = server
    return app


__all__ = ["Fault", "Faults", "ReferenceServer", "ServeOptions", "build_app", "build_server"]
