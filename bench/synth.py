"""Synthetic OpenAPI 3.1 specs of any size, shaped like the vendor specs, for the scale benchmark.

Operations come in resources of five (create, list, show, update, delete) and each resource brings five
schemas (the entity, its create and update bodies, its list page and a status enum), so schemas grow in
proportion to operations. Every operation has the parts the real specs have: an operationId, a summary, a tag,
path parameters, a token security requirement, a documented 4xx response with a shared error schema.

    python -m bench.synth --operations 1000 --out /tmp/synth-1000.yaml
    python -m bench.synth --chain --operations 300 --out /tmp/chain-300.json   # an allOf chain of 300 schemas
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

OPERATIONS_PER_RESOURCE = 5


def _resource_names(count: int) -> list[str]:
    nouns = ["Instance", "Plugin", "Database", "Backup", "Policy", "Channel", "Member", "Quota", "Tag", "Job"]
    return [f"{nouns[i % len(nouns)]}{i // len(nouns) + 1}" for i in range(count)]


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


def _schemas(name: str, operations: int) -> dict[str, Any]:
    """The resource's schemas that its first `operations` operations use (an unused schema is a lint error)."""
    ref = f"#/components/schemas/{name}"
    common_properties: dict[str, Any] = {
        "name": {"type": "string", "minLength": 3, "maxLength": 64, "pattern": "^[A-Za-z][A-Za-z0-9_]{2,63}$"},
        "description": {"type": ["string", "null"], "maxLength": 255},
        "size_gb": {"type": "integer", "minimum": 1, "maximum": 4096},
        "tags": {"type": "array", "items": {"type": "string", "maxLength": 36}, "maxItems": 20},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "network": {
            "type": "object",
            "required": ["vpc_id"],
            "properties": {
                "vpc_id": {"type": "string", "format": "uuid"},
                "port": {"type": "integer", "minimum": 1, "maximum": 65535},
                "public": {"type": "boolean", "default": False},
            },
        },
    }
    schemas = {
        name: {
            "type": "object",
            "description": f"A {name}.",
            "required": ["id", "name", "status", "created_at"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                **common_properties,
                "status": {"$ref": f"{ref}Status"},
                "created_at": {"type": "string", "format": "date-time"},
            },
        },
        f"{name}Status": {"type": "string", "enum": ["creating", "active", "error", "deleting"]},
        f"Create{name}Request": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "size_gb"],
            "properties": common_properties,
        },
        f"Update{name}Request": {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {k: common_properties[k] for k in ("name", "description", "tags", "labels")},
        },
        f"{name}List": {
            "type": "object",
            "required": ["total", "items"],
            "properties": {
                "total": {"type": "integer", "minimum": 0},
                "items": {"type": "array", "items": {"$ref": ref}},
            },
        },
    }
    if operations < 4:
        del schemas[f"Update{name}Request"]
    if operations < 2:
        del schemas[f"{name}List"]
    return schemas


def _json_body(ref: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"$ref": ref}}}}


def _operations(name: str, count: int) -> dict[str, dict[str, Any]]:
    """The first `count` of the five operations of one resource, keyed by path."""
    schemas = "#/components/schemas/"
    errors = {
        "400": {"$ref": "#/components/responses/BadRequest"},
        "401": {"$ref": "#/components/responses/Unauthorized"},
    }
    collection = f"/v1/{{project_id}}/{_snake(name)}s"
    item = f"{collection}/{{{_snake(name)}_id}}"
    item_parameter = {
        "name": f"{_snake(name)}_id",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "format": "uuid"},
    }

    def operation(verb: str, summary: str, responses: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {
            "operationId": f"{verb}{name}",
            "summary": summary,
            "tags": [name],
            "security": [{"token": []}],
            "responses": {**responses, **errors},
            **extra,
        }

    made = [
        (
            collection,
            "post",
            operation(
                "Create",
                f"Create a {name}",
                {"201": {"description": "Created.", **_json_body(f"{schemas}{name}")}},
                requestBody={"required": True, **_json_body(f"{schemas}Create{name}Request")},
            ),
        ),
        (
            collection,
            "get",
            operation(
                "List",
                f"List {name}s",
                {"200": {"description": "OK.", **_json_body(f"{schemas}{name}List")}},
                parameters=[
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100},
                    },
                    {"name": "status", "in": "query", "schema": {"$ref": f"{schemas}{name}Status"}},
                ],
            ),
        ),
        (
            item,
            "get",
            operation(
                "Show",
                f"Show a {name}",
                {"200": {"description": "OK.", **_json_body(f"{schemas}{name}")}},
                parameters=[item_parameter],
            ),
        ),
        (
            item,
            "put",
            operation(
                "Update",
                f"Update a {name}",
                {"200": {"description": "OK.", **_json_body(f"{schemas}{name}")}},
                parameters=[item_parameter],
                requestBody={"required": True, **_json_body(f"{schemas}Update{name}Request")},
            ),
        ),
        (
            item,
            "delete",
            operation("Delete", f"Delete a {name}", {"204": {"description": "Deleted."}}, parameters=[item_parameter]),
        ),
    ]
    paths: dict[str, dict[str, Any]] = {}
    for path, verb, body in made[:count]:
        paths.setdefault(path, {"parameters": [{"$ref": "#/components/parameters/ProjectId"}]})[verb] = body
    return paths


