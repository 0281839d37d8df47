# Generated from specs/apig/openapi.yaml (sha256 aeb26727db812b06) by vendor-openapi-toolchain 0.1.0: do not edit.
"""What one call does, whichever client makes it: credentials, timeouts, the call's deadline, retries, logging
and the mapping of statuses to results and exceptions.

One call is one `_BaseClient._exchange` generator: it yields what to do (send this request, sleep this long) and
receives what happened. `_base_client` holds the clients that drive it, with blocking or awaited I/O.

Why one module (~450 lines): the exchange and what it decides per call (credentials, the deadline, retries,
the request kept per client) share one client state; the I/O lives in `_base_client`, bodies in `_bodies`.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable, Generator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ._body import ACCEPT_ENCODING, Body, DeadlinePassed, Unreadable
from ._lazy import LazyModule
from ._operations import NotGiven, Operation, Server, server_url
from ._request import WireParts, adapter, serialized_body, validated_arguments, wire_parts
from ._response import APIResponse
from .auth import SECRETS, Credential, Scheme, credentials, redact_headers, redact_url
from .errors import APIConnectionError, APIResponseValidationError, APIStatusError, APITimeoutError, error_class

if TYPE_CHECKING:
    from typing import TypeAlias

    import httpx
    import pydantic
else:  # loaded by the first client made (see `_lazy`)
    httpx = LazyModule("httpx", globals())
    pydantic = LazyModule("pydantic", globals())

T = TypeVar("T")
logger = logging.getLogger(__package__ or __name__)

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
MAX_CACHED_URLS = 256
MAX_CACHED_ARGUMENTS = 256

if TYPE_CHECKING:
    Timeout: TypeAlias = float | httpx.Timeout | None
    DEFAULT_TIMEOUT: httpx.Timeout
    """60 s to read a response (and to write the request), 10 s to connect; override per client or per call."""


def default_timeout() -> httpx.Timeout:
    """`DEFAULT_TIMEOUT`, made when asked for: an `httpx.Timeout` needs httpx, which this module loads lazily."""
    return httpx.Timeout(60.0, connect=10.0)


def __getattr__(name: str) -> Any:
    if name == "DEFAULT_TIMEOUT":
        return default_timeout()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Send:
    request: httpx.Request
    deadline: float | None  # time.monotonic() by which the body must have been read


@dataclass(frozen=True)
class Sleep:
    seconds: float


if TYPE_CHECKING:
    Outcome: TypeAlias = httpx.Response | httpx.TransportError | Unreadable | DeadlinePassed
    Exchange: TypeAlias = Generator[Send | Sleep, Outcome | None, APIResponse[T]]


def read_whole(response: httpx.Response, max_size: int, deadline: float | None) -> Outcome:
    """`response`'s body read to its end within the size limit and the deadline, then closed: the response, or
    what stopped the reading."""
    try:
        body = Body(response, max_size, deadline)
        for chunk in response.iter_raw():
            body.take(chunk)
        body.finish()
    except (httpx.TransportError, DeadlinePassed, Unreadable) as exc:
        return exc
    finally:
        response.close()
    return response


_httpx_log = logging.getLogger("httpx")


def log_as_httpx(request: httpx.Request, response: httpx.Response) -> None:
    """httpx's own request line, for the transports that go around `httpx.Client.send` (the credentials filter on
    that logger masks it as it masks httpx's)."""
    if _httpx_log.isEnabledFor(logging.INFO):
        _httpx_log.info(
            'HTTP Request: %s %s "%s %d %s"',
            request.method,
            request.url,
            response.http_version,
            response.status_code,
            response.reason_phrase,
        )


# ---- driving an exchange: the one loop every client (sync, async, streaming) runs ---------------------------------


def drive(steps: Exchange[T], send: Callable[[Send], Outcome]) -> APIResponse[T]:
    """Run `steps` with blocking I/O: sleep where it says, `send` each request, hand back what happened. A response
    held when anything is raised is closed (a streaming `send` leaves a success body open for its caller)."""
    outcome: Outcome | None = None
    try:
        while True:
            step = steps.send(outcome)
            if isinstance(step, Sleep):
                time.sleep(step.seconds)
                outcome = None
            else:
                outcome = send(step)
    except StopIteration as done:
        result: APIResponse[T] = done.value
        return result
    except BaseException:
        if isinstance(outcome, httpx.Response):
            outcome.close()
        raise


