# Generated from specs/dbss/openapi.yaml (sha256 c36f2b1a9e4ab24f) by vendor-openapi-toolchain 0.1.0: do not edit.
"""Credentials, the security schemes that make them, and the masking of secrets.

Each credential applies itself to a built `httpx.Request` just before it is sent (again on every retry, so a
signature is always fresh). Their reprs never show the secret. Every secret a live client holds is masked in
the client's own messages and in the log records of httpx and httpcore (their INFO line shows the URL, with an
API key sent in the query; their DEBUG lines show failed header values).
"""

from __future__ import annotations

import base64
import logging
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

if TYPE_CHECKING:
    import httpx

REDACTED = "<redacted>"
# Always redacted from logs, whatever the API's schemes are.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


def _checked(value: object, what: str, *, ascii_only: bool = True) -> str:
    """A secret as given, refused (without echoing it) when it cannot travel in an HTTP header as is (a URL query
    takes any text: it is percent-encoded)."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"{what} must be a non-empty string")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        raise ValueError(f"{what} contains a control character (a line break?): check how it was read")
    if ascii_only and not value.isascii():
        raise ValueError(f"{what} contains a non-ASCII character, which an HTTP header cannot carry")
    return value


class Credential:
    """Something that authenticates a request."""

    def apply(self, request: httpx.Request) -> None:
        raise NotImplementedError

    @property
    def secrets(self) -> tuple[str, ...]:
        """The secret values, masked wherever the client logs or reports."""
        return ()

    @property
    def secret_headers(self) -> frozenset[str]:
        """Lower-case names of the headers that carry the secret (redacted from logs)."""
        return frozenset()

    @property
    def secret_query(self) -> frozenset[str]:
        """Query parameters that carry the secret (redacted from logged URLs)."""
        return frozenset()


class ApiKey(Credential):
    """A key or token sent as is in a header, query parameter or cookie."""

    def __init__(self, location: Literal["header", "query", "cookie"], name: str, value: str) -> None:
        self.location = location
        self.name = name
        self._value = _checked(value, f"the credential for {name!r}", ascii_only=location != "query")

    def apply(self, request: httpx.Request) -> None:
        if self.location == "header":
            request.headers[self.name] = self._value
        elif self.location == "query":  # appended as is: re-encoding the query could change what the styles wrote
            pair = f"{quote(self.name, safe='')}={quote(self._value, safe='')}".encode("ascii")
            raw = request.url.raw_path
            request.url = request.url.copy_with(raw_path=raw + (b"&" if b"?" in raw else b"?") + pair)
        else:
            _add_cookie(request, self.name, self._value)

    @property
    def secrets(self) -> tuple[str, ...]:
        # the query form too: httpx logs the URL as sent, percent-encoded
        return tuple(dict.fromkeys((self._value, quote(self._value, safe=""), quote(self._value))))

    @property
    def secret_headers(self) -> frozenset[str]:
        return frozenset({self.name.lower()} if self.location == "header" else ())

    @property
    def secret_query(self) -> frozenset[str]:
        return frozenset({self.name} if self.location == "query" else ())

    def __repr__(self) -> str:
        return f"ApiKey({self.location} {self.name}={REDACTED})"


class Bearer(Credential):
    """`Authorization: Bearer <token>`."""

    def __init__(self, token: str) -> None:
        self._token = _checked(token, "the bearer token")

    def apply(self, request: httpx.Request) -> None:
        request.headers["Authorization"] = f"Bearer {self._token}"

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self._token,)

    def __repr__(self) -> str:
        return f"Bearer({REDACTED})"


class Basic(Credential):
    """HTTP basic authentication."""

    def __init__(self, username: str, password: str) -> None:
        if not isinstance(username, str) or ":" in username:
            raise ValueError("the username must be a string without ':'")
        self.username = username
        self._password = _checked(password, "the password", ascii_only=False)  # base64-encoded: any text
        self._header = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode("ascii")

    def apply(self, request: httpx.Request) -> None:
        request.headers["Authorization"] = self._header

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self._password, self._header.removeprefix("Basic "))

    def __repr__(self) -> str:
        return f"Basic(username={self.username!r}, password={REDACTED})"


# ---- the spec's security schemes -----------------------------------------------------------------------------

Signer = Callable[[str, str], Credential]
"""Makes the signing credential from an access key and a secret key (the package's `signing` module)."""


@dataclass(frozen=True)
class Scheme:
    """One security scheme of the spec, and the constructor argument that takes its credential."""

    key: str  # name under components/securitySchemes
    kind: Literal["apiKey", "bearer", "basic"]
    argument: str = ""  # constructor keyword of an apiKey or bearer credential
    location: Literal["header", "query", "cookie"] = "header"
    parameter: str = ""  # the header, query or cookie name of an apiKey
    signer: Signer | None = None  # `x-aksk-signing`: `ak=`/`sk=` sign requests instead of this credential


def credentials(schemes: Iterable[Scheme], values: Mapping[str, str | None]) -> dict[str, Credential]:
    """The credentials for the constructor arguments `values`, keyed by scheme (arguments left None are unset)."""
    result: dict[str, Credential] = {}
    for scheme in schemes:
        if scheme.kind == "basic":
            username, password = values.get("username"), values.get("password")
            if username is not None or password is not None:
                if username is None or password is None:
                    raise ValueError("username and password go together")
                result[scheme.key] = Basic(username, password)
            continue
        value = values.get(scheme.argument)
        if value is not None:
            result[scheme.key] = (
                Bearer(value) if scheme.kind == "bearer" else ApiKey(scheme.location, scheme.parameter, value)
            )
        if scheme.signer is not None:
            ak, sk = values.get("ak"), values.get("sk")
            if ak is not None or sk is not None:
                if ak is None or sk is None:
                    raise ValueError("ak and sk go together")
                if value is not None:
                    raise ValueError(f"give either {scheme.argument} or ak and sk, not both")
                result[scheme.key] = scheme.signer(ak, sk)
    return result


# ---- masking -------------------------------------------------------------------------------------------------


def redact_headers(headers: Mapping[str, str], secret: Iterable[str] = ()) -> dict[str, str]:
    hidden = SECRET_HEADERS | {name.lower() for name in secret}
    return {name: (REDACTED if name.lower() in hidden else value) for name, value in headers.items()}


def redact_url(url: httpx.URL, secret: Iterable[str] = ()) -> str:
    """The URL without user info and with the secret query parameters' values replaced."""
    names = set(secret)
    if url.userinfo:
        url = url.copy_with(userinfo=b"")
    if any(name in names for name, _ in url.params.multi_items()):
        url = url.copy_with(params=[(n, REDACTED if n in names else v) for n, v in url.params.multi_items()])
    return str(url)


class SecretRegistry:
    """The secrets of the live clients of this process, with a log filter that masks them.

    A filter on a logger sees only the records logged to that very logger, so it goes on each logger httpx and
    httpcore write to (children included), once per process.
    """

    LOGGERS = (
        "httpx",
        "httpcore",
        "httpcore.connection",
        "httpcore.http11",
        "httpcore.http2",
        "httpcore.proxy",
        "httpcore.socks",
    )

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._released: deque[tuple[str, ...]] = deque()  # appending is atomic: no lock needed to queue
        self._installed = False

    def add(self, secrets: Iterable[str]) -> None:
        with self._lock:
            self._forget()
            self._counts.update(s for s in secrets if s)
            if not self._installed:
                for name in self.LOGGERS:
                    logging.getLogger(name).addFilter(self.filter)
                self._installed = True

    def remove(self, secrets: Iterable[str]) -> None:
        """Called from a client's `__del__` too, which the garbage collector may run in this very thread while it
        holds the lock (inside `add`): so the secrets are only queued here, and forgotten by whoever holds the lock
        next (at once when it is free). Until then they stay masked, which is the safe side."""
        self._released.append(tuple(s for s in secrets if s))
        if self._lock.acquire(blocking=False):
            try:
                self._forget()
            finally:
                self._lock.release()

    def _forget(self) -> None:
        if self._released:
            while self._released:
                self._counts.subtract(self._released.popleft())
            self._counts = +self._counts  # drop the ones no client holds any more

    def mask(self, text: str) -> str:
        with self._lock:
            self._forget()
            secrets = sorted(self._counts, key=len, reverse=True)  # longest first: a secret may contain another
        for secret in secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if self._counts:
            message = record.getMessage()
            masked = self.mask(message)
            if masked != message:
                record.msg, record.args = masked, None
        return True


SECRETS = SecretRegistry()


def _add_cookie(request: httpx.Request, name: str, value: str) -> None:
    cookie = f"{name}={value}"
    existing = request.headers.get("cookie")
    request.headers["Cookie"] = f"{existing}; {cookie}" if existing else cookie
