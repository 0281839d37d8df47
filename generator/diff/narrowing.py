"""What one schema accepts that another rejects, with a concrete value for each difference.

`Narrowing(side).compare(a, b)` finds the values `a` accepts and `b` rejects. On the request side `a` is the old
schema and `b` the new one (a client sends what the old contract allowed); on the response side `a` is the new one
and `b` the old one (a server sends what the new contract allows, the old client expects the old). Each finding
carries a witness value at its own level; its parents wrap it into a whole instance (an object gets the least
instance of its schema around it, an array one item), and the caller has the oracle prove it on the whole
document. Unions are matched by content: a branch of `a` is covered when some branch of `b` accepts all of it,
whatever its position, and candidates at a union are checked against both unions with the validator right away.

Why one module (~740 lines): it is one table, keyword by keyword (type, enum, bounds, lengths, pattern, required,
properties, items, unions), of how a JSON Schema keyword narrows, each entry small and sharing the witness
builder; the keywords are read together because their interplay (e.g. `type` with `enum`) decides the witness.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

from generator.diff.instances import Sampler, regex_samples
from generator.diff.oracle import Oracle
from generator.diff.same import Sameness
from generator.diff.schema import Shape, Shapes, canonical
from generator.diff.source import Loc

Side = Literal["request", "response"]
Level = Literal["breaking", "warning", "info"]
NO_VALUE: Any = object()
EXTRA_KEY = "unlisted_property"
MAX_DEPTH = 64
MAX_COMPARISONS = 10_000
MAX_FINDINGS = 200


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    path: tuple[str, ...]  # instance path below the compared schema
    loc_a: Loc | None
    loc_b: Loc | None
    witness: Any = NO_VALUE
    level: Level = "breaking"

    def under(self, token: str, witness: Any) -> Finding:
        return replace(self, path=(token, *self.path), witness=witness)


class Narrowing:
    def __init__(self, side: Side, shapes_a: Shapes, shapes_b: Shapes, oracle_a: Oracle, oracle_b: Oracle) -> None:
        self.side = side
        self.sameness = Sameness(shapes_a.spec, shapes_b.spec)
        self.shapes_a, self.shapes_b = shapes_a, shapes_b
        self.oracle_a, self.oracle_b = oracle_a, oracle_b
        self.sampler = Sampler(shapes_a)
        self._memo: dict[tuple[Any, ...], list[Finding]] = {}
        self._active: set[tuple[Any, ...]] = set()
        self._budget = MAX_COMPARISONS

    def say(self, request: str, response: str) -> str:
        return request if self.side == "request" else response

    def compare_locs(self, a: list[Loc], b: list[Loc], depth: int = 0) -> list[Finding]:
        """`compare` for schema nodes; an unchanged pair is recognised before any shape is built."""
        if len(a) == len(b) and all(self.sameness.same(x, y) for x, y in zip(a, b, strict=True)):
            return []
        found = self.compare(self.shapes_a.conjunction(a), self.shapes_b.conjunction(b), depth)
        if depth == 0 and len(found) > MAX_FINDINGS:  # per request or response part; the rest is summarised
            rest = len(found) - MAX_FINDINGS
            found = [
                *found[:MAX_FINDINGS],
                Finding("too-many-changes", f"{rest} more change(s) not listed", (), a[0], b[0], level="warning"),
            ]
        return found

    def compare(self, a: Shape, b: Shape, depth: int = 0) -> list[Finding]:
        if b.is_any:
            return []
        if depth > MAX_DEPTH:  # bounded, and said: a hostile or generated document must not be silently passed
            return [
                Finding(
                    "nesting-too-deep",
                    f"schemas nest deeper than {MAX_DEPTH} levels: not compared below",
                    (),
                    a.loc,
                    b.loc,
                    level="warning",
                )
            ]
        key = (tuple(p.key for p in a.parts), tuple(p.key for p in b.parts))
        if key in self._memo:
            return self._memo[key]
        self._budget -= 1
        if self._budget < 0:  # YAML aliases can make a small file an exponential tree: bounded, and said
            return (
                []
                if self._budget < -1
                else [
                    Finding(
                        "comparison-budget-exhausted",
                        f"more than {MAX_COMPARISONS} schema pairs: the rest is not compared",
                        (),
                        a.loc,
                        b.loc,
                        level="warning",
                    )
                ]
            )
        if key in self._active:  # a recursive schema: the cycle adds nothing new
            return []
        if len(a.parts) == len(b.parts) and all(
            self.sameness.same(x, y) for x, y in zip(a.parts, b.parts, strict=True)
        ):
            self._memo[key] = []
            return []
        self._active.add(key)
        try:
            if a.branches:
                found = [f for branch in a.branches for f in self.compare(branch, b, depth + 1)]
                found = _unique(found)
            elif b.branches:
                found = self._into_union(a, b, depth)
            else:
                found = self._plain(a, b, depth)
        finally:
            self._active.discard(key)
        if len(found) > MAX_FINDINGS:  # at every level, so that aliased (exponential) trees stay bounded
            rest = len(found) - MAX_FINDINGS
            found = [
                *found[:MAX_FINDINGS],
                Finding("too-many-changes", f"{rest} more change(s) not listed", (), a.loc, b.loc, level="warning"),
            ]
        self._memo[key] = found
        return found

    # ---- unions ---------------------------------------------------------------------------------------------

    def _into_union(self, a: Shape, b: Shape, depth: int) -> list[Finding]:
        results = [self.compare(a, branch, depth + 1) for branch in b.branches]
        covering = [i for i, found in enumerate(results) if not any(f.level == "breaking" for f in found)]
        if covering and (b.union == "anyOf" or len(covering) == 1):
            return []
        if not covering and not a.branches and a.types is not None and len(a.types) > 1:
            # `type: [string, "null"]` against `anyOf: [{type: string}, {type: null}]`: each type on its own
            split = [replace(a, types=frozenset({kind})) for kind in sorted(a.types)]
            if all(self._covered(part, b, depth) for part in split):
                return []
        candidates = [self.sampler.sample(a)]
        candidates += [f.witness for found in results for f in found if f.witness is not NO_VALUE]
        for value in candidates:
            if self.oracle_a.all_valid(a.parts, value) and not self.oracle_b.all_valid(b.parts, value):
                what = "no branch" if not covering else "more than one branch"
                return [
                    Finding(
                        f"{b.union}-branch-mismatch",
                        self.say(
                            f"a value the old schema accepts matches {what} of the new {b.union}",
                            f"the new schema allows a value that matches {what} of the old {b.union}",
                        ),
                        (),
                        a.loc,
                        b.at(b.union or ""),
                        value,
                    )
                ]
        if covering:
            return []  # every candidate matched exactly one branch: the overlap is not reachable from `a`
        best = min(results, key=len)
        return [replace(f, level="warning") for f in best] or [
            Finding(
                f"{b.union}-changed",
                f"{b.union} changed and no value proves a break",
                (),
                a.loc,
                b.loc,
                level="warning",
            )
        ]

    def _covered(self, a: Shape, b: Shape, depth: int) -> bool:
        found = [self._plain(a, branch, depth + 1) if not branch.branches else [] for branch in b.branches]
        covering = [i for i, f in enumerate(found) if not any(x.level == "breaking" for x in f)]
        return bool(covering) and (b.union == "anyOf" or len(covering) == 1)

    # ---- plain schemas --------------------------------------------------------------------------------------

    def _plain(self, a: Shape, b: Shape, depth: int) -> list[Finding]:
        found: list[Finding] = []
        kinds = self._kinds(a)
        lost = [k for k in kinds if not b.allows_type(k)]
        for kind in lost:
            value = self._sample_kind(a, kind)
            if value is NO_VALUE:
                continue
            if kind == "null":
                found.append(
                    Finding(
                        "nullable-removed" if self.side == "request" else "nullable-added",
                        self.say("null is no longer accepted", "may now be null"),
                        (),
                        a.at("type"),
                        b.at("type"),
                        value,
                    )
                )
            else:
                found.append(
                    Finding(
                        "type-changed",
                        self.say(
                            f"type {_types(a)} narrowed to {_types(b)}", f"type {_types(b)} widened to {_types(a)}"
                        ),
                        (),
                        a.at("type"),
                        b.at("type"),
                        value,
                    )
                )
        kept = [k for k in kinds if b.allows_type(k)]
        if not kept:
            return found
        found += self._enum(a, b, kept)
        if b.enum is not None:
            return found
        if "string" in kept:
            found += self._strings(a, b)
        if "number" in kept or "integer" in kept:
            found += self._numbers(a, b, "integer" if "number" not in kept else "number")
        if "array" in kept:
            found += self._arrays(a, b, depth)
        if "object" in kept:
            found += self._objects(a, b, depth)
        found += self._opaque(a, b)
        return found

    def _kinds(self, shape: Shape) -> list[str]:
        if shape.types is None:
            return ["null", "boolean", "object", "array", "number", "string"]
        return sorted(shape.types)

    def _sample_kind(self, a: Shape, kind: str) -> Any:
        if a.enum is not None:
            for value in a.enum:
                if _kind_of(value) == kind or (kind == "number" and _kind_of(value) == "integer"):
                    return value
            return NO_VALUE
        if kind == "number":
            value = self.sampler.number(a, integer=False)
            return value + 0.5 if float(value).is_integer() and not a.multiple_of else value
        return self.sampler.sample(a, kind=kind)

    def _enum(self, a: Shape, b: Shape, kept: list[str]) -> list[Finding]:
        if b.enum is None:
            return []
        allowed = {canonical(v) for v in b.enum}
        found = []
        if a.enum is not None:
            for value in a.enum:
                if canonical(value) not in allowed and _kind_of(value) in kept + (
                    ["integer"] if "number" in kept else []
                ):
                    found.append(
                        Finding(
                            "enum-value-removed" if self.side == "request" else "enum-value-added",
                            self.say(f"enum value {value!r} is no longer accepted", f"may now be enum value {value!r}"),
                            (),
                            a.at("enum"),
                            b.at("enum"),
                            value,
                        )
                    )
            return found
        for value in self._outside_enum(a, kept, allowed):
            return [
                Finding(
                    "enum-added" if self.side == "request" else "enum-removed",
                    self.say("values are now restricted to an enum", "values are no longer restricted to an enum"),
                    (),
                    a.loc,
                    b.at("enum"),
                    value,
                )
            ]
        return []

    def _outside_enum(self, a: Shape, kept: list[str], allowed: set[str]) -> Iterable[Any]:
        for kind in kept:
            base = self._sample_kind(a, kind)
            for value in (base, *_variants(base)):
                if value is not NO_VALUE and canonical(value) not in allowed and self._local_a(a, value):
                    yield value

    def _local_a(self, a: Shape, value: Any) -> bool:
        return self.oracle_a.all_valid(a.parts, value)

    def _strings(self, a: Shape, b: Shape) -> list[Finding]:
        found = []
        if b.max_length is not None and (a.max_length is None or a.max_length > b.max_length):
            value = self._string_of_length(a, b.max_length + 1)
            found.append(
                Finding(
                    "max-length-decreased" if self.side == "request" else "max-length-increased",
                    self.say(
                        f"maxLength lowered to {b.max_length}" + _was(a.max_length),
                        f"maxLength raised from {b.max_length} to {a.max_length or 'unbounded'}",
                    ),
                    (),
                    a.at("maxLength"),
                    b.at("maxLength"),
                    value,
                )
            )
        if b.min_length > a.min_length:
            value = self._string_of_length(a, a.min_length)
            found.append(
                Finding(
                    "min-length-increased" if self.side == "request" else "min-length-decreased",
                    self.say(
                        f"minLength raised from {a.min_length} to {b.min_length}",
                        f"minLength lowered from {b.min_length} to {a.min_length}",
                    ),
                    (),
                    a.at("minLength"),
                    b.at("minLength"),
                    value,
                )
            )
        new_patterns = [p for p in b.patterns if p not in a.patterns]
        if new_patterns:
            value = self._string_against(a, new_patterns)
            message = self.say(
                f"pattern {new_patterns[0]!r} now applies", f"pattern {new_patterns[0]!r} no longer applies"
            )
            found.append(
                Finding(
                    "pattern-changed",
                    message,
                    (),
                    a.at("pattern"),
                    b.at("pattern"),
                    value,
                    "breaking" if value is not NO_VALUE else "warning",
                )
            )
        added_formats = sorted(b.formats - a.formats)
        if added_formats:
            found.append(
                Finding(
                    "format-changed",
                    self.say(
                        f"format {added_formats[0]!r} now applies", f"format {added_formats[0]!r} no longer applies"
                    ),
                    (),
                    a.at("format"),
                    b.at("format"),
                    level="warning",
                )
            )
        return found

    def _string_of_length(self, a: Shape, length: int) -> Any:
        """A string `a` accepts of exactly `length` characters, else of the nearest length on the same side of
        the bound (for a maximum raised to `length - 1`: any longer one `a` accepts)."""
        candidates = [e for e in a.examples if isinstance(e, str)]
        for pattern in a.patterns[:1]:
            candidates += regex_samples(pattern, length)
        candidates.append("a" * length)
        for text in candidates:
            if len(text) < length and candidates:
                text = text + text[-1:] * (length - len(text)) if text else "a" * length
            elif len(text) > length:
                text = text[:length]
            if self.sampler.string_fits(a, text):
                return text
        upward = length > a.min_length
        for text in candidates:
            if (len(text) >= length if upward else len(text) <= length) and self.sampler.string_fits(a, text):
                return text
        return NO_VALUE

    def _string_against(self, a: Shape, patterns: list[str]) -> Any:
        candidates = [e for e in a.examples if isinstance(e, str)]
        for pattern in a.patterns:
            candidates += regex_samples(pattern, a.min_length)
        candidates += [self.sampler.string(a), "a", "A", "0", "-", "a b", "", "Z" * max(a.min_length, 1)]
        for text in candidates:
            if not self.sampler.string_fits(a, text):
                continue
            try:
                if not all(re.search(p, text) for p in patterns):
                    return text
            except re.error:
                return NO_VALUE
        return NO_VALUE

    def _numbers(self, a: Shape, b: Shape, kind: str) -> list[Finding]:
        found = []
        integer = kind == "integer"
        step = 1 if integer else 0.5
        if b.minimum is not None and _lower_tighter(b.minimum, a.minimum):
            value = b.minimum[0] if b.minimum[1] else b.minimum[0] - step
            if a.minimum is not None:
                value = max(value, a.minimum[0] + (step if a.minimum[1] else 0))
            found.append(
                Finding(
                    "minimum-increased" if self.side == "request" else "minimum-decreased",
                    self.say(f"minimum raised to {_num(b.minimum)}", f"minimum lowered from {_num(b.minimum)}"),
                    (),
                    a.at("minimum"),
                    b.at("minimum"),
                    _clean(value, integer),
                )
            )
        if b.maximum is not None and _upper_tighter(b.maximum, a.maximum):
            value = b.maximum[0] + step if not b.maximum[1] else b.maximum[0]
            if a.maximum is not None:
                value = min(value, a.maximum[0] - (step if a.maximum[1] else 0))
            found.append(
                Finding(
                    "maximum-decreased" if self.side == "request" else "maximum-increased",
                    self.say(f"maximum lowered to {_num(b.maximum)}", f"maximum raised from {_num(b.maximum)}"),
                    (),
                    a.at("maximum"),
                    b.at("maximum"),
                    _clean(value, integer),
                )
            )
        for divisor in b.multiple_of:
            if any(_is_multiple(m, divisor) for m in a.multiple_of):
                continue
            base = (
                math.lcm(*[int(m) for m in a.multiple_of])
                if a.multiple_of and all(float(m).is_integer() for m in a.multiple_of)
                else 1
            )
            value = next((base * k for k in range(1, 50) if not _is_multiple(base * k, divisor)), NO_VALUE)
            found.append(
                Finding(
                    "multiple-of-changed",
                    self.say(f"multipleOf {divisor} now applies", f"multipleOf {divisor} no longer applies"),
                    (),
                    a.at("multipleOf"),
                    b.at("multipleOf"),
                    value,
                )
            )
        return found

    def _arrays(self, a: Shape, b: Shape, depth: int) -> list[Finding]:
        found: list[Finding] = []
        if (
            b.max_items is None
            and not b.min_items
            and not b.unique_items
            and a.items
            and len(a.items) == len(b.items)
            and all(self.sameness.same(x, y) for x, y in zip(a.items, b.items, strict=True))
        ):
            return found
        item_a = self.shapes_a.conjunction(a.items) if a.items else Shape(parts=a.parts)
        item = self.sampler.sample(item_a) if a.items else "a"
        if b.max_items is not None and (a.max_items is None or a.max_items > b.max_items):
            values = [item] * (b.max_items + 1) if not a.unique_items else _distinct(item, b.max_items + 1)
            found.append(
                Finding(
                    "max-items-decreased" if self.side == "request" else "max-items-increased",
                    self.say(f"maxItems lowered to {b.max_items}", f"maxItems raised from {b.max_items}"),
                    (),
                    a.at("maxItems"),
                    b.at("maxItems"),
                    values,
                )
            )
        if b.min_items > a.min_items:
            found.append(
                Finding(
                    "min-items-increased" if self.side == "request" else "min-items-decreased",
                    self.say(f"minItems raised to {b.min_items}", f"minItems lowered from {b.min_items}"),
                    (),
                    a.at("minItems"),
                    b.at("minItems"),
                    [item] * a.min_items,
                )
            )
        if b.unique_items and not a.unique_items:
            found.append(
                Finding(
                    "unique-items-added" if self.side == "request" else "unique-items-removed",
                    self.say("items must now be unique", "items may now repeat"),
                    (),
                    a.loc,
                    b.at("uniqueItems"),
                    [item, item] + [item] * max(0, a.min_items - 2),
                )
            )
        if b.items:
            pairs = self.compare_locs(a.items, b.items, depth + 1) if a.items else None
            item_b = self.shapes_b.conjunction(b.items)
            for finding in pairs if pairs is not None else self.compare(item_a, item_b, depth + 1):
                witness = finding.witness
                if witness is not NO_VALUE:
                    witness = [witness] + [item] * max(0, a.min_items - 1)
                found.append(finding.under("[]", witness))
        return found

    def _objects(self, a: Shape, b: Shape, depth: int) -> list[Finding]:
        found = []
        base = self.sampler.sample(a, kind="object")
        base = base if isinstance(base, dict) else {}
        for name in sorted(b.required - a.required):
            if name in base or self._one_way(b, name):
                continue
            prop_loc = b.props[name][0] if name in b.props else b.at("required")
            witness = {k: v for k, v in base.items() if k != name}
            found.append(
                Finding(
                    "property-required" if self.side == "request" else "property-optional",
                    self.say(f"property {name!r} is now required", f"property {name!r} is no longer required"),
                    (),
                    a.props[name][0] if name in a.props else a.loc,
                    prop_loc,
                    witness,
                )
            )
        for name in sorted(a.props):
            if name in b.props:
                for finding in self.compare_locs(a.props[name], b.props[name], depth + 1):
                    witness = finding.witness
                    if witness is not NO_VALUE:
                        witness = {**base, name: witness}
                    found.append(finding.under(name, witness))
                continue
            shape_a = self.shapes_a.conjunction(a.props[name])
            if _forbidden(b, name):
                value = base.get(name, self.sampler.sample(shape_a))
                found.append(
                    Finding(
                        "property-removed" if self.side == "request" else "property-added",
                        self.say(
                            f"property {name!r} is no longer accepted",
                            f"property {name!r} was added to a closed object",
                        ),
                        (name,),
                        a.props[name][0],
                        b.at("additionalProperties"),
                        {**base, name: value},
                    )
                )
            elif self.side == "request" and not b.extra and not a.extra:
                found.append(
                    Finding(
                        "property-undocumented",
                        f"property {name!r} is no longer documented (the server may ignore it; the generated model "
                        "loses the field)",
                        (name,),
                        a.props[name][0],
                        b.loc,
                        level="warning",
                    )
                )
            elif b.extra:
                shape_b = self.shapes_b.conjunction([loc for names, loc in b.extra if name not in names])
                for finding in self.compare(shape_a, shape_b, depth + 1):
                    witness = finding.witness if finding.witness is NO_VALUE else {**base, name: finding.witness}
                    found.append(finding.under(name, witness))
        if self.side == "response":  # a field the old response had, the new one no longer describes
            for name in sorted(set(b.props) - set(a.props)):
                if _forbidden(a, name) or name in a.required:
                    continue
                shape_b = self.shapes_b.conjunction(b.props[name])
                if shape_b.is_any:
                    continue
                value = _foreign_value(shape_b)
                found.append(
                    Finding(
                        "property-removed",
                        f"property {name!r} was removed from the response",
                        (name,),
                        a.loc,
                        b.props[name][0],
                        {**base, name: value},
                    )
                )
        if b.closed and not _forbidden(a, EXTRA_KEY) and _forbidden(b, EXTRA_KEY):
            found.append(
                Finding(
                    "additional-properties-closed" if self.side == "request" else "additional-properties-opened",
                    self.say(
                        "additionalProperties: false now applies", "additionalProperties: false no longer applies"
                    ),
                    (),
                    a.loc,
                    b.closed[0][1],
                    {**base, EXTRA_KEY: "a"},
                    "breaking" if self.side == "request" else "warning",
                )
            )
        elif b.extra and not a.closed:
            extra_b = self.shapes_b.conjunction([loc for _, loc in b.extra])
            extra_a = self.shapes_a.conjunction([loc for _, loc in a.extra]) if a.extra else Shape(parts=a.parts)
            for finding in self.compare(extra_a, extra_b, depth + 1):
                witness = finding.witness if finding.witness is NO_VALUE else {**base, EXTRA_KEY: finding.witness}
                found.append(finding.under("*", witness))
        if b.max_props is not None and (a.max_props is None or a.max_props > b.max_props):
            found.append(
                Finding(
                    "max-properties-changed",
                    "maxProperties tightened",
                    (),
                    a.loc,
                    b.at("maxProperties"),
                    level="warning",
                )
            )
        if b.min_props > a.min_props:
            found.append(
                Finding(
                    "min-properties-changed",
                    "minProperties tightened",
                    (),
                    a.loc,
                    b.at("minProperties"),
                    level="warning",
                )
            )
        return found

    def _one_way(self, shape: Shape, name: str) -> bool:
        """A readOnly property is never sent (requests), a writeOnly one never returned (responses): OpenAPI
        exempts them from `required` there."""
        if name not in shape.props:
            return False
        prop = self.shapes_b.conjunction(shape.props[name])
        return prop.read_only if self.side == "request" else prop.write_only

    def _opaque(self, a: Shape, b: Shape) -> list[Finding]:
        found = []
        for keyword in sorted(set(a.opaque) | set(b.opaque)):
            if a.opaque.get(keyword) != b.opaque.get(keyword):
                found.append(
                    Finding(
                        "keyword-changed",
                        f"`{keyword}` changed (not compared: review by hand)",
                        (),
                        a.at(keyword),
                        b.at(keyword),
                        level="warning",
                    )
                )
        return found


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, tuple[str, ...]]] = set()
    result = []
    for finding in findings:
        if (finding.rule, finding.path) not in seen:
            seen.add((finding.rule, finding.path))
            result.append(finding)
    return result


def _forbidden(shape: Shape, name: str) -> bool:
    return any(name not in names for names, _ in shape.closed)


def _foreign_value(shape: Shape) -> Any:
    """A value of a type the shape does not allow (the witness that a field is no longer described)."""
    for value in ({"unexpected": True}, "unexpected", 12345, True, [1], None):
        kind = _kind_of(value)
        if not shape.allows_type(kind) or (shape.enum is not None and value not in shape.enum):
            return value
    return {"unexpected": True}


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _variants(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [value + "_unlisted", "unlisted", "zz" + value]
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, (int, float)):
        return [value + 1, value + 7919, value - 1]
    return []


def _distinct(item: Any, count: int) -> list[Any]:
    if isinstance(item, str):
        return [f"{item}{i}" for i in range(count)]
    if isinstance(item, (int, float)) and not isinstance(item, bool):
        return [item + i for i in range(count)]
    return [item] * count


def _types(shape: Shape) -> str:
    return "any" if shape.types is None else "|".join(sorted(shape.types)) or "nothing"


def _was(value: int | None) -> str:
    return f" (was {value})" if value is not None else " (was unbounded)"


def _num(bound: tuple[float, bool]) -> str:
    value = int(bound[0]) if float(bound[0]).is_integer() else bound[0]
    return f"{value} (exclusive)" if bound[1] else str(value)


def _clean(value: float, integer: bool) -> int | float:
    if integer:
        return math.floor(value) if value == math.floor(value) else math.ceil(value)
    return int(value) if float(value).is_integer() else value


def _lower_tighter(b: tuple[float, bool], a: tuple[float, bool] | None) -> bool:
    return a is None or b[0] > a[0] or (b[0] == a[0] and b[1] and not a[1])


def _upper_tighter(b: tuple[float, bool], a: tuple[float, bool] | None) -> bool:
    return a is None or b[0] < a[0] or (b[0] == a[0] and b[1] and not a[1])


def _is_multiple(value: float, divisor: float) -> bool:
    quotient = value / divisor
    return abs(quotient - round(quotient)) < 1e-9
