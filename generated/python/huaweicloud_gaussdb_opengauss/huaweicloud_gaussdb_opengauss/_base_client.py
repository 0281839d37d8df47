# Generated from specs/gaussdb-opengauss/openapi.yaml (sha256 7f74c040d4f3ac97) by vendor-openapi-toolchain 0.1.0: do not edit.
"""The machinery behind a package's `Client` and `AsyncClient`: credentials, timeouts, the call's deadline,
retries, response limits, logging and the mapping of statuses to results and exceptions.

One call is one `_exchange` generator, shared by both clients: it yields what to do (send this request, sleep
this long) and receives what happened. `SyncAPIClient` and `AsyncAPIClient` only drive it, with blocking or
awaited I/O, so their behaviour cannot drift apart.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import random
import time
from collections.abc import Awaitable, Callable, Generator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar, ParamSpec, Self, TypeVar, cast

import httpx
import pydantic

from ._operations import NOT_GIVEN, NotGiven, Operation, Server, server_url
from ._request import adapter, serialized_body, validated_arguments, wire_parts
from ._response import APIResponse
from .auth import SECRETS, Credential, Scheme, credentials, redact_headers, redact_url
from .errors import APIConnectionError, APIResponseValidationError, APIStatusError, APITimeoutError, error_class

T = TypeVar("T")
P = ParamSpec("P")
logger = logging.getLogger(__package__ or __name__)

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
"""60 s to read a response (and to write the request), 10 s to connect; override per client or per call."""
DEFAULT_DEADLINE = 300.0
"""Seconds one call may take in all (every attempt, the waits between them and reading the body)."""
DEFAULT_MAX_RETRIES = 2
DEFAULT_RETRY_BACKOFF = 0.5
"""Seconds before the first retry; doubled for each further one (with jitter), capped by the maximum delay."""
DEFAULT_RETRY_MAX_DELAY = 8.0
DEFAULT_MAX_RESPONSE_SIZE = 32 * 1024 * 1024
"""Bytes of a response body accepted, on the wire and once decompressed (a gzip bomb stops there)."""
MAX_RETRY_AFTER = 60.0
"""A Retry-After longer than this is not waited for: the error is raised instead."""
RETRY_STATUSES = frozenset({429, 502, 503, 504})

Timeout = float | httpx.Timeout | None


@dataclass(frozen=True)
class _Send:
    request: httpx.Request
    deadline: float | None  # time.monotonic() by which the body must have been read


@dataclass(frozen=True)
class _Sleep:
    seconds: float


class _TooLarge(Exception):
    def __init__(self, response: httpx.Response) -> None:
        super().__init__()
        self.response = response


class _DeadlinePassed(Exception):
    pass


_Outcome = httpx.Response | httpx.TransportError | _TooLarge | _DeadlinePassed
_Exchange = Generator[_Send | _Sleep, _Outcome | None, APIResponse[T]]
_RAW: contextvars.ContextVar[bool] = contextvars.ContextVar("raw_response", default=False)


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


def _is_retryable(exc: _Outcome) -> bool:
    return isinstance(exc, (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError))


def _bounded(timeout: httpx.Timeout, remaining: float | None) -> dict[str, float | None]:
    """httpx's per-phase timeouts, none longer than what is left of the call's deadline."""
    phases = timeout.as_dict()
    if remaining is None:
        return phases
    return {name: remaining if value is None else min(value, remaining) for name, value in phases.items()}


class _BaseClient:
    """State and decisions shared by the sync and async clients.

    The package's client classes set the three class attributes from its spec and pass the constructor's server
    and credential arguments through.
    """

    _api_servers: ClassVar[tuple[Server, ...]] = ()
    _api_schemes: ClassVar[tuple[Scheme, ...]] = ()
    _api_user_agent: ClassVar[str] = "python-httpx"

    def __init__(
        self,
        *,
        base_url: str | None,
        server_values: Mapping[str, str],
        credential_values: Mapping[str, str | None],
        timeout: Timeout,
        deadline: float | None,
        max_retries: int,
        retry_backoff: float,
        retry_max_delay: float,
        max_response_size: int,
        headers: Mapping[str, str] | None,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        if deadline is not None and deadline <= 0:
            raise ValueError("deadline must be a positive number of seconds (or None for no deadline)")
        if max_response_size <= 0:
            raise ValueError("max_response_size must be a positive number of bytes")
        self.base_url = httpx.URL(base_url if base_url is not None else server_url(self._api_servers, server_values))
        self._credentials = credentials(self._api_schemes, credential_values)
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self.deadline = deadline
        self.max_retries = max_retries
        self.retry_backoff = retry_backoff
        self.retry_max_delay = retry_max_delay
        self.max_response_size = max_response_size
        self._headers = {"User-Agent": self._api_user_agent, "Accept": "application/json", **(headers or {})}
        self._secret_headers = frozenset(h for c in self._credentials.values() for h in c.secret_headers)
        self._secret_query = frozenset(q for c in self._credentials.values() for q in c.secret_query)
        self._secrets = tuple(s for c in self._credentials.values() for s in c.secrets)
        SECRETS.add(self._secrets)
        self._closed = False

    def _release(self) -> None:
        if not self._closed:
            self._closed = True
            SECRETS.remove(self._secrets)

    def __del__(self) -> None:
        if getattr(self, "_secrets", None) is not None:
            self._release()

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
        timeout: httpx.Timeout,
        extra_headers: Mapping[str, str] | None,
    ) -> httpx.Request:
        path, query, param_headers, cookies = wire_parts(operation, values)
        headers = {**self._headers, "Accept": operation.accept, **param_headers}
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        if content_type is not None:
            headers["Content-Type"] = content_type
        headers.update(extra_headers or {})
        # the query string goes out as the style table wrote it (httpx would re-encode `,` and `|`)
        raw_path = self.base_url.raw_path.split(b"?", 1)[0].rstrip(b"/") + path.encode("ascii")
        url = self.base_url.copy_with(raw_path=raw_path + (b"?" + query.encode("ascii") if query else b""))
        request = client.build_request(
            operation.method,
            url,
            headers=headers,
            content=content,
            timeout=timeout,
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

    def _masked(self, text: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, "<redacted>")
        return text

    def _exchange(
        self,
        client: httpx.Client | httpx.AsyncClient,
        operation: Operation[T],
        arguments: Mapping[str, Any],
        body: Any,
        timeout: Timeout | NotGiven,
        deadline: float | NotGiven | None,
        max_retries: int | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> _Exchange[T]:
        """One call, from the arguments to its response: validation, then attempts until one counts."""
        values = validated_arguments(operation, arguments)
        content, content_type = serialized_body(operation, body)
        retries = self.max_retries if isinstance(max_retries, NotGiven) else max_retries
        phases = self.timeout if isinstance(timeout, NotGiven) else _as_timeout(timeout)
        seconds = self.deadline if isinstance(deadline, NotGiven) else deadline
        end = None if seconds is None else time.monotonic() + seconds
        attempt = 0
        while True:
            remaining = None if end is None else max(0.001, end - time.monotonic())
            request = self._build_request(client, operation, values, content, content_type, phases, extra_headers)
            request.extensions["timeout"] = _bounded(phases, remaining)
            self._log_request(request, attempt)
            outcome = yield _Send(request, end)
            if isinstance(outcome, httpx.Response):
                self._log_response(operation, outcome)
                if outcome.status_code not in RETRY_STATUSES or attempt >= retries:
                    return self._result(operation, outcome, attempt)
                delay = self._retry_delay(attempt, outcome)
                if delay is None or (end is not None and time.monotonic() + delay > end):
                    return self._result(operation, outcome, attempt)
                why = f"HTTP {outcome.status_code}"
            elif isinstance(outcome, _TooLarge):
                raise self._too_large(operation, outcome.response)
            else:
                assert outcome is not None
                delay = self._retry_delay(attempt, None) if attempt < retries and _is_retryable(outcome) else None
                if delay is None or (end is not None and time.monotonic() + delay > end):
                    raise self._transport_error(operation, request, outcome, attempt, seconds)
                why = type(outcome).__name__
            logger.info("%s: %s; retry %d of %d in %.2f s", operation.name, why, attempt + 1, retries, delay)
            yield _Sleep(delay)
            attempt += 1

    def _transport_error(
        self,
        operation: Operation[Any],
        request: httpx.Request,
        outcome: httpx.TransportError | _DeadlinePassed,
        attempt: int,
        deadline: float | None,
    ) -> APIConnectionError:
        if isinstance(outcome, _DeadlinePassed):
            reason = f"the call's deadline of {deadline} s passed"
            return APITimeoutError(operation.name, request, reason, attempts=attempt + 1)
        reason = self._masked(f"{type(outcome).__name__}: {outcome}")
        error = APITimeoutError if isinstance(outcome, httpx.TimeoutException) else APIConnectionError
        return error(operation.name, request, reason, attempts=attempt + 1)

    def _log_request(self, request: httpx.Request, attempt: int) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s (attempt %d) headers=%s body=%d bytes",
                request.method,
                self._masked(redact_url(request.url, self._secret_query)),
                attempt + 1,
                redact_headers(request.headers, self._secret_headers),
                len(request.content),
            )

    def _log_response(self, operation: Operation[Any], response: httpx.Response) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s -> HTTP %d, %d bytes, request id %r",
                operation.name,
                response.status_code,
                len(response.content),
                response.headers.get("x-request-id", "-")[:120],
            )

    def _result(self, operation: Operation[T], response: httpx.Response, attempt: int) -> APIResponse[T]:
        if not 200 <= response.status_code <= 299:
            raise self._status_error(operation, response)
        return APIResponse(operation, response, retries_taken=attempt)

    def _status_error(self, operation: Operation[Any], response: httpx.Response) -> APIStatusError:
        spec = operation.response_for(response.status_code)
        error_model = None
        if spec is not None and spec.kind == "json" and spec.type is not None and response.content:
            try:
                error_model = adapter(spec.type).validate_json(response.content)
            except (pydantic.ValidationError, RecursionError):
                error_model = None  # the raw body is still on the exception
        return error_class(response.status_code)(operation.name, response, error_model)

    def _too_large(self, operation: Operation[Any], response: httpx.Response) -> APIResponseValidationError:
        problem = {
            "loc": (),
            "msg": f"the response body is larger than max_response_size ({self.max_response_size} bytes);"
            " `response.content` holds its first bytes",
            "type": "too_large",
        }
        return APIResponseValidationError(operation.name, response, [problem])


def _as_timeout(timeout: Timeout) -> httpx.Timeout:
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)


class _Body:
    """The body of a streamed response, read within the size limit and by the call's deadline."""

    def __init__(self, response: httpx.Response, limit: int, deadline: float | None) -> None:
        self.response, self.limit, self.deadline = response, limit, deadline
        self.chunks: list[bytes] = []
        self.size = 0
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and len(declared) < 20 and int(declared) > limit:  # refused before reading
            self.finish()
            raise _TooLarge(response)

    def take(self, chunk: bytes) -> None:
        self.chunks.append(chunk)
        self.size += len(chunk)
        # decoded bytes (a gzip bomb) and bytes on the wire (httpx counts them) are both bounded
        if self.size > self.limit or self.response.num_bytes_downloaded > self.limit:
            self.finish()
            raise _TooLarge(self.response)
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _DeadlinePassed

    def finish(self) -> None:
        # what httpx's own read() sets, so `.content`, `.text` and `.json()` work on the response afterwards
        self.response._content = b"".join(self.chunks)[: self.limit]


