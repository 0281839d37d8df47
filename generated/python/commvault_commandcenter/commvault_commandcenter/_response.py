# Generated from specs/commvault/openapi.yaml (sha256 3cafcb6c824dce15) by vendor-openapi-toolchain 0.1.0: do not edit.
"""One HTTP response of an operation, as `with_raw_response` returns it, and its parsing into the spec's model."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import httpx
import pydantic

from ._operations import Operation
from ._request import adapter
from .errors import APIResponseValidationError, loads

T = TypeVar("T")
REQUEST_ID_HEADERS = ("x-request-id", "x-openstack-request-id", "x-correlation-id", "request-id")


class APIResponse(Generic[T]):
    """One HTTP response of an operation: status, headers and body as received, and `parse()` for the model."""

    def __init__(self, operation: Operation[T], http_response: httpx.Response, retries_taken: int = 0) -> None:
        self.operation = operation
        self.http_response = http_response
        self.retries_taken = retries_taken
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
        """The body as the spec's model for this status (cached)."""
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
        try:
            return adapter(spec.type).validate_python(self._json())
        except pydantic.ValidationError as exc:
            raise APIResponseValidationError(
                self.operation.name, self.http_response, exc.errors(include_input=False, include_url=False)
            ) from None

    def _json(self) -> Any:
        try:
            return self.json()
        except (ValueError, UnicodeDecodeError) as exc:
            problem = {"loc": (), "msg": f"the body is not JSON: {exc}", "type": "json_invalid"}
            raise APIResponseValidationError(self.operation.name, self.http_response, [problem]) from None

    def __repr__(self) -> str:
        return f"<APIResponse {self.operation.name} [{self.status_code}]>"
