"""Authentication from the spec's security schemes.

The server holds one configured token (any non-empty value is accepted when none is configured) and, optionally,
an AK/SK pair: a scheme that carries `x-aksk-signing: SDK-HMAC-SHA256` (the Huawei Cloud specs) also accepts
requests signed the way the Huawei SDKs sign them. Secrets are compared in constant time and never appear in a
message, a repr or a log line.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from generator.runtime import signing
from generator.serve.compiled import CompiledSpec, Operation, SecurityScheme

SIGNING_EXTENSION = "x-aksk-signing"
SDK_HMAC_SHA256 = signing.ALGORITHM
_SIGNED_AUTH = re.compile(
    r"^SDK-HMAC-SHA256\s+Access=(?P<access>[^,\s]+),\s*SignedHeaders=(?P<headers>[^,\s]+),\s*Signature=(?P<sig>[0-9a-fA-F]+)$"
)
# How far X-Sdk-Date may be from the server clock (the Huawei gateways allow 15 minutes).
MAX_CLOCK_SKEW = timedelta(minutes=15)


@dataclass(frozen=True)
class Credentials:
    """What the server accepts. The repr never shows the values."""

    token: str | None = field(default=None, repr=False)
    access_key: str | None = field(default=None, repr=False)
    secret_key: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        token = "set" if self.token else "any non-empty value"
        return f"Credentials(token={token}, aksk={'set' if self.access_key and self.secret_key else 'off'})"


@dataclass(frozen=True)
class AuthRequest:
    method: str
    raw_path: str  # percent-encoded, without the query string
    query_string: str
    headers: Mapping[str, str]  # lower-case names
    cookies: Mapping[str, str]
    body: bytes


@dataclass(frozen=True)
class AuthFailure:
    message: str  # safe to show: never contains a credential


def _equal(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


class Authenticator:
    def __init__(self, spec: CompiledSpec, credentials: Credentials, token_prefixes: tuple[str, ...] = ()) -> None:
        self.schemes = spec.schemes
        self.credentials = credentials
        self.token_prefixes = token_prefixes

    def header_names(self) -> set[str]:
        """Lower-case names of the headers that carry credentials (for log redaction)."""
        names = {"authorization", "proxy-authorization", "cookie", "x-sdk-date"}
        for scheme in self.schemes.values():
            if scheme.type == "apiKey" and scheme.location == "header" and scheme.parameter:
                names.add(scheme.parameter.lower())
        return names

    def check(self, op: Operation, request: AuthRequest) -> AuthFailure | None:
        """None when one of the operation's security requirements is met, else why not."""
        if not op.security:
            return None
        reasons: list[str] = []
        for requirement in op.security:
            if not requirement:  # `{}`: anonymous access is allowed
                return None
            failures = [self._scheme(self.schemes.get(name), name, request) for name in requirement]
            problems = [f for f in failures if f is not None]
            if not problems:
                return None
            reasons.extend(problems)
        return AuthFailure(reasons[0])

    def _scheme(self, scheme: SecurityScheme | None, name: str, request: AuthRequest) -> str | None:
        if scheme is None:
            return f"security scheme {name!r} is not declared"
        signing = scheme.extensions.get(SIGNING_EXTENSION)
        authorization = request.headers.get("authorization", "")
        if signing == SDK_HMAC_SHA256 and authorization.startswith(SDK_HMAC_SHA256):
            return self._signature(request, authorization)
        if scheme.type == "apiKey":
            source = {"header": request.headers, "cookie": request.cookies}.get(scheme.location or "")
            parameter = scheme.parameter or ""
            if source is not None:
                value = source.get(parameter.lower() if scheme.location == "header" else parameter)
            else:
                value = next((v for k, v in parse_qsl(request.query_string) if k == parameter), None)
            if not value:
                return f"the {scheme.location} {parameter} is missing"
            return self._token(value, f"the {scheme.location} {parameter}")
        if scheme.type in ("http", "oauth2", "openIdConnect"):
            expected_prefix = "basic " if scheme.http_scheme == "basic" else "bearer "
            if not authorization.lower().startswith(expected_prefix):
                return f"the Authorization header must carry {expected_prefix.strip().title()} credentials"
            return self._token(authorization[len(expected_prefix) :].strip(), "the Authorization header")
        return f"security scheme {name!r} of type {scheme.type!r} is not supported by the reference server"

    def _token(self, value: str, where: str) -> str | None:
        for prefix in self.token_prefixes:
            if value.startswith(prefix):
                value = value[len(prefix) :]
                break
        if not value.strip():
            return f"{where} is empty"
        expected = self.credentials.token
        if expected is None or _equal(value, expected):
            return None
        return f"{where} does not carry a valid token"

    def _signature(self, request: AuthRequest, authorization: str) -> str | None:
        access, secret = self.credentials.access_key, self.credentials.secret_key
        if not access or not secret:
            return "AK/SK signed requests are not enabled on this server"
        match = _SIGNED_AUTH.match(authorization)
        if match is None:
            return "the Authorization header is not a valid SDK-HMAC-SHA256 signature"
        if not _equal(match["access"], access):
            return "the access key is not known"
        date = request.headers.get("x-sdk-date", "")
        try:
            signed_at = datetime.strptime(date, signing.DATE_FORMAT).replace(tzinfo=UTC)
        except ValueError:
            return "the X-Sdk-Date header is missing or not in %Y%m%dT%H%M%SZ format"
        if abs(datetime.now(UTC) - signed_at) > MAX_CLOCK_SKEW:
            return "the X-Sdk-Date header is more than 15 minutes away from the server time"
        signed_headers = match["headers"].split(";")
        if any(name not in request.headers for name in signed_headers):
            return "a signed header is missing from the request"
        expected = signing.signature(secret, canonical_request(request, signed_headers), date)
        if not _equal(match["sig"].lower(), expected):
            return "the signature does not match the request"
        return None


def canonical_request(request: AuthRequest, signed_headers: list[str]) -> str:
    """The canonical request, by the clients' own signer (`generator/runtime/signing.py`), of what arrived."""
    headers = {name: _header_text(request.headers[name]) for name in signed_headers}
    payload = request.headers.get("x-sdk-content-sha256") or signing.payload_hash(request.body)
    query = parse_qsl(request.query_string, keep_blank_values=True)
    return signing.canonical_request(request.method, request.raw_path, query, headers, signed_headers, payload)


def _header_text(value: str) -> str:
    # The SDK sends UTF-8 header values as ISO-8859-1 text; the server sees them decoded as Latin-1.
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value
