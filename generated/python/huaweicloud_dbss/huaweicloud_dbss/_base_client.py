"""The HTTP machinery behind `Client` and `AsyncClient`: argument validation, request building, credentials,
timeouts, retries, logging and response parsing. Every operation method is a thin call into `_request`.

The synchronous and asynchronous classes below come from one template, so they cannot drift apart.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, Generic, Literal, Self, TypeVar
from urllib.parse import quote, urlencode

import httpx
import pydantic

from .auth import Credential, redact_headers, redact_url
from .errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    RequestValidationError,
    error_class,
)

T = TypeVar("T")
logger = logging.getLogger("huaweicloud_dbss")

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
"""60 s to read a response (and to write the request), 10 s to connect; override per client or per call."""
DEFAULT_MAX_RETRIES = 2
DEFAULT_RETRY_BACKOFF = 0.5
"""Seconds before the first retry; doubled for each further one (with jitter), capped by the maximum delay."""
DEFAULT_RETRY_MAX_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
"""A Retry-After longer than this is not waited for: the error is raised instead."""
RETRY_STATUSES = frozenset({429, 502, 503, 504})
USER_AGENT = "huaweicloud-dbss/2026.1.22 (python-httpx)"


class NotGiven:
    """Marks an argument that was not passed (None can be a value)."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


@dataclass(frozen=True)
class ServerVariable:
    name: str
    argument: str
    default: str
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Server:
    url: str
    variables: tuple[ServerVariable, ...] = ()


def server_url(servers: Sequence[Server], values: Mapping[str, str]) -> str:
    """The base URL for the server variables `values` (keyed by constructor argument).

    Among the servers whose enums admit every value, the one listing most of the values explicitly wins (so a
    region that has a server of its own gets that server), the first one on a tie.
    """
    best: tuple[int, int, Server] | None = None
    for index, server in enumerate(servers):
        score = 0
        for variable in server.variables:
            value = values.get(variable.argument, variable.default)
            if variable.enum and value not in variable.enum:
                break
            score += bool(variable.enum)
        else:
            if best is None or score > best[0]:
                best = (score, index, server)
    if best is None:
        allowed = sorted({v for s in servers for var in s.variables for v in var.enum})
        raise ValueError(f"no server of this API accepts {dict(values)!r}; allowed values: {allowed}")
    url = best[2].url
    for variable in best[2].variables:
        value = str(values.get(variable.argument, variable.default))
        if not value or any(c.isspace() or c in "/?#@" for c in value):
            raise ValueError(f"{variable.argument}={value!r} is not a valid value for the server URL")
        url = url.replace("{" + variable.name + "}", value)
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"the API's server URL {url!r} is relative: pass base_url=")
    return url


@dataclass(frozen=True)
class Param:
    """How one keyword argument travels: its wire name, location and OpenAPI style."""

    argument: str
    name: str
    location: Literal["path", "query", "header", "cookie"]
    style: str = "simple"
    explode: bool = False


@dataclass(frozen=True)
class ResponseSpec:
    status: str  # "201", "4XX" or "default"
    kind: Literal["json", "form", "text", "binary"] | None
    type: Any = None  # what a JSON body is parsed into (None: plain JSON)


@dataclass(frozen=True)
class Operation(Generic[T]):
    """Everything `_request` needs to know about one operation of the spec."""

    name: str
    method: str
    path: str
    params: tuple[Param, ...] = ()
    params_model: type[pydantic.BaseModel] | None = None
    body_type: Any = None
    body_kind: Literal["json", "form", "text", "binary"] | None = None
    body_media_type: str | None = None
    responses: tuple[ResponseSpec, ...] = ()
    security: tuple[tuple[str, ...], ...] = ()

    def response_for(self, status_code: int) -> ResponseSpec | None:
        """The documented response of a status: exact code, then `4XX`-style range, then `default`."""
        for key in (str(status_code), f"{status_code // 100}XX", "default"):
            for response in self.responses:
                if response.status == key:
                    return response
        if 200 <= status_code < 300:  # an undocumented success code: read it as the documented success
            return next((r for r in self.responses if r.status.startswith("2")), None)
        return None


