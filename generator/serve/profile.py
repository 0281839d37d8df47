"""What a vendor module declares: error bodies, generated fields, uniqueness rules, auth quirks.

The generic server reads only these declarations; every vendor-specific behaviour lives in one small module per
API under `generator/serve/vendors/`, and `vendors/generic.py` gives the fallback used for any other spec.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from generator.serve.validation import Violation


class ErrorKind(StrEnum):
    INVALID = "invalid"  # the request breaks the schema
    UNAUTHORIZED = "unauthorized"  # no or wrong credentials
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    CONFLICT = "conflict"  # a uniqueness rule (the rule names the status and code)
    TOO_LARGE = "too_large"
    THROTTLED = "throttled"
    UNAVAILABLE = "unavailable"
    INTERNAL = "internal"


# The HTTP status of each kind when nothing more specific is documented.
DEFAULT_STATUS: dict[ErrorKind, int] = {
    ErrorKind.INVALID: 400,
    ErrorKind.UNAUTHORIZED: 401,
    ErrorKind.FORBIDDEN: 403,
    ErrorKind.NOT_FOUND: 404,
    ErrorKind.METHOD_NOT_ALLOWED: 405,
    ErrorKind.CONFLICT: 409,
    ErrorKind.TOO_LARGE: 413,
    ErrorKind.THROTTLED: 429,
    ErrorKind.INTERNAL: 500,
    ErrorKind.UNAVAILABLE: 503,
}


def kind_for_status(status: int) -> ErrorKind:
    for kind, code in DEFAULT_STATUS.items():
        if code == status:
            return kind
    return ErrorKind.INVALID if status < 500 else ErrorKind.INTERNAL


@dataclass(frozen=True)
class ApiError:
    """One error answer, before the vendor module turns it into a body."""

    kind: ErrorKind
    status: int
    message: str  # an English sentence; names the offending field for INVALID
    violations: tuple[Violation, ...] = ()
    code: str | int | None = None  # a vendor code fixed by the caller (e.g. a uniqueness rule's)
    example: Any = None  # the documented example body for this status, when the spec has one
    operation_id: str = ""
    path_params: Mapping[str, str] = field(default_factory=dict)
    # The documented schema of this status, when there is one: a body it accepts (None: nothing documented) and
    # the check itself, so a vendor module can keep its answer inside the spec's own error schema.
    schema_instance: Any = None
    fits_schema: Callable[[Any], bool] | None = None

    def example_value(self, name: str, default: Any = None) -> Any:
        return self.example.get(name, default) if isinstance(self.example, dict) else default


@dataclass(frozen=True)
class UniqueRule:
    """Within one container (the values of `scope`, path parameters), `fields` of the request body are unique."""

    operation_id: str
    scope: tuple[str, ...]
    fields: tuple[str, ...]
    status: int
    code: str | int
    message: str


@dataclass(frozen=True)
class SuccessContext:
    """What a success body may depend on."""

    operation_id: str
    path_params: Mapping[str, str]
    body: Any  # the parsed, validated request body
    state: Any  # generator.serve.state.Store


Factory = Callable[[SuccessContext], Any]


@dataclass(frozen=True)
class Vendor:
    name: str
    # The body of an error answer; the app checks it against the documented schema of that status.
    error_body: Callable[[ApiError], Any]
    # Response fields (JSON pointers into the success body) given a new value per request. None: guess from the
    # documented example (keys named `id`, `*_id`, `*Id`) - the fallback for specs without a vendor module.
    generated: Mapping[str, Factory] | None = None
    # Response fields copied from the request body: response pointer -> request pointer. Same-named top-level
    # properties are copied anyway.
    echo: Mapping[str, str] = field(default_factory=dict)
    # Response fields set to the current time (RFC 3339, shaped like the documented example).
    timestamps: tuple[str, ...] = ()
    unique: tuple[UniqueRule, ...] = ()
    # Prefixes a client may put before the token (Commvault's cvpysdk sends `Authtoken: QSDK <token>`).
    token_prefixes: tuple[str, ...] = ()
    # Commvault's own examples post to /Instance while the page documents /instance.
    case_insensitive_paths: bool = False
    # A response header carrying a new request id per request (Huawei Cloud sends X-Request-Id).
    request_id_header: str | None = None
    # The last word on a success body (for fields that depend on state, such as per-client ids).
    finish: Callable[[SuccessContext, Any], Any] | None = None
    # The media type of an error body for a status the spec documents no content for.
    error_media_type: str = "application/json"
