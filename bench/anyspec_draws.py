"""The requests `bench.anyspec` draws: schemathesis' positive cases, made to be requests OpenAPI can carry.

Apart from `anyspec` because drawing is its own concern: which document schemathesis reads, how its draw is
steered, and the fixed seed that makes every run draw the same requests.

schemathesis draws from the JSON Schema, which does not tie a discriminator's value to the member of the union
it selects (OpenAPI's Discriminator Object does): a drawn `{"pet_type": "Dog", "meow": true}` breaks the
document although each half is valid. So schemathesis reads a copy of the document in which each discriminated
union (`oneOf`/`anyOf` beside a `discriminator`) also requires, through one more `allOf` item, that the body is
one of the members with the property holding a value naming it (the mapping's keys that point to it, else its
schema name, as the specification's implicit mapping says). The union itself stays as written, so every draw
still satisfies the document; a union whose members contradict their names has no value left, which is
reported, not hidden.

Two more things schemathesis would otherwise draw outside the document, each fixed in the same copy:
- it takes a documented example as a draw without checking it: an example that breaks its own schema (format
  included, as jsonschema-rs asserts it, the validator schemathesis checks with) is left out of the copy;
- it ignores a `pattern` its regex engine cannot compile and draws any string: a pattern whose only obstacle is
  a literal `{` or `}` (ECMA-262 Annex B reads one so, `^{[0-9]{4}}$`) is written with them escaped.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

SCHEMAS = "#/components/schemas/"


def load_for_drawing(spec: Path) -> tuple[Any, frozenset[str]]:
    """schemathesis' schema for `spec`, read from a copy with the discriminators pinned (when it has any), and
    the property names of the discriminators whose value the draw does not tie to the body (`untied`)."""
    import schemathesis
    from schemathesis.openapi.loaders import detect_content_type, load_content

    # read as `from_path` reads it
    document = load_content(spec.read_text(encoding="utf-8"), detect_content_type(headers=None, path=str(spec)))
    if not isinstance(document, dict):
        return schemathesis.openapi.from_path(str(spec)), frozenset()
    copied = copy.deepcopy(document)
    changed = drop_broken_examples(copied) + escape_literal_braces(copied)
    pinned = pin_discriminators(copied)
    if not changed and pinned is copied:
        return schemathesis.openapi.from_path(str(spec)), frozenset()
    loaded = schemathesis.openapi.from_dict(pinned)
    loaded.location = spec.absolute().as_uri()  # `$ref`s to other files resolve as from the file itself
    return loaded, untied(document)


def drop_broken_examples(document: dict[str, Any]) -> int:
    """Leave out, in place, every example that breaks the schema it illustrates (a schema's `example`/`examples`,
    a parameter's or media type's `example`/`examples`); how many were left out. A schema the validator cannot
    take keeps its examples."""
    import jsonschema_rs

    uri = "urn:anyspec:document"
    try:
        registry = jsonschema_rs.Registry([(uri, document)])
    except Exception:
        return 0
    validators: dict[str, Any] = {}

    def fits(pointer: str, value: Any) -> bool:
        if pointer not in validators:
            try:
                validators[pointer] = jsonschema_rs.validator_for(
                    {"$ref": f"{uri}#{quote(pointer, safe='/~')}"}, registry=registry, validate_formats=True
                )
            except Exception:
                validators[pointer] = None
        validator = validators[pointer]
        try:
            return validator is None or bool(validator.is_valid(value))
        except Exception:
            return True

    dropped = 0
    for node, pointer in list(_nodes(document)):
        if _is_schema(node):
            schema_at = pointer
        elif isinstance(node.get("schema"), dict):
            schema_at = f"{pointer}/schema"
        else:
            continue
        if "example" in node and not fits(schema_at, node["example"]):
            del node["example"]
            dropped += 1
        examples = node.get("examples")
        if isinstance(examples, list) and _is_schema(node):
            kept = [e for e in examples if fits(schema_at, e)]
            dropped += len(examples) - len(kept)
            node["examples"] = kept
        elif isinstance(examples, dict) and not _is_schema(node):
            for name, example in list(examples.items()):
                if isinstance(example, dict) and "value" in example and not fits(schema_at, example["value"]):
                    del examples[name]
                    dropped += 1
    return dropped


_SCHEMA_WORDS = frozenset({"type", "properties", "items", "allOf", "oneOf", "anyOf", "enum", "format", "pattern"})


def _is_schema(node: dict[str, Any]) -> bool:
    return bool(_SCHEMA_WORDS & node.keys()) and "in" not in node and "schema" not in node


def escape_literal_braces(document: dict[str, Any]) -> int:
    """Escape, in place, the literal `{` and `}` of every `pattern` (those that do not make a `{n}`, `{n,}` or
    `{n,m}` quantifier, outside character classes); how many patterns changed."""
    changed = 0
    for node, _ in list(_nodes(document)):
        pattern = node.get("pattern")
        if isinstance(pattern, str) and ("{" in pattern or "}" in pattern) and _is_schema(node):
            escaped = _escaped_braces(pattern)
            if escaped != pattern:
                node["pattern"] = escaped
                changed += 1
    return changed


_QUANTIFIER = re.compile(r"\{[0-9]+(,[0-9]*)?\}")


def _escaped_braces(pattern: str) -> str:
    out: list[str] = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "{":
            quantifier = _QUANTIFIER.match(pattern, index)
            if quantifier is not None:
                out.append(quantifier.group())
                index = quantifier.end()
                continue
            char = "\\{"
        elif char == "}":
            char = "\\}"
        out.append(char)
        index += 1
    return "".join(out)


def _nodes(root: Any) -> Iterator[tuple[dict[str, Any], str]]:
    """Every object of the document with its JSON pointer, examples and other instances not entered."""
    pending: list[tuple[Any, str]] = [(root, "")]
    while pending:
        node, pointer = pending.pop()
        if isinstance(node, dict):
            yield node, pointer
            for key, value in node.items():
                if key not in _INSTANCES:
                    pending.append((value, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"))
        elif isinstance(node, list):
            pending.extend((value, f"{pointer}/{index}") for index, value in enumerate(node))


_INSTANCES = frozenset({"example", "examples", "default", "const", "enum"})


def untied(document: dict[str, Any]) -> frozenset[str]:
    """The property names of discriminators `pin_discriminators` leaves as they are (on a base schema others
    extend, or beside members it cannot name): a drawn value there may name no member, and that is the draw's
    doing. A name also pinned somewhere is left out: there a refusal is the client's."""
    pinned: set[str] = set()
    loose: set[str] = set()
    for node in _schemas_with_discriminator(document):
        name = node["discriminator"].get("propertyName")
        if isinstance(name, str):
            (pinned if _pinnable(node) else loose).add(name)
    return frozenset(loose - pinned)


