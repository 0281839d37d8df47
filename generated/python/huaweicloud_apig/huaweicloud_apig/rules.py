# Generated from specs/apig/openapi.yaml (sha256 aeb26727db812b06) by vendor-openapi-toolchain 0.1.0: do not edit.
"""The spec's conditional rules, checked on a request body before it is sent.

The models check everything Pydantic can express (types, lengths, patterns, enums, required fields). JSON Schema's
conditional keywords have no Pydantic equivalent: `if`/`then`/`else` (a Kafka SASL_SSL connection needs a CA
certificate), `not` (a throttling limit of 0) and `dependentRequired`. The generator keeps them as data, `RULES` in
`models.py`: for each model class with a rule somewhere below it, the spec's schema pruned to the paths that lead
to a rule, where `$ref` names another class of the same mapping and `contentSchema` the model of an embedded JSON
document. `check` evaluates them on the body's JSON form.

Each problem is located and worded as the reference server words it, so a client error and a server error about
the same field read the same: `plugin_content.sasl_config.ssl_ca_content is required (in the JSON document of
plugin_content, for plugin_type "kafka_log")`.

Standard library only; bounded: a body nested deeper than `MAX_DEPTH` is not followed further (the models and the
server reject such bodies anyway).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeGuard

Schema = Mapping[str, Any]
Location = tuple[str | int, ...]

MAX_DEPTH = 64


@dataclass(frozen=True)
class RuleSet:
    """The pruned schemas of one API (`schemas`) and the class a body is checked from (`root`)."""

    schemas: Mapping[str, Schema]
    root: str


@dataclass(frozen=True)
class Problem:
    """`loc` is the path of the offending value in the body (inside an embedded JSON document: its property,
    then the path within the document); `message` names the field the way the reference server does."""

    loc: Location
    message: str


def check(rules: RuleSet, body: Any) -> list[Problem]:
    """Every rule of `rules` that the JSON value `body` breaks (an empty list: none)."""
    root = rules.schemas.get(rules.root)
    if root is None:
        return []
    checker = _Checker(rules.schemas)
    checker.walk(_node(root), body, (), _Context(), 0)
    return checker.problems


@dataclass(frozen=True)
class _Context:
    note: str = ""  # appended to every message: the embedded document a problem is in
    selector: tuple[str, Any] | None = None  # the `const` condition of the `if` whose `then` is being asserted


@dataclass
class _Checker:
    schemas: Mapping[str, Schema]
    problems: list[Problem] = field(default_factory=list)

    # ---- walking: find the rules that apply to a value ------------------------------------------------------

    def walk(self, node: _Node, value: Any, loc: Location, ctx: _Context, depth: int) -> None:
        if depth > MAX_DEPTH or not _type_matches(node.kinds, value):
            return
        self._follow(node, value, loc, ctx, depth, self.walk)
        self._conditionals(node, value, loc, ctx, depth)

    def _follow(self, node: _Node, value: Any, loc: Location, ctx: _Context, depth: int, visit: Any) -> None:
        if node.ref is not None and node.ref in self.schemas:
            self.walk(_node(self.schemas[node.ref]), value, loc, ctx, depth + 1)
        if node.properties and _mapping(value):
            for name, sub in node.properties:
                if name in value:
                    visit(sub, value[name], (*loc, name), ctx, depth + 1)
        if node.items is not None and isinstance(value, list):
            for index, item in enumerate(value):
                visit(node.items, item, (*loc, index), ctx, depth + 1)
        for sub in node.combined:
            visit(sub, value, loc, ctx, depth + 1)

    def _conditionals(self, node: _Node, value: Any, loc: Location, ctx: _Context, depth: int) -> None:
        if node.condition is not None:
            branch = node.then if _valid(node.condition, value) else node.otherwise
            if branch is not None:
                inner = _Context(ctx.note, node.selector)
                self.match(branch, value, loc, inner, depth + 1)
        if node.forbidden is not None and _valid(node.forbidden, value):
            self._report(loc, ctx, "has a value that is not allowed")
        if node.dependent and _mapping(value):
            for name, needed in node.dependent:
                if name in value and isinstance(needed, list) and any(n not in value for n in needed):
                    self._report(loc, ctx, "is invalid (dependentRequired)")

    # ---- asserting: a `then`/`else` branch is a schema the value must match -------------------------------

    def match(self, node: _Node, value: Any, loc: Location, ctx: _Context, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        for problem in _assertions(node.schema, value):
            sub, message = problem
            self._report((*loc, *sub), ctx, message)
        if not _type_matches(node.kinds, value):
            return
        self._follow(node, value, loc, ctx, depth, self.match)
        self._conditionals(node, value, loc, ctx, depth)
        content = node.content
        if content is not None and isinstance(value, str) and loc:
            document = _json_document(value)
            if document is not _INVALID:
                note = f"(in the JSON document of {loc[-1]}"
                if ctx.selector is not None:
                    note += f", for {ctx.selector[0]} {json.dumps(ctx.selector[1])}"
                self.walk(content, document, loc, _Context(note + ")"), depth + 1)

    def _report(self, loc: Location, ctx: _Context, predicate: str) -> None:
        message = f"{field_name(loc) or 'the request body'} {predicate}"
        if ctx.note:
            message = f"{message} {ctx.note}"
        self.problems.append(Problem(loc, message))


def field_name(loc: Sequence[str | int]) -> str:
    """`a.b[0].c`, as the reference server names fields."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text = f"{text}.{part}" if text else part
    return text


