"""`format: int32` / `int64` are ranges (OpenAPI Format Registry: signed 32 and 64 bits), asserted in path, query,
and body alike, in 3.0 and 3.1 documents (schemathesis found `id=2**63` accepted on the public petstore)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from generator.serve.app import ServeOptions, build_app
from generator.serve.runner import BackgroundServer
from generator.serve.schemas import as_validated

SPEC = """\
openapi: {version}
info: {{title: Widths, version: 1.0.0}}
paths:
  /pets/{{id}}:
    post:
      parameters:
        - {{in: path, name: id, required: true, schema: {{type: integer, format: int64}}}}
        - {{in: query, name: limit, schema: {{type: integer, format: int32, minimum: 0}}}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                count: {{type: integer, format: int32, maximum: 10, exclusiveMaximum: {exclusive}}}
                digits: {{type: string, format: int64}}
      responses: {{'200': {{description: OK}}}}
"""


@pytest.fixture(scope="module", params=["3.0.3", "3.1.0"])
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    version = request.param
    exclusive = "true" if version.startswith("3.0") else "10"
    path = tmp_path_factory.mktemp("widths") / "widths.yaml"
    path.write_text(SPEC.format(version=version, exclusive=exclusive), encoding="utf-8")
    with (
        BackgroundServer(build_app(path, options=ServeOptions())) as server,
        httpx.Client(base_url=server.base_url, timeout=10) as http,
    ):
        yield http


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (f"/pets/{2**63 - 1}", 200),
        (f"/pets/{-(2**63)}", 200),
        (f"/pets/{2**63}", 400),
        (f"/pets/{-(2**63) - 1}", 400),
        (f"/pets/{2**70}", 400),
        (f"/pets/1?limit={2**31 - 1}", 200),
        (f"/pets/1?limit={2**31}", 400),
        ("/pets/1?limit=-1", 400),  # the schema's own bound still holds
    ],
)
def test_integer_parameters_stay_in_their_width(client: httpx.Client, path: str, status: int) -> None:
    assert client.post(path, json={}).status_code == status


def test_body_integers_stay_in_their_width(client: httpx.Client) -> None:
    assert client.post("/pets/1", json={"count": 9}).status_code == 200
    assert client.post("/pets/1", json={"count": 10}).status_code == 400  # exclusive, in either spelling
    assert client.post("/pets/1", json={"count": -(2**31)}).status_code == 200
    answer = client.post("/pets/1", json={"count": -(2**31) - 1})
    assert answer.status_code == 400
    assert "-2147483648" in answer.text
    # the format speaks of numbers: a string of digits is not range-checked
    assert client.post("/pets/1", json={"digits": str(2**70)}).status_code == 200


def test_the_range_is_its_own_member() -> None:
    schema = {"type": "integer", "format": "int32", "minimum": 0, "allOf": [{"maximum": 5}]}
    assert as_validated(schema) == {
        "type": "integer",
        "format": "int32",
        "minimum": 0,
        "allOf": [{"maximum": 5}, {"minimum": -(2**31), "maximum": 2**31 - 1}],
    }
    plain = {"type": "integer", "format": "uint8"}  # not in the registry's fixed-width set: left as written
    assert as_validated(plain) is plain