async def adrive(steps: Exchange[T], send: Callable[[Send], Awaitable[Outcome]]) -> APIResponse[T]:
    """`drive` with awaited I/O."""
    outcome: Outcome | None = None
    try:
        while True:
            step = steps.send(outcome)
            if isinstance(step, Sleep):
                import asyncio  # here, not at the top: sync-only users do not pay for importing asyncio

                await asyncio.sleep(step.seconds)
                outcome = None
            else:
                outcome = await send(step)
    except StopIteration as done:
        result: APIResponse[T] = done.value
        return result
    except BaseException:
        if isinstance(outcome, httpx.Response):
            await outcome.aclose()
        raise


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


def _is_retryable(exc: Outcome) -> bool:
    return isinstance(exc, (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError))


def _bounded(timeout: httpx.Timeout, remaining: float | None) -> dict[str, float | None]:
    """httpx's per-phase timeouts, none longer than what is left of the call's deadline."""
    phases = timeout.as_dict()
    if remaining is None:
        return phases
    return {name: remaining if value is None else min(value, remaining) for name, value in phases.items()}


class _BaseClient:
    """State and decisions shared by the sync and async clients.

    The package's client classes pass their spec's servers, security schemes and user agent (from its `_api`
    tables, which load with the first client made) and the constructor's server and credential arguments.
    """

    def __init__(
        self,
        *,
        servers: tuple[Server, ...],
        schemes: tuple[Scheme, ...],
        user_agent: str,
        base_url: str | None,
        server_values: Mapping[str, str],
        credential_values: Mapping[str, str | None],
        timeout: Timeout | NotGiven,
        deadline: float | None,
        max_retries: int,
        retry_backoff: float,
        retry_max_delay: float,
        max_response_size: int,
        strict_responses: bool,
        headers: Mapping[str, str] | None,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        if deadline is not None and deadline <= 0:
            raise ValueError("deadline must be a positive number of seconds (or None for no deadline)")
        if max_response_size <= 0:
            raise ValueError("max_response_size must be a positive number of bytes")
        self.base_url = httpx.URL(base_url if base_url is not None else server_url(servers, server_values))
        self._credentials = credentials(schemes, credential_values)
        self.timeout = default_timeout() if isinstance(timeout, NotGiven) else _as_timeout(timeout)
        self.deadline = deadline
        self.max_retries = max_retries
        self.retry_backoff = retry_backoff
        self.retry_max_delay = retry_max_delay
        self.max_response_size = max_response_size
        self.strict_responses = strict_responses
        self._headers = {
            "User-Agent": user_agent,
            "Accept": "application/json",
            "Accept-Encoding": ACCEPT_ENCODING,  # what `_body` inflates within the size limit
            **(headers or {}),
        }
        self._secret_headers = frozenset(h for c in self._credentials.values() for h in c.secret_headers)
        self._secret_query = frozenset(q for c in self._credentials.values() for q in c.secret_query)
        self._secrets = tuple(s for c in self._credentials.values() for s in c.secrets)
        SECRETS.add(self._secrets)
        self._auth: dict[str, list[Credential]] = {}  # by operation name: the credentials it is sent with
        self._urls: dict[str, httpx.URL] = {}
        self._wired: dict[tuple[Any, ...], WireParts] = {}
        # the http_client's headers as last seen, and the fixed headers of each (Accept, Content-Type) made of them
        self._fixed: tuple[list[tuple[bytes, bytes]], dict[tuple[str, str | None], list[tuple[bytes, bytes]] | None]]
        self._fixed = ([], {})
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
        found = self._auth.get(operation.name)
        if found is None:
            found = self._auth[operation.name] = self._choose_credentials(operation)
        return found

    def _choose_credentials(self, operation: Operation[Any]) -> list[Credential]:
        for alternative in sorted(operation.security, key=lambda a: not a):
            if all(key in self._credentials for key in alternative):
                return [self._credentials[key] for key in alternative]
        return []

    def _build_request(
        self,
        client: httpx.Client | httpx.AsyncClient,
        operation: Operation[Any],
        parts: WireParts,
        content: bytes | None,
        content_type: str | None,
        timeouts: dict[str, float | None],
        extra_headers: Mapping[str, str] | None,
    ) -> httpx.Request:
        path, query, param_headers, cookie = parts
        # the path and query exactly as written (httpx would re-encode query parameters its own way)
        url = self._url(path + ("?" + query if query else ""))
        extensions = {"timeout": timeouts}
        fixed = None
        if not (param_headers or cookie or extra_headers or client.params or client.cookies):
            fixed = self._fixed_headers(client.headers, operation.accept, content_type)
        if fixed is not None:  # the common case: every call of the operation sends the same headers, merged once
            request = _request(operation.method, url, fixed, content, extensions)
        else:
            headers = {**self._headers, "Accept": operation.accept, **param_headers}
            if cookie:
                headers["Cookie"] = cookie
            if content_type is not None:
                headers["Content-Type"] = content_type
            if extra_headers:
                headers.update(extra_headers)
            if client.params or client.cookies:  # what `build_request` adds: the http_client's query and cookie jar
                request = client.build_request(
                    operation.method, url, headers=headers, content=content, extensions=extensions
                )
            else:  # the same request without `build_request`'s merging of empty parts
                merged = _merged_headers(client.headers, headers)
                request = httpx.Request(operation.method, url, headers=merged, content=content, extensions=extensions)
        for credential in self._credentials_for(operation):
            credential.apply(request)
        return request

    def _wire_parts(self, operation: Operation[Any], arguments: Mapping[str, Any]) -> WireParts:
        """`wire_parts` of the validated arguments. Validating and writing the same plain values (text, integers,
        booleans, None) gives the same result every time, and a good part of a call's CPU: those results are kept
        (the last few hundred; never an error, and never for other values, which the models may convert)."""
        key: list[Any] = [operation.name]
        for name, value in arguments.items():
            kind = type(value)
            if kind not in _PLAIN:
                key = []
                break
            key.append((name, kind, value))  # the type too: True == 1, and they are written differently
        cached = tuple(key)
        if cached:
            found = self._wired.get(cached)
            if found is not None:
                return found
        parts = wire_parts(operation, validated_arguments(operation, arguments))
        if cached:
            if len(self._wired) >= MAX_CACHED_ARGUMENTS:
                self._wired.clear()
            self._wired[cached] = parts
        return parts

    def _fixed_headers(
        self, defaults: httpx.Headers, accept: str, content_type: str | None
    ) -> list[tuple[bytes, bytes]] | None:
        """What `_merged_headers` makes of the headers of a call without header or cookie parameters or extra
        headers, as bytes, kept by (Accept, Content-Type) while the http_client's own headers stay as they were;
        None when they name a header httpx sets itself (Host, Content-Length, Transfer-Encoding)."""
        raw = defaults.raw
        seen, table = self._fixed  # one pair, swapped whole: threads sharing the client never mix two versions
        if raw != seen:
            table = {}
            self._fixed = (raw, table)
        key = (accept, content_type)
        if key not in table:  # a table is never emptied, only replaced
            headers = {**self._headers, "Accept": accept}
            if content_type is not None:
                headers["Content-Type"] = content_type
            merged = httpx.Headers(_merged_headers(defaults, headers)).raw  # encoded as httpx encodes them
            own = any(name.lower() in _HTTPX_HEADERS for name, _ in merged)
            table[key] = None if own else merged
        return table[key]

    def _url(self, target: str) -> httpx.URL:
        """The base URL with `target` (path and query, already encoded) after its path; URLs are immutable and
        parsing one is a good part of a request's CPU, so the last few hundred are kept."""
        url = self._urls.get(target)
        if url is None:
            base = self.base_url
            url = base.copy_with(raw_path=base.raw_path.split(b"?")[0].rstrip(b"/") + target.encode("ascii"))
            if len(self._urls) >= MAX_CACHED_URLS:
                self._urls.clear()
            self._urls[target] = url
        return url

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
        strict_responses: bool | NotGiven,
        extra_headers: Mapping[str, str] | None,
    ) -> Exchange[T]:
        """One call, from the arguments to its response: validation, then attempts until one counts."""
        parts = self._wire_parts(operation, arguments)
        content, content_type = serialized_body(operation, body)
        retries = self.max_retries if isinstance(max_retries, NotGiven) else max_retries
        phases = self.timeout if isinstance(timeout, NotGiven) else _as_timeout(timeout)
        seconds = self.deadline if isinstance(deadline, NotGiven) else deadline
        end = None if seconds is None else time.monotonic() + seconds
        strict = self.strict_responses if isinstance(strict_responses, NotGiven) else strict_responses
        attempt = 0
        while True:
            remaining = None if end is None else max(0.001, end - time.monotonic())
            timeouts = _bounded(phases, remaining)
            request = self._build_request(client, operation, parts, content, content_type, timeouts, extra_headers)
            self._log_request(request, attempt)
            outcome = yield Send(request, end)
            if isinstance(outcome, httpx.Response):
                self._log_response(operation, outcome)
                if outcome.status_code not in RETRY_STATUSES or attempt >= retries:
                    return self._result(operation, outcome, attempt, strict)
                delay = self._retry_delay(attempt, outcome)
                if delay is None or (end is not None and time.monotonic() + delay > end):
                    return self._result(operation, outcome, attempt, strict)
                why = f"HTTP {outcome.status_code}"
            elif isinstance(outcome, Unreadable):
                raise self._unreadable(operation, outcome)
            else:
                assert outcome is not None
                delay = self._retry_delay(attempt, None) if attempt < retries and _is_retryable(outcome) else None
                if delay is None or (end is not None and time.monotonic() + delay > end):
                    raise self._transport_error(operation, request, outcome, attempt, seconds)
                why = type(outcome).__name__
            logger.info("%s: %s; retry %d of %d in %.2f s", operation.name, why, attempt + 1, retries, delay)
            yield Sleep(delay)
            attempt += 1

    def _transport_error(
        self,
        operation: Operation[Any],
        request: httpx.Request,
        outcome: httpx.TransportError | DeadlinePassed,
        attempt: int,
        deadline: float | None,
    ) -> APIConnectionError:
        if isinstance(outcome, DeadlinePassed):
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
                "%s -> HTTP %d, %s, request id %r",
                operation.name,
                response.status_code,
                f"{len(response.content)} bytes" if hasattr(response, "_content") else "body streamed",  # `_streaming`
                response.headers.get("x-request-id", "-")[:120],
            )

    def _result(self, operation: Operation[T], response: httpx.Response, attempt: int, strict: bool) -> APIResponse[T]:
        if not 200 <= response.status_code <= 299:
            raise self._status_error(operation, response)
        return APIResponse(operation, response, retries_taken=attempt, strict=strict)

    def _status_error(self, operation: Operation[Any], response: httpx.Response) -> APIStatusError:
        spec = operation.response_for(response.status_code)
        error_model = None
        if spec is not None and spec.kind == "json" and spec.type is not None and response.content:
            try:
                error_model = adapter(spec.type).validate_json(response.content)
            except (pydantic.ValidationError, RecursionError):
                error_model = None  # the raw body is still on the exception
        return error_class(response.status_code)(operation.name, response, error_model)

    def _unreadable(self, operation: Operation[Any], problem: Unreadable) -> APIResponseValidationError:
        detail = {"loc": (), "msg": problem.message, "type": problem.kind}
        return APIResponseValidationError(operation.name, problem.response, [detail])


