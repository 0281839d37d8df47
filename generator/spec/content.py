"""Embedded JSON documents: string properties with `contentMediaType: application/json` and a `contentSchema`.

JSON Schema 2020-12 treats `contentSchema` as an annotation, so no validator asserts it. The specs choose the
content schema by a sibling property with standard `if`/`then` entries under `allOf`, e.g. for APIG:

    allOf:
      - if: {properties: {plugin_type: {const: cors}}, required: [plugin_type]}
        then: {properties: {plugin_content: {contentSchema: {$ref: ...CorsPluginContent}}}}

This module recognises that pattern on any schema, so the linter, the reference server and the generated
clients can assert the embedded document against the schema selected for it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.spec.model.media import is_json_media


@dataclass(frozen=True)
class ContentRule:
    """When `instance[selector] == value`, `instance[property]` is JSON text valid against `schema`."""

    selector: str
    value: Any
    property: str
    schema: Any  # the contentSchema node as written (usually a {"$ref": ...})


@dataclass(frozen=True)
class ContentFailure:
    path: tuple[str | int, ...]
    message: str


def _const_selector(condition: Any) -> tuple[str, Any] | None:
    if not isinstance(condition, dict):
        return None
    props = condition.get("properties")
    if not isinstance(props, dict) or len(props) != 1:
        return None
    ((name, sub),) = props.items()
    if isinstance(sub, dict) and "const" in sub:
        return name, sub["const"]
    if isinstance(sub, dict) and isinstance(sub.get("enum"), list) and len(sub["enum"]) == 1:
        return name, sub["enum"][0]
    return None


def content_rules(schema: Any) -> list[ContentRule]:
    """The if/then content rules declared directly under `allOf` of an object schema."""
    rules: list[ContentRule] = []
    if not isinstance(schema, dict):
        return rules
    for entry in schema.get("allOf") or []:
        if not isinstance(entry, dict) or "if" not in entry or "then" not in entry:
            continue
        selector = _const_selector(entry["if"])
        then_props = entry["then"].get("properties") if isinstance(entry["then"], dict) else None
        if selector is None or not isinstance(then_props, dict):
            continue
        for prop, sub in then_props.items():
            if isinstance(sub, dict) and "contentSchema" in sub:
                rules.append(ContentRule(selector[0], selector[1], prop, sub["contentSchema"]))
    return rules


def json_content_properties(schema: Any) -> list[str]:
    """Properties declared as JSON text (whether or not a content schema is selected for them)."""
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return []
    return [
        name
        for name, sub in schema["properties"].items()
        if isinstance(sub, dict)
        and isinstance(sub.get("contentMediaType"), str)
        and is_json_media(sub["contentMediaType"])
    ]


def content_selection(
    schema: Any,
    instance: Any,
    validator_for: Callable[[Any], Any | None],
) -> Iterator[ContentFailure]:
    """Check the embedded JSON documents of `instance` (already valid against `schema` itself).

    `validator_for(content_schema_node)` returns a jsonschema validator for a rule's schema node, or None when it
    cannot be resolved (that is reported elsewhere).
    """
    if not isinstance(instance, dict):
        return
    parsed: dict[str, Any] = {}
    for prop in json_content_properties(schema):
        text = instance.get(prop)
        if not isinstance(text, str):
            continue
        try:
            parsed[prop] = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ContentFailure((prop,), f"{prop} is not valid JSON: {exc.msg} at character {exc.pos}")
    for rule in content_rules(schema):
        if instance.get(rule.selector) != rule.value or rule.property not in parsed:
            continue
        validator = validator_for(rule.schema)
        if validator is None:
            continue
        for error in sorted(validator.iter_errors(parsed[rule.property]), key=lambda e: list(e.absolute_path)):
            inner = "/" + "/".join(str(p) for p in error.absolute_path) if error.absolute_path else "/"
            yield ContentFailure(
                (rule.property,),
                f"{rule.property} (JSON for {rule.selector}={rule.value!r}) at {inner}: {error.message}",
            )
