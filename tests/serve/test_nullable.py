"""`nullable: true` admits null for the whole schema, also beside `oneOf` or a `$ref` without a `type` (schemathesis
sent `metadata: null` to the public complex-nesting document, where `metadata` is `nullable` with a `oneOf` of
objects, and the server refused it); an `enum` that leaves null out still refuses it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from generator.serve.app import ServeOptions, build_app
from generator.serve.runner import BackgroundServer
from generator.serve.schemas import Draft202012Ecma

SPEC = """\
openapi: {version}
info: {{title: Nullable, version: 1.0.0}}
paths:
  /things:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                metadata:
                  nullable: true
                  oneOf:
                    - {{type: object, properties: {{a: {{type: string}}}}}}
                    - {{type: object, properties: {{b: {{type: integer}}}}}}
                flat: {{nullable: true, $ref: '#/components/schemas/Flat'}}
                colour: {{type: string, nullable: true, enum: [red, blue]}}
                shade: {{type: string, nullable: true, enum: [dark, null]}}
                plain: {{type: string}}
      responses: {{'201': {{description: Created}}}}
components:
  schemas:
    Flat: {{type: object, properties: {{s: {{type: string}}}}}}
"""


@pytest.fixture(scope="module", params=["3.0.3", "3.1.0"])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path = tmp_path_factory.mktemp("nullable") / "nullable.yaml"
    path.write_text(SPEC.format(version=request.param), encoding="utf-8")
    with (
        BackgroundServer(build_app(path, options=ServeOptions())) as server,
        httpx.Client(base_url=server.base_url, timeout=10) as http,
    ):
        yield http


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"metadata": None}, 201),
        ({"metadata": {"a": "x", "b": "y"}}, 201),  # only the first member matches
        ({"metadata": 5}, 400),
        ({"flat": None}, 201),
        ({"flat": {"s": 1}}, 400),
        ({"shade": None}, 201),
        ({"colour": None}, 400),  # the enum leaves null out
        ({"colour": "red"}, 201),
        ({"plain": None}, 400),
    ],
)
def test_nullable_admits_null(client: httpx.Client, body: dict[str, Any], status: int) -> None:
    assert client.post("/things", json=body).status_code == status


def test_null_is_checked_only_where_nullable_says_so() -> None:
    schema = {"nullable": True, "allOf": [{"type": "object"}], "not": {"type": "object"}}
    assert Draft202012Ecma(schema).is_valid(None)
    assert not Draft202012Ecma({"nullable": False, "allOf": [{"type": "object"}]}).is_valid(None)
