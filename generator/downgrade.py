"""OpenAPI 3.1 -> 3.0.3, for tools that do not read 3.1 yet. Input: a bundle (every `$ref` internal).

What 3.0 can express is translated; what it cannot is kept, unchanged, in an `x-` extension so nothing is lost:

| 3.1 | 3.0.3 |
|---|---|
| `type: [T, 'null']` | `type: T` + `nullable: true` |
| `type: [T1, T2]` | `anyOf: [{type: T1}, {type: T2}]` |
| `anyOf`/`oneOf` with a `{type: 'null'}` branch | branch removed, `nullable: true` (`allOf: [X]` if one is left) |
| `const: v` | `enum: [v]` |
| schema `examples: [a, ...]` | `example: a` (all of them in `x-examples` when there are several) |
| `exclusiveMinimum: n` (a number) | `minimum: n` + `exclusiveMinimum: true` (same for maximum) |
| `$ref` with sibling keywords (ignored by 3.0) | `allOf: [{$ref}]` beside the siblings |
| `contentMediaType`, `contentEncoding`, `contentSchema` | `x-contentMediaType`, ... (`format: byte` for base64) |
| `if`/`then`/`else`, `$defs`, `prefixItems`, ... | `x-if`, `x-then`, ... |
| an `allOf` entry made only of such keywords | moved, as written, to `x-allOf` |
| `type: array` without `items` | `items: {}` (3.0 requires it) |
| `webhooks`, `components/pathItems`, `jsonSchemaDialect`, `info.summary`, `license.identifier` | `x-` extensions |

Extension values are copied verbatim (they stay 3.1 JSON Schema, whose `$ref`s still resolve in the bundle).
"""

from __future__ import annotations

import copy
from typing import Any

OPENAPI_30 = "3.0.3"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Every keyword the OpenAPI 3.0 Schema Object allows (besides `x-` extensions).
SCHEMA_30_KEYWORDS = frozenset(
    {
        "title",
        "multipleOf",
        "maximum",
        "exclusiveMaximum",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
        "pattern",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxProperties",
        "minProperties",
        "required",
        "enum",
        "type",
        "allOf",
        "oneOf",
        "anyOf",
        "not",
        "items",
        "properties",
        "additionalProperties",
        "description",
        "format",
        "default",
        "nullable",
        "discriminator",
        "readOnly",
        "writeOnly",
        "xml",
        "externalDocs",
        "example",
        "deprecated",
    }
)


def _is_null_schema(node: Any) -> bool:
    return isinstance(node, dict) and (
        node.get("type") == "null" or node.get("type") == ["null"] or node == {"const": None}
    )


def _extension(key: str) -> str:
    return key if key.startswith("x-") else f"x-{key}"


def _bounds(node: dict[str, Any], inclusive_key: str, exclusive_key: str) -> dict[str, Any]:
    """3.1's numeric exclusiveMinimum/Maximum as 3.0's boolean form; of two bounds the stricter one is kept."""
    inclusive, exclusive = node.get(inclusive_key), node.get(exclusive_key)
    if exclusive is None or isinstance(exclusive, bool):
        return {k: v for k, v in ((inclusive_key, inclusive), (exclusive_key, exclusive)) if v is not None}
    lower = inclusive_key == "minimum"
    if inclusive is not None and (inclusive > exclusive if lower else inclusive < exclusive):
        return {inclusive_key: inclusive}
    return {inclusive_key: exclusive, exclusive_key: True}


