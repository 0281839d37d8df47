"""The top-level outline of a generated models module, parsed once per distinct text and then read from the cache.

Joining the models parts and reading what they define only needs each module's top-level statements (kind, lines,
the names they bind, what they import). Parsing the whole text for that costs seconds on a large document (GitHub's
models module is 3.5 MB), on every run, even when every part came from the cache. The outline is the same
`ast.Module` shape, with only those facts filled in, rebuilt from a cache entry keyed by the text and the Python
version; a text never parsed before is parsed in full (so it must still compile).
"""

from __future__ import annotations

import ast
import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SHAPE = 1  # bumped whenever what an entry records changes


@dataclass(frozen=True)
class Outline:
    tree: ast.Module  # top-level statements only, each with its lines and the names it binds or imports
    imported: frozenset[str]  # every name an `from ... import` brings in, at any depth


def outline(code: str) -> Outline:
    from generator.project.cache import read_json, write_json

    path = _entry_path(code)
    entry = read_json(path)
    if isinstance(entry, dict):
        try:
            return _load(entry)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            pass  # an entry of another shape: parsed again, and overwritten
    tree = ast.parse(code)
    entry = _dump(tree)
    write_json(path, entry)
    return _load(entry)


def parse(code: str) -> ast.Module:
    return outline(code).tree


def record(code: str, statements: list[ast.stmt], imported: frozenset[str]) -> Outline:
    """Put in the cache the outline of `code` that its maker knows without parsing it: `statements` are outline
    statements (from `parse` or `moved`) at the lines they have in `code`; `imported` as `Outline.imported`."""
    from generator.project.cache import write_json

    entry = {"statements": [_item(node) for node in statements], "imported": sorted(imported)}
    write_json(_entry_path(code), entry)
    return _load(entry)


def moved(node: ast.stmt, lines: int, renames: dict[str, str]) -> ast.stmt:
    """An outline statement `lines` lines further down, with the names it binds renamed by `renames`."""
    item = _item(node)
    item[1] += lines
    item[2] += lines
    kind = item[0]
    if kind in ("class", "def", "async"):
        item[3] = renames.get(item[3], item[3])
        item[4] = [line + lines for line in item[4]]
    elif kind == "assign":
        item[3] = [renames.get(name, name) for name in item[3]]
    elif kind == "annassign" and item[3] is not None:
        item[3] = renames.get(item[3], item[3])
    return _statement(item)


def _entry_path(code: str) -> Path:
    from generator.project.cache import cache_dir

    key = hashlib.sha256(f"{_SHAPE}\0{sys.version}\0{code}".encode()).hexdigest()
    return cache_dir() / "outlines" / f"{key}.json"


def _dump(tree: ast.Module) -> dict[str, Any]:
    return {"statements": [_item(node) for node in tree.body], "imported": sorted(set(_imported(tree.body)))}


def _item(node: ast.stmt) -> list[Any]:
    lines = [node.lineno, node.end_lineno]
    if isinstance(node, ast.ImportFrom):
        return ["from", *lines, node.module, node.level, [[alias.name, alias.asname] for alias in node.names]]
    if isinstance(node, ast.Import):
        return ["import", *lines, [[alias.name, alias.asname] for alias in node.names]]
    if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        kind = {ast.ClassDef: "class", ast.FunctionDef: "def", ast.AsyncFunctionDef: "async"}[type(node)]
        return [kind, *lines, node.name, [d.lineno for d in node.decorator_list]]
    if isinstance(node, ast.Assign):
        return ["assign", *lines, [t.id for t in node.targets if isinstance(t, ast.Name)]]
    if isinstance(node, ast.AnnAssign):
        return ["annassign", *lines, node.target.id if isinstance(node.target, ast.Name) else None]
    return ["other", *lines]


def _imported(body: list[Any]) -> Iterator[str]:
    """The names every `from ... import` in these statements brings in, at any depth. An import is a statement, so
    only statement lists are walked, not the expressions that make up most of a models module (`ast.walk` over
    GitHub's took seconds)."""
    for node in body:
        if isinstance(node, ast.ImportFrom):
            yield from (alias.name for alias in node.names)
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, field, None)
            if isinstance(inner, list):
                yield from _imported(inner)


def _load(entry: dict[str, Any]) -> Outline:
    body: list[ast.stmt] = [_statement(item) for item in entry["statements"]]
    imported = entry["imported"]
    if not isinstance(imported, list):
        raise TypeError("imported")
    return Outline(ast.Module(body=body, type_ignores=[]), frozenset(map(str, imported)))


def _statement(item: list[Any]) -> ast.stmt:
    kind, lineno, end = item[0], int(item[1]), int(item[2])
    at = {"lineno": lineno, "end_lineno": end, "col_offset": 0, "end_col_offset": 0}
    node: ast.stmt
    if kind == "from":
        names = [ast.alias(name=str(n), asname=a) for n, a in item[5]]
        node = ast.ImportFrom(module=item[3], names=names, level=int(item[4]))
    elif kind == "import":
        node = ast.Import(names=[ast.alias(name=str(n), asname=a) for n, a in item[3]])
    elif kind in ("class", "def", "async"):
        decorators: list[ast.expr] = [ast.Name(id="_", lineno=int(line), end_lineno=int(line)) for line in item[4]]
        if kind == "class":
            node = ast.ClassDef(name=str(item[3]), bases=[], keywords=[], body=[], decorator_list=decorators)
        else:
            cls = ast.FunctionDef if kind == "def" else ast.AsyncFunctionDef
            arguments = ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[])
            node = cls(name=str(item[3]), args=arguments, body=[], decorator_list=decorators)
    elif kind == "assign":
        node = ast.Assign(targets=[ast.Name(id=str(name)) for name in item[3]], value=ast.Constant(None))
    elif kind == "annassign":
        # a target that is not a name (`x.y: int`) binds nothing: an attribute stands for it
        target: ast.Name | ast.Attribute = (
            ast.Name(id=str(item[3])) if item[3] is not None else ast.Attribute(value=ast.Name(id="_"), attr="_")
        )
        node = ast.AnnAssign(target=target, annotation=ast.Constant(None), simple=1)
    elif kind == "other":
        node = ast.Pass()
    else:
        raise ValueError(kind)
    for name, value in at.items():
        setattr(node, name, value)
    return node
