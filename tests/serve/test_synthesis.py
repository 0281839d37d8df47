"""What the generic server answers for any spec, over real HTTP: synthesized values satisfy pattern, format and
bounds; an example that breaks its schema is never served; error bodies fit the spec's documented error schema,
or are RFC 9457 problem details when none is documented. Checked with jsonschema-rs (formats asserted)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema_rs
import pytest
import yaml

from generator.serve.app import build_app
from generator.serve.runner import BackgroundServer
from tests.conftest import FIXTURES

SPEC = FIXTURES / "serve" / "synthesis.yaml"
DOCUMENT = yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def _schema(path: str, method: str, status: str) -> dict[str, Any]:
    content = DOCUMENT["paths"][path][method]["responses"][status]["content"]["application/json"]
    return {**content["schema"], "components": DOCUMENT["components"]}


def _assert_fits(body: Any, schema: dict[str, Any]) -> None:
    validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
    assert [error.message for error in validator.iter_errors(body)] == [], body


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with BackgroundServer(build_app(SPEC)) as server, httpx.Client(base_url=server.base_url, timeout=10) as http:
        yield http


def test_values_satisfy_patterns_formats_and_bounds(client: httpx.Client) -> None:
    for name in ("a", "bcd"):
        response = client.post("/keys", json={"name": name})
        assert response.status_code == 201, response.text
        body = response.json()
        _assert_fits(body, _schema("/keys", "post", "201"))
        assert body["name"] == name  # the request field is still echoed


def test_an_example_that_breaks_its_schema_is_never_served(client: httpx.Client) -> None:
    response = client.get("/pages")
    assert response.status_code == 200
    _assert_fits(response.json(), _schema("/pages", "get", "200"))
    canned = client.get("/pages", headers={"Prefer": "code=404"})
    assert canned.status_code == 404
    _assert_fits(canned.json(), _schema("/pages", "get", "404"))
    assert canned.json() != {"message": "no code"}


def test_error_bodies_fit_the_documented_error_schema(client: httpx.Client) -> None:
    response = client.post("/keys", json={"name": "far too long"})
    assert response.status_code == 400
    body = response.json()
    _assert_fits(body, _schema("/keys", "post", "400"))
    assert body["message"] == "name must be at most 8 characters long"
    assert response.headers["content-type"] == "application/json"


def test_undocumented_errors_are_problem_details(client: httpx.Client) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "no operation is documented at /nowhere",
    }
    invalid = client.get("/pages", headers={"Prefer": "code=abc"})
    assert invalid.status_code == 400 and invalid.headers["content-type"] == "application/problem+json"
    assert invalid.json()["title"] == "Bad Request"
    wrong_method = client.delete("/pages")
    assert wrong_method.status_code == 405 and wrong_method.json()["status"] == 405