def _pinnable(node: dict[str, Any]) -> bool:
    members = node.get("oneOf", node.get("anyOf"))
    mapping = node["discriminator"].get("mapping") if isinstance(node["discriminator"].get("mapping"), dict) else {}
    return isinstance(members, list) and any(_tags(member, mapping) for member in members)


def pin_discriminators(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of `document` where every discriminated union also requires a member's own discriminator value;
    `document` itself when it has no discriminator."""
    if not _has_discriminator(document):
        return document
    pinned = copy.deepcopy(document)
    for node in list(_schemas_with_discriminator(pinned)):
        discriminator = node["discriminator"]
        name = discriminator.get("propertyName")
        members = node.get("oneOf", node.get("anyOf"))
        if not isinstance(name, str) or not isinstance(members, list):
            continue  # a discriminator on a base schema others extend: nothing ties the value here
        mapping = discriminator.get("mapping") if isinstance(discriminator.get("mapping"), dict) else {}
        choices = [_pinned(member, name, _tags(member, mapping)) for member in members]
        if choices != members:
            parts = node.get("allOf")
            node["allOf"] = [*(parts if isinstance(parts, list) else []), {"anyOf": choices}]
    return pinned


def _tags(member: Any, mapping: dict[str, Any]) -> list[str]:
    """The discriminator values that select `member`: the mapping's keys naming it, else its schema name."""
    ref = member.get("$ref") if isinstance(member, dict) else None
    if not isinstance(ref, str):
        return []
    named = [key for key, value in mapping.items() if isinstance(value, str) and _as_ref(value) == ref]
    if named:
        return sorted(named)
    if ref.startswith(SCHEMAS) and ref.count("/") == 3:
        return [ref[len(SCHEMAS) :]]
    return []


def _as_ref(value: str) -> str:
    """A mapping value: a `$ref`, or (the specification allows it) a schema's name."""
    return value if "/" in value or "#" in value else SCHEMAS + value


def _pinned(member: Any, name: str, tags: list[str]) -> Any:
    if not tags:
        return member
    return {"allOf": [member, {"properties": {name: {"enum": tags}}, "required": [name]}]}


def _has_discriminator(node: Any) -> bool:
    return any(True for _ in _schemas_with_discriminator(node))


def _schemas_with_discriminator(root: Any) -> Iterator[dict[str, Any]]:
    pending = [root]
    seen: set[int] = set()
    while pending:  # iterative, and each node once: a document may be deep or share nodes (YAML anchors)
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            if isinstance(node.get("discriminator"), dict):
                yield node
            pending.extend(v for k, v in node.items() if k not in ("example", "examples", "default", "const", "enum"))
        elif isinstance(node, list):
            pending.extend(node)


@contextmanager
def unserialized() -> Iterator[None]:
    """schemathesis serializes parameters by style before they reach a Case (`a,b` for a path array); the client
    takes Python values and serializes them itself, so the draw is made without that step."""
    from schemathesis.specs.openapi.adapter import v3_0, v3_1

    saved = (v3_0.get_parameter_serializer, v3_1.get_parameter_serializer)

    def path_only(definitions: Any) -> Any:
        # path values stay serialized: schemathesis only draws path values it can place in a URL
        return saved[0]([d for d in definitions if isinstance(d, dict) and d.get("in") == "path"])

    v3_0.get_parameter_serializer = v3_1.get_parameter_serializer = path_only
    try:
        yield
    finally:
        v3_0.get_parameter_serializer, v3_1.get_parameter_serializer = saved


def drawn_cases(schema: Any, method: str, path: str, examples: int) -> list[Any]:
    """Up to `examples` positive cases for one operation, the same ones on every run."""
    from hypothesis import HealthCheck, Phase, given, settings

    operation = schema[path][method]
    drawn: list[Any] = []

    @settings(
        max_examples=examples,
        database=None,
        derandomize=True,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def draw(case: Any) -> None:
        drawn.append(case)

    with unserialized():
        draw()
    return drawn[:examples]
