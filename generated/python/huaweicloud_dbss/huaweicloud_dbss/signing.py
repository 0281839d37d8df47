# Generated from specs/dbss/openapi.yaml (sha256 c36f2b1a9e4ab24f) by vendor-openapi-toolchain 0.1.0: do not edit.
"""AK/SK request signing with `SDK-HMAC-SHA256` (Huawei Cloud API Gateway signing, `x-aksk-signing`).

Shipped only in packages whose spec has a security scheme with `x-aksk-signing`. The toolchain's reference
server verifies signatures with this same module, so the client and the server cannot disagree on the canonical
request; the tests compare both with huaweicloudsdkcore's signer.

The signature covers the method, the path, the query, the headers listed in SignedHeaders (every header of the
request except the transport ones httpx adds and proxies may change) and the SHA-256 of the body.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from urllib.parse import quote, unquote

import httpx

from .auth import REDACTED, Credential

ALGORITHM = "SDK-HMAC-SHA256"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
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


def canonical_uri(raw_path: str) -> str:
    """Each segment of the (percent-encoded) path decoded once and encoded again with only RFC 3986's unreserved
    characters kept, always ending with `/`."""
    uri = "/".join(_encode(segment) for segment in unquote(raw_path).split("/"))
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(params: Iterable[tuple[str, str]]) -> str:
    """The decoded query pairs, sorted, each part encoded like a path segment."""
    return "&".join(f"{_encode(k)}={_encode(v)}" for k, v in sorted(params))


def payload_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest() if body else _EMPTY_SHA256


def canonical_request(
    method: str,
    raw_path: str,
    query: Iterable[tuple[str, str]],
    headers: Mapping[str, str],
    signed_headers: list[str],
    body_hash: str,
) -> str:
    """The canonical request; `headers` is keyed by lower-case name and holds every name in `signed_headers`."""
    lines = [
        method.upper(),
        canonical_uri(raw_path),
        canonical_query(query),
        "".join(f"{name}:{headers[name].strip()}\n" for name in signed_headers),
        ";".join(signed_headers),
        body_hash,
    ]
    return "\n".join(lines)


def signature(secret_key: str, canonical: str, date: str) -> str:
    """The hex HMAC-SHA256 of the string to sign (algorithm, X-Sdk-Date, SHA-256 of the canonical request)."""
    to_sign = f"{ALGORITHM}\n{date}\n{hashlib.sha256(canonical.encode('utf-8')).hexdigest()}"
    return hmac.new(secret_key.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def sign_request(request: httpx.Request, ak: str, sk: str, now: datetime | None = None) -> None:
    """Sign `request` in place (sets X-Sdk-Date unless present, then Authorization)."""
    if "x-sdk-date" not in request.headers:
        moment = now or datetime.now(UTC)
        request.headers["X-Sdk-Date"] = moment.strftime(DATE_FORMAT)
    if "host" not in request.headers:
        request.headers["Host"] = request.url.netloc.decode("ascii")
    content_type = request.headers.get("content-type", "")
    if content_type and not content_type.startswith(("application/json", "application/bson")):
        # as the vendor SDKs do: only JSON bodies are hashed, others are declared unsigned
        request.headers["X-Sdk-Content-Sha256"] = UNSIGNED_PAYLOAD
        body_hash = UNSIGNED_PAYLOAD
    else:
        body_hash = payload_hash(request.content)
    names = sorted({n.lower() for n in request.headers if n.lower() not in _UNSIGNED and "_" not in n})
    headers = {name: request.headers[name] for name in names}  # repeated headers joined, as httpx sends them
    raw_path = request.url.raw_path.decode("ascii").partition("?")[0]
    canonical = canonical_request(request.method, raw_path, request.url.params.multi_items(), headers, names, body_hash)
    sig = signature(sk, canonical, request.headers["x-sdk-date"])
    request.headers["Authorization"] = f"{ALGORITHM} Access={ak}, SignedHeaders={';'.join(names)}, Signature={sig}"


class AkSk(Credential):
    """Signs every request with an access key (AK) and secret key (SK)."""

    algorithm = ALGORITHM

    def __init__(self, ak: str, sk: str) -> None:
        if not isinstance(ak, str) or not isinstance(sk, str) or not ak or not sk:
            raise ValueError("AK/SK signing needs both a non-empty ak and sk")
        if any(ord(c) < 0x21 or ord(c) == 0x7F or c == "," for c in ak):
            raise ValueError("the ak contains a space, comma or control character")
        self.ak = ak
        self._sk = sk

    def apply(self, request: httpx.Request) -> None:
        sign_request(request, self.ak, self._sk)

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self._sk,)

    def __repr__(self) -> str:
        return f"AkSk(ak={self.ak[:4]}..., sk={REDACTED})"
