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
from dataclasses import dataclass
from typing import Any

_SHAPE = 1  # bumped whenever what an entry records changes


@dataclass(frozen=True)
class Outline:
    tree: ast.Module  # top-level statements only, each with its lines and the names it binds or imports
    imported: frozenset[str]  # every name an `from ... import` brings in, at any depth


def outline(code: str) -> Outline:
    from generator.project.cache import cache_dir, read_json, write_json

    key = hashlib.sha256(f"{_SHAPE}\0{sys.version}\0{code}".encode()).hexdigest()
    path = cache_dir() / "outlines" / f"{key}.json"
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


def _dump(tree: ast.Module) -> dict[str, Any]:
    statements: list[list[Any]] = []
    for node in tree.body:
        lines = [node.lineno, node.end_lineno]
        if isinstance(node, ast.ImportFrom):
            names = [[alias.name, alias.asname] for alias in node.names]
            statements.append(["from", *lines, node.module, node.level, names])
        elif isinstance(node, ast.Import):
            statements.append(["import", *lines, [[alias.name, alias.asname] for alias in node.names]])
        elif isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            kind = {ast.ClassDef: "class", ast.FunctionDef: "def", ast.AsyncFunctionDef: "async"}[type(node)]
            statements.append([kind, *lines, node.name, [d.lineno for d in node.decorator_list]])
        elif isinstance(node, ast.Assign):
            statements.append(["assign", *lines, [t.id for t in node.targets if isinstance(t, ast.Name)]])
        elif isinstance(node, ast.AnnAssign):
            statements.append(["annassign", *lines, node.target.id if isinstance(node.target, ast.Name) else None])
        else:
            statements.append(["other", *lines])
    imported = sorted(
        {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
    )
    return {"statements": statements, "imported": imported}


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
