"""Exceptions of the client.

    APIError
    ├── RequestValidationError        the arguments break the spec; nothing was sent (also a ValueError)
    ├── APIConnectionError            no response: DNS, refused connection, reset, TLS ...
    │   └── APITimeoutError           no response in time (a phase timeout or the call's deadline)
    ├── APIResponseValidationError    a response that cannot be read, or (strict_responses) does not match the spec
    └── APIStatusError                any status but a success; `status_code`, `error_code`, `error_msg`,
        │                             `request_id`, `error_model` (the spec's error body, parsed), `body` (JSON), `raw`
        ├── BadRequestError 400, AuthenticationError 401, PermissionDeniedError 403, NotFoundError 404,
        ├── ConflictError 409, UnprocessableEntityError 422, RateLimitError 429
        ├── InternalServerError 5xx
        └── UnexpectedStatusError        a status the client does not treat as an answer: 1xx, 3xx, over 599

No message or repr of these exceptions contains request headers, credentials or input values, and text the
server chose (error messages, request ids, reason phrases) is shown with its control characters removed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

_REQUEST_ID_HEADERS = ("x-request-id", "x-openstack-request-id", "x-correlation-id", "request-id", "x-amzn-requestid")
_CODE_KEYS = ("error_code", "errorCode", "code")
_MESSAGE_KEYS = ("error_msg", "errorMessage", "message", "error_description", "detail")
MAX_SHOWN = 300
"""Characters of server text shown in a message (the whole text stays on the exception's attributes)."""


def shown(text: object, limit: int = MAX_SHOWN) -> str:
    """Server-controlled text made safe for a message: C0/C1 control characters (terminal escapes, newlines),
    and bidirectional overrides become spaces, runs of spaces one, and the result is cut at `limit`."""
    cleaned = "".join(" " if _is_control(c) else c for c in str(text))
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 3] + "..."


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code < 0xA0 or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069


def loads(content: bytes) -> Any:
    """JSON from a response body; raises ValueError for broken JSON, and for JSON nested too deep to read
    (Python's parser would raise RecursionError)."""
    try:
        return json.loads(content)
    except RecursionError:
        raise ValueError("the JSON document is nested too deeply") from None


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
        plural = "s" if count != 1 else ""
        super().__init__(f"{operation}: {count} invalid argument{plural}, nothing was sent:\n  " + "\n  ".join(lines))


class APIConnectionError(APIError):
    """The request got no (complete) response: refused, reset, DNS or TLS failure; `attempts` were made.

    `reason` is the transport's description of the last failure, with every credential of the client masked.
    """

    def __init__(self, operation: str, request: httpx.Request, reason: str, attempts: int = 1) -> None:
        self.operation = operation
        self.request = request
        self.attempts = attempts
        self.reason = reason
        super().__init__(f"{operation}: {self._what()} after {attempts} attempt(s): {shown(reason)}")

    def _what(self) -> str:
        return "connection failed"


class APITimeoutError(APIConnectionError):
    """No response within a timeout (connect, read, write, pool) or the call's overall deadline."""

    def _what(self) -> str:
        return "timed out"


class APIResponseValidationError(APIError):
    """A response that cannot be read as the spec says: a body that is not the JSON it should be, one too large
    to accept, or (with `strict_responses=True`) one that breaks the spec's model. `response` and `errors` tell
    what arrived."""

    def __init__(self, operation: str, response: httpx.Response, errors: Sequence[Mapping[str, Any]]) -> None:
        self.operation = operation
        self.response = response
        self.status_code = response.status_code
        self.errors = [dict(e) for e in errors]
        first = self.errors[0] if self.errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        super().__init__(
            f"{operation}: HTTP {response.status_code} response does not match the spec"
            f" ({len(self.errors)} problem(s); first at {where or 'the body'}:"
            f" {shown(first.get('msg', 'unparsable body'))})"
        )


class APIStatusError(APIError):
    """The server answered with a status that is not a success.

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
        parts = [f"{self.operation}: HTTP {self.status_code} {shown(self.response.reason_phrase, 80)}".rstrip()]
        if self.error_code is not None or self.error_msg is not None:
            parts.append(": " + " ".join(shown(p) for p in (self.error_code, self.error_msg) if p))
        elif self.body is None and self.raw:
            kind = self.response.headers.get("content-type", "unknown type").split(";")[0]
            parts.append(f" (non-JSON body: {shown(kind, 80)}, {len(self.raw)} bytes)")
        if self.request_id:
            parts.append(f" [request id {shown(self.request_id, 120)}]")
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


class UnexpectedStatusError(APIStatusError):
    """A status that is neither a success nor an error answer of the API: a 1xx, a redirect (the client does not
    follow redirects: a token must not travel to another host) or a code outside 100-599."""


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
    """The exception class of a status that is not a success."""
    if 500 <= status_code <= 599:
        return InternalServerError
    if 400 <= status_code <= 499:
        return _BY_STATUS.get(status_code, APIStatusError)
    return UnexpectedStatusError


def _request_id(headers: httpx.Headers) -> str | None:
    for name in _REQUEST_ID_HEADERS:
        if name in headers:
            return headers[name]
    return None


def _json_body(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return loads(response.content)
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
