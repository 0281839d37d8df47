"""A value that satisfies a schema, drawn by schemathesis' JSON Schema strategies (pattern, format, bounds).

The server's own builder (`synthesis.build_instance`) gives small readable values for plain schemas; when its
value breaks the schema (a `pattern`, a `format`, `multipleOf`, ...) this module asks schemathesis, the fuzzer
this project already runs, for one. hypothesis-jsonschema was the first choice, but its last release (0.23.1)
fails on current Hypothesis (`'many' object has no attribute 'more'`); schemathesis 4 carries a maintained
generator of its own. Its entry point (`schemathesis.generation.jsonschema.builder.build`) is internal, so the
version is pinned below 5 and any failure here only means falling back to the builder's value.

Drawing is deterministic (derandomized, no shrinking, no example database): the same schema gives the same
value on every start, within a bounded number of tries.
"""

from __future__ import annotations

import logging
from typing import Any

from generator.serve.schemas import SchemaSet, Validator
from generator.spec.diagnostics import join_pointer
from generator.spec.load import Target
from generator.spec.terms import SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_VALUED

log = logging.getLogger("generator.serve")
MAX_INLINE_DEPTH = 12  # a recursive schema is cut here (`{}`); the validator still judges the drawn value
MAX_TRIES = 200


def satisfying(schemas: SchemaSet, target: Target, validator: Validator) -> tuple[bool, Any]:
    """(True, value) with a value the validator accepts, or (False, None) when none was found."""
    try:
        import jsonschema_rs
        from hypothesis import HealthCheck, Phase, find, settings
        from hypothesis.errors import NoSuchExample, Unsatisfiable
        from schemathesis.generation.jsonschema.builder import build
        from schemathesis.specs.openapi.formats import get_default_format_strategies
    except ImportError as exc:  # the internal entry point moved: keep serving with the builder's value
        log.warning("schema-driven generation is unavailable (%s)", exc)
        return False, None
    schema = inline(schemas, target, oas30=schemas.oas30)
    config = settings(
        database=None,
        derandomize=True,
        max_examples=MAX_TRIES,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    try:
        strategy = build(schema, draft=jsonschema_rs.Draft202012, formats=get_default_format_strategies())
        return True, find(strategy, validator.is_valid, settings=config)
    except (NoSuchExample, Unsatisfiable):
        return False, None
    except Exception as exc:  # an engine error on an odd schema must not stop the server
        log.warning("no value could be drawn for %s: %s", target.pointer, exc)
        return False, None


def inline(
    schemas: SchemaSet, target: Target, *, oas30: bool, depth: int = 0, within: frozenset[Any] = frozenset()
) -> Any:
    """The schema with every `$ref` replaced by what it points to (across files), as plain JSON Schema.

    A schema met again inside itself (a recursive schema) is cut there (`{}`) at once: inlining each cycle down to
    MAX_INLINE_DEPTH grew the schema, and the values drawn from it, exponentially (minutes per response)."""
    target = schemas.workspace.follow(target.document, target.pointer, target.value)
    value = target.value
    key = (target.document.path, target.pointer)
    if depth > MAX_INLINE_DEPTH or key in within or not isinstance(value, dict):
        return {} if depth > MAX_INLINE_DEPTH or key in within else value
    inside = within | {key}

    def sub(*tokens: str | int) -> Any:
        node: Any = value
        for token in tokens:
            node = node[token]
        child = Target(target.document, join_pointer(target.pointer, *tokens), node)
        return inline(schemas, child, oas30=oas30, depth=depth + 1, within=inside)

    result: dict[str, Any] = {}
    for key, node in value.items():
        if key in _DROPPED or key.startswith("x-"):
            continue
        if key in SCHEMA_VALUED and isinstance(node, dict):
            result[key] = sub(key)
        elif key in SCHEMA_MAPS and isinstance(node, dict):
            result[key] = {name: sub(key, name) for name in node}
        elif key in SCHEMA_LISTS and isinstance(node, list):
            result[key] = [sub(key, index) for index in range(len(node))]
        else:
            result[key] = node
    return _from_oas30(result) if oas30 else result


_DROPPED = frozenset({"$ref", "$id", "$schema", "example", "examples", "discriminator", "xml", "externalDocs"})


def _from_oas30(schema: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI 3.0 schema words in JSON Schema 2020-12 terms (`nullable`, boolean exclusive bounds)."""
    if schema.pop("nullable", False) is True and isinstance(schema.get("type"), str):
        schema["type"] = [schema["type"], "null"]
    for exclusive, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        flag = schema.get(exclusive)
        if isinstance(flag, bool):
            del schema[exclusive]
            if flag and bound in schema:
                schema[exclusive] = schema.pop(bound)
    return schema
