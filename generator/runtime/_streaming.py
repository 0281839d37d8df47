"""`with_streaming_response`: a binary answer read chunk by chunk as it arrives, for large downloads.

    with client.with_streaming_response.download(file_id="f1") as response:
        for chunk in response.iter_bytes():
            out.write(chunk)

    async with client.with_streaming_response.download(file_id="f1") as response:
        async for chunk in response.iter_bytes():
            ...

The call is the client's own (`_core._BaseClient._exchange`: validation, credentials, retries, statuses mapped
to exceptions, masked secrets); only a success body is left unread when it returns. An error status is read
whole, bounded, as for any call, so its exception carries the body. The chunks go through `_body` as they come:
at most `max_response_size` bytes on the wire and once inflated (raise it on the client for larger files), and
the call's deadline also bounds the last chunk (`deadline=None` per call for a download that may take longer).
The connection goes back to the pool when the block ends, or on `close()`.

Shipped only in packages with an operation that answers binary content (only those are offered streamed); the
call path never imports it: the wrappers below hand it their `stream` function for the call they make.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ParamSpec, Self, TypeVar

from ._base_client import _STREAM
from ._body import Body, DeadlinePassed, Unreadable
from ._core import Send, adrive, drive, read_whole
from ._lazy import LazyModule
from ._operations import NotGiven, Operation
from .errors import APIError, APIResponseValidationError

if TYPE_CHECKING:
    from typing import TypeAlias

    import httpx

    from ._base_client import AsyncAPIClient, SyncAPIClient
    from ._core import Timeout, _BaseClient
else:  # loaded by the first client made (see `_lazy`)
    httpx = LazyModule("httpx", globals())

T = TypeVar("T")
P = ParamSpec("P")

if TYPE_CHECKING:
    Options: TypeAlias = tuple[
        Timeout | NotGiven, float | NotGiven | None, int | NotGiven, bool | NotGiven, Mapping[str, str] | None
    ]


class _Chunks(Body):
    """`_body.Body` that hands each inflated chunk over instead of keeping it."""

    def chunks_of(self, raw: bytes) -> list[bytes]:
        self.chunks = []
        self.take(raw)
        return self.chunks

    def finish(self) -> None:
        self.response._content = b""  # what was read went to the caller; nothing is kept


class _Stream:
    """What the sync and async streamed responses share: the response, its bounds and the client's errors."""

    def __init__(
        self,
        client: _BaseClient,
        operation: Operation[Any],
        response: httpx.Response,
        end: float | None,
        seconds: float | None,
        retries: int,
    ) -> None:
        self.http_response = response
        self.retries_taken = retries
        self._client, self._operation, self._seconds = client, operation, seconds
        self._body = _Chunks(response, client.max_response_size, end)

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def _error(self, problem: Exception) -> APIError:
        if isinstance(problem, Unreadable):
            message = problem.message
            if problem.kind == "too_large":
                limit = self._client.max_response_size
                message = (
                    f"the response body is larger than max_response_size ({limit} bytes, on the wire or decompressed)"
                )
            detail = {"loc": (), "msg": message, "type": problem.kind}
            return APIResponseValidationError(self._operation.name, self.http_response, [detail])
        assert isinstance(problem, httpx.TransportError | DeadlinePassed)
        request = self.http_response.request
        return self._client._transport_error(self._operation, request, problem, self.retries_taken, self._seconds)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._operation.name} [{self.status_code}]>"


class StreamedResponse(_Stream):
    """A success answer whose body is read as it arrives: `iter_bytes()` (decompressed chunks), or `read()`."""

    def iter_bytes(self) -> Iterator[bytes]:
        try:
            for raw in self.http_response.iter_raw():
                yield from self._body.chunks_of(raw)
        except (Unreadable, DeadlinePassed, httpx.TransportError) as exc:
            self.close()
            raise self._error(exc) from None

    def read(self) -> bytes:
        return b"".join(self.iter_bytes())

    def close(self) -> None:
        self.http_response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncStreamedResponse(_Stream):
    """The async `StreamedResponse`: `async for chunk in response.iter_bytes()`, or `await response.read()`."""

    async def iter_bytes(self) -> AsyncIterator[bytes]:
        try:
            async for raw in self.http_response.aiter_raw():
                for chunk in self._body.chunks_of(raw):
                    yield chunk
        except (Unreadable, DeadlinePassed, httpx.TransportError) as exc:
            await self.aclose()
            raise self._error(exc) from None

    async def read(self) -> bytes:
        return b"".join([chunk async for chunk in self.iter_bytes()])

    async def aclose(self) -> None:
        await self.http_response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


