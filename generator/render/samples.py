"""Argument values for the generated README: the spec's own example where it fits its schema, else a value built
from the schema (type, enum, bounds, lengths, format), checked against the schema before it is shown.

The README's calls are executed against the reference server in the tests, so a value that breaks its own
schema (a `minimum` above the `0` a naive placeholder would print) is never shown.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import jsonschema
from referencing import Registry
from referencing.jsonschema import DRAFT202012

_FORMATS: dict[str, Any] = {
    "date": "2024-01-31",
    "date-time": "2024-01-31T12:00:00Z",
    "time": "12:00:00",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "U3dhZ2dlciByb2Nrcw==",
    "password": "correct-horse-battery",
}
_MAX_DEPTH = 6


class Samples:
    """Values for the schemas of one API (`$ref`s point into `schemas`, keyed by class name)."""

    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self.schemas = schemas

    @cached_property
    def _registry(self) -> Registry[Any]:
        document = {"components": {"schemas": self.schemas}}
        registry: Registry[Any] = Registry().with_resource("urn:api", DRAFT202012.create_resource(document))
        return registry

    def fits(self, schema: Any, value: Any) -> bool:
        if not isinstance(schema, dict):
            return True
        try:
            rooted = {**_rebased(schema), "$schema": "https://json-schema.org/draft/2020-12/schema"}
            validator = jsonschema.Draft202012Validator(
                rooted, registry=self._registry, format_checker=jsonschema.FormatChecker()
            )
            return validator.is_valid(value)
        except Exception:  # an unusual schema: trust the value built for it
            return True

    def value(self, schema: Any, given: Any = None, has_given: bool = False) -> Any:
        """The given example when it fits, else a value built from the schema."""
        if has_given and self.fits(schema, given):
            return given
        built = self._build(schema, 0)
        return built

    def properties(self, schema: Any) -> dict[str, Any]:
        """The properties of an object schema (its `$ref` followed), each resolved too."""
        resolved = self._resolve(schema)
        found = resolved.get("properties") if isinstance(resolved, dict) else None
        if not isinstance(found, dict):
            return {}
        return {str(k): r for k, v in found.items() if isinstance(r := self._resolve(v), dict)}

    def _resolve(self, schema: Any) -> Any:
        for _ in range(16):
            if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
                schema = self.schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
            else:
                break
        return schema

    def _build(self, schema: Any, depth: int) -> Any:
        schema = self._resolve(schema)
        if not isinstance(schema, dict):
            return "string"
        for key in ("const", "default"):
            if key in schema and self.fits(schema, schema[key]):
                return schema[key]
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return schema["enum"][0]
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                return _tagged(schema, schema[key][0], self._build(schema[key][0], depth + 1))
        if isinstance(schema.get("allOf"), list) and schema["allOf"]:
            merged: dict[str, Any] = {}
            for member in self._all_of_members(schema):
                part = self._build(member, depth + 1)
                if isinstance(part, dict):
                    merged.update(part)
            if merged or "properties" not in schema:
                return merged
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = "object" if "properties" in schema else "array" if "items" in schema else "string"
        if kind == "object":
            return self._object(schema, depth)
        if kind == "array":
            count = max(1, int(schema.get("minItems", 1)))
            if depth >= _MAX_DEPTH:
                return []
            return [self._build(schema.get("items", {}), depth + 1) for _ in range(min(count, 3))]
        if kind == "integer":
            return int(self._number(schema, 1))
        if kind == "number":
            return float(self._number(schema, 1.5))
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return self._string(schema)

    def _all_of_members(self, schema: dict[str, Any]) -> list[Any]:
        """The parts an `allOf` joins: its members, then the schema's own keywords; nested `allOf`s flattened in
        that order without recursion (an inheritance chain thousands of links long is one level here, not
        thousands of frames), each schema once."""
        members: list[Any] = []
        seen: set[int] = set()
        stack = [schema]
        while stack:
            member = self._resolve(stack.pop())
            if id(member) in seen:
                continue
            seen.add(id(member))
            nested = member.get("allOf") if isinstance(member, dict) else None
            if isinstance(nested, list) and nested:
                stack.append({k: v for k, v in member.items() if k != "allOf"})
                stack.extend(reversed(nested))
            else:
                members.append(member)
        return members

    def _object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if depth >= _MAX_DEPTH:
            return result
        properties = schema.get("properties") or {}
        for name in schema.get("required") or []:
            if name in properties:
                sub = self._resolve(properties[name])
                if isinstance(sub, dict) and sub.get("readOnly") is True:
                    continue
                result[name] = self._build(sub, depth + 1)
        return result

    @staticmethod
    def _number(schema: dict[str, Any], fallback: float) -> float:
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        high = schema.get("maximum", schema.get("exclusiveMaximum"))
        value: float = fallback
        if isinstance(low, (int, float)) and not isinstance(low, bool):
            value = low + (1 if "exclusiveMinimum" in schema and "minimum" not in schema else 0)
        if isinstance(high, (int, float)) and not isinstance(high, bool) and value > high:
            value = high - (1 if "exclusiveMaximum" in schema and "maximum" not in schema else 0)
        step = schema.get("multipleOf")
        if isinstance(step, (int, float)) and step > 0:
            value = step * max(1, round(value / step))
        return value

    def _string(self, schema: dict[str, Any]) -> str:
        text = str(_FORMATS.get(str(schema.get("format", schema.get("x-format"))), "string"))
        low, high = schema.get("minLength"), schema.get("maxLength")
        if isinstance(low, int) and len(text) < low:
            text = text + "x" * (low - len(text))
        if isinstance(high, int) and len(text) > high:
            text = text[: max(high, 0)]
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and not self.fits({"pattern": pattern}, text):
            found = _from_regex(pattern, low, high)
            if found is not None:
                return found
        return text


def _tagged(union: dict[str, Any], member: Any, value: Any) -> Any:
    """`value` of a discriminated union's `member` with the discriminator value that selects it (the IR writes
    every member's values into the mapping, `generator.ir.unions`)."""
    discriminator = union.get("discriminator")
    if not isinstance(discriminator, dict) or not isinstance(value, dict) or not isinstance(member, dict):
        return value
    prop, mapping = discriminator.get("propertyName"), discriminator.get("mapping")
    if isinstance(prop, str) and isinstance(mapping, dict):
        tag = next((key for key, ref in mapping.items() if ref == member.get("$ref")), None)
        if tag is not None:
            return {**value, prop: tag}
    return value


