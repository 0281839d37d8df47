"""Header names in a spec must be HTTP field names (RFC 9110 tokens): a NUL, a space or a colon in an API-key
header's name cannot be sent by any client, and must not reach generated code as if it could."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.spec.diagnostics import Diagnostic, join_pointer
from generator.spec.load import Document

TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def _walk(node: Any, pointer: str, depth: int = 0) -> Iterator[tuple[str, dict[str, Any]]]:
    if depth > 64:  # parameter objects and security schemes sit a few levels down; schemas need not be walked deep
        return
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            if key not in ("example", "examples", "default", "enum", "const"):  # data, not spec objects
                yield from _walk(value, join_pointer(pointer, key), depth + 1)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, join_pointer(pointer, index), depth + 1)


def header_name_problems(document: Document) -> list[Diagnostic]:
    """Every parameter or apiKey security scheme `in: header` of `document` whose name is not a token."""
    problems = []
    for pointer, node in _walk(document.data, ""):
        name = node.get("name")
        if node.get("in") == "header" and isinstance(name, str) and not TOKEN.fullmatch(name):
            message = f"header name {name!a} is not an HTTP field name (letters, digits and !#$%&'*+-.^_`|~)"
            problems.append(document.diagnostic(join_pointer(pointer, "name"), message))
    return problems