def schema(node: Any) -> Any:
    """One 3.1 Schema Object (or boolean schema) as a 3.0.3 Schema Object."""
    if node is True:
        return {}
    if node is False:
        return {"not": {}}
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        if not siblings:
            return {"$ref": node["$ref"]}
        # 3.0 ignores every sibling of $ref: the reference moves into allOf so the siblings keep their meaning.
        return schema({**siblings, "allOf": [{"$ref": node["$ref"]}, *siblings.get("allOf", [])]})
    out: dict[str, Any] = {}
    nullable = node.get("nullable") is True
    for key, value in node.items():
        if key == "nullable":
            continue
        if key == "type":
            listed = value if isinstance(value, list) else [value]
            concrete = [t for t in listed if t != "null"]
            nullable = nullable or len(concrete) < len(listed)
            if len(concrete) == 1:
                out["type"] = concrete[0]
            elif concrete:  # several types: one branch each (inside allOf when the schema has its own anyOf)
                branches = [{"type": t} for t in concrete]
                if "anyOf" in node:
                    out.setdefault("allOf", []).append({"anyOf": branches})
                else:
                    out["anyOf"] = branches
            else:  # only null is allowed
                out["enum"] = [None]
            out["nullable"] = None  # placeholder: keeps `nullable` right after `type`
        elif key == "const":
            if "enum" not in node:
                out["enum"] = [copy.deepcopy(value)]
                nullable = nullable or value is None
        elif key == "examples" and isinstance(value, list):
            if value and "example" not in node:
                out["example"] = copy.deepcopy(value[0])
            if len(value) > 1:
                out["x-examples"] = copy.deepcopy(value)
        elif key in ("minimum", "exclusiveMinimum"):
            out.update(_bounds(node, "minimum", "exclusiveMinimum"))
        elif key in ("maximum", "exclusiveMaximum"):
            out.update(_bounds(node, "maximum", "exclusiveMaximum"))
        elif key in ("anyOf", "oneOf") and isinstance(value, list):
            branches = [b for b in value if not _is_null_schema(b)]
            if len(branches) < len(value):
                nullable = True
                if len(branches) == 1:  # `X or null`: the usual 3.0 idiom is allOf [X] + nullable
                    out.setdefault("allOf", []).append(schema(branches[0]))
                    continue
            if branches:
                out[key] = [schema(b) for b in branches]
        elif key == "allOf" and isinstance(value, list):
            kept = out.setdefault("allOf", [])
            for entry in value:
                converted = schema(entry)
                if isinstance(converted, dict) and converted and all(k.startswith("x-") for k in converted):
                    # Nothing 3.0 can check is left (an if/then entry, say): keep the entry as written.
                    out.setdefault("x-allOf", []).append(copy.deepcopy(entry))
                else:
                    kept.append(converted)
            if not kept:
                del out["allOf"]
        elif key == "properties" and isinstance(value, dict):
            out[key] = {name: schema(sub) for name, sub in value.items()}
        elif key in ("items", "not") and isinstance(value, (dict, bool)):
            out[key] = schema(value)
        elif key == "additionalProperties":
            out[key] = value if isinstance(value, bool) else schema(value)
        elif key == "contentEncoding":
            out["x-contentEncoding"] = value
            if value == "base64" and "format" not in node:
                out["format"] = "byte"
        elif key in SCHEMA_30_KEYWORDS or key.startswith("x-"):
            out[key] = copy.deepcopy(value)
        else:
            out[_extension(key)] = copy.deepcopy(value)
    if nullable:
        out["nullable"] = True
    elif out.get("nullable") is None:
        out.pop("nullable", None)
    if out.get("type") == "array" and "items" not in out:
        out["items"] = {}
    return out


# ---- the OpenAPI object model: where the schemas are ---------------------------------------------------------


def _is_ref(node: Any) -> bool:
    return isinstance(node, dict) and "$ref" in node


def _reference(node: dict[str, Any]) -> dict[str, Any]:
    # A 3.0 Reference Object has `$ref` only; 3.1's summary/description siblings would be ignored anyway.
    return {"$ref": node["$ref"]}


def _content(content: Any) -> Any:
    if not isinstance(content, dict):
        return content
    result: dict[str, Any] = {}
    for media, media_obj in content.items():
        if not isinstance(media_obj, dict):
            result[media] = media_obj
            continue
        converted = dict(media_obj)
        if "schema" in converted:
            converted["schema"] = schema(converted["schema"])
        if isinstance(converted.get("encoding"), dict):
            converted["encoding"] = {
                name: {**enc, "headers": _map(enc["headers"], _parameter)}
                if isinstance(enc, dict) and isinstance(enc.get("headers"), dict)
                else enc
                for name, enc in converted["encoding"].items()
            }
        result[media] = converted
    return result


