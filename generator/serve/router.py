"""Routing on the raw (percent-encoded) path: `%2F` inside a path parameter stays part of that parameter.

Starlette's router matches the decoded path, where an encoded slash would split a parameter in two and turn a
request the schema can judge (400) into an unknown route (404).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from generator.serve.compiled import Operation


@dataclass(frozen=True)
class MethodNotAllowed:
    operation: Operation  # one operation of the path, for its documented error body
    allowed: tuple[str, ...]


class Router:
    def __init__(self, operations: Sequence[Operation], base_paths: Sequence[str], *, case_insensitive: bool) -> None:
        self.case_insensitive = case_insensitive
        # Longest base path first, so /commandcenter/api wins over a shorter prefix.
        self.base_paths = sorted(base_paths, key=len, reverse=True)
        routes: dict[str, dict[str, Operation]] = {}
        for op in operations:
            routes.setdefault(op.path, {})[op.method] = op
        # A template with more literal segments is more specific (/users/me before /users/{id}).
        self.routes = sorted(
            routes.values(),
            key=lambda methods: -sum(not is_param for _, is_param in next(iter(methods.values())).segments),
        )

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
            if len(parts) > 1 and parts[-1] == "":
                parts.pop()  # one trailing slash is tolerated
            result.append(parts)
        return result

    def match(self, method: str, raw_path: str) -> tuple[Operation, dict[str, str]] | MethodNotAllowed | None:
        wrong_method: MethodNotAllowed | None = None
        for parts in self._candidates(raw_path):
            for methods in self.routes:
                template = next(iter(methods.values())).segments
                params = self._bind(template, parts)
                if params is None:
                    continue
                op = methods.get(method.upper())
                if op is not None:
                    return op, params
                if wrong_method is None:
                    wrong_method = MethodNotAllowed(next(iter(methods.values())), tuple(sorted(methods)))
        return wrong_method

    def _bind(self, template: tuple[tuple[str, bool], ...], parts: list[str]) -> dict[str, str] | None:
        if len(template) != len(parts) and not (not template and parts == [""]):
            return None
        params: dict[str, str] = {}
        for (text, is_param), part in zip(template, parts, strict=False):
            if is_param:
                params[text] = unquote(part, errors="replace")
            elif self._fold(unquote(part, errors="replace")) != self._fold(text):
                return None
        return params
