# Generated from specs/dbss/openapi.yaml (sha256 c36f2b1a9e4ab24f) by vendor-openapi-toolchain 0.1.0: do not edit.
"""`SyncAPIClient` and `AsyncAPIClient`, the bases of a package's `Client` and `AsyncClient`, and the wrappers
behind `with_raw_response`.

Both clients drive the same generator of a call's steps (`_core._BaseClient._exchange`): they only send, read and
sleep, with blocking or awaited I/O, so their behaviour cannot drift apart. Reading a body goes through `_body`
(size limits, bounded decompression, the deadline).
"""

from __future__ import annotations

import contextvars
import functools
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ParamSpec, Self, TypeVar, cast

from ._body import Body, DeadlinePassed, Unreadable
from ._core import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RETRY_BACKOFF,
    DEFAULT_RETRY_MAX_DELAY,
    Send,
    _BaseClient,
    adrive,
    default_timeout,
    drive,
    log_as_httpx,
    read_whole,
)
from ._lazy import LazyModule
from ._operations import NOT_GIVEN, NotGiven, Operation
from ._response import APIResponse

if TYPE_CHECKING:
    import httpx

    from ._core import DEFAULT_TIMEOUT, Outcome, Timeout
else:  # loaded by the first client made (see `_lazy`)
    httpx = LazyModule("httpx", globals())

T = TypeVar("T")
P = ParamSpec("P")
_RAW: contextvars.ContextVar[bool] = contextvars.ContextVar("raw_response", default=False)
# Under `with_streaming_response` the call is `_streaming`'s to make: it sets its own function here, so that this
# module never imports it (`_streaming` ships only in packages with an operation that answers binary content).
_STREAM: contextvars.ContextVar[Callable[..., Any] | None] = contextvars.ContextVar("streaming_response", default=None)


class SyncAPIClient(_BaseClient):
    """Blocking transport over one `httpx.Client` (connection pool); use it as a context manager or `close()` it."""

    def __init__(self, *, http_client: httpx.Client | None = None, **options: Any) -> None:
        super().__init__(**options)
        self._owns_client = http_client is None
        self._client = http_client if http_client is not None else httpx.Client(timeout=self.timeout)
        # Our own pool has no auth, redirects or event hooks: unless proxies from the environment mounted other
        # transports, `httpx.Client.send` has nothing to do but hand the request to its transport.
        transport = getattr(self._client, "_transport", None)
        plain = self._owns_client and getattr(self._client, "_mounts", None) == {}
        self._transport = transport if plain and isinstance(transport, httpx.BaseTransport) else None

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
        strict_responses: bool | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> T:
        """Run one call: the parsed result, or (under `with_raw_response`) the `APIResponse` itself."""
        streamer = _STREAM.get()
        if streamer is not None:
            options = (timeout, deadline, max_retries, strict_responses, extra_headers)
            return cast(T, streamer(self, operation, arguments, body, options))
        raw = _RAW.get()
        steps = self._exchange(
            self._client, operation, arguments, body, timeout, deadline, max_retries, strict_responses, extra_headers
        )
        result: APIResponse[T] = drive(steps, self._send)
        return cast(T, result) if raw else result.parse()

    def _send(self, step: Send) -> Outcome:
        start = time.perf_counter()
        plain = self._transport is not None and not self._client.is_closed and not step.request.url.userinfo
        try:
            response = self._send_plain(step.request) if plain else self._client.send(step.request, stream=True)
        except httpx.TransportError as exc:
            return exc
        outcome = read_whole(response, self.max_response_size, step.deadline)
        if plain:  # what httpx's own stream wrapper sets when the body is closed
            response.elapsed = timedelta(seconds=time.perf_counter() - start)
        return outcome

    def _send_plain(self, request: httpx.Request) -> httpx.Response:
        """`httpx.Client.send` for our own pool: the transport, then what httpx does with each response (the
        request and cookies it keeps, its log line, which the credentials filter masks), without its auth and
        redirect generators, URL routing and cookie parsing of every response (a fifth of a call's CPU)."""
        assert self._transport is not None
        try:
            response = self._transport.handle_request(request)
        except httpx.RequestError as exc:
            exc.request = request
            raise
        response.request = request
        if "set-cookie" in response.headers:
            self._client.cookies.extract_cookies(response)
        log_as_httpx(request, response)
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
        strict_responses: bool | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> T:
        """Run one call: the parsed result, or (under `with_raw_response`) the `APIResponse` itself."""
        streamer = _STREAM.get()
        if streamer is not None:
            options = (timeout, deadline, max_retries, strict_responses, extra_headers)
            return cast(T, await streamer(self, operation, arguments, body, options))
        raw = _RAW.get()
        steps = self._exchange(
            self._client, operation, arguments, body, timeout, deadline, max_retries, strict_responses, extra_headers
        )
        result: APIResponse[T] = await adrive(steps, self._send)
        return cast(T, result) if raw else result.parse()

    async def _send(self, step: Send) -> Outcome:
        try:
            response = await self._client.send(step.request, stream=True)
        except httpx.TransportError as exc:
            return exc
        stream = response.stream
        assert isinstance(stream, httpx.AsyncByteStream)
        response.is_stream_consumed = True  # read as `aiter_raw` reads, without its chunker and context managers
        body: Body | None = None
        try:
            body = Body(response, self.max_response_size, step.deadline)
            async for chunk in stream:
                body.take(chunk)
            body.finish()
        except httpx.TransportError as exc:
            exc.request = step.request  # what `aiter_raw` adds to an error of the stream
            return exc
        except (DeadlinePassed, Unreadable) as exc:
            return exc
        finally:
            if body is not None:
                response._num_bytes_downloaded = body.wire
            if not response.is_closed:  # `response.aclose()` without its context manager
                response.is_closed = True
                try:
                    await stream.aclose()
                except httpx.RequestError as exc:
                    exc.request = step.request
                    raise
        return response


def __getattr__(name: str) -> Any:
    if name == "DEFAULT_TIMEOUT":
        return default_timeout()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
