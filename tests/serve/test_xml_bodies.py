"""XML request bodies are read by the OpenAPI XML Object and validated like JSON ones (schemathesis found
`<status>AAA</status>` and `<has_dog></has_dog>` accepted on the public petstore and train-travel documents)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from generator.serve.app import ServeOptions, build_app
from generator.serve.runner import BackgroundServer

SPEC = """\
openapi: 3.0.3
info: {title: Xml, version: 1.0.0}
paths:
  /pets:
    put:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
          application/xml:
            schema: {$ref: '#/components/schemas/Pet'}
      responses: {'204': {description: Updated}}
  /strict:
    post:
      requestBody:
        content:
          text/xml:
            schema: {type: object, additionalProperties: false, properties: {a: {type: integer}}}
      responses: {'204': {description: OK}}
components:
  schemas:
    Pet:
      type: object
      required: [name, photoUrls]
      xml: {name: Pet}
      properties:
        id: {type: integer, format: int64, xml: {attribute: true}}
        name: {type: string}
        good: {type: boolean}
        weight: {type: number}
        category: {$ref: '#/components/schemas/Category'}
        photoUrls:
          type: array
          xml: {name: photoUrl, wrapped: true}
          items: {type: string, xml: {name: url}}
        tags:
          type: array
          items: {type: string, xml: {name: tag}}
        status: {type: string, enum: [available, sold]}
    Category:
      type: object
      xml: {name: Category}
      properties:
        id: {type: integer}
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path = tmp_path_factory.mktemp("xml") / "xml.yaml"
    path.write_text(SPEC, encoding="utf-8")
    with (
        BackgroundServer(build_app(path, options=ServeOptions())) as server,
        httpx.Client(base_url=server.base_url, timeout=10) as http,
    ):
        yield http


def _put(client: httpx.Client, text: str) -> httpx.Response:
    return client.put("/pets", content=text, headers={"Content-Type": "application/xml"})


GOOD = (
    '<Pet id="7"><name>doggie</name><good>true</good><weight>4.5</weight><Category><id>1</id></Category>'
    "<photoUrl><url>a</url><url>b</url></photoUrl><tag>x</tag><tag>y</tag><status>sold</status></Pet>"
)


def test_a_valid_document_is_accepted(client: httpx.Client) -> None:
    assert _put(client, GOOD).status_code == 204
    namespaced = '<p:Pet xmlns:p="urn:x"><p:name>d</p:name><p:photoUrl/></p:Pet>'
    assert _put(client, namespaced).status_code == 204


@pytest.mark.parametrize(
    ("replace", "by", "field"),
    [
        ("<status>sold</status>", "<status>AAA</status>", "status"),
        ("<good>true</good>", "<good></good>", "good"),
        ("<weight>4.5</weight>", "<weight>heavy</weight>", "weight"),
        ('id="7"', 'id="seven"', "id"),
        ('id="7"', f'id="{2**63}"', "id"),
        ("<Category><id>1</id></Category>", "<Category><id>x</id></Category>", "category.id"),
        ("<Category><id>1</id></Category>", "<Category>null</Category>", "category"),  # text is no object
        ("<photoUrl><url>a</url><url>b</url></photoUrl>", "", "photoUrls"),  # required
    ],
)
def test_each_broken_field_is_named(client: httpx.Client, replace: str, by: str, field: str) -> None:
    answer = _put(client, GOOD.replace(replace, by))
    assert answer.status_code == 400, answer.text
    assert field in [e["field"] for e in answer.json()["errors"]]


def test_undeclared_children_are_judged_and_malformed_documents_refused(client: httpx.Client) -> None:
    def post(text: str) -> int:
        return client.post("/strict", content=text, headers={"Content-Type": "text/xml"}).status_code

    assert post("<r><a>1</a></r>") == 204
    assert post("<r><a>1</a><b>2</b></r>") == 400
    assert post("<r><a>1</a>") == 400
    assert post('<!DOCTYPE r [<!ENTITY e "x">]><r><a>1</a></r>') == 400
    bomb = '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;</r>'
    assert post(bomb) == 400


def test_json_is_still_read_as_json(client: httpx.Client) -> None:
    assert client.put("/pets", json={"name": "d", "photoUrls": []}).status_code == 204
    assert client.put("/pets", json={"name": "d", "photoUrls": [], "status": "AAA"}).status_code == 400