# ---- the assertion keywords a condition or branch uses ------------------------------------------------------


def _assertions(schema: Schema, value: Any) -> list[tuple[Location, str]]:
    """Problems of `value` against the assertion keywords of `schema` itself (not its subschemas), as
    (location below the value, predicate of the sentence that names the field)."""
    kinds = schema.get("type")
    if not _type_matches(kinds, value):
        names = kinds if isinstance(kinds, list) else [kinds]
        return [((), f"must be of type {' or '.join(map(str, names))}")]
    found: list[tuple[Location, str]] = []
    if "const" in schema and not _json_equal(value, schema["const"]):
        found.append(((), f"must be {json.dumps(schema['const'])}"))
    options = schema.get("enum")
    if isinstance(options, list) and not any(_json_equal(value, option) for option in options):
        found.append(((), f"must be one of: {', '.join(json.dumps(o) for o in options)}"))
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and isinstance(value, str) and _compiled(pattern).search(value) is None:
        found.append(((), f"does not match the pattern {pattern}"))
    required = schema.get("required")
    if isinstance(required, list) and _mapping(value):
        found += [((name,), "is required") for name in required if name not in value]
    return found


def _holds(node: _Node, value: Any) -> bool:
    """Whether `_assertions(node.schema, value)` is empty, without writing the messages (conditions are evaluated
    for every body; their messages are never shown)."""
    if node.kinds is not None and not _type_matches(node.kinds, value):
        return False
    if node.has_const and not _json_equal(value, node.const):
        return False
    if node.enum is not None and not any(_json_equal(value, option) for option in node.enum):
        return False
    if node.pattern is not None and isinstance(value, str) and _compiled(node.pattern).search(value) is None:
        return False
    required = node.required
    return not (required is not None and _mapping(value) and any(name not in value for name in required))


def _valid(node: _Node, value: Any, depth: int = 0) -> bool:
    """Whether `value` matches a condition (`if`, `not`): assertion keywords, properties, items, allOf."""
    if depth > MAX_DEPTH:
        return True
    if not _holds(node, value):
        return False
    if node.properties and _mapping(value):
        for name, sub in node.properties:
            if name in value and not _valid(sub, value[name], depth + 1):
                return False
    items = node.items
    if items is not None and isinstance(value, list) and not all(_valid(items, i, depth + 1) for i in value):
        return False
    if not all(_valid(sub, value, depth + 1) for sub in node.all_of):
        return False
    if node.any_of and not any(_valid(sub, value, depth + 1) for sub in node.any_of):
        return False
    return not (node.forbidden is not None and _valid(node.forbidden, value, depth + 1))


@dataclass(frozen=True, slots=True)
class _Node:
    """The keywords of one schema that the checker reads, looked up once (its subschemas as nodes too): a body is
    checked on every call, and looking each keyword up again was a good part of the time a check took."""

    schema: Schema
    kinds: Any
    has_const: bool
    const: Any
    enum: list[Any] | None
    pattern: str | None
    required: list[Any] | None
    ref: str | None
    properties: tuple[tuple[Any, _Node], ...]
    items: _Node | None
    all_of: tuple[_Node, ...]
    any_of: tuple[_Node, ...]
    combined: tuple[_Node, ...]  # allOf, anyOf and oneOf, in that order: the subschemas the walk visits
    condition: _Node | None
    then: _Node | None
    otherwise: _Node | None
    selector: tuple[str, Any] | None
    forbidden: _Node | None
    dependent: tuple[tuple[Any, Any], ...]
    content: _Node | None