@cache
def _adapter(type_: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(type_)


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
        for name in ("x-request-id", "x-openstack-request-id", "x-correlation-id", "request-id"):
            if name in self.headers:
                return self.headers[name]
        return None

    def json(self) -> Any:
        return json.loads(self.content)

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
            return self.json() if self.content else None
        try:
            return _adapter(spec.type).validate_json(self.content)
        except pydantic.ValidationError as exc:
            raise APIResponseValidationError(
                self.operation.name, self.http_response, exc.errors(include_input=False, include_url=False)
            ) from None

    def __repr__(self) -> str:
        return f"<APIResponse {self.operation.name} [{self.status_code}]>"


# ---- requests ------------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


def _simple(value: Any, explode: bool) -> str:
    """OpenAPI `simple` style (path and header parameters)."""
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    if isinstance(value, dict):
        pairs = [f"{k}={_text(v)}" if explode else f"{k},{_text(v)}" for k, v in value.items()]
        return ",".join(pairs)
    return _text(value)


def _query_items(param: Param, value: Any) -> list[tuple[str, str | int | float | bool | None]]:
    if isinstance(value, list):
        if param.style == "form" and param.explode:
            return [(param.name, _text(v)) for v in value]
        separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(param.style, ",")
        return [(param.name, separator.join(_text(v) for v in value))]
    if isinstance(value, dict):
        if param.style == "deepObject":
            return [(f"{param.name}[{k}]", _text(v)) for k, v in value.items()]
        if param.explode:
            return [(str(k), _text(v)) for k, v in value.items()]
        return [(param.name, ",".join(f"{k},{_text(v)}" for k, v in value.items()))]
    return [(param.name, _text(value))]


def _validated_arguments(operation: Operation[Any], arguments: Mapping[str, Any]) -> dict[str, Any]:
    given = {name: value for name, value in arguments.items() if not isinstance(value, NotGiven)}
    if operation.params_model is None:
        return given
    try:
        model = operation.params_model.model_validate(given)
    except pydantic.ValidationError as exc:
        raise RequestValidationError(operation.name, exc.errors(include_input=False, include_url=False)) from None
    dumped: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return dumped


def _serialized_body(operation: Operation[Any], body: Any) -> tuple[bytes | None, str | None]:
    if isinstance(body, NotGiven) or operation.body_kind is None:
        return None, None
    media_type = operation.body_media_type or "application/json"
    if operation.body_kind == "json":
        if operation.body_type is None:
            return json.dumps(body, ensure_ascii=False).encode(), media_type
        adapter = _adapter(operation.body_type)
        try:
            value = adapter.validate_python(dict(body) if isinstance(body, Mapping) else body)
        except pydantic.ValidationError as exc:
            errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_input=False, include_url=False)]
            raise RequestValidationError(operation.name, errors) from None
        return adapter.dump_json(value, by_alias=True, exclude_unset=True), media_type
    if operation.body_kind == "form":
        return urlencode([(str(k), _text(v)) for k, v in dict(body).items()]).encode(), media_type
    if operation.body_kind == "text":
        return str(body).encode(), media_type
    return bytes(body), media_type


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds the server asks to wait (`retry-after-ms`, `Retry-After` seconds or HTTP date), if any."""
    try:
        if "retry-after-ms" in headers:
            return max(0.0, float(headers["retry-after-ms"]) / 1000)
        value = headers.get("retry-after")
        if value is None:
            return None
        if value.strip().replace(".", "", 1).isdigit():
            return max(0.0, float(value))
        from email.utils import parsedate_to_datetime  # rare: not worth its import time for every user

        moment = parsedate_to_datetime(value)
        return max(0.0, (moment - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError, OverflowError):
        return None


async def _async_sleep(seconds: float) -> None:
    import asyncio  # here, not at the top: sync-only users do not pay for importing asyncio

    await asyncio.sleep(seconds)


def _is_retryable(exc: httpx.TransportError) -> bool:
    return isinstance(exc, (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError))


class _BaseClient:
    """State shared by the sync and async clients."""

    def __init__(
        self,
        *,
        base_url: str,
        credentials: Mapping[str, Credential],
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        retry_backoff: float,
        retry_max_delay: float,
        headers: Mapping[str, str] | None,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        self.base_url = httpx.URL(base_url)
        self._credentials = dict(credentials)
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self.max_retries = max_retries
        self.retry_backoff = retry_backoff
        self.retry_max_delay = retry_max_delay
        self._headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})}
        self._secret_headers = frozenset(h for c in self._credentials.values() for h in c.secret_headers)
        self._secret_query = frozenset(q for c in self._credentials.values() for q in c.secret_query)

    def __repr__(self) -> str:
        credentials = ", ".join(repr(c) for c in self._credentials.values()) or "none"
        return f"{type(self).__name__}(base_url={str(self.base_url)!r}, credentials={credentials})"

    def _credentials_for(self, operation: Operation[Any]) -> list[Credential]:
        """The credentials of the first security alternative of the operation that the client can satisfy.

        An empty alternative (`{}`: authentication optional) is used only when no other one can be satisfied.
        """
        for alternative in sorted(operation.security, key=lambda a: not a):
            if all(key in self._credentials for key in alternative):
                return [self._credentials[key] for key in alternative]
        return []

    def _build_request(
        self,
        client: httpx.Client | httpx.AsyncClient,
        operation: Operation[Any],
        values: Mapping[str, Any],
        content: bytes | None,
        content_type: str | None,
        timeout: float | httpx.Timeout | None | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> httpx.Request:
        path = operation.path
        query: list[tuple[str, str | int | float | bool | None]] = []
        headers = dict(self._headers)
        cookies: list[str] = []
        for param in operation.params:
            if param.argument not in values:
                continue
            value = values[param.argument]
            if param.location == "path":
                # every reserved character is escaped: a value can never leave its path segment
                path = path.replace("{" + param.name + "}", quote(_simple(value, param.explode), safe=""))
            elif param.location == "query":
                query.extend(_query_items(param, value))
            elif param.location == "header":
                headers[param.name] = _simple(value, param.explode)
            else:
                cookies.append(f"{param.name}={quote(_simple(value, param.explode), safe='')}")
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        if content_type is not None:
            headers["Content-Type"] = content_type
        headers.update(extra_headers or {})
        path = quote(path, safe="/%:@!$&'()*+,;=~-._")  # non-ASCII characters of the spec's path template
        url = self.base_url.copy_with(raw_path=self.base_url.raw_path.rstrip(b"/") + path.encode("ascii"))
        request = client.build_request(
            operation.method,
            url,
            params=httpx.QueryParams(query) if query else None,
            headers=headers,
            content=content,
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
        )
        for credential in self._credentials_for(operation):
            credential.apply(request)
        return request

    def _retry_delay(self, attempt: int, response: httpx.Response | None) -> float | None:
        """Seconds to wait before retry number `attempt + 1`, or None when the response says not to retry."""
        if response is not None:
            asked = _retry_after(response.headers)
            if asked is not None:
                return asked if asked <= MAX_RETRY_AFTER else None
        delay = min(self.retry_backoff * 2.0**attempt, self.retry_max_delay)
        return delay * (0.5 + random.random() / 2)  # jitter: 50-100 % of the delay spreads out clients

    def _log_request(self, request: httpx.Request, attempt: int) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s (attempt %d) headers=%s body=%d bytes",
                request.method,
                redact_url(request.url, self._secret_query),
                attempt + 1,
                redact_headers(request.headers, self._secret_headers),
                len(request.content),
            )

    def _log_response(self, operation: Operation[Any], response: httpx.Response) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s -> HTTP %d, %d bytes, request id %s",
                operation.name,
                response.status_code,
                len(response.content),
                response.headers.get("x-request-id", "-"),
            )

    def _log_retry(self, operation: Operation[Any], attempt: int, retries: int, delay: float, why: str) -> None:
        logger.info("%s: %s; retry %d of %d in %.2f s", operation.name, why, attempt + 1, retries, delay)

    def _result(self, operation: Operation[T], response: httpx.Response, attempt: int) -> APIResponse[T]:
        result = APIResponse(operation, response, retries_taken=attempt)
        if response.is_error:
            raise self._status_error(operation, response)
        return result

    def _status_error(self, operation: Operation[Any], response: httpx.Response) -> APIStatusError:
        spec = operation.response_for(response.status_code)
        error_model = None
        if spec is not None and spec.kind == "json" and spec.type is not None and response.content:
            try:
                error_model = _adapter(spec.type).validate_json(response.content)
            except pydantic.ValidationError:
                error_model = None  # the raw body is still on the exception
        return error_class(response.status_code)(operation.name, response, error_model)


class SyncAPIClient(_BaseClient):
    """Blocking transport over one `httpx.Client` (connection pool); use it as a context manager or call `close()`."""

    def __init__(
        self,
        *,
        base_url: str,
        credentials: Mapping[str, Credential],
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_backoff: float = DEFAULT_RETRY_BACKOFF,
        retry_max_delay: float = DEFAULT_RETRY_MAX_DELAY,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url,
            credentials=credentials,
            timeout=timeout,
            max_retries=max_retries,
            retry_backoff=retry_backoff,
            retry_max_delay=retry_max_delay,
            headers=headers,
        )
        self._owns_client = http_client is None
        self._client = http_client if http_client is not None else httpx.Client(timeout=self.timeout)

    def close(self) -> None:
        """Close the connection pool (unless it was passed in as `http_client`)."""
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _request(
        self,
        operation: Operation[T],
        arguments: Mapping[str, Any],
        body: Any = NOT_GIVEN,
        *,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> APIResponse[T]:
        values = _validated_arguments(operation, arguments)
        content, content_type = _serialized_body(operation, body)
        retries = self.max_retries if isinstance(max_retries, NotGiven) else max_retries
        attempt = 0
        while True:
            request = self._build_request(
                self._client, operation, values, content, content_type, timeout, extra_headers
            )
            self._log_request(request, attempt)
            try:
                response = self._client.send(request)
            except httpx.TransportError as exc:
                delay = self._retry_delay(attempt, None) if attempt < retries and _is_retryable(exc) else None
                if delay is None:
                    error = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
                    raise error(operation.name, request, exc, attempts=attempt + 1) from exc
                self._log_retry(operation, attempt, retries, delay, type(exc).__name__)
                time.sleep(delay)
                attempt += 1
                continue
            self._log_response(operation, response)
            if response.status_code in RETRY_STATUSES and attempt < retries:
                delay = self._retry_delay(attempt, response)
                if delay is not None:
                    self._log_retry(operation, attempt, retries, delay, f"HTTP {response.status_code}")
                    time.sleep(delay)
                    attempt += 1
                    continue
            return self._result(operation, response, attempt)


class AsyncAPIClient(_BaseClient):
    """asyncio transport over one `httpx.AsyncClient` (connection pool); use it as an async context manager or call `await aclose()`."""

    def __init__(
        self,
        *,
        base_url: str,
        credentials: Mapping[str, Credential],
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_backoff: float = DEFAULT_RETRY_BACKOFF,
        retry_max_delay: float = DEFAULT_RETRY_MAX_DELAY,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url,
            credentials=credentials,
            timeout=timeout,
            max_retries=max_retries,
            retry_backoff=retry_backoff,
            retry_max_delay=retry_max_delay,
            headers=headers,
        )
        self._owns_client = http_client is None
        self._client = http_client if http_client is not None else httpx.AsyncClient(timeout=self.timeout)

    async def aclose(self) -> None:
        """Close the connection pool (unless it was passed in as `http_client`)."""
        if self._owns_client:
            await self._client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def _request(
        self,
        operation: Operation[T],
        arguments: Mapping[str, Any],
        body: Any = NOT_GIVEN,
        *,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> APIResponse[T]:
        values = _validated_arguments(operation, arguments)
        content, content_type = _serialized_body(operation, body)
        retries = self.max_retries if isinstance(max_retries, NotGiven) else max_retries
        attempt = 0
        while True:
            request = self._build_request(
                self._client, operation, values, content, content_type, timeout, extra_headers
            )
            self._log_request(request, attempt)
            try:
                response = await self._client.send(request)
            except httpx.TransportError as exc:
                delay = self._retry_delay(attempt, None) if attempt < retries and _is_retryable(exc) else None
                if delay is None:
                    error = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
                    raise error(operation.name, request, exc, attempts=attempt + 1) from exc
                self._log_retry(operation, attempt, retries, delay, type(exc).__name__)
                await _async_sleep(delay)
                attempt += 1
                continue
            self._log_response(operation, response)
            if response.status_code in RETRY_STATUSES and attempt < retries:
                delay = self._retry_delay(attempt, response)
                if delay is not None:
                    self._log_retry(operation, attempt, retries, delay, f"HTTP {response.status_code}")
                    await _async_sleep(delay)
                    attempt += 1
                    continue
            return self._result(operation, response, attempt)


__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIResponse",
    "AsyncAPIClient",
    "NotGiven",
    "Operation",
    "Param",
    "ResponseSpec",
    "Server",
    "ServerVariable",
    "SyncAPIClient",
    "server_url",
]
