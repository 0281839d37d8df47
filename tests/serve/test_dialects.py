"""A `$schema` inside a schema (lint rule `dialect`) is read in the document's own dialect by the server, as the
generated models read it: an unknown dialect (`draft-05`) is no error, and a known one does not switch the
validator to that draft's keywords (3.0-style boolean bounds stay the 3.0 flag, as everywhere in a 3.1 document)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from generator.serve.app import ServeOptions, build_app
from generator.serve.runner import BackgroundServer
from generator.serve.schemas import as_validated

SPEC = """\
openapi: 3.1.0
info: {title: Dialects, version: 1.0.0}
paths:
  /numbers:
    get:
      parameters:
        - {in: query, name: unknown, required: true,
           schema: {$schema: 'https://json-schema.org/draft-05/schema#', type: integer, maximum: 20}}
        - {in: query, name: draft2019, required: true,
           schema: {$schema: 'https://json-schema.org/draft/2019-09/schema#', type: integer,
                    minimum: 10, exclusiveMinimum: true}}
      responses: {'200': {description: OK}}
  /things:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $schema: 'http://json-schema.org/draft-07/schema#'
              type: object
              required: [$schema]
              properties:
                $schema: {type: string, pattern: '^https://'}
      responses: {'201': {description: Created}}
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path = tmp_path_factory.mktemp("dialects") / "dialects.yaml"
    path.write_text(SPEC, encoding="utf-8")
    with (
        BackgroundServer(build_app(path, options=ServeOptions())) as server,
        httpx.Client(base_url=server.base_url, timeout=10) as http,
    ):
        yield http


def test_schemas_are_read_in_the_documents_dialect(client: httpx.Client) -> None:
    assert client.get("/numbers", params={"unknown": 12, "draft2019": 11}).status_code == 200
    assert client.get("/numbers", params={"unknown": 21, "draft2019": 11}).status_code == 400
    # `exclusiveMinimum: true` is the 3.0 flag on `minimum`, not a bound of 1
    assert client.get("/numbers", params={"unknown": 12, "draft2019": 10}).status_code == 400


def test_a_property_named_schema_is_still_validated(client: httpx.Client) -> None:
    assert client.post("/things", json={"$schema": "https://example.test/s"}).status_code == 201
    assert client.post("/things", json={"$schema": "ftp://example.test/s"}).status_code == 400
    assert client.post("/things", json={}).status_code == 400


def test_only_the_keyword_is_left_out() -> None:
    document = {
        "a": {"$schema": "x", "type": "object", "properties": {"$schema": {"type": "string"}}},
        "b": {"const": {"$schema": "data"}, "examples": [{"$schema": "data"}]},
    }
    assert as_validated(document) == {
        "a": {"type": "object", "properties": {"$schema": {"type": "string"}}},
        "b": {"const": {"$schema": "data"}, "examples": [{"$schema": "data"}]},
    }
    plain = {"type": "string"}
    assert as_validated(plain) is plain