class SyncAPIClient(_BaseClient):
    """Blocking transport over one `httpx.Client` (connection pool); use it as a context manager or `close()` it."""

    def __init__(self, *, http_client: httpx.Client | None = None, **options: Any) -> None:
        super().__init__(**options)
        self._owns_client = http_client is None
        self._client = http_client if http_client is not None else httpx.Client(timeout=self.timeout)

    def close(self) -> None:
        """Close the connection pool (unless it was passed in as `http_client`)."""
        if self._owns_client:
            self._client.close()
        self._release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _call(
        self,
        operation: Operation[T],
        arguments: Mapping[str, Any],
        body: Any = NOT_GIVEN,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> T:
        """Run one call: the parsed result, or (under `with_raw_response`) the `APIResponse` itself."""
        raw = _RAW.get()
        steps = self._exchange(self._client, operation, arguments, body, timeout, deadline, max_retries, extra_headers)
        outcome: _Outcome | None = None
        try:
            while True:
                step = steps.send(outcome)
                if isinstance(step, _Sleep):
                    time.sleep(step.seconds)
                    outcome = None
                    continue
                outcome = self._send(step)
        except StopIteration as done:
            result: APIResponse[T] = done.value
        return cast(T, result) if raw else result.parse()

    def _send(self, step: _Send) -> _Outcome:
        try:
            response = self._client.send(step.request, stream=True)
        except httpx.TransportError as exc:
            return exc
        try:
            body = _Body(response, self.max_response_size, step.deadline)
            for chunk in response.iter_bytes():
                body.take(chunk)
            body.finish()
        except httpx.TransportError as exc:
            return exc
        except (_DeadlinePassed, _TooLarge) as exc:
            return exc
        finally:
            response.close()
        return response


class AsyncAPIClient(_BaseClient):
    """asyncio transport over one `httpx.AsyncClient`; use it as an async context manager or `await aclose()`."""

    def __init__(self, *, http_client: httpx.AsyncClient | None = None, **options: Any) -> None:
        super().__init__(**options)
        self._owns_client = http_client is None
        self._client = http_client if http_client is not None else httpx.AsyncClient(timeout=self.timeout)

    async def aclose(self) -> None:
        """Close the connection pool (unless it was passed in as `http_client`)."""
        if self._owns_client:
            await self._client.aclose()
        self._release()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def _call(
        self,
        operation: Operation[T],
        arguments: Mapping[str, Any],
        body: Any = NOT_GIVEN,
        *,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> T:
        """Run one call: the parsed result, or (under `with_raw_response`) the `APIResponse` itself."""
        raw = _RAW.get()
        steps = self._exchange(self._client, operation, arguments, body, timeout, deadline, max_retries, extra_headers)
        outcome: _Outcome | None = None
        try:
            while True:
                step = steps.send(outcome)
                if isinstance(step, _Sleep):
                    await _async_sleep(step.seconds)
                    outcome = None
                    continue
                outcome = await self._send(step)
        except StopIteration as done:
            result: APIResponse[T] = done.value
        return cast(T, result) if raw else result.parse()

    async def _send(self, step: _Send) -> _Outcome:
        try:
            response = await self._client.send(step.request, stream=True)
        except httpx.TransportError as exc:
            return exc
        try:
            body = _Body(response, self.max_response_size, step.deadline)
            async for chunk in response.aiter_bytes():
                body.take(chunk)
            body.finish()
        except httpx.TransportError as exc:
            return exc
        except (_DeadlinePassed, _TooLarge) as exc:
            return exc
        finally:
            await response.aclose()
        return response


async def _async_sleep(seconds: float) -> None:
    import asyncio  # here, not at the top: sync-only users do not pay for importing asyncio

    await asyncio.sleep(seconds)


# ---- with_raw_response ---------------------------------------------------------------------------------------


def raw_response(method: Callable[P, T]) -> Callable[P, APIResponse[T]]:
    """`method` returning the `APIResponse` (status, headers, raw body; `.parse()` gives the model) instead."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        token = _RAW.set(True)
        try:
            return cast(APIResponse[T], method(*args, **kwargs))
        finally:
            _RAW.reset(token)

    return wrapped


def async_raw_response(method: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[APIResponse[T]]]:
    """The `raw_response` of an async method."""

    @functools.wraps(method)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        token = _RAW.set(True)
        try:
            return cast(APIResponse[T], await method(*args, **kwargs))
        finally:
            _RAW.reset(token)

    return wrapped


__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_RETRY_BACKOFF",
    "DEFAULT_RETRY_MAX_DELAY",
    "DEFAULT_TIMEOUT",
    "APIResponse",
    "AsyncAPIClient",
    "SyncAPIClient",
    "async_raw_response",
    "raw_response",
]
