"""Schemas as the comparison sees them: `$ref`s followed, `allOf` merged, 3.0 and 3.1 spellings made one.

A `Shape` is the conjunction of one or more schema objects (the parts: a node and the members of its `allOf`s,
each after following `$ref`s, wherever they live). Keywords the comparison understands are merged into the
tightest bound; unions (`oneOf`/`anyOf`) are distributed over the rest, so that each branch is a plain conjunction
and branches can be matched by content; keywords it does not model (`not`, `if`, `patternProperties`, ...) are
kept verbatim so that a change to them can at least be reported as a warning.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass, field
from typing import Any

from generator.diff.source import Loc, Spec

ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "example",
        "examples",
        "default",
        "$comment",
        "deprecated",
        "externalDocs",
        "xml",
        "$schema",
        "$id",
        "$anchor",
        "$defs",
        "definitions",
        "contentMediaType",
        "contentEncoding",
        "contentSchema",
        "nullable",
        "readOnly",
        "writeOnly",
        "format",
    }
)
OPAQUE = (
    "not",
    "if",
    "then",
    "else",
    "patternProperties",
    "dependentRequired",
    "dependentSchemas",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedProperties",
    "unevaluatedItems",
    "prefixItems",
    "$dynamicRef",
)
TYPES = ("null", "boolean", "object", "array", "number", "integer", "string")
MAX_PARTS = 64
MAX_BRANCHES = 32


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


@dataclass
class Shape:
    parts: tuple[Loc, ...]
    types: frozenset[str] | None = None  # None: any type
    enum: list[Any] | None = None
    props: dict[str, list[Loc]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    closed: list[tuple[frozenset[str], Loc]] = field(default_factory=list)  # additionalProperties: false
    extra: list[tuple[frozenset[str], Loc]] = field(default_factory=list)  # additionalProperties: {schema}
    items: list[Loc] = field(default_factory=list)
    minimum: tuple[float, bool] | None = None  # (bound, exclusive)
    maximum: tuple[float, bool] | None = None
    multiple_of: list[float] = field(default_factory=list)
    min_length: int = 0
    max_length: int | None = None
    patterns: list[str] = field(default_factory=list)
    formats: set[str] = field(default_factory=set)
    min_items: int = 0
    max_items: int | None = None
    unique_items: bool = False
    min_props: int = 0
    max_props: int | None = None
    read_only: bool = False
    write_only: bool = False
    opaque: dict[str, str] = field(default_factory=dict)  # keyword -> canonical JSON of its values
    # keyword -> (schema, keyword) where its binding value is written; a Loc is only made when one is reported
    origin: dict[str, tuple[Loc, str]] = field(default_factory=dict)
    examples: list[Any] = field(default_factory=list)
    union: str | None = None  # "oneOf"/"anyOf" when `branches` is set
    branches: list[Shape] = field(default_factory=list)

    @property
    def loc(self) -> Loc:
        return self.parts[0]

    def at(self, keyword: str) -> Loc:
        entry = self.origin.get(keyword)
        if entry is None:
            return self.loc
        return entry[0].child(entry[1]) if entry[1] else entry[0]

    def allows_type(self, kind: str) -> bool:
        if self.types is None:
            return True
        return kind in self.types or (kind == "integer" and "number" in self.types)

    @property
    def is_any(self) -> bool:
        return (
            not self.branches
            and self.types is None
            and self.enum is None
            and not self.props
            and not self.required
            and not self.closed
            and not self.extra
            and not self.items
            and self.minimum is None
            and self.maximum is None
            and not self.multiple_of
            and not self.min_length
            and self.max_length is None
            and not self.patterns
            and not self.min_items
            and self.max_items is None
            and not self.unique_items
            and not self.min_props
            and self.max_props is None
            and not self.opaque
        )


class Shapes:
    """Builds and caches the shapes of one document side."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._cache: dict[tuple[Any, ...], Shape] = {}
        self._front: dict[tuple[Any, ...], Shape] = {}

    def of(self, loc: Loc, value: Any = None) -> Shape:
        return self.conjunction([loc], [value])

    def conjunction(self, locs: list[Loc], values: list[Any] | None = None) -> Shape:
        front = tuple(loc.key for loc in locs)
        shape = self._front.get(front)
        if shape is None:
            parts: list[tuple[Loc, Any]] = []
            for index, loc in enumerate(locs):
                self._flatten(loc, values[index] if values else None, parts, 0)
            shape = self._front[front] = self._cached(parts, frozenset())
        return shape

    def _cached(self, parts: list[tuple[Loc, Any]], consumed: frozenset[tuple[Any, str]]) -> Shape:
        key = (tuple(loc.key for loc, _ in parts), consumed)
        if key not in self._cache:
            self._cache[key] = self._build(parts, consumed)
        return self._cache[key]

    def _flatten(self, loc: Loc, value: Any, out: list[tuple[Loc, Any]], depth: int) -> None:
        if len(out) >= MAX_PARTS or depth > 32:
            return
        node = loc.value() if value is None else value
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            siblings = {k: v for k, v in node.items() if k != "$ref" and k not in ANNOTATIONS}
            target, resolved = self.spec.follow(loc, node)
            self._flatten(target, resolved, out, depth + 1)
            if siblings and self.spec.version == "3.1":  # 3.1: `$ref` beside other keywords is a conjunction
                out.append((loc, {k: v for k, v in node.items() if k != "$ref"}))
            return
        out.append((loc, node))
        if isinstance(node, dict) and isinstance(node.get("allOf"), list):
            for index, member in enumerate(node["allOf"]):
                self._flatten(loc.child("allOf", index), member, out, depth + 1)

    def _build(self, parts: list[tuple[Loc, Any]], consumed: frozenset[tuple[Any, str]]) -> Shape:
        unions = [
            (loc, key, node[key])
            for loc, node in parts
            if isinstance(node, dict)
            for key in ("oneOf", "anyOf")
            if isinstance(node.get(key), list) and node[key] and (loc.key, key) not in consumed
        ]
        shape = self._plain(parts)
        if not unions:
            return shape
        choices = [[loc.child(key, i) for i in range(len(members))] for loc, key, members in unions]
        combos = list(itertools.islice(itertools.product(*choices), MAX_BRANCHES + 1))
        if len(combos) > MAX_BRANCHES:
            shape.opaque["oneOf/anyOf"] = "too many branches"
            return shape
        shape.union = "oneOf" if any(key == "oneOf" for _, key, _ in unions) else "anyOf"
        shape.origin[shape.union] = (unions[0][0], unions[0][1])
        done = consumed | {(loc.key, key) for loc, key, _ in unions}
        for combo in combos:
            branch = list(parts)
            for member in combo:
                self._flatten(member, None, branch, 0)
            shape.branches.append(self._cached(branch, done))
        return shape

    def _plain(self, parts: list[tuple[Loc, Any]]) -> Shape:
        shape = Shape(parts=tuple(loc for loc, _ in parts))
        for loc, node in parts:
            if node is False:
                shape.types = frozenset()
                shape.origin["type"] = (loc, "")
            if not isinstance(node, dict):
                continue
            self._merge(shape, loc, node)
        return shape

    def _merge(self, shape: Shape, loc: Loc, node: dict[str, Any]) -> None:
        spec30 = self.spec.version == "3.0"
        types = _types(node, spec30)
        if types is not None:
            shape.types = types if shape.types is None else _intersect(shape.types, types)
            shape.origin["type"] = (loc, "type")
        values: list[Any] | None = None
        if "const" in node:
            values = [node["const"]]
            shape.origin["enum"] = (loc, "const")
        elif isinstance(node.get("enum"), list):
            values = list(node["enum"])
            shape.origin["enum"] = (loc, "enum")
        if values is not None:
            if shape.enum is None:
                shape.enum = values
            else:
                keep = {canonical(v) for v in values}
                shape.enum = [v for v in shape.enum if canonical(v) in keep]
        props = node.get("properties")
        if isinstance(props, dict):
            for name in props:
                shape.props.setdefault(name, []).append(loc.child("properties", name))
        if isinstance(node.get("required"), list):
            shape.required.update(r for r in node["required"] if isinstance(r, str))
            shape.origin.setdefault("required", (loc, "required"))
        own = frozenset(props) if isinstance(props, dict) else frozenset()
        additional = node.get("additionalProperties")
        if additional is False:
            shape.closed.append((own, loc.child("additionalProperties")))
        elif isinstance(additional, dict) and additional:
            shape.extra.append((own, loc.child("additionalProperties")))
        if "items" in node and isinstance(node["items"], (dict, bool)):
            shape.items.append(loc.child("items"))
        _bound(shape, loc, node, "minimum", "exclusiveMinimum", lower=True)
        _bound(shape, loc, node, "maximum", "exclusiveMaximum", lower=False)
        if isinstance(node.get("multipleOf"), (int, float)) and node["multipleOf"] > 0:
            shape.multiple_of.append(node["multipleOf"])
            shape.origin["multipleOf"] = (loc, "multipleOf")
        for key, attr, tighter in (
            ("minLength", "min_length", max),
            ("maxLength", "max_length", min),
            ("minItems", "min_items", max),
            ("maxItems", "max_items", min),
            ("minProperties", "min_props", max),
            ("maxProperties", "max_props", min),
        ):
            if isinstance(node.get(key), int) and not isinstance(node[key], bool):
                current = getattr(shape, attr)
                setattr(shape, attr, node[key] if current is None else tighter(current, node[key]))
                shape.origin[key] = (loc, key)
        if isinstance(node.get("pattern"), str):
            shape.patterns.append(node["pattern"])
            shape.origin["pattern"] = (loc, "pattern")
        if isinstance(node.get("format"), str):
            shape.formats.add(node["format"])
            shape.origin["format"] = (loc, "format")
        if node.get("uniqueItems") is True:
            shape.unique_items = True
            shape.origin["uniqueItems"] = (loc, "uniqueItems")
        shape.read_only |= node.get("readOnly") is True
        shape.write_only |= node.get("writeOnly") is True
        for key in OPAQUE:
            if key in node:
                shape.opaque[key] = shape.opaque.get(key, "") + canonical(node[key])
                shape.origin[key] = (loc, key)
        discriminator = node.get("discriminator")
        if isinstance(discriminator, dict):  # which property selects and its values; not where the targets live
            mapping = discriminator.get("mapping")
            keys = sorted(mapping) if isinstance(mapping, dict) else []
            shape.opaque["discriminator"] = canonical([discriminator.get("propertyName"), keys])
            shape.origin["discriminator"] = (loc, "discriminator")
        for key in ("example", "default"):
            if key in node:
                shape.examples.append(node[key])
        if isinstance(node.get("examples"), list):
            shape.examples.extend(node["examples"])


