"""generator.spec.downgrade: OpenAPI 3.1 -> 3.0.3, faithful where 3.0 can say it, `x-` extensions where it cannot."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator, OAS31Validator
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV30SpecValidator

from generator.project.catalog import load_catalog
from generator.spec.bundle import bundle
from generator.spec.downgrade import downgrade
from tests.conftest import ROOT

APIS = {api.name: api for api in load_catalog(ROOT)}


def _document(schemas: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "components": {"schemas": schemas}}


def _one(schema: Any, **others: Any) -> Any:
    return downgrade(_document({"S": schema, **others}))["components"]["schemas"]["S"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ({"type": ["string", "null"]}, {"type": "string", "nullable": True}),
        (
            {"type": ["array", "null"], "items": {"type": "integer"}},
            {"type": "array", "nullable": True, "items": {"type": "integer"}},
        ),
        ({"type": ["string", "integer"]}, {"anyOf": [{"type": "string"}, {"type": "integer"}]}),
        (
            {"type": ["string", "integer", "null"]},
            {"anyOf": [{"type": "string", "nullable": True}, {"type": "integer", "nullable": True}]},
        ),
        ({"type": "string", "const": "cors"}, {"type": "string", "enum": ["cors"]}),
        ({"type": "integer", "examples": [1, 2]}, {"type": "integer", "example": 1, "x-examples": [1, 2]}),
        ({"type": "integer", "examples": [7]}, {"type": "integer", "example": 7}),
        ({"type": "number", "exclusiveMinimum": 0}, {"type": "number", "minimum": 0, "exclusiveMinimum": True}),
        (
            {"type": "number", "exclusiveMaximum": 10, "maximum": 20},
            {"type": "number", "maximum": 10, "exclusiveMaximum": True},
        ),
        ({"type": "number", "exclusiveMinimum": 0, "minimum": 5}, {"type": "number", "minimum": 5}),
        ({"type": "array"}, {"type": "array", "items": {}}),
        (
            {
                "type": "string",
                "contentMediaType": "application/json",
                "contentSchema": {"$ref": "#/components/schemas/T"},
            },
            {
                "type": "string",
                "x-contentMediaType": "application/json",
                "x-contentSchema": {"$ref": "#/components/schemas/T"},
            },
        ),
        (
            {"type": "string", "contentEncoding": "base64"},
            {"type": "string", "x-contentEncoding": "base64", "format": "byte"},
        ),
        (
            {"type": "string", "format": "password", "contentEncoding": "base64"},
            {"type": "string", "format": "password", "x-contentEncoding": "base64"},
        ),
        (
            {"type": "object", "$defs": {"a": {}}, "patternProperties": {"^x": {}}},
            {"type": "object", "x-$defs": {"a": {}}, "x-patternProperties": {"^x": {}}},
        ),
        ({"not": {"const": 0, "type": "integer"}}, {"not": {"enum": [0], "type": "integer"}}),
        (
            {"$ref": "#/components/schemas/T", "description": "why"},
            {"description": "why", "allOf": [{"$ref": "#/components/schemas/T"}]},
        ),
        (
            {"description": "or none", "anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}]},
            {
                "description": "or none",
                "allOf": [{"$ref": "#/components/schemas/T"}],
                "nullable": True,
                "type": "object",
            },
        ),
        (
            {"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]},
            {"oneOf": [{"type": "string", "nullable": True}, {"type": "integer", "nullable": True}]},
        ),
        ({"type": "null"}, {"enum": [None], "nullable": True, "type": "string"}),
        (True, {}),
        (False, {"not": {}}),
    ],
)
def test_schema_keywords(source: Any, expected: Any) -> None:
    assert _one(source, T={"type": "object"}) == expected


def test_conditional_allof_entries_move_to_an_extension_unchanged() -> None:
    entry = {"if": {"properties": {"kind": {"const": "a", "type": "string"}}}, "then": {"required": ["a"]}}
    source = {"type": "object", "properties": {"kind": {"type": "string"}}, "allOf": [entry, {"required": ["kind"]}]}
    result = _one(source)
    assert result["x-allOf"] == [entry]
    assert result["allOf"] == [{"required": ["kind"]}]
    assert "if" not in str(result["allOf"])


def test_document_level_31_features() -> None:
    source = _document({})
    source["info"] = {"title": "t", "version": "1", "summary": "s", "license": {"name": "MIT", "identifier": "MIT"}}
    source["webhooks"] = {"ping": {"post": {"responses": {"200": {"description": "ok"}}}}}
    source["jsonSchemaDialect"] = "https://spec.openapis.org/oas/3.1/dialect/base"
    source["components"]["pathItems"] = {"P": {"get": {"responses": {"200": {"description": "ok"}}}}}
    del source["paths"]
    result = downgrade(source)
    assert result["openapi"] == "3.0.3" and result["paths"] == {}
    assert result["info"] == {
        "title": "t",
        "version": "1",
        "x-summary": "s",
        "license": {"name": "MIT", "x-identifier": "MIT"},
    }
    assert "webhooks" not in result and "x-webhooks" in result and "x-jsonSchemaDialect" in result
    assert "x-pathItems" in result["components"] and "pathItems" not in result["components"]
    validate(result, cls=OpenAPIV30SpecValidator)


def test_reference_objects_lose_31_siblings_and_schemas_in_operations_are_converted() -> None:
    source = _document({"T": {"type": "object"}})
    source["components"]["parameters"] = {"Q": {"name": "q", "in": "query", "schema": {"type": ["string", "null"]}}}
    source["paths"] = {
        "/x": {
            "get": {
                "parameters": [{"$ref": "#/components/parameters/Q", "description": "3.1 allows this"}],
                "responses": {
                    "200": {
                        "description": "ok",
                        "headers": {"H": {"schema": {"const": 1, "type": "integer"}}},
                        "content": {"application/json": {"schema": {"type": ["object", "null"]}}},
                    }
                },
            }
        }
    }
    result = downgrade(source)
    operation = result["paths"]["/x"]["get"]
    assert operation["parameters"] == [{"$ref": "#/components/parameters/Q"}]
    assert result["components"]["parameters"]["Q"]["schema"] == {"type": "string", "nullable": True}
    response = operation["responses"]["200"]
    assert response["headers"]["H"]["schema"] == {"enum": [1], "type": "integer"}
    assert response["content"]["application/json"]["schema"] == {"type": "object", "nullable": True}
    validate(result, cls=OpenAPIV30SpecValidator)


def test_raw_bytes_keep_format_binary() -> None:
    """3.1 says "a file" with contentMediaType (or no schema at all); 3.0 tools need `format: binary`."""
    source = _document({})
    source["paths"] = {
        "/upload": {
            "post": {
                "requestBody": {
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "file": {"type": "string", "contentMediaType": "image/png"},
                                    "meta": {"type": "string", "contentMediaType": "application/json"},
                                    "b64": {"type": "string", "contentEncoding": "base64"},
                                },
                            }
                        },
                        "application/octet-stream": {},
                        "text/plain": {},
                    }
                },
                "responses": {"200": {"description": "ok", "content": {"image/png": {}}}},
            }
        }
    }
    result = downgrade(source)
    operation = result["paths"]["/upload"]["post"]
    content = operation["requestBody"]["content"]
    properties = content["multipart/form-data"]["schema"]["properties"]
    assert properties["file"] == {"type": "string", "x-contentMediaType": "image/png", "format": "binary"}
    assert "format" not in properties["meta"]  # JSON text, not bytes
    assert properties["b64"]["format"] == "byte"
    assert content["application/octet-stream"] == {"schema": {"type": "string", "format": "binary"}}
    assert content["text/plain"] == {}
    assert operation["responses"]["200"]["content"]["image/png"]["schema"]["format"] == "binary"
    validate(result, cls=OpenAPIV30SpecValidator)


def test_input_is_not_modified() -> None:
    source = _document({"S": {"type": ["string", "null"], "examples": ["a"]}})
    before = copy.deepcopy(source)
    downgrade(source)
    assert source == before


# ---- the catalog specs: valid 3.0.3, and the same verdicts on real and broken instances ---------------------


@pytest.fixture(scope="module")
def pairs() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    return {name: (doc := bundle(api.spec), downgrade(doc)) for name, api in APIS.items()}


@pytest.mark.parametrize("api", sorted(APIS))
def test_catalog_downgrade_validates(api: str, pairs: dict[str, Any]) -> None:
    validate(pairs[api][1], cls=OpenAPIV30SpecValidator)


def _validator(cls: Any, document: dict[str, Any], name: str) -> Any:
    # The schema is a $ref into the document's own components, so every internal $ref resolves.
    return cls({"$ref": f"#/components/schemas/{name}", "components": document["components"]})


_WRONG = {"string": 12345, "integer": "x", "number": "x", "boolean": "x", "array": "x", "object": "x"}


def _variants(example: dict[str, Any], schema: dict[str, Any]) -> list[tuple[str, Any]]:
    """Broken and edge variants of a valid example: each property missing, of a wrong type, null, off-enum."""
    found: list[tuple[str, Any]] = [("as written", example)]
    for name in schema.get("required") or []:
        found.append((f"without {name}", {k: v for k, v in example.items() if k != name}))
    for name, sub in (schema.get("properties") or {}).items():
        declared = sub.get("type") if isinstance(sub, dict) else None
        first = declared[0] if isinstance(declared, list) else declared
        found.append((f"{name} = null", {**example, name: None}))
        if first in _WRONG:
            found.append((f"{name} of a wrong type", {**example, name: _WRONG[first]}))
        if isinstance(sub, dict) and isinstance(sub.get("enum"), list):
            found.append((f"{name} off its enum", {**example, name: "not-one-of-them"}))
    return found


def _optional_reference(schema30: Any) -> bool:
    """The 3.0 idiom for "X or null" (type + nullable + allOf [$ref]): strict 3.0 validators reject null there."""
    return isinstance(schema30, dict) and schema30.get("nullable") is True and len(schema30.get("allOf") or []) == 1


def _deref(document: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = document["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _schema_at(document: dict[str, Any], schema: Any, path: list[Any]) -> Any:
    """The (3.0) schema that applies at an instance path, following properties, items and $refs."""
    node = schema
    for token in path:
        node = _deref(document, node)
        if not isinstance(node, dict):
            return None
        node = node.get("items") if isinstance(token, int) else (node.get("properties") or {}).get(token)
    return node


def _only_optional_reference_nulls(document: dict[str, Any], name: str, validator: Any, instance: Any) -> bool:
    """Whether every 3.0 error is a null at an optional reference (the one accepted difference)."""
    schema = document["components"]["schemas"][name]
    for error in validator.iter_errors(instance):
        path = list(error.absolute_path)
        value: Any = instance
        for token in path:
            value = value[token]
        if value is not None or not _optional_reference(_schema_at(document, schema, path)):
            return False
    return True


def _instances(document: dict[str, Any]) -> dict[str, list[Any]]:
    """Valid example objects per component schema: schema `examples`, and media examples of a $ref'd schema."""
    found: dict[str, list[Any]] = {}
    for name, schema in document["components"]["schemas"].items():
        found.setdefault(name, []).extend(e for e in schema.get("examples") or [] if isinstance(e, dict))
    for item in document["paths"].values():
        for operation in item.values():
            holders = [operation.get("requestBody") or {}, *(operation.get("responses") or {}).values()]
            for holder in holders:
                for media in (holder.get("content") or {}).values():
                    ref = (media.get("schema") or {}).get("$ref", "")
                    values = [e["value"] for e in (media.get("examples") or {}).values() if "value" in e]
                    if ref.startswith("#/components/schemas/"):
                        found.setdefault(ref.rsplit("/", 1)[1], []).extend(v for v in values if isinstance(v, dict))
    return found


@pytest.mark.parametrize("api", sorted(APIS))
def test_same_verdicts_as_the_31_schemas(api: str, pairs: dict[str, Any]) -> None:
    source, result = pairs[api]
    compared, differences = 0, []
    for name, examples in _instances(source).items():
        schema = source["components"]["schemas"][name]
        v31, v30 = _validator(OAS31Validator, source, name), _validator(OAS30Validator, result, name)
        for example in examples:
            for label, instance in _variants(example, schema):
                compared += 1
                valid31, valid30 = v31.is_valid(instance), v30.is_valid(instance)
                if valid31 == valid30:
                    continue
                if valid31 and _only_optional_reference_nulls(result, name, v30, instance):
                    continue
                differences.append(f"{name} {label}: 3.1 says {valid31}, 3.0 says {valid30}")
    assert not differences, "\n".join(differences)
    assert compared > 20  # the comparison really ran