def _rebased(schema: dict[str, Any]) -> dict[str, Any]:
    """`#/components/schemas/X` refs made absolute, so they resolve in the registry's document."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: ("urn:api" + v if k == "$ref" and isinstance(v, str) and v.startswith("#/") else walk(v))
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    result: dict[str, Any] = walk(schema)
    return result


def _from_regex(pattern: str, low: Any, high: Any) -> str | None:
    """The shortest plain string `pattern` describes (first alternative, first character of each class, fewest
    repetitions), or None. Built from the regex's parse tree: deterministic and instant, where a search with a
    random generator took seconds per pattern. The caller checks the result against the schema."""
    import re

    try:
        from re import _parser

        text = _first(_parser.parse(pattern), 0)
    except Exception:  # a construct not handled below, or a pattern Python cannot read
        return None
    if isinstance(low, int) and len(text) < low:
        return None
    if isinstance(high, int) and len(text) > high:
        return None
    return text if re.search(pattern, text) else None


def _first(parsed: Any, depth: int) -> str:
    from re import _constants as c

    if depth > 50:
        raise ValueError("too deep")
    out: list[str] = []
    for op, arg in parsed:
        if op is c.LITERAL:
            out.append(chr(arg))
        elif op is c.ANY:
            out.append("a")
        elif op is c.IN:
            out.append(_in(arg, c))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _high, item = arg
            out.append(_first(item, depth + 1) * low)
        elif op is c.BRANCH:
            out.append(_first(arg[1][0], depth + 1))
        elif op is c.SUBPATTERN:
            out.append(_first(arg[-1], depth + 1))
        elif op is c.AT:
            continue
        else:
            raise ValueError(f"unsupported {op}")
    return "".join(out)


def _in(items: Any, c: Any) -> str:
    negate = any(op is c.NEGATE for op, _ in items)
    if negate:
        excluded = {chr(arg) for op, arg in items if op is c.LITERAL}
        return next(ch for ch in "a0_-" if ch not in excluded)
    for op, arg in items:
        if op is c.LITERAL:
            return chr(arg)
        if op is c.RANGE:
            return chr(arg[0])
        if op is c.CATEGORY:
            return {c.CATEGORY_DIGIT: "0", c.CATEGORY_WORD: "a", c.CATEGORY_SPACE: " "}.get(arg, "a")
    raise ValueError("empty class")
