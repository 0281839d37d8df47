"""Authentication from the spec's security schemes.

The server holds one configured token for bearer, oauth2, openIdConnect and apiKey schemes (any non-empty value
is accepted when none is configured), one user and password for HTTP basic (any well-formed pair when none is
configured) and, optionally, an AK/SK pair: a scheme that carries `x-aksk-signing: SDK-HMAC-SHA256` (the Huawei
Cloud specs) also accepts requests signed the way the Huawei SDKs sign them. A requirement lists schemes that must
all pass; the operation's requirements are alternatives, and `{}` among them makes auth optional. Secrets are
compared in constant time and never appear in a message, a repr or a log line.

Tolerant where a client that follows the document cannot do better:
- a requirement naming a scheme the document does not declare (lint rule `security-scheme-declared`) counts that
  scheme as met: no client can know what to send for it;
- schemes of one requirement that travel in the same place (basic and bearer/oauth2/openIdConnect all in
  `Authorization`) cannot all be sent at once: the one value there passes when it satisfies any of them;
- `mutualTLS` is met: the server speaks plain HTTP, there is no client certificate to check (said at start-up).
"""

from __future__ import annotations

import base64
import hmac
import re
from collections.abc import Iterable, Mapping
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
    user: str | None = field(default=None, repr=False)  # HTTP basic: the only user name accepted
    password: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        token = "set" if self.token else "any non-empty value"
        basic = "set" if self.user is not None else "any user"
        return (
            f"Credentials(token={token}, basic={basic}, aksk={'set' if self.access_key and self.secret_key else 'off'})"
        )

    @classmethod
    def user_password(cls, text: str) -> tuple[str, str]:
        """`NAME:PASSWORD` (the password may contain `:`, the name may not, as in RFC 7617)."""
        name, sep, password = text.partition(":")
        if not sep or not name:
            raise ValueError("expected NAME:PASSWORD")
        return name, password


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
            problems = self._requirement(requirement, request)
            if not problems:
                return None
            reasons.extend(problems)
        return AuthFailure(reasons[0])

    def _requirement(self, requirement: Mapping[str, object], request: AuthRequest) -> list[str]:
        """Why the schemes of one requirement are not all met (empty when they are). Schemes sharing one carrier
        are met together when its value satisfies any of them."""
        carriers: dict[tuple[str, str], list[str | None]] = {}
        for name in requirement:
            scheme = self.schemes.get(name)
            if scheme is None or scheme.type == "mutualTLS":
                continue
            carriers.setdefault(carrier(scheme), []).append(self._scheme(scheme, name, request))
        problems: list[str] = []
        for outcomes in carriers.values():
            if all(outcome is not None for outcome in outcomes):
                problems.append(str(outcomes[0]))
        return problems

    def unenforced(self, operations: Iterable[Operation]) -> list[str]:
        """What the server cannot check and lets pass (undeclared schemes, mutualTLS), one line each."""
        notes: set[str] = set()
        for op in operations:
            for requirement in op.security:
                for name in requirement:
                    scheme = self.schemes.get(name)
                    if scheme is None:
                        notes.add(f"security scheme {name!r} is not declared: requirements naming it count it as met")
                    elif scheme.type == "mutualTLS":
                        notes.add(f"security scheme {name!r} is mutualTLS: plain HTTP here, counted as met")
        return sorted(notes)

    def _scheme(self, scheme: SecurityScheme, name: str, request: AuthRequest) -> str | None:
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
        if scheme.type == "http" and scheme.http_scheme == "basic":
            return self._basic(authorization)
        if scheme.type in ("http", "oauth2", "openIdConnect"):
            # bearer, and oauth2/openIdConnect access tokens, which travel as bearer tokens (RFC 6750)
            if not authorization.lower().startswith("bearer "):
                return "the Authorization header must carry Bearer credentials"
            return self._token(authorization[len("bearer ") :].strip(), "the Authorization header")
        return f"security scheme {name!r} of type {scheme.type!r} is not supported by the reference server"

    def _basic(self, authorization: str) -> str | None:
        """RFC 7617: `Basic base64(user:password)`; any well-formed pair passes unless `--user` set one."""
        if not authorization.lower().startswith("basic "):
            return "the Authorization header must carry Basic credentials"
        try:
            decoded = base64.b64decode(authorization[len("basic ") :].strip(), validate=True).decode("utf-8")
            user, password = Credentials.user_password(decoded)
        except (ValueError, UnicodeDecodeError):
            return "the Authorization header does not carry base64 user:password Basic credentials"
        expected_user, expected_password = self.credentials.user, self.credentials.password
        if expected_user is None:
            return None
        # both compared, always, so the time taken does not tell which one was wrong
        user_ok = _equal(user, expected_user)
        password_ok = _equal(password, expected_password or "")
        return None if user_ok and password_ok else "the Basic credentials are not valid"

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


def carrier(scheme: SecurityScheme) -> tuple[str, str]:
    """Where a scheme's credential travels: (location, name), header names lower-cased."""
    if scheme.type == "apiKey":
        location, name = scheme.location or "", scheme.parameter or ""
        return (location, name.lower() if location == "header" else name)
    return ("header", "authorization")


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
