"""`AiohttpClient`: the async client's requests sent over aiohttp's connection pool, for throughput.

httpx's own asyncio transport (httpcore on anyio) spends several times aiohttp's CPU on each request, so an
`AsyncClient` making many concurrent calls is bound by it. `AiohttpTransport` swaps only that layer: httpx still
builds each request, the client still applies credentials, retries, bounds every phase's timeout by the call's
deadline and reads the body raw through `_body` (aiohttp's decompression is off, so the size limits hold on the
wire and once inflated), and aiohttp's errors become the httpx errors the client already maps. aiohttp is an
optional dependency (the package's `aiohttp` extra); it is imported when this module is.

    async with AiohttpClient() as http, AsyncClient(http_client=http) as client:
        ...
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx

from ._core import log_as_httpx
from .auth import SECRETS

try:
    import aiohttp
    import yarl
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise ImportError(
        f"AiohttpClient needs aiohttp: pip install '{(__package__ or 'this package').replace('_', '-')}[aiohttp]'"
    ) from exc

DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)

# aiohttp's errors, most specific first, as the httpx errors the client retries or reports (as httpx would name them)
_ERRORS: tuple[tuple[type[BaseException], type[httpx.TransportError]], ...] = (
    (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
    (aiohttp.SocketTimeoutError, httpx.ReadTimeout),
    (aiohttp.ServerTimeoutError, httpx.ReadTimeout),
    (TimeoutError, httpx.ReadTimeout),
    (aiohttp.ClientConnectorError, httpx.ConnectError),
    (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
    (aiohttp.ClientPayloadError, httpx.RemoteProtocolError),
    (aiohttp.ClientResponseError, httpx.RemoteProtocolError),
    (aiohttp.ClientConnectionError, httpx.ReadError),
    (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
    (aiohttp.ClientError, httpx.TransportError),
)


def _as_httpx(exc: BaseException, request: httpx.Request) -> httpx.TransportError:
    for source, target in _ERRORS:
        if isinstance(exc, source):
            message = str(exc) or type(exc).__name__
            return target(f"{type(exc).__name__}: {message}"[:300], request=request)
    raise TypeError(f"not an aiohttp error: {type(exc).__name__}")  # pragma: no cover


class _Body(httpx.AsyncByteStream):
    """The response body as it arrives; the connection goes back to the pool only if it was read to the end."""

    def __init__(self, response: aiohttp.ClientResponse, request: httpx.Request) -> None:
        self._response, self._request = response, request

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self

    async def __anext__(self) -> bytes:
        # an iterator object rather than an async generator: no generator to set up and finalise for every body
        try:
            chunk = await self._response.content.readany()
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise _as_httpx(exc, self._request) from None
        if not chunk:
            raise StopAsyncIteration
        return chunk

    async def aclose(self) -> None:
        if self._response.content.at_eof():
            self._response.release()
        else:
            self._response.close()  # a body left unread (too large, past the deadline): drop the connection


class AiohttpTransport(httpx.AsyncBaseTransport):
    """An `httpx.AsyncBaseTransport` on one `aiohttp.ClientSession`, made on first use in the running loop.

    `verify` is httpx's (True: certifi's CA bundle; a path; an `ssl.SSLContext`; False). Proxies from the
    environment are not used, as with any transport given to httpx. Request bodies are bytes, as the client
    sends them; timeouts come from each request (httpx's `timeout` extension): `connect` bounds connecting,
    `pool` waiting for a free connection, `read` each wait for data; aiohttp has no write timeout, so sending the
    request and waiting for the answer's head together are bounded by `write + read` (httpx.WriteTimeout).
    """

    def __init__(self, *, verify: ssl.SSLContext | str | bool = True, limits: httpx.Limits = DEFAULT_LIMITS) -> None:
        self._verify = verify
        self._limits = limits
        self._session: aiohttp.ClientSession | None = None
        self._timeouts: dict[tuple[float | None, ...], aiohttp.ClientTimeout] = {}
        # aiohttp's loggers get the filter that masks the live clients' credentials, like httpx's and httpcore's
        for name in ("aiohttp.client", "aiohttp.internal"):
            logging.getLogger(name).addFilter(SECRETS.filter)

    def _open(self) -> aiohttp.ClientSession:
        context = self._verify if isinstance(self._verify, ssl.SSLContext) else httpx.create_ssl_context(self._verify)
        connector = aiohttp.TCPConnector(
            limit=self._limits.max_connections or 0,
            keepalive_timeout=self._limits.keepalive_expiry or 0,
            ssl=context,
        )
        return aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),  # httpx keeps the cookies; aiohttp must not send them twice
            auto_decompress=False,  # `_body` inflates within the size limit
            timeout=aiohttp.ClientTimeout(total=None),
            skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding", "Content-Type"),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = self._session
        if session is None or session.closed:
            session = self._session = self._open()
        phases = request.extensions.get("timeout", {})
        write, read = phases.get("write"), phases.get("read")
        content = request.content if isinstance(request.stream, httpx.ByteStream) else await request.aread()
        raw = [(name, value) for name, value in request.headers.raw if name.lower() != b"content-length"]
        try:  # what `headers.encoding` finds for the usual all-ASCII headers, without trying each header twice
            headers = [(name.decode("ascii"), value.decode("ascii")) for name, value in raw]
        except UnicodeDecodeError:
            encoding = request.headers.encoding
            headers = [(name.decode(encoding), value.decode(encoding)) for name, value in raw]
        # aiohttp starts its read timeout only once the request is written: a server that stops reading the body
        # is bounded here instead, by the write and read timeouts together
        sending = asyncio.timeout(None if write is None or read is None else write + read)
        try:
            async with sending:
                response = await session.request(
                    request.method,
                    yarl.URL(str(request.url), encoded=True),  # the path and query exactly as the client wrote them
                    headers=headers,
                    data=content or None,
                    allow_redirects=False,
                    compress=None,
                    timeout=self._timeout(phases.get("pool"), phases.get("connect"), read),
                )
        except (TimeoutError, aiohttp.ClientError) as exc:
            if sending.expired():
                raise httpx.WriteTimeout("the request could not be sent in time", request=request) from None
            raise _as_httpx(exc, request) from None
        reason = response.reason or ""
        return httpx.Response(
            status_code=response.status,
            headers=response.raw_headers,
            stream=_Body(response, request),
            request=request,
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": reason.encode("ascii", "replace")},
        )

    def _timeout(self, pool: float | None, connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
        """aiohttp's timeouts for httpx's phases, made once for each combination (a deadline makes new ones)."""
        key = (pool, connect, read)
        timeout = self._timeouts.get(key)
        if timeout is None:
            if len(self._timeouts) >= 64:
                self._timeouts.clear()
            timeout = aiohttp.ClientTimeout(total=None, connect=pool, sock_connect=connect, sock_read=read)
            self._timeouts[key] = timeout
        return timeout

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


class AiohttpClient(httpx.AsyncClient):
    """An `httpx.AsyncClient` on `AiohttpTransport`, to pass as an `AsyncClient`'s `http_client`.

    The `AsyncClient` does not close a client it was given: close this one too (`async with` both).
    """

    def __init__(
        self, *, verify: ssl.SSLContext | str | bool = True, limits: httpx.Limits = DEFAULT_LIMITS, **options: Any
    ) -> None:
        self._aiohttp = AiohttpTransport(verify=verify, limits=limits)
        super().__init__(transport=self._aiohttp, **options)

    async def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: Any = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: Any = httpx.USE_CLIENT_DEFAULT,
    ) -> httpx.Response:
        """httpx's `send`, short-cut when there is nothing for its machinery to do: no auth, redirects, event
        hooks or mounts, and the request carries its timeouts (the package's clients always set them). httpx's
        auth and redirect generators, URL routing and cookie parsing cost about a third of a request's CPU here."""
        plain = (
            auth is httpx.USE_CLIENT_DEFAULT
            and follow_redirects is httpx.USE_CLIENT_DEFAULT
            and self.auth is None
            and not self.follow_redirects
            and not self._mounts
            and not any(self.event_hooks.values())
            and "timeout" in request.extensions
            and not request.url.userinfo
        )
        if not plain or self.is_closed:
            return await super().send(request, stream=stream, auth=auth, follow_redirects=follow_redirects)
        start = time.perf_counter()
        response = await self._aiohttp.handle_async_request(request)
        response.request = request
        response.elapsed = timedelta(seconds=time.perf_counter() - start)  # to the headers (httpx: to the close)
        if any(name.lower() == b"set-cookie" for name, _ in response.headers.raw):  # no KeyError when there is none
            self.cookies.extract_cookies(response)
        log_as_httpx(request, response)
        if not stream:
            try:
                await response.aread()
            finally:
                await response.aclose()
        return response


__all__ = ["AiohttpClient", "AiohttpTransport"]
