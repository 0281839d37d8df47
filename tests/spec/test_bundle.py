"""generator.spec.bundle: external `$ref`s inlined into components (stable, collision-free names), internal kept."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator

from generator.cli import main
from generator.project.catalog import load_catalog
from generator.project.provenance import source_label
from generator.spec.bundle import bundle, bundle_paths, external_refs, to_json, to_yaml, write_bundles
from generator.spec.diagnostics import SpecError
from generator.spec.load import Workspace
from tests.conftest import ROOT


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return folder / next(iter(files))


@pytest.fixture
def multi_file(tmp_path: Path) -> Path:
    return _write(
        tmp_path,
        {
            "openapi.yaml": """
                openapi: 3.1.0
                info: {title: Pets, version: '1'}
                security: [{key: []}]
                paths:
                  /pets:
                    post:
                      operationId: addPet
                      requestBody:
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/NewPet'}
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: 'models/pet.yaml#/components/schemas/Pet'}
                        '400': {$ref: 'shared.yaml#/components/responses/Problem'}
                components:
                  securitySchemes:
                    key: {$ref: 'shared.yaml#/components/securitySchemes/key'}
                  schemas:
                    NewPet:
                      type: object
                      properties:
                        owner: {$ref: 'shared.yaml#/components/schemas/Owner'}
                        tag: {$ref: 'models/pet.yaml#/components/schemas/Pet/properties/tag'}
                      example: {owner: {$ref: 'not a reference, just data'}}
                    Pet: {type: string, description: "the root's own Pet, a different schema"}
                """,
            "models/pet.yaml": """
                openapi: 3.1.0
                info: {title: models, version: '1'}
                components:
                  schemas:
                    Pet:
                      type: object
                      properties:
                        tag: {type: string}
                        owner: {$ref: '../shared.yaml#/components/schemas/Owner'}
                        kind: {$ref: '#/components/schemas/Kind'}
                        self: {$ref: '#/components/schemas/Pet'}
                    Kind: {type: string, enum: [cat, dog]}
                    Unused: {type: integer}
                """,
            "shared.yaml": """
                openapi: 3.1.0
                info: {title: shared, version: '1'}
                components:
                  securitySchemes:
                    key: {type: apiKey, in: header, name: X-Key}
                  responses:
                    Problem:
                      description: a problem
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Problem'}
                  schemas:
                    Owner: {type: object, properties: {name: {type: string}}}
                    Problem: {type: object, properties: {detail: {type: string}}}
                """,
        },
    )


def test_external_refs_become_components(multi_file: Path) -> None:
    document = bundle(multi_file)
    assert external_refs(document) == []
    schemas = document["components"]["schemas"]
    # the root's own names are kept, and in their order; bundled ones follow, sorted
    assert list(schemas)[:2] == ["NewPet", "Pet"]
    assert schemas["Pet"]["description"] == "the root's own Pet, a different schema"
    # models/pet.yaml's Pet collides with the root's Pet: prefixed with its file's name
    assert schemas["PetPet"]["properties"]["tag"] == {"type": "string"}
    assert schemas["PetPet"]["properties"]["self"] == {"$ref": "#/components/schemas/PetPet"}
    assert schemas["PetPet"]["properties"]["kind"] == {"$ref": "#/components/schemas/Kind"}
    assert schemas["Kind"] == {"type": "string", "enum": ["cat", "dog"]}
    assert "Unused" not in schemas  # only what is reached is copied
    # one file's component reached from two places is copied once
    assert schemas["NewPet"]["properties"]["owner"] == {"$ref": "#/components/schemas/Owner"}
    assert schemas["PetPet"]["properties"]["owner"] == {"$ref": "#/components/schemas/Owner"}
    # a pointer into the middle of an external component keeps its tail
    assert schemas["NewPet"]["properties"]["tag"] == {"$ref": "#/components/schemas/PetPet/properties/tag"}
    responses = document["paths"]["/pets"]["post"]["responses"]
    assert responses["200"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/PetPet"}
    assert responses["400"] == {"$ref": "#/components/responses/Problem"}
    assert document["components"]["responses"]["Problem"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Problem"
    }


def test_internal_refs_and_literals_are_kept(multi_file: Path) -> None:
    document = bundle(multi_file)
    body = document["paths"]["/pets"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/NewPet"}
    assert document["components"]["schemas"]["NewPet"]["example"] == {"owner": {"$ref": "not a reference, just data"}}


def test_alias_component_is_replaced_in_place(multi_file: Path) -> None:
    document = bundle(multi_file)
    assert document["components"]["securitySchemes"] == {"key": {"type": "apiKey", "in": "header", "name": "X-Key"}}
    assert document["security"] == [{"key": []}]


def test_bundle_is_valid_and_deterministic(multi_file: Path) -> None:
    first, second = bundle(multi_file), bundle(multi_file, Workspace())
    validate(first, cls=OpenAPIV31SpecValidator)
    assert to_yaml(first) == to_yaml(second) and to_json(first) == to_json(second)


def test_path_item_from_another_file_is_inlined(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "api.yaml": """
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths:
                  /things: {$ref: 'paths/things.yaml'}
                """,
            "paths/things.yaml": """
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '../schemas.yaml#/Thing'}
                """,
            "schemas.yaml": """
                Thing: {type: object}
                """,
        },
    )
    document = bundle(root)
    schema = document["paths"]["/things"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/Thing"}
    assert document["components"]["schemas"]["Thing"] == {"type": "object"}
    assert external_refs(document) == []


def test_two_files_with_the_same_name_get_distinct_names(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "api.yaml": """
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths: {}
                components:
                  schemas:
                    Both:
                      type: object
                      properties:
                        a: {$ref: 'billing.yaml#/components/schemas/Error'}
                        b: {$ref: 'shipping.yaml#/components/schemas/Error'}
                """,
            "billing.yaml": "components: {schemas: {Error: {type: string}}}\n",
            "shipping.yaml": "components: {schemas: {Error: {type: integer}}}\n",
        },
    )
    schemas = bundle(root)["components"]["schemas"]
    assert schemas["BillingError"] == {"type": "string"}
    assert schemas["ShippingError"] == {"type": "integer"}
    assert schemas["Both"]["properties"]["a"] == {"$ref": "#/components/schemas/BillingError"}


def test_dangling_ref_is_a_located_error(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "api.yaml": """
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths: {}
                components:
                  schemas:
                    A: {$ref: 'other.yaml#/components/schemas/Missing'}
                """,
            "other.yaml": "components: {schemas: {}}\n",
        },
    )
    with pytest.raises(SpecError) as raised:
        bundle(root)
    (problem,) = raised.value.diagnostics
    assert problem.file == root and problem.line == 6
    assert problem.pointer == "/components/schemas/A/$ref" and "does not resolve" in problem.message


@pytest.mark.slow
@pytest.mark.parametrize("api", [api.name for api in load_catalog(ROOT)])
def test_catalog_bundles(api: str, tmp_path: Path) -> None:
    (entry,) = [a for a in load_catalog(ROOT) if a.name == api]
    written = write_bundles(api, entry.spec, tmp_path, Workspace(), source_label(entry.spec))
    assert written == list(bundle_paths(api, tmp_path))
    yaml_path, json_path, v30_path = written
    from_yaml: Any = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    assert from_yaml == json.loads(json_path.read_text(encoding="utf-8"))
    assert external_refs(from_yaml) == []
    assert yaml_path.read_text(encoding="utf-8").startswith(
        f"# Generated by `python -m generator bundle` from specs/{api}/"
    )
    assert yaml.safe_load(v30_path.read_text(encoding="utf-8"))["openapi"] == "3.0.3"
    source = yaml.safe_load(entry.spec.read_text(encoding="utf-8"))
    for kind, entries in source["components"].items():
        assert list(from_yaml["components"][kind])[: len(entries)] == list(entries)


def test_apig_bundle_holds_every_plugin_content_model() -> None:
    (apig,) = [a for a in load_catalog(ROOT) if a.name == "apig"]
    content = yaml.safe_load((apig.spec.parent / "plugin-content.yaml").read_text(encoding="utf-8"))
    schemas = bundle(apig.spec)["components"]["schemas"]
    for name in content["components"]["schemas"]:
        assert name in schemas, f"{name} was not bundled"


def test_bundle_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "openapi"
    docs = tmp_path / "docs"
    spec = ROOT / "specs" / "dbss" / "openapi.yaml"
    assert main(["bundle", str(spec), "--out", str(out), "--docs", str(docs)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        ".generated-by",  # the ownership marker: a later run may replace this folder
        "dbss.openapi-3.0.yaml",
        "dbss.openapi.json",
        "dbss.openapi.yaml",
    ]
    assert (docs / "dbss.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "bundled 1 API(s)" in capsys.readouterr().err


def test_bundle_command_reports_a_broken_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _write(
        tmp_path,
        {"api.yaml": "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x: {$ref: 'nowhere.yaml'}\n"},
    )
    assert main(["bundle", str(spec), "--out", str(tmp_path / "out")]) == 1
    message = capsys.readouterr().err
    assert "api.yaml:4:" in message and "/paths/~1x/$ref" in message
    assert not (tmp_path / "out").exists()
