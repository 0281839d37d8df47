"""Exceptions of the Huawei Cloud API Gateway (APIG) - Creating a Plug-in client.

    APIError
    ├── RequestValidationError        the arguments break the spec; nothing was sent (also a ValueError)
    ├── APIConnectionError            no response: DNS, refused connection, reset, TLS ...
    │   └── APITimeoutError           no response in time
    ├── APIResponseValidationError    a success response that does not match the spec
    └── APIStatusError                an error status; `status_code`, `error_code`, `error_msg`, `request_id`,
        │                             `error_model` (the spec's error body, parsed), `body` (JSON) and `raw`
        ├── BadRequestError 400, AuthenticationError 401, PermissionDeniedError 403, NotFoundError 404,
        ├── ConflictError 409, UnprocessableEntityError 422, RateLimitError 429
        └── InternalServerError 5xx

No message or repr of these exceptions contains request headers, credentials or input values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

_REQUEST_ID_HEADERS = ("x-request-id", "x-openstack-request-id", "x-correlation-id", "request-id", "x-amzn-requestid")
_CODE_KEYS = ("error_code", "errorCode", "code")
_MESSAGE_KEYS = ("error_msg", "errorMessage", "message", "error_description", "detail")


class APIError(Exception):
    """Base of every exception the client raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RequestValidationError(APIError, ValueError):
    """The call's arguments do not satisfy the spec (lengths, patterns, enums, required fields ...).

    `errors` lists each problem as a dict with `loc` (path of the offending value, starting with `body` or the
    argument name), `msg` and `type`; input values are left out, as they may be secrets.
    """

    def __init__(self, operation: str, errors: Sequence[Mapping[str, Any]]) -> None:
        self.operation = operation
        self.errors = [dict(e) for e in errors]
        lines = [f"{'.'.join(str(p) for p in e.get('loc', ())) or '(value)'}: {e.get('msg', '')}" for e in self.errors]
        count = len(lines)
        super().__init__(
            f"{operation}: {count} invalid argument{'s' if count != 1 else ''}, nothing was sent:\n  "
            + "\n  ".join(lines)
        )


class APIConnectionError(APIError):
    """The request got no response (refused, reset, DNS or TLS failure); `attempts` were made."""

    def __init__(self, operation: str, request: httpx.Request, cause: BaseException, attempts: int = 1) -> None:
        self.operation = operation
        self.request = request
        self.attempts = attempts
        super().__init__(f"{operation}: {self._what()} after {attempts} attempt(s): {type(cause).__name__}: {cause}")

    def _what(self) -> str:
        return "connection failed"


class APITimeoutError(APIConnectionError):
    """No response within the timeout."""

    def _what(self) -> str:
        return "timed out"


class APIResponseValidationError(APIError):
    """A success response whose body does not match the spec; `response` and `errors` tell what arrived."""

    def __init__(self, operation: str, response: httpx.Response, errors: Sequence[Mapping[str, Any]]) -> None:
        self.operation = operation
        self.response = response
        self.status_code = response.status_code
        self.errors = [dict(e) for e in errors]
        first = self.errors[0] if self.errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        super().__init__(
            f"{operation}: HTTP {response.status_code} response does not match the spec"
            f" ({len(self.errors)} problem(s); first at {where or 'the body'}: {first.get('msg', 'unparsable body')})"
        )


class APIStatusError(APIError):
    """The server answered with an error status.

    `error_code`/`error_msg` are read from the JSON body (`error_code`/`errorCode`/`code` and
    `error_msg`/`errorMessage`/`message`, also inside an `{"error": {...}}` wrapper); `error_model` is the body
    parsed into the spec's model for this status (None when it does not fit); `body` is the JSON body (None when
    the body is not JSON, e.g. an HTML page from a proxy) and `raw` its bytes.
    """

    status_code: int

    def __init__(self, operation: str, response: httpx.Response, error_model: Any = None) -> None:
        self.operation = operation
        self.response = response
        self.status_code = response.status_code
        self.headers = response.headers
        self.raw = response.content
        self.request_id = _request_id(response.headers)
        self.body = _json_body(response)
        self.error_model = error_model
        self.error_code, self.error_msg = _error_fields(self.body)
        super().__init__(self._message())

    @property
    def details(self) -> list[Any] | None:
        """`details` of the error body, when it has a list there (DBSS: the PDP authorisation failures)."""
        if isinstance(self.body, dict) and isinstance(self.body.get("details"), list):
            return list(self.body["details"])
        return None

    def _message(self) -> str:
        parts = [f"{self.operation}: HTTP {self.status_code} {self.response.reason_phrase}".rstrip()]
        if self.error_code is not None or self.error_msg is not None:
            parts.append(": " + " ".join(p for p in (self.error_code, self.error_msg) if p))
        elif self.body is None and self.raw:
            kind = self.response.headers.get("content-type", "unknown type").split(";")[0]
            parts.append(f" (non-JSON body: {kind}, {len(self.raw)} bytes)")
        if self.request_id:
            parts.append(f" [request id {self.request_id}]")
        return "".join(parts)


class BadRequestError(APIStatusError):
    status_code = 400


class AuthenticationError(APIStatusError):
    status_code = 401


class PermissionDeniedError(APIStatusError):
    status_code = 403


class NotFoundError(APIStatusError):
    status_code = 404


class ConflictError(APIStatusError):
    status_code = 409


class UnprocessableEntityError(APIStatusError):
    status_code = 422


class RateLimitError(APIStatusError):
    status_code = 429


class InternalServerError(APIStatusError):
    """Any 5xx status."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class(status_code: int) -> type[APIStatusError]:
    """The exception class of an error status."""
    if status_code >= 500:
        return InternalServerError
    return _BY_STATUS.get(status_code, APIStatusError)


def _request_id(headers: httpx.Headers) -> str | None:
    for name in _REQUEST_ID_HEADERS:
        if name in headers:
            return headers[name]
    return None


def _json_body(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def _error_fields(body: Any) -> tuple[str | None, str | None]:
    if not isinstance(body, dict):
        return None, None
    holders = [body["error"], body] if isinstance(body.get("error"), dict) else [body]
    code = message = None
    for holder in holders:
        code = code or next((_text(holder[k]) for k in _CODE_KEYS if k in holder and _text(holder[k])), None)
        message = message or next((_text(holder[k]) for k in _MESSAGE_KEYS if k in holder and _text(holder[k])), None)
    return code, message
