"""Findings of schemathesis on the public example documents: a required `Authorization` header parameter that is
missing is a 401, not a 400 (schema-circular); a writeOnly property is never answered, whether the request wrote
it (response-schemas, where the request and the response share one schema) or the documented example holds it,
and a required writeOnly property is not required in an answer (train-travel's card `cvc`)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from generator.serve.app import ServeOptions, build_app
from generator.serve.runner import BackgroundServer

SPEC = """\
openapi: 3.0.3
info: {title: Credentials, version: 1.0.0}
paths:
  /circular:
    put:
      parameters:
        - {name: Authorization, in: header, required: true, schema: {type: string}}
        - {name: X-Trace, in: header, required: true, schema: {type: string}}
      responses:
        '200': {description: OK}
        '400': {description: Invalid payload}
        '401': {description: The Authorization header may be missing}
  /objects:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Object'}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Object'}
  /payments:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Payment'}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Payment'}
              example: {source: {name: J. Doe, cvc: 123}}
components:
  schemas:
    Payment:
      type: object
      properties:
        source:
          anyOf:
            - type: object
              additionalProperties: false
              required: [name, cvc]
              properties:
                name: {type: string}
                cvc: {$ref: '#/components/schemas/Cvc'}
    Cvc: {type: integer, writeOnly: true}
    Object:
      type: object
      properties:
        primitive: {type: string}
        secret: {type: string, writeOnly: true}
        nested:
          type: object
          properties:
            pin: {type: string, writeOnly: true}
            label: {type: string}
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path = tmp_path_factory.mktemp("credentials") / "credentials.yaml"
    path.write_text(SPEC, encoding="utf-8")
    with (
        BackgroundServer(build_app(path, options=ServeOptions())) as server,
        httpx.Client(base_url=server.base_url, timeout=10) as http,
    ):
        yield http


def test_a_missing_authorization_parameter_is_a_401(client: httpx.Client) -> None:
    missing = client.put("/circular", headers={"X-Trace": "t"})
    assert missing.status_code == 401, missing.text
    assert "Authorization" in missing.json()["detail"]
    assert client.put("/circular", headers={"Authorization": "anything"}).status_code == 400  # X-Trace is not
    assert client.put("/circular", headers={"Authorization": "anything", "X-Trace": "t"}).status_code == 200
    # an empty value is a value of the parameter's schema (`type: string`): the parameter is there
    assert client.put("/circular", headers={"Authorization": "", "X-Trace": "t"}).status_code == 200


def test_write_only_properties_are_not_echoed(client: httpx.Client) -> None:
    sent = {"primitive": "p", "secret": "hunter2", "nested": {"pin": "1234", "label": "l"}}
    answer = client.post("/objects", json=sent)
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"primitive": "p", "nested": {"label": "l"}}
    assert "hunter2" not in answer.text and "1234" not in answer.text


def test_a_required_write_only_property_is_left_out_of_answers(client: httpx.Client) -> None:
    answer = client.post("/payments", json={"source": {"name": "F. B.", "cvc": 999}})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"source": {"name": "F. B."}}
    assert client.post("/payments", json={"source": {"name": "F. B."}}).status_code == 400  # required in requests
