"""deepObject properties the schema leaves free (undeclared, or declared without a type): the generated clients
write an array there as the key repeated, and the server reads a repeated key as that array. Properties with a
declared type are read as before (a string given twice is refused)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from generator.runtime.styles import ParamStyle, serialize
from generator.serve.app import ServeOptions, build_app
from generator.serve.runner import BackgroundServer

SPEC = """\
openapi: 3.1.0
info: {title: Free deepObject keys, version: 1.0.0}
paths:
  /open:
    get:
      parameters:
        - name: filter
          in: query
          style: deepObject
          explode: true
          schema: {type: object, properties: {name: {type: string}, any: {}}}
      responses: {'200': {description: OK}}
  /typed:
    get:
      parameters:
        - name: filter
          in: query
          style: deepObject
          explode: true
          schema: {type: object, additionalProperties: {type: integer}}
      responses: {'200': {description: OK}}
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path = tmp_path_factory.mktemp("deep") / "deep.yaml"
    path.write_text(SPEC, encoding="utf-8")
    with (
        BackgroundServer(build_app(path, options=ServeOptions())) as server,
        httpx.Client(base_url=server.base_url, timeout=10) as http,
    ):
        yield http


def _query(value: Any) -> str:
    return serialize(ParamStyle("filter", "query", "deepObject", True), value)


def test_a_free_key_given_twice_is_an_array(client: httpx.Client) -> None:
    for value in ({"": ["a", "b"]}, {"tag": ["a", "b"], "name": "x"}, {"any": ["1", "2"]}, {"tag": "a"}):
        query = _query(value)
        assert query.count("=") >= 1
        assert client.get(f"/open?{query}").status_code == 200, query


def test_a_typed_key_given_twice_is_still_refused(client: httpx.Client) -> None:
    assert client.get("/open?filter%5Bname%5D=x&filter%5Bname%5D=y").status_code == 400
    assert client.get("/typed?filter%5Bn%5D=1").status_code == 200
    assert client.get("/typed?filter%5Bn%5D=1&filter%5Bn%5D=2").status_code == 400
    assert client.get("/typed?filter%5Bn%5D=x").status_code == 400
