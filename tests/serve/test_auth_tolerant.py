"""Security requirements a client that follows the document cannot fully meet, served tolerantly: a scheme the
document does not declare, basic and bearer/oauth2 in one requirement (both travel in `Authorization`), and
mutualTLS on a plain-HTTP server. What the server cannot check is said once at start-up."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from generator.serve.app import ServeOptions, build_app
from generator.serve.auth import Credentials
from generator.serve.runner import BackgroundServer

TOKEN = "tolerant-token-not-a-secret"
USER, PASSWORD = "ada", "lovelace"
SPEC = """\
openapi: 3.1.0
info: {title: Tolerant auth, version: 1.0.0}
x-answers: &ok {'200': {description: OK}, '401': {description: Unauthorized}}
paths:
  /undeclared:
    get: {security: [{nowhere: []}], responses: *ok}
  /undeclared-and-key:
    get: {security: [{nowhere: [], key: []}], responses: *ok}
  /basic-and-oauth:
    get: {security: [{basic: [], oauth: [read]}], responses: *ok}
  /basic-and-key:
    get: {security: [{basic: [], key: []}], responses: *ok}
  /mtls:
    get: {security: [{mtls: []}], responses: *ok}
  /mtls-or-key:
    get: {security: [{mtls: [], key: []}], responses: *ok}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
    basic: {type: http, scheme: basic}
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: 'https://auth.example.test/token', scopes: {read: read}}}
    mtls: {type: mutualTLS}
"""


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")}


BEARER = {"Authorization": f"Bearer {TOKEN}"}
KEY = {"X-Key": TOKEN}


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tolerant") / "tolerant.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client(spec: Path) -> Iterator[httpx.Client]:
    app = build_app(spec, options=ServeOptions(credentials=Credentials(token=TOKEN, user=USER, password=PASSWORD)))
    with BackgroundServer(app) as server, httpx.Client(base_url=server.base_url, timeout=10) as http:
        yield http


def test_an_undeclared_scheme_counts_as_met(client: httpx.Client) -> None:
    assert client.get("/undeclared").status_code == 200
    # the declared schemes beside it are still checked
    assert client.get("/undeclared-and-key", headers=KEY).status_code == 200
    assert client.get("/undeclared-and-key").status_code == 401
    assert client.get("/undeclared-and-key", headers={"X-Key": "wrong"}).status_code == 401


def test_schemes_sharing_the_authorization_header_are_met_by_either(client: httpx.Client) -> None:
    assert client.get("/basic-and-oauth", headers=basic(USER, PASSWORD)).status_code == 200
    assert client.get("/basic-and-oauth", headers=BEARER).status_code == 200
    assert client.get("/basic-and-oauth", headers=basic(USER, "wrong")).status_code == 401
    assert client.get("/basic-and-oauth", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/basic-and-oauth").status_code == 401
    # schemes in different places must all be there, as before
    assert client.get("/basic-and-key", headers={**basic(USER, PASSWORD), **KEY}).status_code == 200
    assert client.get("/basic-and-key", headers=basic(USER, PASSWORD)).status_code == 401
    assert client.get("/basic-and-key", headers=KEY).status_code == 401


def test_mutual_tls_counts_as_met_on_plain_http(client: httpx.Client) -> None:
    assert client.get("/mtls").status_code == 200
    assert client.get("/mtls-or-key", headers=KEY).status_code == 200
    assert client.get("/mtls-or-key").status_code == 401


def test_what_is_not_checked_is_said_at_start_up(spec: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="generator.serve")
    build_app(spec, options=ServeOptions())
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "'nowhere' is not declared" in text
    assert "'mtls' is mutualTLS" in text