_NODES: dict[int, tuple[Schema, _Node]] = {}
MAX_NODES = 4096


def _node(schema: Schema) -> _Node:
    """The `_Node` of `schema` (by identity: the rule sets are constants of the package; the schema is kept with
    its node so that its id is not reused while cached)."""
    entry = _NODES.get(id(schema))
    if entry is not None and entry[0] is schema:
        return entry[1]
    node = _make_node(schema)
    if len(_NODES) >= MAX_NODES:
        _NODES.clear()
    _NODES[id(schema)] = (schema, node)
    return node


def _make_node(schema: Schema) -> _Node:
    """The node of `schema` and of the subschemas it holds (a tree: `$ref`s are followed by name as it is walked)."""

    def node_or_none(value: Any) -> _Node | None:
        return _node(value) if _mapping(value) else None

    properties = schema.get("properties")
    condition = schema.get("if")
    dependent = schema.get("dependentRequired")
    enum, pattern, required, ref = (schema.get(k) for k in ("enum", "pattern", "required", "$ref"))
    all_of, any_of, one_of = (tuple(_node(s) for s in _schemas(schema.get(k))) for k in ("allOf", "anyOf", "oneOf"))
    return _Node(
        schema=schema,
        kinds=schema.get("type"),
        has_const="const" in schema,
        const=schema.get("const"),
        enum=enum if isinstance(enum, list) else None,
        pattern=pattern if isinstance(pattern, str) else None,
        required=required if isinstance(required, list) else None,
        ref=ref if isinstance(ref, str) else None,
        properties=tuple((n, _node(s)) for n, s in properties.items() if _mapping(s)) if _mapping(properties) else (),
        items=node_or_none(schema.get("items")),
        all_of=all_of,
        any_of=any_of,
        combined=all_of + any_of + one_of,
        condition=node_or_none(condition),
        then=node_or_none(schema.get("then")),
        otherwise=node_or_none(schema.get("else")),
        selector=_const_selector(condition) if _mapping(condition) else None,
        forbidden=node_or_none(schema.get("not")),
        dependent=tuple(dependent.items()) if _mapping(dependent) else (),
        content=node_or_none(schema.get("contentSchema")),
    )


def _const_selector(condition: Schema) -> tuple[str, Any] | None:
    """`(name, value)` for a condition of the form `{properties: {name: {const: value}}, required: [name]}`."""
    properties = condition.get("properties")
    if not _mapping(properties) or len(properties) != 1:
        return None
    ((name, sub),) = properties.items()
    if _mapping(sub) and "const" in sub:
        return str(name), sub["const"]
    return None


def _schemas(value: Any) -> list[Schema]:
    return [sub for sub in value if _mapping(sub)] if isinstance(value, list) else []


def _type_matches(kinds: Any, value: Any) -> bool:
    if kinds is None:
        return True
    if type(kinds) is str:
        return _is_type(kinds, value)
    names = kinds if isinstance(kinds, list) else [kinds]
    return any(_is_type(str(name), value) for name in names)


def _is_type(name: str, value: Any) -> bool:
    if name == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "object":
        return _mapping(value)
    expected = _TYPES.get(name)
    return expected is not None and isinstance(value, expected)


_TYPES: dict[str, type] = {"string": str, "boolean": bool, "array": list, "null": type(None)}
_NOT_MAPPINGS = frozenset({str, int, float, bool, list, type(None)})


def _mapping(value: Any) -> TypeGuard[Mapping[Any, Any]]:
    """`isinstance(value, Mapping)` without the ABC check for the plain types JSON parses into (the check runs
    for every schema and value a body is walked through; the ABC check was a third of the time)."""
    kind = type(value)
    return kind is dict or (kind not in _NOT_MAPPINGS and isinstance(value, Mapping))


def _json_equal(left: Any, right: Any) -> bool:
    """JSON equality: `true` is not `1` (it is in Python)."""
    if type(left) is str or type(right) is str:  # the common case (an enum or `const` of strings), decided at once
        return bool(left == right)
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(_json_equal(a, b) for a, b in zip(left, right, strict=True))
    if _mapping(left) and _mapping(right):
        return left.keys() == right.keys() and all(_json_equal(left[k], right[k]) for k in left)
    return bool(left == right)


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_INVALID = object()


def _json_document(text: str) -> Any:
    """The embedded document, or `_INVALID` (the models report text that is not JSON)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return _INVALID
