"""What the server needs to read a parameter: its `ParamStyle` and the `Shape` of its schema.

Both are worked out once per parameter at start-up; `generator.runtime.styles` (the table the generated clients
write with) does the reading. A style the specification does not define for that location falls back to the
location's default, so a sloppy document is still served.
"""

from __future__ import annotations

from typing import Any

from generator.runtime.styles import ParamStyle, Shape, StyleError
from generator.serve.schemas import SchemaSet
from generator.spec.diagnostics import join_pointer
from generator.spec.load import Target

MAX_SHAPE_DEPTH = 6  # deepObject properties nested deeper than this are read as text


def param_style(node: dict[str, Any]) -> ParamStyle:
    name = str(node.get("name", ""))
    location = str(node.get("in", ""))
    content = node.get("content")
    content_type = next(iter(content), None) if isinstance(content, dict) else None
    style = node.get("style") if isinstance(node.get("style"), str) else ""
    explode = node.get("explode") if isinstance(node.get("explode"), bool) else None
    allow_reserved = node.get("allowReserved") is True
    try:
        return ParamStyle(name, location, str(style), explode, allow_reserved, content_type)
    except StyleError:
        return ParamStyle(name, location, "", None, allow_reserved, content_type)


def content_schema(node: dict[str, Any], target: Target) -> tuple[str, Any] | None:
    """(pointer, schema) of a `content` parameter's single media type, when it has a schema."""
    content = node.get("content")
    if not isinstance(content, dict) or not content:
        return None
    media, entry = next(iter(content.items()))
    if not isinstance(entry, dict) or "schema" not in entry:
        return None
    return join_pointer(target.pointer, "content", media, "schema"), entry["schema"]


# deepObject: how a property the schema leaves free (no type, or undeclared) is read. The clients write an array
# there as the key repeated (`filter[tag]=a&filter[tag]=b`); read as an array, a lone value becomes a one-item
# array, which a free schema accepts all the same.
DEEP_FREE = Shape("array")


def shape_of(schemas: SchemaSet, target: Target | None, depth: int = 0, free: Shape | None = None) -> Shape:
    """How the parameter text is split (primitive, array, object) and which JSON types its pieces are read as.
    `free`: the shape of an object's properties the schema leaves free, where the style has one (`DEEP_FREE`)."""
    if target is None or depth > MAX_SHAPE_DEPTH:
        return Shape()
    target = schemas.workspace.follow(target.document, target.pointer, target.value)
    types = _types(schemas, target, 0)
    if not types and free is not None and depth > 0:
        return free
    concrete = types - {"null"}
    if concrete == {"array"}:
        items = _member(schemas, target, "items")
        return Shape("array", _types(schemas, items, 0) if items is not None else frozenset({"string"}))
    if concrete == {"object"}:
        properties: dict[str, Shape] = {}
        additional: Shape | None = None
        declared_additional = False
        for part in _parts(schemas, target, 0):
            for name, sub in (part.value.get("properties") or {}).items():
                sub_target = Target(part.document, join_pointer(part.pointer, "properties", name), sub)
                properties.setdefault(str(name), shape_of(schemas, sub_target, depth + 1, free))
            if "additionalProperties" in part.value:
                declared_additional = True
                extra = part.value["additionalProperties"]
                if extra is not False:
                    extra_target = Target(part.document, join_pointer(part.pointer, "additionalProperties"), extra)
                    additional = (
                        shape_of(schemas, extra_target, depth + 1, free) if isinstance(extra, dict) else free or Shape()
                    )
        if not declared_additional and not properties:
            additional = free or Shape()  # a free-form object: every key is one of its properties
        elif not declared_additional and free is not None:
            additional = free  # JSON Schema admits other keys, of any value
        return Shape("object", properties=properties, additional=additional)
    return Shape("primitive", types or frozenset({"string"}))


def _member(schemas: SchemaSet, target: Target, keyword: str) -> Target | None:
    for part in _parts(schemas, target, 0):
        if isinstance(part.value.get(keyword), dict):
            return schemas.workspace.follow(part.document, join_pointer(part.pointer, keyword), part.value[keyword])
    return None


def _parts(schemas: SchemaSet, target: Target, depth: int) -> list[Target]:
    """The schema and its `allOf` members (followed through `$ref`s), whose keywords all apply."""
    if depth > MAX_SHAPE_DEPTH or not isinstance(target.value, dict):
        return []
    parts = [target]
    for index, sub in enumerate(target.value.get("allOf") or []):
        member = schemas.workspace.follow(target.document, join_pointer(target.pointer, "allOf", index), sub)
        parts += _parts(schemas, member, depth + 1)
    return parts


def _types(schemas: SchemaSet, target: Target, depth: int) -> frozenset[str]:
    """The JSON types a schema allows (`type`, `enum`, `const`, and its `allOf`/`anyOf`/`oneOf` members)."""
    value = target.value
    if not isinstance(value, dict) or depth > MAX_SHAPE_DEPTH:
        return frozenset()
    declared = value.get("type")
    if isinstance(declared, str):
        found = {declared}
    elif isinstance(declared, list):
        found = {str(t) for t in declared}
    elif isinstance(value.get("enum"), list) and value["enum"]:
        found = {_json_type(v) for v in value["enum"]}
    elif "const" in value:
        found = {_json_type(value["const"])}
    else:
        found = set()
        for keyword in ("allOf", "anyOf", "oneOf"):
            for index, sub in enumerate(value.get(keyword) or []):
                member = schemas.workspace.follow(target.document, join_pointer(target.pointer, keyword, index), sub)
                found |= _types(schemas, member, depth + 1)
        if not found and ("properties" in value or "additionalProperties" in value):
            found = {"object"}
        elif not found and "items" in value:
            found = {"array"}
    if value.get("nullable") is True:
        found.add("null")  # OpenAPI 3.0
    return frozenset(found)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"
