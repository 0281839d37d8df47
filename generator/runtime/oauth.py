"""OAuth 2.0 client credentials (RFC 6749 section 4.4): a token for the `token=` argument of a client whose spec
has an oauth2 scheme with a `clientCredentials` flow. Shipped only in such packages.

    token = client_credentials_token(TOKEN_URL, client_id, client_secret, scopes=["read"])
    client = Client(token=token)

The client authenticates with HTTP basic, id and secret form-encoded first (section 2.3.1); the secret never
appears in exceptions or reprs.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote_plus

import httpx

from .errors import loads

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class TokenError(Exception):
    """The token endpoint refused the credentials or answered something that is not a token."""


def client_credentials_token(
    token_url: str,
    client_id: str,
    client_secret: str,
    *,
    scopes: Iterable[str] = (),
    http_client: httpx.Client | None = None,
) -> str:
    """The `access_token` the token endpoint issues for these client credentials (and scopes)."""
    if not token_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ValueError("the token URL must be https (a client secret never travels in clear text)")
    form = {"grant_type": "client_credentials"}
    scope = " ".join(scopes)
    if scope:
        form["scope"] = scope
    owned = http_client is None
    client = http_client if http_client is not None else httpx.Client(timeout=DEFAULT_TIMEOUT)
    try:
        response = client.post(
            token_url,
            data=form,
            # RFC 6749 2.3.1: id and secret are form-encoded before HTTP basic (a `:` in the id stays the id's)
            auth=httpx.BasicAuth(quote_plus(client_id, safe=""), quote_plus(client_secret, safe="")),
            headers={"Accept": "application/json"},
        )
    except httpx.HTTPError as exc:
        raise TokenError(f"the token endpoint could not be reached: {type(exc).__name__}") from None
    finally:
        if owned:
            client.close()
    try:
        body = loads(response.content)
    except (ValueError, UnicodeDecodeError):
        body = None
    if response.status_code != 200 or not isinstance(body, dict):
        error = body.get("error") if isinstance(body, dict) else None
        code = "".join(c for c in str(error)[:80] if c.isprintable()) if error else ""  # server text: no escapes
        raise TokenError(f"the token endpoint answered HTTP {response.status_code}" + (f" ({code})" if code else ""))
    token = body.get("access_token")
    if not isinstance(token, str) or not token:
        raise TokenError("the token endpoint's answer has no access_token")
    return token


__all__ = ["TokenError", "client_credentials_token"]
