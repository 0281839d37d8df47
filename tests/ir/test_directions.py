"""readOnly and writeOnly per direction (`generator/ir/directions.py`): the request classes a body is checked
with, on our own document (tests/fixtures/anydoc/models.yaml) and on small documents written here."""

from __future__ import annotations

from pathlib import Path

from generator.ir import model as ir
from generator.ir.build import build_api
from generator.spec.load import Workspace
from tests.conftest import FIXTURES

MODELS = FIXTURES / "anydoc" / "models.yaml"


def _op(api: ir.Api, name: str) -> ir.Operation:
    return next(op for op in api.operations if op.operation_id == name)


def test_a_named_schema_keeps_its_shared_class_and_gets_a_request_variant() -> None:
    api = build_api(MODELS, "models", Workspace())
    shared, request = api.schemas["User"], api.schemas["UserRequest"]
    # answers: neither one-way property is required of the shared class (it reads answers)
    assert set(shared["properties"]) == {"id", "email", "password", "name"}
    assert shared["required"] == ["email", "name"]
    # requests: no readOnly id; the writeOnly password is required again, as the document says
    assert set(request["properties"]) == {"email", "password", "name"}
    assert request["required"] == ["email", "password", "name"]
    assert api.read_only["UserRequest"] == ("id",)
    create = _op(api, "createUser")
    assert create.body is not None and create.body.model == "UserRequest"
    assert create.body.schema == {"$ref": "#/components/schemas/UserRequest"}
    assert [r.model for r in create.success] == ["User"]  # the answer is read with the shared class


def test_an_inline_body_changes_in_place_and_refers_to_request_variants() -> None:
    api = build_api(MODELS, "models", Workspace())
    body = _op(api, "createTeam").body
    assert body is not None and body.model == "CreateTeamRequest"
    schema = api.schemas["CreateTeamRequest"]
    assert schema["properties"]["lead"] == {"$ref": "#/components/schemas/UserRequest"}
    assert "createdAt" not in schema["properties"]
    assert api.read_only["CreateTeamRequest"] == ("createdAt",)
    assert "CreateTeamRequestRequest" not in api.schemas
    # a schema only answers use gets no variant
    assert "TeamRequest" not in api.schemas and "TreeNodeRequest" not in api.schemas


def test_unions_mappings_and_cycles_follow_the_variants(tmp_path: Path) -> None:
    spec = tmp_path / "pets.yaml"
    spec.write_text(
        """
openapi: 3.1.0
info: {title: Pets, version: '1'}
paths:
  /pets:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    PetRequest: {type: object, properties: {x: {type: string}}}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Dog'}, {$ref: '#/components/schemas/Cat'}]
      discriminator: {propertyName: kind, mapping: {dog: Dog, cat: '#/components/schemas/Cat'}}
    Dog:
      type: object
      required: [kind, id]
      properties:
        kind: {type: string}
        id: {$ref: '#/components/schemas/Id'}
        friend: {$ref: '#/components/schemas/Dog'}
    Id: {type: integer, readOnly: true}
    Cat:
      type: object
      properties: {kind: {type: string}}
""",
        encoding="utf-8",
    )
    api = build_api(spec, "pets", Workspace())
    body = _op_by_path(api, "/pets").body
    assert body is not None
    assert body.model is not None
    union = api.schemas[body.model]
    # the document has a PetRequest of its own: the variant takes another name rather than replacing it
    assert body.model not in ("Pet", "PetRequest") and api.schemas["PetRequest"]["properties"] == {
        "x": {"type": "string"}
    }
    dog = union["discriminator"]["mapping"]["dog"].rsplit("/", 1)[-1]
    assert dog == "DogRequest"
    assert union["oneOf"][0] == {"$ref": "#/components/schemas/DogRequest"}
    assert union["oneOf"][1] == {"$ref": "#/components/schemas/Cat"}  # no one-way property: shared
    assert api.schemas["DogRequest"]["required"] == ["kind"]
    assert api.schemas["DogRequest"]["properties"]["friend"] == {"$ref": "#/components/schemas/DogRequest"}
    assert api.read_only == {"DogRequest": ("id",)}
    assert _op_by_path(api, "/pets").success[0].model == "Pet"


def _op_by_path(api: ir.Api, path: str) -> ir.Operation:
    return next(op for op in api.operations if op.path == path)