def _types(node: dict[str, Any], spec30: bool) -> frozenset[str] | None:
    raw = node.get("type")
    if isinstance(raw, str):
        found = {raw}
    elif isinstance(raw, list) and all(isinstance(t, str) for t in raw):
        found = set(raw)
    else:
        return None
    if spec30 and node.get("nullable") is True:
        found.add("null")
    return frozenset(t for t in found if t in TYPES)


def _intersect(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    result = set(a & b)
    if ("number" in a and "integer" in b) or ("integer" in a and "number" in b):
        result.add("integer")
    return frozenset(result)


def _bound(shape: Shape, loc: Loc, node: dict[str, Any], inclusive: str, exclusive: str, *, lower: bool) -> None:
    candidates: list[tuple[float, bool, str]] = []
    value = node.get(inclusive)
    flag = node.get(exclusive)
    if isinstance(value, (int, float)) and _number(value):
        # 3.0 writes an exclusive bound as `minimum` + `exclusiveMinimum: true`
        candidates.append((float(value), flag is True, inclusive))
    if isinstance(flag, (int, float)) and _number(flag):
        candidates.append((float(flag), True, exclusive))
    attr = "minimum" if lower else "maximum"
    for bound, excl, key in candidates:
        current = getattr(shape, attr)
        tighter = (
            current is None
            or (bound > current[0] if lower else bound < current[0])
            or (bound == current[0] and excl and not current[1])
        )
        if tighter:
            setattr(shape, attr, (bound, excl))
            shape.origin[attr] = (loc, key)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