def synthetic_spec(operations: int) -> dict[str, Any]:
    """An OpenAPI 3.1 document with exactly `operations` operations."""
    if operations < 1:
        raise ValueError("a spec needs at least one operation")
    resources = _resource_names(-(-operations // OPERATIONS_PER_RESOURCE))
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {
        "Error": {
            "type": "object",
            "required": ["error_code", "error_msg"],
            "properties": {"error_code": {"type": "string"}, "error_msg": {"type": "string"}},
        }
    }
    left = operations
    for name in resources:
        paths.update(_operations(name, min(left, OPERATIONS_PER_RESOURCE)))
        schemas.update(_schemas(name, min(left, OPERATIONS_PER_RESOURCE)))
        left -= OPERATIONS_PER_RESOURCE
    error_body = _json_body("#/components/schemas/Error")
    return {
        "openapi": "3.1.0",
        "info": {"title": f"Synthetic API with {operations} operations", "version": "1.0.0"},
        "servers": [{"url": "https://api.example.com"}],
        "tags": [{"name": name, "description": f"{name} operations."} for name in resources],
        "security": [{"token": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"token": {"type": "apiKey", "in": "header", "name": "X-Auth-Token"}},
            "parameters": {
                "ProjectId": {
                    "name": "project_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
                }
            },
            "responses": {
                "BadRequest": {"description": "Bad request.", **error_body},
                "Unauthorized": {"description": "Unauthorized.", **error_body},
            },
            "schemas": schemas,
        },
    }


def allof_chain_spec(length: int) -> dict[str, Any]:
    """An OpenAPI document whose schemas form one `allOf` chain: `Level{i}` is `Level{i-1}` plus a property.

    One operation creates and returns the last level, so every schema is reached through every earlier one: the
    shape of a deep inheritance hierarchy, where anything that re-walks the chain per schema grows quadratically.
    """
    if length < 1:
        raise ValueError("a chain needs at least one schema")
    ref = "#/components/schemas/Level{}".format
    schemas: dict[str, Any] = {
        "Level0": {"type": "object", "required": ["field0"], "properties": {"field0": {"type": "string"}}}
    }
    for level in range(1, length):
        schemas[f"Level{level}"] = {
            "allOf": [
                {"$ref": ref(level - 1)},
                {"type": "object", "properties": {f"field{level}": {"type": "integer", "minimum": 0}}},
            ],
            "description": f"Level {level} of the chain.",
        }
    body = _json_body(ref(length - 1))
    return {  # 3.0.3, which every peer reads (nothing here differs between 3.0 and 3.1)
        "openapi": "3.0.3",
        "info": {"title": f"allOf chain of {length} schemas", "version": "1.0.0"},
        "servers": [{"url": "https://api.example.com"}],
        "tags": [{"name": "chain", "description": "The chain."}],
        "security": [{"token": []}],
        "paths": {
            "/v1/levels": {
                "post": {
                    "operationId": "CreateLevel",
                    "summary": "Create the deepest level",
                    "tags": ["chain"],
                    "security": [{"token": []}],
                    "requestBody": {"required": True, **body},
                    "responses": {
                        "201": {"description": "Created.", **body},
                        "400": {"description": "Bad request.", **_json_body("#/components/schemas/Error")},
                    },
                }
            }
        },
        "components": {
            "securitySchemes": {"token": {"type": "apiKey", "in": "header", "name": "X-Auth-Token"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error_code"],
                    "properties": {"error_code": {"type": "string"}},
                },
                **schemas,
            },
        },
    }


def write_spec(operations: int, path: Path, *, chain: bool = False) -> Path:
    """JSON is valid YAML, and every tool reads it; it also keeps this script free of YAML dumping costs.

    `chain`: an `allOf` chain of `operations` schemas (`allof_chain_spec`) instead of the resource-shaped spec.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    spec = allof_chain_spec(operations) if chain else synthetic_spec(operations)
    path.write_text(json.dumps(spec, indent=1) + "\n")
    return path


def count(spec: dict[str, Any]) -> tuple[int, int]:
    """(operations, schemas) of a document."""
    verbs = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    operations = sum(1 for item in spec["paths"].values() for verb in item if verb in verbs)
    return operations, len(spec.get("components", {}).get("schemas", {}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.splitlines()[0])
    parser.add_argument("--operations", type=int, required=True, help="number of operations")
    parser.add_argument("--out", type=Path, required=True, help="output file (.json or .yaml; written as JSON)")
    parser.add_argument("--chain", action="store_true", help="an allOf chain of OPERATIONS schemas instead")
    args = parser.parse_args(argv)
    write_spec(args.operations, args.out, chain=args.chain)
    spec = allof_chain_spec(args.operations) if args.chain else synthetic_spec(args.operations)
    operations, schemas = count(spec)
    print(f"{args.out}: {operations} operations, {schemas} schemas")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
