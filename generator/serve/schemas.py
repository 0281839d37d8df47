"""JSON Schema validators for the reference server, built once at start-up.

One `referencing.Registry` holds every loaded document, so a `$ref` into another file (APIG's plugin-content.yaml)
resolves exactly as it does for the linter. Two keywords are replaced:

- `pattern` / `patternProperties`: JSON Schema patterns are ECMA-262 regular expressions. Python's `re` differs
  where it matters for a server that must reject what the schema rejects: `$` also matches before a final
  newline and `\\d`/`\\w` match any Unicode digit/letter. The ECMA engine of jsonschema-rs (the same one
  schemathesis checks with) decides instead, one compiled matcher per pattern.
- `format`: asserted with jsonschema-rs's format checkers, again so that server and fuzzer agree on every format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any
from urllib.parse import quote

import jsonschema
import jsonschema_rs
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.load import Target, Workspace

Validator = Any  # a jsonschema validator instance (the library's Validator protocol is not generic-friendly)


@cache
def _ecma_matcher(pattern: str) -> Callable[[str], bool]:
    try:
        compiled = jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
    except (ValueError, jsonschema_rs.ValidationError):  # not ECMA-262: fall back to Python's reading
        import re

        regex = re.compile(pattern)
        return lambda text: regex.search(text) is not None
    return lambda text: bool(compiled.is_valid(text))


@cache
def _format_checker(name: str) -> Callable[[Any], bool] | None:
    try:
        compiled = jsonschema_rs.validator_for({"format": name}, validate_formats=True)
    except (ValueError, jsonschema_rs.ValidationError):
        return None
    return lambda value: bool(compiled.is_valid(value))


def _pattern(validator: Validator, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _ecma_matcher(pattern)(instance):
        yield ValidationError(f"does not match the pattern {pattern!r}")


def _pattern_properties(
    validator: Validator, patterns: dict[str, Any], instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if _ecma_matcher(pattern)(key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _format(validator: Validator, name: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    check = _format_checker(name)
    if check is not None and not check(instance):
        yield ValidationError(f"is not a valid {name!r}")


_ECMA_KEYWORDS = {"pattern": _pattern, "patternProperties": _pattern_properties, "format": _format}
_extend: Any = jsonschema.validators.extend  # untyped in types-jsonschema
Draft202012Ecma: Any = _extend(jsonschema.Draft202012Validator, _ECMA_KEYWORDS)


def _oas30_class() -> Any:
    from openapi_schema_validator import OAS30Validator

    return _extend(OAS30Validator, _ECMA_KEYWORDS)


def target_uri(target: Target) -> str:
    return f"{target.document.uri}#{quote(target.pointer, safe='/~')}"


class SchemaSet:
    """Validators for schemas of one workspace, cached by the URI of the schema node."""

    def __init__(self, workspace: Workspace, openapi_version: str) -> None:
        self.workspace = workspace
        self._registry: Registry[Any] = Registry().with_resources(
            (doc.uri, Resource.from_contents(doc.data, default_specification=DRAFT202012))
            for doc in workspace.documents.values()
        )
        self._cls: Any = _oas30_class() if openapi_version.startswith("3.0") else Draft202012Ecma
        self._validators: dict[str, Validator] = {}

    def validator(self, target: Target) -> Validator:
        uri = target_uri(target)
        if uri not in self._validators:
            self._validators[uri] = self._cls({"$ref": uri}, registry=self._registry)
        return self._validators[uri]

    def resolve(self, base: Target, node: Any) -> Target:
        """A schema node written inside `base` (possibly a `$ref`), resolved against base's document."""
        return self.workspace.follow(base.document, base.pointer, node)
