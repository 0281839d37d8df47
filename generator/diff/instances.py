"""Small concrete values: the least instance of a schema, and strings for a regular expression.

These are candidates only: every witness built from them is checked by the validator (`oracle`) before a change
is reported as breaking.
"""

from __future__ import annotations

import math
import re

# the parser behind `re`: the same syntax the validator's fallback uses for `pattern` (Python >= 3.11)
import re._parser as sre_parse  # type: ignore[import-not-found,unused-ignore]
from re import _constants as sre  # type: ignore[attr-defined,unused-ignore]
from typing import Any

from generator.diff.schema import Shape, Shapes

FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00Z",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "email": "a@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
}
MAX_DEPTH = 64
LONGEST = -1
MAX_NODES = 20_000


def regex_samples(pattern: str, min_length: int = 0) -> list[str]:
    """Several strings that `re.search(pattern, s)` accepts, built from the parsed pattern (none if it cannot)."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return []
    found: list[str] = []
    for pick in (0, -1):
        for stretch in (0, 1, 3, max(min_length, 0), LONGEST):
            try:
                text = _emit(parsed, pick, stretch, 0)
            except (ValueError, RecursionError, IndexError, TypeError):
                continue
            if text not in found:
                found.append(text)
    return found


def _emit(items: Any, pick: int, stretch: int, depth: int) -> str:
    if depth > 40:
        raise ValueError("pattern too deep")
    out: list[str] = []
    for op, arg in items:
        if op is sre.LITERAL:
            out.append(chr(arg))
        elif op is sre.NOT_LITERAL:
            out.append("a" if chr(arg) != "a" else "b")
        elif op is sre.ANY:
            out.append("a")
        elif op is sre.IN:
            out.append(_from_set(arg, pick))
        elif op is sre.BRANCH:
            out.append(_emit(arg[1][pick], pick, stretch, depth + 1))
        elif op is sre.SUBPATTERN:
            out.append(_emit(arg[-1], pick, stretch, depth + 1))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            low, high, body = arg
            if stretch == LONGEST:  # the upper bound of every bounded repeat, one more round of an unbounded one
                count = low + 1 if high is sre.MAXREPEAT else high
            else:
                count = low + stretch if high is sre.MAXREPEAT else min(high, low + stretch)
            out.append(_emit(body, pick, stretch, depth + 1) * min(count, 4096))
        elif op in (sre.AT, getattr(sre, "ASSERT", None), getattr(sre, "ASSERT_NOT", None)):
            continue
        elif op is sre.GROUPREF:
            raise ValueError("back-reference")
        else:
            raise ValueError(f"unsupported {op}")
    return "".join(out)


_CATEGORY = {
    "CATEGORY_DIGIT": "0",
    "CATEGORY_WORD": "a",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_NOT_WORD": "-",
    "CATEGORY_NOT_SPACE": "a",
}


def _from_set(items: Any, pick: int) -> str:
    if items and items[0][0] is sre.NEGATE:
        excluded = {chr(a) for op, a in items[1:] if op is sre.LITERAL}
        for char in "a0-_ Z":
            if char not in excluded and not any(op is sre.RANGE and a[0] <= ord(char) <= a[1] for op, a in items):
                return char
        raise ValueError("negated set")
    op, arg = items[pick]
    if op is sre.LITERAL:
        return chr(arg)
    if op is sre.RANGE:
        return chr(arg[0] if pick == 0 else arg[1])
    if op is sre.CATEGORY:
        return _CATEGORY.get(str(arg), "a")
    raise ValueError("set")


class Sampler:
    """The least instance of a shape (required properties only, shortest strings, smallest numbers)."""

    def __init__(self, shapes: Shapes) -> None:
        self.shapes = shapes
        # by identity (the entry keeps its shape alive, so an id is never reused); callers copy before changing
        self._memo: dict[tuple[int, str | None], tuple[Shape, Any]] = {}
        self._budget = MAX_NODES  # YAML aliases can make a small schema an exponential tree

    def sample(self, shape: Shape, depth: int = 0, kind: str | None = None) -> Any:
        key = (id(shape), kind)
        entry = self._memo.get(key)
        if entry is None or entry[0] is not shape:
            entry = self._memo[key] = (shape, self._sample(shape, depth, kind))
        return entry[1]

    def _sample(self, shape: Shape, depth: int = 0, kind: str | None = None) -> Any:
        self._budget -= 1
        if depth > MAX_DEPTH or self._budget < 0:
            return None
        if shape.branches:
            return self.sample(shape.branches[0], depth + 1, kind)
        if shape.enum:
            return shape.enum[0]
        kind = kind or self.kind(shape)
        if kind == "null":
            return None
        if kind == "boolean":
            return False
        if kind in ("integer", "number"):
            return self.number(shape, kind == "integer")
        if kind == "string":
            return self.string(shape)
        if kind == "array":
            if shape.min_items and shape.items:
                item = self.sample(self.shapes.conjunction(shape.items), depth + 1)
                if shape.unique_items:
                    return [item] if shape.min_items <= 1 else [item] * shape.min_items
                return [item] * shape.min_items
            return []
        if kind == "object":
            return self.object(shape, depth)
        return None

    def kind(self, shape: Shape) -> str:
        if shape.types is None:
            if shape.props or shape.required or shape.closed:
                return "object"
            if shape.items:
                return "array"
            if shape.patterns or shape.max_length is not None or shape.min_length:
                return "string"
            if shape.minimum is not None or shape.maximum is not None:
                return "number"
            return "string"
        for kind in ("object", "string", "integer", "number", "array", "boolean", "null"):
            if kind in shape.types:
                return kind
        return "null"

    def object(self, shape: Shape, depth: int) -> dict[str, Any]:
        value: dict[str, Any] = {}
        for name in sorted(shape.required):
            if name in shape.props:
                value[name] = self.sample(self.shapes.conjunction(shape.props[name]), depth + 1)
            else:
                value[name] = "a"
        return value

    def string(self, shape: Shape) -> str:
        for example in shape.examples:
            if isinstance(example, str) and self.string_fits(shape, example):
                return example
        for fmt in sorted(shape.formats):
            if fmt in FORMATS and self.string_fits(shape, FORMATS[fmt]):
                return FORMATS[fmt]
        if shape.patterns:
            for candidate in regex_samples(shape.patterns[0], shape.min_length):
                if self.string_fits(shape, candidate):
                    return candidate
        return "a" * max(shape.min_length, 1 if shape.max_length != 0 else 0)

    @staticmethod
    def string_fits(shape: Shape, text: str) -> bool:
        if len(text) < shape.min_length or (shape.max_length is not None and len(text) > shape.max_length):
            return False
        try:
            return all(re.search(p, text) for p in shape.patterns)
        except re.error:
            return False

    @staticmethod
    def number(shape: Shape, integer: bool) -> int | float:
        low = shape.minimum
        high = shape.maximum
        value: float = 0
        if low is not None and (value < low[0] or (value == low[0] and low[1])):
            value = low[0] + (1 if low[1] else 0) if integer else low[0] + (0.5 if low[1] else 0)
        elif high is not None and (value > high[0] or (value == high[0] and high[1])):
            value = high[0] - (1 if high[1] else 0) if integer else high[0] - (0.5 if high[1] else 0)
        if integer:
            value = math.ceil(value)
        for step in shape.multiple_of:
            value = math.ceil(value / step) * step
        if integer or float(value).is_integer():
            return int(value)
        return value
