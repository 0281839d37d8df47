# Generated from specs/apig/openapi.yaml (sha256 aeb26727db812b06) by vendor-openapi-toolchain 0.1.0: do not edit.
"""One HTTP response of an operation, as `with_raw_response` returns it, and its parsing into the spec's model.

A body that breaks the spec is still read (`_lenient`) and a warning is logged, naming the problems (never the
values) and carrying the response (`record.response`); with `strict_responses=True` it raises
APIResponseValidationError instead.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._lazy import LazyModule
from ._lenient import build
from ._operations import Operation
from ._request import adapter
from .errors import APIResponseValidationError, loads, shown

if TYPE_CHECKING:
    import httpx
    import pydantic
else:  # loaded by the first client made (see `_lazy`)
    pydantic = LazyModule("pydantic", globals())

T = TypeVar("T")
logger = logging.getLogger(__package__ or __name__)
REQUEST_ID_HEADERS = ("x-request-id", "x-openstack-request-id", "x-correlation-id", "request-id")


class APIResponse(Generic[T]):
    """One HTTP response of an operation: status, headers and body as received, and `parse()` for the model."""

    def __init__(
        self,
        operation: Operation[T],
        http_response: httpx.Response,
        retries_taken: int = 0,
        *,
        strict: bool = False,
    ) -> None:
        self.operation = operation
        self.http_response = http_response
        self.retries_taken = retries_taken
        self.strict = strict
        self.problems: list[dict[str, Any]] = []
        """How the body breaks the spec (filled by `parse()`; empty when it matches)."""
        self._parsed: list[T] = []

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    @property
    def request_id(self) -> str | None:
        for name in REQUEST_ID_HEADERS:
            if name in self.headers:
                return self.headers[name]
        return None

    def json(self) -> Any:
        """The body as JSON; ValueError when it is not JSON (or nested too deeply to read)."""
        return loads(self.content)

    def parse(self) -> T:
        """The body as the spec's model for this status (cached).

        A body that breaks the spec is read as far as it fits and logged as a warning (`problems` lists what does
        not fit); with `strict=True` (the client's or the call's `strict_responses`) it raises
        APIResponseValidationError."""
        if not self._parsed:
            self._parsed.append(self._parse())
        return self._parsed[0]

    def _parse(self) -> Any:
        spec = self.operation.response_for(self.status_code)
        if spec is None or spec.kind is None:
            return None
        if spec.kind == "text":
            return self.text
        if spec.kind != "json":
            return self.content
        if spec.type is None:
            return self._json() if self.content else None
        validator = adapter(spec.type)
        try:  # the common case, a body that matches, parsed and validated in one pass by pydantic-core
            return validator.validate_json(self.content)
        except pydantic.ValidationError:
            pass  # read again as before: Python's JSON parser, then the models, then leniently
        data = self._json()
        try:
            return validator.validate_python(data)
        except pydantic.ValidationError as exc:
            self.problems = [dict(e) for e in exc.errors(include_input=False, include_url=False)]
        if self.strict:
            raise APIResponseValidationError(self.operation.name, self.http_response, self.problems)
        _warn(self.operation.name, self.http_response, self.problems)
        return build(spec.type, data)

    def _json(self) -> Any:
        try:
            return self.json()
        except (ValueError, UnicodeDecodeError) as exc:
            problem = {"loc": (), "msg": f"the body is not JSON: {exc}", "type": "json_invalid"}
            raise APIResponseValidationError(self.operation.name, self.http_response, [problem]) from None

    def __repr__(self) -> str:
        return f"<APIResponse {self.operation.name} [{self.status_code}]>"


def _warn(operation: str, response: httpx.Response, problems: Sequence[Mapping[str, Any]]) -> None:
    first = problems[0] if problems else {}
    where = ".".join(str(p) for p in first.get("loc", ())) or "the body"
    logger.warning(
        "%s: HTTP %d response does not match the spec (%d problem(s); first at %s: %s); kept as received"
        " (strict_responses=True raises APIResponseValidationError instead)",
        operation,
        response.status_code,
        len(problems),
        shown(where, 120),
        shown(first.get("msg", ""), 200),
        extra={"response": response, "problems": list(problems)},
    )
