"""The OAuth 2.0 client-credentials helper (`generator/runtime/oauth.py`) against a token endpoint on 127.0.0.1."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from generator.ir.build import build_api
from generator.render.python_package import runtime_modules
from generator.runtime.oauth import TokenError, client_credentials_token
from generator.serve.runner import BackgroundServer
from generator.spec.load import Workspace
from tests.conftest import FIXTURES

SECRET = "s3cret-value-77"


async def token(request: Request) -> JSONResponse:
    expected = "Basic " + base64.b64encode(f"app:{SECRET}".encode()).decode()
    form = parse_qs((await request.body()).decode())
    if request.headers.get("authorization") != expected:
        return JSONResponse({"error": "invalid_client\x1b[31m"}, status_code=401)
    if form.get("grant_type") != ["client_credentials"]:
        return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
    return JSONResponse({"access_token": "tok-" + form.get("scope", [""])[0], "token_type": "Bearer"})


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with BackgroundServer(Starlette(routes=[Route("/token", token, methods=["POST"])])) as server:
        yield server.base_url + "/token"


def test_a_token_for_client_credentials(endpoint: str) -> None:
    assert client_credentials_token(endpoint, "app", SECRET, scopes=["read", "write"]) == "tok-read write"


def test_refusals_name_the_status_never_the_secret(endpoint: str) -> None:
    with pytest.raises(TokenError) as caught:
        client_credentials_token(endpoint, "app", "wrong-" + SECRET)
    assert "HTTP 401 (invalid_client[31m)" in str(caught.value)  # the escape character is gone
    assert SECRET not in str(caught.value) and SECRET not in repr(caught.value)
    with pytest.raises(ValueError, match="https"):
        client_credentials_token("http://tokens.example/token", "app", SECRET)


def test_shipped_only_with_a_client_credentials_flow() -> None:
    with_flow = build_api(FIXTURES / "anydoc" / "security.yaml", "sec", Workspace())
    assert "oauth.py" in runtime_modules(with_flow)
    assert [s.token_url for s in with_flow.schemes if s.token_url] == ["https://auth.example.test/token"]
    without = build_api(FIXTURES / "anydoc" / "bodies.yaml", "bodies", Workspace())
    assert "oauth.py" not in runtime_modules(without)


def test_the_readme_says_how(tmp_path: Path) -> None:
    from generator.project.pipeline import generate_one

    generate_one(FIXTURES / "anydoc" / "security.yaml", tmp_path / "sec", "sec")
    readme = (tmp_path / "sec" / "README.md").read_text(encoding="utf-8")
    assert "from sec.oauth import client_credentials_token" in readme
    assert (tmp_path / "sec" / "sec" / "oauth.py").is_file()