def _merged_headers(defaults: httpx.Headers, headers: Mapping[str, str]) -> list[Any]:
    """What `httpx.Client.build_request` sends: the client's own headers, less those the call sets (whatever their
    case), then the call's, in that order. The client's stay bytes as they are and the call's text is encoded by
    httpx as before (a list of both kinds of pair, which `httpx.Headers` takes)."""
    names = {name.lower() for name in headers}
    kept = [(name, value) for name, value in defaults.raw if name.decode("latin-1").lower() not in names]
    return [*kept, *headers.items()]


_PLAIN = frozenset({str, int, bool, type(None), NotGiven})
_HTTPX_HEADERS = frozenset({b"host", b"content-length", b"transfer-encoding"})


def _request(
    method: str, url: httpx.URL, headers: list[tuple[bytes, bytes]], content: bytes | None, extensions: dict[str, Any]
) -> httpx.Request:
    """`httpx.Request(method, url, headers=headers, content=content, extensions=extensions)` for headers without
    Host, Content-Length or Transfer-Encoding: the same request, with the headers httpx adds placed where it places
    them (Host first; Content-Length last, or `0` after Host for a POST, PUT or PATCH without a body), without its
    decoding and re-encoding every header twice (half of what building a request costs)."""
    body = content or b""
    front = [(b"Host", url.netloc)] if url.host else []
    back = []
    if body:
        back.append((b"Content-Length", str(len(body)).encode("ascii")))
    elif method.upper() in ("POST", "PUT", "PATCH"):
        front.append((b"Content-Length", b"0"))
    request = httpx.Request(
        method, url, headers=[*front, *headers, *back], stream=httpx.ByteStream(body), extensions=extensions
    )
    request.read()  # what httpx does with content given as bytes: `request.content` is there to sign and log
    return request


def _as_timeout(timeout: Timeout) -> httpx.Timeout:
    return timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
