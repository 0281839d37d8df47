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
from typing import Any, ParamSpec, Self, TypeVar, cast

import httpx

from ._body import Body, DeadlinePassed, Unreadable
from ._core import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RETRY_BACKOFF,
    DEFAULT_RETRY_MAX_DELAY,
    DEFAULT_TIMEOUT,
    Outcome,
    Send,
    Sleep,
    Timeout,
    _BaseClient,
)
from ._operations import NOT_GIVEN, NotGiven, Operation
from ._response import APIResponse

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
        outcome: Outcome | None = None
        try:
            while True:
                step = steps.send(outcome)
                if isinstance(step, Sleep):
                    time.sleep(step.seconds)
                    outcome = None
                    continue
                outcome = self._send(step)
        except StopIteration as done:
            result: APIResponse[T] = done.value
        return cast(T, result) if raw else result.parse()

    def _send(self, step: Send) -> Outcome:
        try:
            response = self._client.send(step.request, stream=True)
        except httpx.TransportError as exc:
            return exc
        try:
            body = Body(response, self.max_response_size, step.deadline)
            for chunk in response.iter_raw():
                body.take(chunk)
            body.finish()
        except httpx.TransportError as exc:
            return exc
        except (DeadlinePassed, Unreadable) as exc:
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
        outcome: Outcome | None = None
        try:
            while True:
                step = steps.send(outcome)
                if isinstance(step, Sleep):
                    await _async_sleep(step.seconds)
                    outcome = None
                    continue
                outcome = await self._send(step)
        except StopIteration as done:
            result: APIResponse[T] = done.value
        return cast(T, result) if raw else result.parse()

    async def _send(self, step: Send) -> Outcome:
        try:
            response = await self._client.send(step.request, stream=True)
        except httpx.TransportError as exc:
            return exc
        try:
            body = Body(response, self.max_response_size, step.deadline)
            async for chunk in response.aiter_raw():
                body.take(chunk)
            body.finish()
        except httpx.TransportError as exc:
            return exc
        except (DeadlinePassed, Unreadable) as exc:
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
