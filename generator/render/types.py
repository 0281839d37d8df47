"""JSON schema -> the text of a Python type annotation, for keyword arguments and return types.

The models module (datamodel-code-generator) holds the full types with their constraints; the client's
signatures only need the shape, and refer to a model by `models.<Name>` whenever the models module defines it.
Every literal goes through `repr`, so no spec string can end the annotation early.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}
_LITERAL_TYPES = (str, int, bool)


def literal(values: list[Any]) -> str | None:
    """`Literal[...]` of JSON scalars (None is spelled as the `None` member), or None when not expressible."""
    parts: list[str] = []
    nullable = False
    for value in values:
        if value is None:
            nullable = True
        elif isinstance(value, _LITERAL_TYPES):
            parts.append(repr(value))
        else:
            return None
    if not parts:
        return "None" if nullable else None
    text = f"Literal[{', '.join(dict.fromkeys(parts))}]"
    return f"{text} | None" if nullable else text


def union(members: list[str]) -> str:
    unique = list(dict.fromkeys(m for member in members for m in _split(member)))
    if "Any" in unique:
        return "Any"
    if "None" in unique:  # None last reads best: `str | None`
        unique = [m for m in unique if m != "None"] + ["None"]
    return " | ".join(unique) if unique else "Any"


def _split(annotation: str) -> list[str]:
    """Top-level members of a union annotation (brackets respected)."""
    members, depth, current = [], 0, ""
    for char in annotation:
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        if char == "|" and depth == 0:
            members.append(current.strip())
            current = ""
        else:
            current += char
    members.append(current.strip())
    return [m for m in members if m]


class Annotator:
    """Annotations for schemas of one API: `schemas` is the IR's model set, `defined(name)` gives the models
    module's name for it when the module defines one (else the schema is spelled out structurally)."""

    def __init__(
        self, schemas: Mapping[str, Any], defined: Callable[[str], str | None], prefix: str = "models."
    ) -> None:
        self.schemas = schemas
        self.defined = defined
        self.prefix = prefix

    def annotation(self, schema: Any, *, depth: int = 0) -> str:
        if depth > 20 or not isinstance(schema, dict):
            return "Any"
        ref = schema.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            final = self.defined(name)
            if final is not None:
                return f"{self.prefix}{final}"
            return self.annotation(self.schemas.get(name), depth=depth + 1)
        result = self._shape(schema, depth)
        if schema.get("nullable") is True and result != "Any":
            result = union([result, "None"])
        return result

    def _shape(self, schema: dict[str, Any], depth: int) -> str:
        if "const" in schema:
            return literal([schema["const"]]) or "Any"
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return literal(schema["enum"]) or "Any"
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                return union([self.annotation(member, depth=depth + 1) for member in schema[key]])
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1:
            return self.annotation(all_of[0], depth=depth + 1)
        kind = schema.get("type")
        if isinstance(kind, list):
            return union([self._typed(schema, str(k), depth) for k in kind])
        if isinstance(kind, str):
            return self._typed(schema, kind, depth)
        return "Any"

    def _typed(self, schema: dict[str, Any], kind: str, depth: int) -> str:
        if kind == "array":
            items = schema.get("items")
            return f"list[{self.annotation(items, depth=depth + 1) if isinstance(items, dict) else 'Any'}]"
        if kind == "object":
            return "dict[str, Any]"
        return _PRIMITIVES.get(kind, "Any")
