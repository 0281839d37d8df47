"""A trailing slash is tolerated only after the exact reading: `/recipes/` is first `/recipes/{slug}` with an
empty slug. schemathesis' stateful phase sent GET and PATCH there (the public ReadMe 3.1 document, a slug taken
from a response), and the collection answered in the item's place (its list body, or a 405)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from generator.serve.app import ServeOptions, build_app
from generator.serve.runner import BackgroundServer

SPEC = """\
openapi: 3.1.0
info: {title: Recipes, version: 1.0.0}
paths:
  /recipes:
    get:
      operationId: listRecipes
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {type: object, properties: {total: {type: integer}}, required: [total]}
    post:
      operationId: createRecipe
      responses: {'201': {description: Created}}
  /recipes/{slug}:
    parameters:
      - {name: slug, in: path, required: true, schema: {type: string}}
    get:
      operationId: getRecipe
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {type: object, properties: {slug: {type: string}}, required: [slug]}
    patch:
      operationId: updateRecipe
      responses: {'200': {description: OK}}
  /tags:
    get:
      operationId: listTags
      responses: {'200': {description: OK}}
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path = tmp_path_factory.mktemp("recipes") / "recipes.yaml"
    path.write_text(SPEC, encoding="utf-8")
    with (
        BackgroundServer(build_app(path, options=ServeOptions())) as server,
        httpx.Client(base_url=server.base_url, timeout=10) as http,
    ):
        yield http


def test_the_item_template_reads_a_trailing_slash_first(client: httpx.Client) -> None:
    for method in ("GET", "PATCH"):
        answer = client.request(method, "/recipes/")
        assert answer.status_code == 400, answer.text  # the item, with an empty slug
        assert "slug" in answer.json()["detail"]
    assert "total" in client.get("/recipes").json()
    assert client.get("/recipes/pie").json().keys() == {"slug"}


def test_a_trailing_slash_is_still_tolerated_where_nothing_else_reads_it(client: httpx.Client) -> None:
    assert client.post("/recipes/").status_code == 201  # the item has no POST: the collection's
    assert client.get("/tags/").status_code == 200
