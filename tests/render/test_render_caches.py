"""What rendering keeps between runs (the models module's outline, wrapped docstrings) gives what computing it
again gives, and an entry that cannot be read is computed again."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from generator.render import environment
from generator.render.outline import outline

MODULE = '''"""A module."""
from __future__ import annotations

import os as system
from typing import Annotated, Any
from .base import Model


@decorated
@twice
class Pet(Model):
    from email_validator import EmailStr  # nested: counted as imported, not as a statement

    name: Annotated[str, "x"]


Alias = dict[str, Any]
A = B = 1
x.y = 2
counter: int = 0
obj.attribute: int = 0


def helper() -> None:
    pass


async def run() -> None:
    pass


if system:
    pass
'''


def _facts(tree: ast.Module) -> list[tuple[str, int, int | None, list[str], list[int]]]:
    facts = []
    for node in tree.body:
        names: list[str] = []
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names = [node.name]
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names = [f"{getattr(node, 'module', '')}:{a.name}:{a.asname}" for a in node.names]
        decorators = [d.lineno for d in getattr(node, "decorator_list", [])]
        facts.append((type(node).__name__ if names else "-", node.lineno, node.end_lineno, names, decorators))
    return facts


def test_the_outline_holds_what_a_full_parse_tells_and_comes_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path))
    full = ast.parse(MODULE)
    expected = _facts(full)
    first = outline(MODULE)
    assert _facts(first.tree) == expected
    assert first.imported == {"annotations", "Annotated", "Any", "Model", "EmailStr"}
    (entry,) = (tmp_path / "outlines").iterdir()

    monkeypatch.setattr(ast, "parse", lambda *_: pytest.fail("parsed again"))
    assert _facts(outline(MODULE).tree) == expected  # from the cache
    monkeypatch.undo()

    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path))
    entry.write_text(json.dumps({"statements": [["nonsense"]], "imported": []}))
    assert _facts(outline(MODULE).tree) == expected  # an unreadable entry: parsed again
    with pytest.raises(SyntaxError):
        outline("class :\n")


def test_remembered_docstrings_are_the_ones_computed(tmp_path: Path) -> None:
    texts = ["Short.", "A long line " * 30, 'Lines\nof\ttext \u202e and a quote"', "back\\slash"]
    plain = [environment.docstring(text, indent) for text in texts for indent in (0, 8)]
    with environment.remembered(tmp_path):
        assert [environment.docstring(text, indent) for text in texts for indent in (0, 8)] == plain
    (entry,) = tmp_path.iterdir()
    stored = json.loads(entry.read_text())
    assert sorted(stored.values()) == sorted(plain)

    # a second block reads them back (a marked entry shows it), and keeps only what it used
    key = next(k for k, v in stored.items() if v == plain[0])
    entry.write_text(json.dumps({**stored, key: "MARK"}))
    with environment.remembered(tmp_path):
        assert environment.docstring(texts[0], 0) == "MARK"
    assert list(json.loads(entry.read_text())) == [key]

    entry.write_text("{not json")
    with environment.remembered(tmp_path):
        assert environment.docstring(texts[0], 0) == plain[0]
    assert environment.docstring(texts[1], 8) == plain[3]  # outside a block: computed, nothing kept
