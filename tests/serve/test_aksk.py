"""AK/SK signed requests (SDK-HMAC-SHA256), checked against the official Huawei SDK's signer as the oracle."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from generator.project.catalog import find_api
from generator.serve.app import ServeOptions, build_app
from generator.serve.auth import Credentials
from generator.serve.runner import BackgroundServer
from tests.conftest import ROOT

AK = "HPUAEXAMPLEAK0000001"
SK = "example-secret-key-for-tests-only"
PATH = "/v2/0c8243400d37468bb4aed3cc94c2911d/apigw/instances/eddc4d25480b4cd6b512f270a1b8b341/plugins"


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    options = ServeOptions(credentials=Credentials(token="a-token", access_key=AK, secret_key=SK))
    with BackgroundServer(build_app(find_api("apig", ROOT).spec, api_name="apig", options=options)) as running:
        yield running


def signed(server: BackgroundServer, body: Any, *, ak: str = AK, sk: str = SK, query: str = "") -> httpx.Request:
    """A request signed by huaweicloudsdkcore's Signer, sent as the SDK would send it."""
    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkcore.signer.signer import Signer

    host = server.base_url.removeprefix("http://")
    data = json.dumps(body).encode()
    pairs = [tuple(p.split("=", 1)) for p in query.split("&") if p]
    request = SdkRequest(
        method="POST",
        schema="http",
        host=host,
        resource_path=PATH,
        query_params=pairs,
        header_params={"Content-Type": "application/json"},
        body=data,
    )
    Signer(BasicCredentials(ak=ak, sk=sk)).sign(request)
    return httpx.Request("POST", f"{server.base_url}{request.uri}", headers=request.header_params, content=data)


def plugin(name: str) -> dict[str, str]:
    return {
        "plugin_name": name,
        "plugin_type": "cors",
        "plugin_scope": "global",
        "plugin_content": '{"allow_origin":"*"}',
    }


def test_a_signed_request_is_accepted(server: BackgroundServer) -> None:
    with httpx.Client() as client:
        response = client.send(signed(server, plugin("Signed_1")))
        assert response.status_code == 201, response.text
        with_query = client.send(signed(server, plugin("Signed_2"), query="b=2&a=1&a=0"))
        assert with_query.status_code == 201, with_query.text


@pytest.mark.parametrize("change", ["body", "secret", "access", "date", "header"])
def test_a_tampered_or_foreign_signature_is_refused(server: BackgroundServer, change: str) -> None:
    if change == "secret":
        request = signed(server, plugin("Tampered"), sk="another-secret")
    elif change == "access":
        request = signed(server, plugin("Tampered"), ak="HPUAOTHERAK000000001")
    else:
        request = signed(server, plugin("Tampered"))
    if change == "body":
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        request = httpx.Request(request.method, request.url, headers=headers, content=b'{"plugin_name": "X"}')
    elif change == "date":
        request.headers["X-Sdk-Date"] = "20200101T000000Z"
    elif change == "header":
        request.headers["Content-Type"] = "application/json; charset=utf-8"
    with httpx.Client() as client:
        response = client.send(request)
    assert response.status_code == 401
    assert response.json()["error_code"] == "APIG.1002"
    assert SK not in response.text and "another-secret" not in response.text


def test_signing_needs_configured_keys() -> None:
    app = build_app(find_api("apig", ROOT).spec, api_name="apig")
    with BackgroundServer(app) as running, httpx.Client() as client:
        response = client.send(signed(running, plugin("Unconfigured")))
    assert response.status_code == 401
    assert "AK/SK signed requests are not enabled" in response.json()["error_msg"]


def test_credentials_never_show_in_a_repr() -> None:
    text = repr(Credentials(token="tok-value", access_key=AK, secret_key=SK))
    assert "tok-value" not in text and SK not in text and AK not in text
