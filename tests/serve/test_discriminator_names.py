"""A discriminator `mapping` may name schemas instead of giving `$ref`s (OpenAPI 3.0.3 and 3.1: "a schema name or
a reference"): the server of a 3.0 document, whose validator selects the union member by the discriminator,
resolves a name as the `$ref` it stands for."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from generator.serve.app import ServeOptions, build_app
from generator.serve.runner import BackgroundServer
from generator.serve.schemas import as_validated

SPEC = """\
openapi: 3.0.3
info: {title: Names in a mapping, version: 1.0.0}
paths:
  /shapes:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              oneOf: [{$ref: '#/components/schemas/Circle'}, {$ref: '#/components/schemas/Square'}]
              discriminator: {propertyName: kind, mapping: {round: Circle, boxy: '#/components/schemas/Square'}}
      responses: {'201': {description: Created}}
components:
  schemas:
    Circle:
      type: object
      required: [kind, radius]
      properties: {kind: {type: string}, radius: {type: number}}
    Square:
      type: object
      required: [kind]
      properties: {kind: {type: string}, side: {type: number}}
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path = tmp_path_factory.mktemp("names") / "names.yaml"
    path.write_text(SPEC, encoding="utf-8")
    with (
        BackgroundServer(build_app(path, options=ServeOptions())) as server,
        httpx.Client(base_url=server.base_url, timeout=10) as http,
    ):
        yield http


def test_a_mapping_by_schema_name_selects_that_schema(client: httpx.Client) -> None:
    # both bodies also fit the other, open member: only the discriminator tells them apart
    assert client.post("/shapes", json={"kind": "round", "radius": 1}).status_code == 201
    assert client.post("/shapes", json={"kind": "boxy", "side": 2}).status_code == 201
    assert client.post("/shapes", json={"kind": "round", "side": 2}).status_code == 400  # a circle needs radius
    assert client.post("/shapes", json={"kind": "oval", "radius": 1}).status_code == 400


def test_names_become_refs_and_nothing_else_changes() -> None:
    document = {"d": {"discriminator": {"propertyName": "k", "mapping": {"a": "A", "b": "#/components/schemas/B"}}}}
    assert as_validated(document) == {
        "d": {
            "discriminator": {
                "propertyName": "k",
                "mapping": {"a": "#/components/schemas/A", "b": "#/components/schemas/B"},
            }
        }
    }
    untouched = {"d": {"discriminator": {"propertyName": "k", "mapping": {"b": "#/components/schemas/B"}}}}
    assert as_validated(untouched) is untouched
