"""Every security scheme type over real HTTP: apiKey in header, query and cookie; HTTP basic (`--user`); bearer,
oauth2 and openIdConnect tokens (`--token`); two schemes in one requirement, alternatives and optional auth."""

from __future__ import annotations

import base64
import logging
import time
from collections.abc import Iterator

import httpx
import pytest

from generator.serve.app import ServeOptions, build_app
from generator.serve.auth import Credentials
from generator.serve.runner import BackgroundServer
from tests.conftest import FIXTURES, ROOT
from tests.serve.test_cli import run_cli

SPEC = FIXTURES / "serve" / "auth.yaml"
TOKEN = "auth-test-token-not-a-secret"
USER, PASSWORD = "ada", "pa:ss wörd"


def basic(user: str, password: str) -> dict[str, str]:
    pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {pair}"}


BEARER = {"Authorization": f"Bearer {TOKEN}"}


def _serve(credentials: Credentials) -> Iterator[httpx.Client]:
    app = build_app(SPEC, options=ServeOptions(credentials=credentials))
    with BackgroundServer(app) as server, httpx.Client(base_url=server.base_url, timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    yield from _serve(Credentials(token=TOKEN, user=USER, password=PASSWORD))


@pytest.fixture(scope="module")
def open_client() -> Iterator[httpx.Client]:
    yield from _serve(Credentials())


@pytest.mark.parametrize(
    ("path", "good", "bad"),
    [
        ("/header", {"headers": {"X-API-Key": TOKEN}}, {"headers": {"X-API-Key": "wrong"}}),
        ("/query", {"params": {"api_key": TOKEN}}, {"params": {"api_key": "wrong"}}),
        ("/cookie", {"headers": {"Cookie": f"session={TOKEN}"}}, {"headers": {"Cookie": "session=wrong"}}),
        ("/basic", {"headers": basic(USER, PASSWORD)}, {"headers": basic(USER, "wrong")}),
        ("/bearer", {"headers": BEARER}, {"headers": {"Authorization": "Bearer wrong"}}),
        ("/oauth", {"headers": BEARER}, {"headers": basic(USER, PASSWORD)}),
        ("/oidc", {"headers": BEARER}, {"headers": {"Authorization": TOKEN}}),
    ],
)
def test_each_scheme(client: httpx.Client, path: str, good: dict[str, object], bad: dict[str, object]) -> None:
    assert client.get(path, **good).status_code == 200  # type: ignore[arg-type]
    refused = client.get(path, **bad)  # type: ignore[arg-type]
    assert refused.status_code == 401
    assert "wrong" not in refused.text and PASSWORD not in refused.text
    assert client.get(path).status_code == 401


def test_basic_credentials_are_checked_whole(client: httpx.Client) -> None:
    assert client.get("/basic", headers=basic("eve", PASSWORD)).status_code == 401
    assert client.get("/basic", headers={"Authorization": "Basic not-base64!"}).status_code == 401
    colonless = base64.b64encode(b"ada").decode()
    assert client.get("/basic", headers={"Authorization": f"Basic {colonless}"}).status_code == 401
    # the token is not a password: basic and bearer credentials are configured separately
    assert client.get("/basic", headers=basic(USER, TOKEN)).status_code == 401


def test_requirements_and_alternatives(client: httpx.Client) -> None:
    both = {**basic(USER, PASSWORD), "X-API-Key": TOKEN}
    assert client.get("/both", headers=both).status_code == 200
    assert client.get("/both", headers=basic(USER, PASSWORD)).status_code == 401
    assert client.get("/both", headers={"X-API-Key": TOKEN}).status_code == 401
    assert client.get("/either", headers=basic(USER, PASSWORD)).status_code == 200
    assert client.get("/either", params={"api_key": TOKEN}).status_code == 200
    assert client.get("/either").status_code == 401
    assert client.get("/optional").status_code == 200
    assert client.get("/optional", headers=BEARER).status_code == 200
    assert client.get("/public").status_code == 200


def test_without_configured_credentials_any_well_formed_ones_pass(open_client: httpx.Client) -> None:
    assert open_client.get("/basic", headers=basic("anyone", "anything")).status_code == 200
    assert open_client.get("/bearer", headers={"Authorization": "Bearer anything"}).status_code == 200
    assert open_client.get("/basic", headers={"Authorization": "Basic %%%"}).status_code == 401
    assert open_client.get("/bearer").status_code == 401


def test_credentials_repr_hides_the_password() -> None:
    text = repr(Credentials(token=TOKEN, user=USER, password=PASSWORD))
    assert TOKEN not in text and PASSWORD not in text and USER not in text


@pytest.mark.slow
def test_serve_user_flag_needs_name_and_password() -> None:
    result = run_cli("serve", str(SPEC.relative_to(ROOT)), "--user", "no-colon", "--port", "0")
    assert result.returncode == 2
    assert "--user takes NAME:PASSWORD" in result.stderr


def test_access_log_shows_the_query_with_secrets_masked(client: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="generator.serve")
    params = {"api_key": TOKEN, "page": "2", "access_token": "tok-secret-1", "X-Amz-Signature": "abc123sig"}
    assert client.get("/either", params=params).status_code == 200
    expected = "GET /either?api_key=***&page=2&access_token=***&X-Amz-Signature=*** 200 "
    deadline = time.monotonic() + 5  # the line is written just after the answer is sent, in the server's thread
    while True:
        lines = [r.getMessage() for r in caplog.records if r.name == "generator.serve.access"]
        if any(line.startswith(expected) for line in lines) or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    assert any(line.startswith(expected) for line in lines), lines
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert TOKEN not in text and "tok-secret-1" not in text and "abc123sig" not in text


def test_the_bundled_document_is_served(client: httpx.Client) -> None:
    response = client.get("/openapi.json")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    document = response.json()
    assert document["info"]["title"] == "Auth schemes"
    assert set(document["components"]["securitySchemes"]) >= {"basic", "oauth", "oidc"}
    assert client.post("/openapi.json").status_code == 404
