"""Routing on the raw (percent-encoded) path: `%2F` inside a path parameter stays part of that parameter.

Starlette's router matches the decoded path, where an encoded slash would split a parameter in two and turn a
request the schema can judge (400) into an unknown route (404). Parameter values are handed on still encoded:
the parameter's style (matrix `;id=5`, label `.5`, simple `a,b`) is read before decoding, so an encoded `,` or
`;` stays inside its item.

A segment may hold literal text and several parameters, as Google and Azure write them (`{name}:rotate`,
`System.{location}`, `{a}.{b}`). Among the templates that match, the most literal wins: more literal segments
first, then more literal characters (`/things/{name}:rotate` before `/things/{name}`, `/users/me` before
`/users/{id}`); a method the winner lacks falls through to the next templated match before a 405 is given.
A concrete path (no parameters) is decisive: the specification matches it before any template, so a method it
lacks is a 405 naming its own methods (`POST /pet/findByStatus` is not `POST /pet/{petId}` with a bad id).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from generator.serve.compiled import Operation

_VARIABLE = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class MethodNotAllowed:
    operation: Operation  # one operation of the path, for its documented error body
    allowed: tuple[str, ...]


@dataclass(frozen=True)
class _Segment:
    literal: str | None  # a whole-literal segment (compared decoded)
    pattern: re.Pattern[str] | None  # a segment with parameters (matched on the raw text)
    names: tuple[str, ...]  # the parameters of `pattern`, in group order
    literal_chars: int


def _segment(text: str, case_insensitive: bool) -> _Segment:
    names = tuple(_VARIABLE.findall(text))
    if not names:
        return _Segment(text, None, (), len(text))
    pieces = _VARIABLE.split(text)  # literal, name, literal, name, ..., literal
    regex = ""
    for index, piece in enumerate(pieces):
        # greedy: in `{base}.{ext}` the last dot separates the two
        regex += "([^/]*)" if index % 2 else re.escape(piece)
    literal_chars = sum(len(piece) for piece in pieces[0::2])
    flags = re.IGNORECASE if case_insensitive else 0
    return _Segment(None, re.compile(regex, flags), names, literal_chars)


@dataclass(frozen=True)
class _Route:
    segments: tuple[_Segment, ...]
    methods: dict[str, Operation]

    @property
    def concrete(self) -> bool:
        return all(segment.literal is not None for segment in self.segments)

    @property
    def specificity(self) -> tuple[int, int]:
        literal_segments = sum(segment.literal is not None for segment in self.segments)
        return literal_segments, sum(segment.literal_chars for segment in self.segments)


class Router:
    def __init__(self, operations: Sequence[Operation], base_paths: Sequence[str], *, case_insensitive: bool) -> None:
        self.case_insensitive = case_insensitive
        # Longest base path first, so /commandcenter/api wins over a shorter prefix.
        self.base_paths = sorted(base_paths, key=len, reverse=True)
        by_path: dict[str, dict[str, Operation]] = {}
        for op in operations:
            by_path.setdefault(op.path, {})[op.method] = op
        routes = [
            _Route(tuple(_segment(part, case_insensitive) for part in _parts(path)), methods)
            for path, methods in by_path.items()
        ]
        self.routes = sorted(routes, key=lambda route: route.specificity, reverse=True)

    def _fold(self, text: str) -> str:
        return text.lower() if self.case_insensitive else text

    def _candidates(self, raw_path: str) -> list[list[str]]:
        paths = [raw_path]
        for base in self.base_paths:
            if self._fold(raw_path).startswith(self._fold(base) + "/") or self._fold(raw_path) == self._fold(base):
                paths.append(raw_path[len(base) :] or "/")
        result = []
        for path in paths:
            if not path.startswith("/"):
                continue
            parts = path[1:].split("/")
            result.append(parts)
            if len(parts) > 1 and parts[-1] == "":
                # one trailing slash is tolerated, after the exact reading: `/recipes/` is first
                # `/recipes/{slug}` with an empty slug (a 400), so no other operation answers for it
                result.append(parts[:-1])
        return result

    def match(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | MethodNotAllowed | None:
        """The operation and its path parameters (raw text), a 405 answer, or None (404)."""
        wrong_method: MethodNotAllowed | None = None
        for parts in self._candidates(raw_path):
            for route in self.routes:
                params = self._bind(route.segments, parts)
                if params is None:
                    continue
                op = route.methods.get(method.upper())
                if op is not None:
                    return op, params
                if wrong_method is None:
                    wrong_method = MethodNotAllowed(next(iter(route.methods.values())), tuple(sorted(route.methods)))
                if route.concrete:
                    return wrong_method
        return wrong_method

    def _bind(self, template: tuple[_Segment, ...], parts: list[str]) -> dict[str, str] | None:
        if len(template) != len(parts) and not (not template and parts == [""]):
            return None
        params: dict[str, str] = {}
        for segment, part in zip(template, parts, strict=False):
            if segment.pattern is None:
                if self._fold(unquote(part, errors="replace")) != self._fold(segment.literal or ""):
                    return None
                continue
            found = segment.pattern.fullmatch(part)
            if found is None:
                return None
            params.update(zip(segment.names, found.groups(), strict=True))
        return params


def _parts(path: str) -> list[str]:
    return path.strip("/").split("/") if path.strip("/") else []
