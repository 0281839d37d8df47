"""The client-credentials helper against oauthlib's RFC 6749 token endpoint (an implementation nobody here wrote).

oauthlib parses the form, checks the grant type, the duplicate and scope rules, and writes the token answer (and
its error answers) as the RFC says; only the credential store below is ours. Client id and secret are chosen with
the characters RFC 6749 section 2.3.1 has the client form-encode before HTTP basic (`:`, `+`, space, `%`, non-ASCII).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote_plus

import pytest
from oauthlib.oauth2 import BackendApplicationServer, RequestValidator
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from generator.runtime.oauth import TokenError, client_credentials_token
from generator.serve.runner import BackgroundServer

CLIENT_ID = "reporting:app+1"
SECRET = "p+ss wörd:/%2F-9"
SCOPES = {"read", "write"}


class Clients(RequestValidator):  # type: ignore[misc]  # oauthlib is untyped
    """One registered client; the RFC's form-decoding of HTTP basic credentials (section 2.3.1)."""

    def authenticate_client(self, request: Any, *args: Any, **kwargs: Any) -> bool:
        kind, _, encoded = (request.headers.get("Authorization") or "").partition(" ")
        if kind.lower() != "basic":
            return False
        try:
            user, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        if (unquote_plus(user), unquote_plus(password)) != (CLIENT_ID, SECRET):
            return False
        request.client = type("Client", (), {"client_id": CLIENT_ID})()
        return True

    def validate_grant_type(self, *args: Any, **kwargs: Any) -> bool:
        return True

    def get_default_scopes(self, *args: Any, **kwargs: Any) -> list[str]:
        return ["read"]

    def validate_scopes(self, client_id: str, scopes: list[str], *args: Any, **kwargs: Any) -> bool:
        return set(scopes) <= SCOPES

    def save_bearer_token(self, *args: Any, **kwargs: Any) -> None:
        pass


SERVER = BackendApplicationServer(Clients(), token_generator=lambda request: "tok-" + " ".join(request.scopes))


async def token(request: Request) -> Response:
    body = (await request.body()).decode()
    headers, answer, status = SERVER.create_token_response(
        str(request.url), request.method, body, dict(request.headers)
    )
    return Response(answer, status_code=status, headers=headers)


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with BackgroundServer(Starlette(routes=[Route("/token", token, methods=["POST"])])) as server:
        yield server.base_url + "/token"


def test_the_rfc_server_issues_a_token_for_the_scopes_asked(endpoint: str) -> None:
    assert client_credentials_token(endpoint, CLIENT_ID, SECRET, scopes=["write", "read"]) == "tok-write read"
    assert client_credentials_token(endpoint, CLIENT_ID, SECRET) == "tok-read"  # the server's default scope


@pytest.mark.parametrize(
    ("client_id", "secret", "scopes", "error"),
    [
        (CLIENT_ID, "wrong", ["read"], "HTTP 401 (invalid_client)"),
        ("reporting", SECRET, ["read"], "HTTP 401 (invalid_client)"),
        (CLIENT_ID, SECRET, ["admin"], "HTTP 400 (invalid_scope)"),
    ],
)
def test_the_rfc_servers_refusals_are_token_errors(
    endpoint: str, client_id: str, secret: str, scopes: list[str], error: str
) -> None:
    with pytest.raises(TokenError) as caught:
        client_credentials_token(endpoint, client_id, secret, scopes=scopes)
    assert str(caught.value) == f"the token endpoint answered {error}"
    assert secret not in repr(caught.value) and SECRET not in str(caught.value)
