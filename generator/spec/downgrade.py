"""OpenAPI 3.1 -> 3.0.3, for tools that do not read 3.1 yet. Input: a bundle (every `$ref` internal).

What 3.0 can express is translated; what it cannot is kept, unchanged, in an `x-` extension so nothing is lost:

| 3.1 | 3.0.3 |
|---|---|
| `type: [T, 'null']` | `type: T` + `nullable: true` |
| `type: [T1, T2]` | `anyOf: [{type: T1}, {type: T2}]` |
| `anyOf`/`oneOf` with a `{type: 'null'}` branch | branch removed, `nullable: true` (`allOf: [X]` if one is left) |
| `nullable` without a `type` (3.0.3 needs one) | the `type` all branches (or the referenced schema) share |
| `const: v` | `enum: [v]` |
| schema `examples: [a, ...]` | `example: a` (all of them in `x-examples` when there are several) |
| `exclusiveMinimum: n` (a number) | `minimum: n` + `exclusiveMinimum: true` (same for maximum) |
| `$ref` with sibling keywords (ignored by 3.0) | `allOf: [{$ref}]` beside the siblings |
| `contentMediaType`, `contentEncoding`, `contentSchema` | `x-contentMediaType`, ... (`format: byte` for base64) |
| `contentMediaType` alone (raw bytes of that type) | `format: binary` beside `x-contentMediaType` |
| a binary media type with no schema (`application/octet-stream: {}`) | `schema: {type: string, format: binary}` |
| `if`/`then`/`else`, `$defs`, `prefixItems`, ... | `x-if`, `x-then`, ... |
| an `allOf` entry made only of such keywords | moved, as written, to `x-allOf` |
| `type: array` without `items` | `items: {}` (3.0 requires it) |
| `webhooks`, `components/pathItems`, `jsonSchemaDialect`, `info.summary`, `license.identifier` | `x-` extensions |

Extension values are copied verbatim (they stay 3.1 JSON Schema, whose `$ref`s still resolve in the bundle).

Why one module (~400 lines): it is the table above, one function a row, over one walk of the bundle.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.spec.model import in_memory
from generator.spec.terms import HTTP_METHODS

OPENAPI_30 = "3.0.3"
# The input has no file of its own; messages name it as a bundle.
_BUNDLE = Path("bundle.openapi.yaml")
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


def _is_json_media(media: Any) -> bool:
    base = str(media).split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _is_binary_media(media: str) -> bool:
    """A media type whose body is opaque bytes (not JSON, text, a form or a multipart body)."""
    base = media.split(";")[0].strip().lower()
    if _is_json_media(base) or base.startswith(("text/", "multipart/")) or base.endswith("+xml"):
        return False
    return base not in ("application/x-www-form-urlencoded", "application/xml", "*/*")


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


class _Downgrader:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.workspace, self.root = in_memory(document, _BUNDLE)

    # ---- schemas -------------------------------------------------------------------------------------------

    def deref(self, node: Any) -> Any:
        """The project's one dereference (`Workspace.follow`): a dangling `$ref` is a located SpecError."""
        return self.workspace.follow(self.root, "", node).value

    def type_of(self, node: Any, depth: int = 0) -> str | None:
        """The one JSON type a (3.1) schema allows besides null, when there is exactly one."""
        node = self.deref(node)
        if not isinstance(node, dict) or depth > 16:  # bounded: a schema may reference itself
            return None
        declared = node.get("type")
        listed = declared if isinstance(declared, list) else [declared] if isinstance(declared, str) else []
        concrete = {t for t in listed if t != "null"}
        if not concrete:
            branches = [b for kw in ("allOf", "anyOf", "oneOf") for b in node.get(kw) or [] if not _is_null_schema(b)]
            found = [self.type_of(b, depth + 1) for b in branches]
            if not found or None in found:
                return None
            concrete = {t for t in found if t}
        return concrete.pop() if len(concrete) == 1 else None

    def add_type(self, out: dict[str, Any]) -> None:
        """3.0.3: `nullable` only counts beside `type`; take the type every remaining branch agrees on."""
        branches = [b for kw in ("allOf", "anyOf", "oneOf") for b in out.get(kw) or []]
        if branches:
            types = {self.type_of(b) for b in branches}
            if len(types) == 1 and None not in types:
                out["type"] = types.pop()
                return
        for kw in ("anyOf", "oneOf"):  # several types: each inline branch is made nullable itself
            if all(isinstance(b, dict) and "type" in b and "$ref" not in b for b in out.get(kw) or [None]):
                for branch in out[kw]:
                    branch["nullable"] = True
                del out["nullable"]  # without a `type` beside it, 3.0.3 tools reject it
                return
        if out.get("enum") == [None]:  # null alone: any type with nullable and enum [null] accepts only null
            out["type"] = "string"

    def schema(self, node: Any) -> Any:
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
            return self.schema({**siblings, "allOf": [{"$ref": node["$ref"]}, *siblings.get("allOf", [])]})
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
                        out.setdefault("allOf", []).append(self.schema(branches[0]))
                        continue
                if branches:
                    out[key] = [self.schema(b) for b in branches]
            elif key == "allOf" and isinstance(value, list):
                kept = out.setdefault("allOf", [])
                for entry in value:
                    converted = self.schema(entry)
                    if isinstance(converted, dict) and converted and all(k.startswith("x-") for k in converted):
                        # Nothing 3.0 can check is left (an if/then entry, say): keep the entry as written.
                        out.setdefault("x-allOf", []).append(copy.deepcopy(entry))
                    else:
                        kept.append(converted)
                if not kept:
                    del out["allOf"]
            elif key == "properties" and isinstance(value, dict):
                out[key] = {name: self.schema(sub) for name, sub in value.items()}
            elif key in ("items", "not") and isinstance(value, (dict, bool)):
                out[key] = self.schema(value)
            elif key == "additionalProperties":
                out[key] = value if isinstance(value, bool) else self.schema(value)
            elif key == "contentEncoding":
                out["x-contentEncoding"] = value
                if value == "base64" and "format" not in node:
                    out["format"] = "byte"
            elif key == "contentMediaType":
                out["x-contentMediaType"] = value
                # 3.1 says "raw bytes of this media type" with contentMediaType alone; 3.0 says it with a format
                if "contentEncoding" not in node and "format" not in node and not _is_json_media(value):
                    out["format"] = "binary"
            elif key in SCHEMA_30_KEYWORDS or key.startswith("x-"):
                out[key] = copy.deepcopy(value)
            else:
                out[_extension(key)] = copy.deepcopy(value)
        if nullable:
            out["nullable"] = True
        elif out.get("nullable") is None:
            out.pop("nullable", None)
        if nullable and "type" not in out:
            self.add_type(out)
        if out.get("type") == "array" and "items" not in out:
            out["items"] = {}
        return out

    # ---- the OpenAPI object model: where the schemas are --------------------------------------------------

    def is_ref(self, node: Any) -> bool:
        return isinstance(node, dict) and "$ref" in node

    def reference(self, node: dict[str, Any]) -> dict[str, Any]:
        # A 3.0 Reference Object has `$ref` only; 3.1's summary/description siblings would be ignored anyway.
        return {"$ref": node["$ref"]}

    def content(self, content: Any) -> Any:
        if not isinstance(content, dict):
            return content
        result: dict[str, Any] = {}
        for media, media_obj in content.items():
            if not isinstance(media_obj, dict):
                result[media] = media_obj
                continue
            converted = dict(media_obj)
            if "schema" in converted:
                converted["schema"] = self.schema(converted["schema"])
            elif _is_binary_media(media):
                # 3.1 leaves the schema out for a body of raw bytes; 3.0 tools read that as "anything"
                converted["schema"] = {"type": "string", "format": "binary"}
            if isinstance(converted.get("encoding"), dict):
                converted["encoding"] = {
                    name: {**enc, "headers": self.map(enc["headers"], self.parameter)}
                    if isinstance(enc, dict) and isinstance(enc.get("headers"), dict)
                    else enc
                    for name, enc in converted["encoding"].items()
                }
            result[media] = converted
        return result

    def parameter(self, node: Any) -> Any:
        """A Parameter or Header Object."""
        if self.is_ref(node):
            return self.reference(node)
        if not isinstance(node, dict):
            return node
        converted = dict(node)
        if "schema" in converted:
            converted["schema"] = self.schema(converted["schema"])
        if "content" in converted:
            converted["content"] = self.content(converted["content"])
        return converted

    def request_body(self, node: Any) -> Any:
        if self.is_ref(node):
            return self.reference(node)
        if not isinstance(node, dict):
            return node
        return {**node, "content": self.content(node["content"])} if "content" in node else dict(node)

    def response(self, node: Any) -> Any:
        if self.is_ref(node):
            return self.reference(node)
        if not isinstance(node, dict):
            return node
        converted = dict(node)
        if "content" in converted:
            converted["content"] = self.content(converted["content"])
        if isinstance(converted.get("headers"), dict):
            converted["headers"] = self.map(converted["headers"], self.parameter)
        if isinstance(converted.get("links"), dict):
            converted["links"] = self.map(converted["links"], self.simple)
        return converted

    def simple(self, node: Any) -> Any:
        """Objects without schemas (examples, links, security schemes): only references need care."""
        return self.reference(node) if self.is_ref(node) else copy.deepcopy(node)

    def callback(self, node: Any) -> Any:
        if self.is_ref(node):
            return self.reference(node)
        return self.map(node, self.path_item) if isinstance(node, dict) else node

    def operation(self, node: Any) -> Any:
        if not isinstance(node, dict):
            return node
        converted = dict(node)
        if isinstance(converted.get("parameters"), list):
            converted["parameters"] = [self.parameter(p) for p in converted["parameters"]]
        if "requestBody" in converted:
            converted["requestBody"] = self.request_body(converted["requestBody"])
        if isinstance(converted.get("responses"), dict):
            converted["responses"] = self.map(converted["responses"], self.response)
        if isinstance(converted.get("callbacks"), dict):
            converted["callbacks"] = self.map(converted["callbacks"], self.callback)
        return copy.deepcopy(converted)

    def path_item(self, node: Any) -> Any:
        if not isinstance(node, dict):
            return node
        converted = dict(node)
        for method in HTTP_METHODS:
            if method in converted:
                converted[method] = self.operation(converted[method])
        if isinstance(converted.get("parameters"), list):
            converted["parameters"] = [self.parameter(p) for p in converted["parameters"]]
        return converted

    def map(self, node: dict[str, Any], convert: Any) -> dict[str, Any]:
        return {key: convert(value) for key, value in node.items()}

    def components(self, kind: str) -> Callable[[Any], Any] | None:
        return {
            "schemas": self.schema,
            "responses": self.response,
            "parameters": self.parameter,
            "examples": self.simple,
            "requestBodies": self.request_body,
            "headers": self.parameter,
            "securitySchemes": self.simple,
            "links": self.simple,
            "callbacks": self.callback,
        }.get(kind)


def downgrade(document: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI 3.0.3 form of a 3.1 document (the input is not modified)."""
    converter = _Downgrader(document)
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
            out[key] = {path: converter.path_item(item) for path, item in value.items()}
        elif key == "components" and isinstance(value, dict):
            components: dict[str, Any] = {}
            for kind, entries in value.items():
                convert = converter.components(kind)
                if convert is not None and isinstance(entries, dict):
                    components[kind] = {name: convert(entry) for name, entry in entries.items()}
                else:  # pathItems (3.1 only) and anything unknown
                    components[_extension(kind) if not kind.startswith("x-") else kind] = copy.deepcopy(entries)
            out[key] = components
        else:
            out[key] = copy.deepcopy(value)
    out.setdefault("paths", {})  # required in 3.0
    return out