def _parameter(node: Any) -> Any:
    """A Parameter or Header Object."""
    if _is_ref(node):
        return _reference(node)
    if not isinstance(node, dict):
        return node
    converted = dict(node)
    if "schema" in converted:
        converted["schema"] = schema(converted["schema"])
    if "content" in converted:
        converted["content"] = _content(converted["content"])
    return converted


def _request_body(node: Any) -> Any:
    if _is_ref(node):
        return _reference(node)
    if not isinstance(node, dict):
        return node
    return {**node, "content": _content(node["content"])} if "content" in node else dict(node)


def _response(node: Any) -> Any:
    if _is_ref(node):
        return _reference(node)
    if not isinstance(node, dict):
        return node
    converted = dict(node)
    if "content" in converted:
        converted["content"] = _content(converted["content"])
    if isinstance(converted.get("headers"), dict):
        converted["headers"] = _map(converted["headers"], _parameter)
    if isinstance(converted.get("links"), dict):
        converted["links"] = _map(converted["links"], _simple)
    return converted


def _simple(node: Any) -> Any:
    """Objects without schemas (examples, links, security schemes): only references need care."""
    return _reference(node) if _is_ref(node) else copy.deepcopy(node)


def _callback(node: Any) -> Any:
    if _is_ref(node):
        return _reference(node)
    return _map(node, _path_item) if isinstance(node, dict) else node


def _operation(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    converted = dict(node)
    if isinstance(converted.get("parameters"), list):
        converted["parameters"] = [_parameter(p) for p in converted["parameters"]]
    if "requestBody" in converted:
        converted["requestBody"] = _request_body(converted["requestBody"])
    if isinstance(converted.get("responses"), dict):
        converted["responses"] = _map(converted["responses"], _response)
    if isinstance(converted.get("callbacks"), dict):
        converted["callbacks"] = _map(converted["callbacks"], _callback)
    return copy.deepcopy(converted)


def _path_item(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    converted = dict(node)
    for method in HTTP_METHODS:
        if method in converted:
            converted[method] = _operation(converted[method])
    if isinstance(converted.get("parameters"), list):
        converted["parameters"] = [_parameter(p) for p in converted["parameters"]]
    return converted


def _map(node: dict[str, Any], convert: Any) -> dict[str, Any]:
    return {key: convert(value) for key, value in node.items()}


_COMPONENTS = {
    "schemas": schema,
    "responses": _response,
    "parameters": _parameter,
    "examples": _simple,
    "requestBodies": _request_body,
    "headers": _parameter,
    "securitySchemes": _simple,
    "links": _simple,
    "callbacks": _callback,
}


def downgrade(document: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI 3.0.3 form of a 3.1 document (the input is not modified)."""
    out: dict[str, Any] = {}
    for key, value in document.items():
        if key == "openapi":
            out[key] = OPENAPI_30
        elif key in ("webhooks", "jsonSchemaDialect"):
            out[_extension(key)] = copy.deepcopy(value)
        elif key == "info" and isinstance(value, dict):
            info = {_extension(k) if k == "summary" else k: copy.deepcopy(v) for k, v in value.items()}
            if isinstance(info.get("license"), dict):
                info["license"] = {_extension(k) if k == "identifier" else k: v for k, v in info["license"].items()}
            out[key] = info
        elif key == "paths" and isinstance(value, dict):
            out[key] = _map(value, _path_item)
        elif key == "components" and isinstance(value, dict):
            components: dict[str, Any] = {}
            for kind, entries in value.items():
                if kind in _COMPONENTS and isinstance(entries, dict):
                    components[kind] = _map(entries, _COMPONENTS[kind])
                else:  # pathItems (3.1 only) and anything unknown
                    components[_extension(kind) if not kind.startswith("x-") else kind] = copy.deepcopy(entries)
            out[key] = components
        else:
            out[key] = copy.deepcopy(value)
    out.setdefault("paths", {})  # required in 3.0
    return out