# ---- the call, driven like `_base_client`'s but leaving a success body unread ---------------------------------


def stream(
    client: SyncAPIClient, operation: Operation[Any], arguments: Mapping[str, Any], body: Any, options: Options
) -> StreamedResponse:
    steps = client._exchange(client._client, operation, arguments, body, *options[:4], options[4])
    end: float | None = None

    def send(step: Send) -> Any:
        nonlocal end
        end = step.deadline  # the success body is read later, within the last attempt's deadline
        return _send(client, step)

    result = drive(steps, send)
    try:
        return StreamedResponse(
            client, operation, result.http_response, end, _seconds(client, options), result.retries_taken
        )
    except Unreadable as exc:  # a declared length over the limit: refused before reading
        result.http_response.close()
        raise client._unreadable(operation, exc) from None


def _send(client: SyncAPIClient, step: Send) -> Any:
    try:
        response = client._client.send(step.request, stream=True)
    except httpx.TransportError as exc:
        return exc
    if 200 <= response.status_code <= 299:
        return response  # read by the caller, chunk by chunk
    return read_whole(response, client.max_response_size, step.deadline)  # as the client reads every answer


async def astream(
    client: AsyncAPIClient, operation: Operation[Any], arguments: Mapping[str, Any], body: Any, options: Options
) -> AsyncStreamedResponse:
    steps = client._exchange(client._client, operation, arguments, body, *options[:4], options[4])
    end: float | None = None

    async def send(step: Send) -> Any:
        nonlocal end
        end = step.deadline
        return await _asend(client, step)

    result = await adrive(steps, send)
    try:
        return AsyncStreamedResponse(
            client, operation, result.http_response, end, _seconds(client, options), result.retries_taken
        )
    except Unreadable as exc:
        await result.http_response.aclose()
        raise client._unreadable(operation, exc) from None


async def _asend(client: AsyncAPIClient, step: Send) -> Any:
    try:
        response = await client._client.send(step.request, stream=True)
    except httpx.TransportError as exc:
        return exc
    if 200 <= response.status_code <= 299:
        return response
    try:
        body = Body(response, client.max_response_size, step.deadline)
        async for chunk in response.aiter_raw():
            body.take(chunk)
        body.finish()
    except (httpx.TransportError, DeadlinePassed, Unreadable) as exc:
        return exc
    finally:
        await response.aclose()
    return response


def _seconds(client: _BaseClient, options: Options) -> float | None:
    deadline = options[1]
    return client.deadline if isinstance(deadline, NotGiven) else deadline


# ---- with_streaming_response ---------------------------------------------------------------------------------


def streaming_response(method: Callable[P, T]) -> Callable[P, StreamedResponse]:
    """`method` returning a `StreamedResponse` (a context manager) whose body is read as it arrives."""

    def wrapped(*args: P.args, **kwargs: P.kwargs) -> StreamedResponse:
        token = _STREAM.set(stream)
        try:
            result: Any = method(*args, **kwargs)
        finally:
            _STREAM.reset(token)
        assert isinstance(result, StreamedResponse)
        return result

    _copy_identity(wrapped, method)
    return wrapped


class _AsyncStreaming:
    """`async with client.with_streaming_response.op(...) as response`: the call is made on entering the block."""

    def __init__(self, call: Callable[[], Awaitable[Any]]) -> None:
        self._call = call
        self._response: AsyncStreamedResponse | None = None

    async def __aenter__(self) -> AsyncStreamedResponse:
        token = _STREAM.set(astream)
        try:
            result = await self._call()
        finally:
            _STREAM.reset(token)
        assert isinstance(result, AsyncStreamedResponse)
        self._response = result
        return result

    async def __aexit__(self, *exc_info: object) -> None:
        if self._response is not None:
            await self._response.aclose()


def async_streaming_response(method: Callable[P, Awaitable[T]]) -> Callable[P, _AsyncStreaming]:
    """The `streaming_response` of an async method: an async context manager giving an `AsyncStreamedResponse`."""

    def wrapped(*args: P.args, **kwargs: P.kwargs) -> _AsyncStreaming:
        return _AsyncStreaming(lambda: method(*args, **kwargs))

    _copy_identity(wrapped, method)
    return wrapped


def _copy_identity(wrapped: Callable[..., Any], method: Callable[..., Any]) -> None:
    """The method's name and documentation (not its annotations: the wrapper returns another type)."""
    for name in ("__module__", "__name__", "__qualname__", "__doc__"):
        if hasattr(method, name):
            setattr(wrapped, name, getattr(method, name))


__all__ = ["AsyncStreamedResponse", "StreamedResponse", "async_streaming_response", "streaming_response"]
