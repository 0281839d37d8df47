"""A discriminator property holding a list, an object or a number is the request's error (400), never a 500.

schemathesis found it: openapi-schema-validator (OpenAPI 3.0 documents) looks the value up in the mapping as it is.
"""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from generator.serve.app import build_app
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(build_app(FIXTURES / "anydoc" / "models.yaml"))


@pytest.mark.parametrize("kind", [[None, None], {"a": 1}, 3, True])
@pytest.mark.parametrize(("path", "name"), [("/pets", "kind"), ("/shapes", "type")])
def test_a_discriminator_that_is_no_string_is_refused(client: TestClient, path: str, name: str, kind: Any) -> None:
    answer = client.post(path, json={name: kind, "lives": 0, "radius": 1.0})
    assert answer.status_code == 400
    assert answer.json()["status"] == 400


def test_a_valid_member_is_still_accepted(client: TestClient) -> None:
    assert client.post("/pets", json={"kind": "cat", "lives": 3}).status_code == 200
    assert client.post("/shapes", json={"type": "Circle", "radius": 1.0}).status_code == 200
