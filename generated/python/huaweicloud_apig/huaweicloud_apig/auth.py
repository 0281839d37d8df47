"""Credentials of the Huawei Cloud API Gateway (APIG) - Creating a Plug-in client, and redaction of secrets from logs.

Each credential applies itself to a built `httpx.Request` just before it is sent (again on every retry, so a
signature is always fresh). Their reprs never show the secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import quote, unquote

import httpx

REDACTED = "<redacted>"
# Always redacted from logs, whatever the API's schemes are.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


class Credential:
    """Something that authenticates a request."""

    def apply(self, request: httpx.Request) -> None:
        raise NotImplementedError

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
        if not isinstance(value, str) or not value:
            raise ValueError(f"the credential for {name!r} must be a non-empty string")
        self.location = location
        self.name = name
        self._value = value

    def apply(self, request: httpx.Request) -> None:
        if self.location == "header":
            request.headers[self.name] = self._value
        elif self.location == "query":
            request.url = request.url.copy_merge_params({self.name: self._value})
        else:
            _add_cookie(request, self.name, self._value)

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
        if not isinstance(token, str) or not token:
            raise ValueError("the bearer token must be a non-empty string")
        self._token = token

    def apply(self, request: httpx.Request) -> None:
        request.headers["Authorization"] = f"Bearer {self._token}"

    def __repr__(self) -> str:
        return f"Bearer({REDACTED})"


class Basic(Credential):
    """HTTP basic authentication."""

    def __init__(self, username: str, password: str) -> None:
        self.username = username
        self._password = password

    def apply(self, request: httpx.Request) -> None:
        pair = f"{self.username}:{self._password}".encode()
        request.headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")

    def __repr__(self) -> str:
        return f"Basic(username={self.username!r}, password={REDACTED})"


class AkSk(Credential):
    """AK/SK request signing with `SDK-HMAC-SHA256` (Huawei Cloud API Gateway signing).

    Adds `X-Sdk-Date` and `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<...>, Signature=<hex>`.
    The signature covers the method, the path, the query, the headers listed in SignedHeaders (every header of
    the request except the transport ones httpx adds and proxies may change) and the SHA-256 of the body.
    """

    algorithm = "SDK-HMAC-SHA256"

    def __init__(self, ak: str, sk: str) -> None:
        if not ak or not sk:
            raise ValueError("AK/SK signing needs both a non-empty ak and sk")
        self.ak = ak
        self._sk = sk

    def apply(self, request: httpx.Request) -> None:
        sign_request(request, self.ak, self._sk)

    def __repr__(self) -> str:
        return f"AkSk(ak={self.ak[:4]}..., sk={REDACTED})"


# ---- SDK-HMAC-SHA256 -----------------------------------------------------------------------------------------

DATE_FORMAT = "%Y%m%dT%H%M%SZ"
_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
# Not signed: headers that httpx, proxies or load balancers may add, drop or rewrite on the way.
_UNSIGNED = frozenset(
    {
        "authorization",
        "accept",
        "accept-encoding",
        "connection",
        "content-length",
        "keep-alive",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "user-agent",
    }
)


def _encode(text: str) -> str:
    return quote(text, safe="~")


def canonical_uri(path: str) -> str:
    """Each segment percent-encoded (RFC 3986 unreserved kept), always ending with `/`."""
    uri = "/".join(_encode(segment) for segment in unquote(path).split("/"))
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(params: Iterable[tuple[str, str]]) -> str:
    return "&".join(f"{_encode(k)}={_encode(v)}" for k, v in sorted(params))


def signed_headers(request: httpx.Request) -> list[str]:
    names = {name.lower() for name in request.headers}
    return sorted(n for n in names if n not in _UNSIGNED and "_" not in n)


def payload_hash(request: httpx.Request) -> str:
    content_type = request.headers.get("content-type", "")
    if content_type and not content_type.startswith(("application/json", "application/bson")):
        # as the vendor SDKs do: only JSON bodies are hashed, others are declared unsigned
        request.headers["X-Sdk-Content-Sha256"] = "UNSIGNED-PAYLOAD"
        return "UNSIGNED-PAYLOAD"
    body = request.content
    return hashlib.sha256(body).hexdigest() if body else _EMPTY_SHA256


def canonical_request(request: httpx.Request, headers: list[str], body_hash: str) -> str:
    lines = [
        request.method.upper(),
        canonical_uri(request.url.path),
        canonical_query(request.url.params.multi_items()),
        "".join(f"{name}:{request.headers[name].strip()}\n" for name in headers),
        ";".join(headers),
        body_hash,
    ]
    return "\n".join(lines)


def string_to_sign(canonical: str, date: str) -> str:
    return f"{AkSk.algorithm}\n{date}\n{hashlib.sha256(canonical.encode()).hexdigest()}"


def sign_request(request: httpx.Request, ak: str, sk: str, now: datetime | None = None) -> None:
    """Sign `request` in place (sets X-Sdk-Date unless present, then Authorization)."""
    if "x-sdk-date" not in request.headers:
        moment = now or datetime.now(UTC)
        request.headers["X-Sdk-Date"] = moment.strftime(DATE_FORMAT)
    if "host" not in request.headers:
        request.headers["Host"] = request.url.netloc.decode("ascii")
    body_hash = payload_hash(request)
    headers = signed_headers(request)
    canonical = canonical_request(request, headers, body_hash)
    to_sign = string_to_sign(canonical, request.headers["x-sdk-date"])
    signature = hmac.new(sk.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    request.headers["Authorization"] = (
        f"{AkSk.algorithm} Access={ak}, SignedHeaders={';'.join(headers)}, Signature={signature}"
    )


# ---- redaction -----------------------------------------------------------------------------------------------


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


def _add_cookie(request: httpx.Request, name: str, value: str) -> None:
    cookie = f"{name}={value}"
    existing = request.headers.get("cookie")
    request.headers["Cookie"] = f"{existing}; {cookie}" if existing else cookie
