"""JSON Schema validators for the reference server, built once at start-up.

One `referencing.Registry` holds every loaded document, so a `$ref` into another file (APIG's plugin-content.yaml)
resolves exactly as it does for the linter. Two keywords are replaced:

- `pattern` / `patternProperties`: JSON Schema patterns are ECMA-262 regular expressions. Python's `re` differs
  where it matters for a server that must reject what the schema rejects: `$` also matches before a final
  newline and `\\d`/`\\w` match any Unicode digit/letter. The ECMA engine of jsonschema-rs (the same one
  schemathesis checks with) decides instead, one compiled matcher per pattern.
- `format`: asserted with jsonschema-rs's format checkers, again so that server and fuzzer agree on every format.

Every schema is read in the document's own dialect, as the generated models read it: a `$schema` inside a schema
(lint rule `dialect`) would make both validators switch to that draft's keywords, or fail on a dialect they do
not know (`draft-05`), so the validators see the documents without it (`as_validated`), and with discriminator
mappings by schema name written as the `$ref`s the 3.0 validator resolves. The OpenAPI Format Registry's
integer formats (`int32`, `int64`: signed 32 and 64 bits) are ranges no JSON Schema format checker knows, so
`as_validated` writes them as the bounds they are (as schemathesis reads them): a server that keeps ids in
64 bits refuses `id=2**63`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, Literal
from urllib.parse import quote

import jsonschema
import jsonschema_rs
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.spec.load import Target, Workspace

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
_draft2020 = jsonschema.Draft202012Validator.VALIDATORS


def _null_allowed(schema: Any, instance: Any) -> bool:
    """`nullable: true` (OpenAPI 3.0, and 3.1 documents that keep it) admits null for the whole schema, also where
    it sits beside `oneOf`, `allOf` or a `$ref` without a `type` (which OpenAPI 3.0.3 reads as no effect): what
    the authors mean, and how schemathesis and the generated clients (`Optional`) read it. An `enum` that leaves
    null out still refuses it, as schemathesis reads request schemas."""
    if instance is not None or not isinstance(schema, dict) or schema.get("nullable") is not True:
        return False
    enum = schema.get("enum")
    return not isinstance(enum, list) or None in enum


def _nullable(checks: dict[str, Any]) -> dict[str, Any]:
    """Every keyword of `checks`, passing null in a schema that `_null_allowed` it."""

    def wrap(check: Any) -> Any:
        def checked(validator: Validator, value: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
            if not _null_allowed(schema, instance):
                yield from check(validator, value, instance, schema)

        return checked

    return {keyword: wrap(check) for keyword, check in checks.items()}


def _bound(keyword: str) -> Callable[..., Iterator[ValidationError]]:
    """`maximum`/`exclusiveMaximum` (and minimum) also read the 3.0 spelling found in 3.1 documents: a boolean
    `exclusiveMaximum` makes `maximum` exclusive, as the lint rule `exclusive-bound` reports."""
    limit = "maximum" if "aximum" in keyword else "minimum"
    flag = "exclusiveMaximum" if limit == "maximum" else "exclusiveMinimum"

    def check(validator: Validator, value: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
        flagged = isinstance(schema, dict) and isinstance(schema.get(flag), bool)
        if keyword == flag and isinstance(value, bool):
            if value and isinstance(schema.get(limit), (int, float)):
                yield from _draft2020[flag](validator, schema[limit], instance, schema)
            return
        if keyword == limit and flagged and schema[flag] is True:
            return  # checked as exclusive above
        yield from _draft2020[keyword](validator, value, instance, schema)

    return check


_OAS30_WORDS_IN_31 = {name: _bound(name) for name in ("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum")}
Draft202012Ecma: Any = _extend(
    jsonschema.Draft202012Validator, _nullable({**_draft2020, **_ECMA_KEYWORDS, **_OAS30_WORDS_IN_31})
)


def _discriminated(keyword: str, checks: Any) -> Callable[..., Iterator[ValidationError]]:
    """openapi-schema-validator looks the discriminator's value up in the mapping as it is: a list or an object
    there is a TypeError (a 500 for `{"kind": [null]}`). The Discriminator Object's property is a string, so any
    other value is the request's error, reported before the library sees it."""

    def check(validator: Validator, value: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
        discriminator = schema.get("discriminator") if isinstance(schema, dict) else None
        if isinstance(discriminator, dict) and isinstance(instance, dict):
            name = discriminator.get("propertyName")
            found = instance.get(name) if isinstance(name, str) else None
            if found is not None and not isinstance(found, str):
                yield ValidationError(f"the discriminator {name!r} must be a string, not {found!r}")
                return
        yield from checks[keyword](validator, value, instance, schema)

    return check


def _oas30_class() -> Any:
    from openapi_schema_validator import OAS30Validator

    library = OAS30Validator.VALIDATORS
    discriminated = {keyword: _discriminated(keyword, library) for keyword in ("oneOf", "anyOf", "allOf")}
    return _extend(OAS30Validator, _nullable({**library, **_ECMA_KEYWORDS, **discriminated}))


Direction = Literal["request", "response"]
# readOnly properties are the server's to fill and writeOnly ones are never answered, so a required one of either is
# required in one direction only (OpenAPI 3.0.3 Schema Object: "the required will take effect on the response
# only" / "on the request only"; 3.1 keeps the meaning). A property counts as marked on its own schema or on the
# one its `$ref` names.
_ONE_WAY: dict[Direction, str] = {"request": "readOnly", "response": "writeOnly"}
# JSON Schema's own `required`: openapi-schema-validator's (the 3.0 class) leaves out readOnly and writeOnly
# properties in both directions, so a request without its required writeOnly password passed
_REQUIRED = jsonschema.Draft202012Validator.VALIDATORS["required"]


def _directed(cls: Any, direction: Direction) -> Any:
    flag = _ONE_WAY[direction]

    def check(validator: Validator, names: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
        properties = schema.get("properties") if isinstance(schema, dict) else None
        if isinstance(names, list) and isinstance(properties, dict):
            names = [name for name in names if not _marked(validator, properties.get(name), flag)]
        yield from _REQUIRED(validator, names, instance, schema)

    return _extend(cls, {"required": check})


def _marked(validator: Validator, schema: Any, flag: str) -> bool:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        try:
            schema = validator._resolver.lookup(schema["$ref"]).contents
        except Exception:  # an unresolvable reference is reported where it is validated
            return False
    return isinstance(schema, dict) and schema.get(flag) is True


def target_uri(target: Target) -> str:
    return f"{target.document.uri}#{quote(target.pointer, safe='/~')}"


class FastPathValidator:
    """A jsonschema validator with jsonschema-rs in front of it, for the common case of a valid instance.

    Profiling the server under load (`make bench`) showed Python jsonschema dominating a valid create: the
    request body, its embedded JSON documents, the parameters and the self-check of the synthesized response
    are each walked keyword by keyword. jsonschema-rs decides validity in microseconds with the same semantics
    (Draft 2020-12, ECMA-262 patterns, the same format checkers: the ones the Python validator already
    borrows from it). Only an instance it rejects, or cannot take, goes to the Python validator, which produces
    the errors and messages exactly as before.
    """

    def __init__(self, python: Validator, fast: Any) -> None:
        self.python = python
        self._fast = fast

    def _fast_accepts(self, instance: Any) -> bool:
        try:
            return bool(self._fast.is_valid(instance))
        except Exception:  # e.g. an integer beyond 64 bits: let the Python validator decide
            return False

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        if self._fast_accepts(instance):
            return iter(())
        return iter(self.python.iter_errors(instance))

    def is_valid(self, instance: Any) -> bool:
        return self._fast_accepts(instance) or bool(self.python.is_valid(instance))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.python, name)


class SchemaSet:
    """Validators for schemas of one workspace, cached by the URI of the schema node."""

    def __init__(self, workspace: Workspace, openapi_version: str) -> None:
        self.workspace = workspace
        self._registry: Registry[Any] = Registry().with_resources(
            (doc.uri, Resource.from_contents(as_validated(doc.data), default_specification=DRAFT202012))
            for doc in workspace.documents.values()
        )
        self._oas30 = openapi_version.startswith("3.0")
        base: Any = _oas30_class() if self._oas30 else Draft202012Ecma
        self._classes: dict[Direction, Any] = {direction: _directed(base, direction) for direction in _ONE_WAY}
        self._validators: dict[tuple[str, Direction], Validator] = {}
        self._resolved: dict[tuple[str, int], tuple[Any, Target]] = {}
        # OpenAPI 3.0 schemas are not JSON Schema (nullable, exclusiveMinimum as a flag): Python only there
        self._fast_registry: Any = None if self._oas30 else _fast_registry(workspace)

    @property
    def oas30(self) -> bool:
        """OpenAPI 3.0 schema words (`nullable`, boolean exclusive bounds) instead of JSON Schema 2020-12."""
        return self._oas30

    def validator(self, target: Target, direction: Direction = "request") -> Validator:
        """A validator of the schema at `target` for what a client sends (`request`: a required readOnly property
        may be left out) or what a server answers (`response`: a required writeOnly one may)."""
        uri = target_uri(target)
        key = (uri, direction)
        if key not in self._validators:
            python = self._classes[direction]({"$ref": uri}, registry=self._registry)
            # jsonschema-rs requires every required property: what it accepts is valid in both directions
            fast = _fast_validator(uri, self._fast_registry) if self._fast_registry is not None else None
            self._validators[key] = FastPathValidator(python, fast) if fast is not None else python
        return self._validators[key]

    def resolve(self, base: Target, node: Any) -> Target:
        """A schema node written inside `base` (possibly a `$ref`), resolved against base's document.

        Cached: request handling resolves the same content-rule schemas on every request. The node is kept in
        the cache entry, so its id cannot be reused by another object while the entry lives.
        """
        key = (target_uri(base), id(node))
        cached = self._resolved.get(key)
        if cached is None or cached[0] is not node:
            cached = (node, self.workspace.follow(base.document, base.pointer, node))
            self._resolved[key] = cached
        return cached[1]


# Keywords whose value is an instance, not a schema: a `$schema` member there is data and stays.
_INSTANCE_KEYWORDS = frozenset({"const", "enum", "default", "example", "examples"})
# The OpenAPI Format Registry's fixed-width integers: the range each admits (any numeric instance; other types
# are not numbers the format speaks of, so `type: string, format: int64` stays a string of any digits).
INTEGER_FORMATS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def as_validated(document: Any) -> Any:
    """A document as the validators read it: without the `$schema` keyword of any schema (a string-valued
    `$schema` member; a property named `$schema` holds a schema, and instances under `const`, `enum`, `default`
    and the examples are left as written), and with each discriminator `mapping` value that is a schema name (as
    the specification allows) written as the `$ref` it names, which is all openapi-schema-validator's 3.0
    discriminator resolves, and with each `int32`/`int64` format's range added as an `allOf` member of bounds
    (its own member, so the schema's own bounds and 3.0 boolean exclusive flags keep their meaning). A document
    with none of these is returned as it is, not copied."""
    return _rewritten(document) if _needs_rewrite(document) else document


def _rewritten(node: Any) -> Any:
    if isinstance(node, list):
        return [_rewritten(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {
        key: value if key in _INSTANCE_KEYWORDS else _rewritten(value)
        for key, value in node.items()
        if not (key == "$schema" and isinstance(value, str))
    }
    mapping = _name_mapping(node)
    if mapping is not None:
        out["discriminator"] = {**node["discriminator"], "mapping": mapping}
    bounds = _format_bounds(node)
    if bounds is not None:
        members = out.get("allOf")
        out["allOf"] = [*(members if isinstance(members, list) else []), {"minimum": bounds[0], "maximum": bounds[1]}]
    return out


def _format_bounds(node: dict[str, Any]) -> tuple[int, int] | None:
    fmt = node.get("format")
    return INTEGER_FORMATS.get(fmt) if isinstance(fmt, str) else None


def _name_mapping(node: dict[str, Any]) -> dict[str, Any] | None:
    """The discriminator mapping of `node` with schema names made `$ref`s; None when there is nothing to change."""
    discriminator = node.get("discriminator")
    mapping = discriminator.get("mapping") if isinstance(discriminator, dict) else None
    if not isinstance(mapping, dict):
        return None
    names = {k: v for k, v in mapping.items() if isinstance(v, str) and v and "/" not in v and "#" not in v}
    if not names:
        return None
    return {k: f"#/components/schemas/{names[k]}" if k in names else v for k, v in mapping.items()}


def _needs_rewrite(node: Any) -> bool:
    pending = [node]
    while pending:  # iterative: a deeply nested document must not exhaust the stack here
        item = pending.pop()
        if isinstance(item, dict):
            if (
                isinstance(item.get("$schema"), str)
                or _name_mapping(item) is not None
                or _format_bounds(item) is not None
            ):
                return True
            pending.extend(v for k, v in item.items() if k not in _INSTANCE_KEYWORDS)
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _fast_registry(workspace: Workspace) -> Any:
    try:
        return jsonschema_rs.Registry([(doc.uri, as_validated(doc.data)) for doc in workspace.documents.values()])
    except Exception:  # a document jsonschema-rs cannot take: the Python validators do all the work
        return None


def _fast_validator(uri: str, registry: Any) -> Any:
    try:
        return jsonschema_rs.Draft202012Validator({"$ref": uri}, registry=registry, validate_formats=True)
    except Exception:
        return None
