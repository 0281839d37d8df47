"""Regeneration after a small change: what comes from the cache (ruff's result per file, the linter's per path item)
gives exactly the output and the findings of a run with an empty cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.project import formatting, pipeline
from tests.conftest import FIXTURES

SPEC = FIXTURES / "anydoc" / "models.yaml"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _ruff_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []
    real = formatting._ruff

    def counting(paths: list[Path]) -> None:
        calls.append(sorted(p.name for p in paths))
        real(paths)

    monkeypatch.setattr(formatting, "_ruff", counting)
    return calls


def _edit(document: dict[str, Any]) -> None:
    """One operation: a new summary, a new response property."""
    path, item = next(iter(document["paths"].items()))
    operation = next(op for op in item.values() if isinstance(op, dict) and "responses" in op)
    operation["summary"] = f"{operation.get('summary', '')} (edited {path})"
    response = next(iter(operation["responses"].values()))
    response.setdefault("content", {})["application/json"] = {
        "schema": {"type": "object", "properties": {"edited": {"type": "string"}}}
    }


@pytest.mark.slow
def test_a_one_operation_change_generates_what_an_empty_cache_generates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = _ruff_calls(monkeypatch)
    warm, cold = tmp_path / "warm-cache", tmp_path / "cold-cache"
    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(warm))
    pipeline.generate_one(SPEC, tmp_path / "first", "pkg")
    assert len(calls) == 1 and "client.py" in calls[0] and "README.md" in calls[0]
    capsys.readouterr()

    document = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    _edit(document)
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    pipeline.generate_one(edited, tmp_path / "warm", "pkg")
    warm_warnings = capsys.readouterr().err
    # only what the change reached went through ruff; the runtime's modules came from the cache
    assert calls[1] and "_core.py" not in calls[1] and "client.py" in calls[1]

    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(cold))
    pipeline.generate_one(edited, tmp_path / "cold", "pkg")
    assert _tree(tmp_path / "warm") == _tree(tmp_path / "cold")
    assert warm_warnings == capsys.readouterr().err  # the same findings, located the same


def test_formatting_from_the_cache_is_what_ruff_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "source"
    (source / "pkg").mkdir(parents=True)
    (source / "pyproject.toml").write_text('[tool.ruff]\nline-length = 120\ntarget-version = "py311"\n')
    (source / "pkg" / "__init__.py").write_text("from .a import f\nimport os\nimport httpx\n__all__=['f']\n")
    (source / "pkg" / "a.py").write_text("import sys\ndef f( x ):\n  return {'a':x}\n")
    (source / "README.md").write_text("# pkg\n\n```python\nfrom pkg import f\nprint( f(1) )\n```\n")
    (source / "pkg" / "py.typed").write_text("")

    reference = tmp_path / "reference"  # ruff over the whole folder, as the pipeline ran it before the cache
    shutil.copytree(source, reference)
    for args in (["check", "--select", "I,F401", "--fix", "--quiet"], ["format"]):
        config = ["--no-cache", "--config", "line-length=120"]
        subprocess.run([sys.executable, "-m", "ruff", *args, *config, str(reference)], check=False)

    calls = _ruff_calls(monkeypatch)
    first = tmp_path / "first"
    shutil.copytree(source, first)
    formatting.format_python(first)
    assert _tree(first) == _tree(reference)
    assert calls == [["README.md", "__init__.py", "a.py"]]

    again = tmp_path / "again"
    shutil.copytree(source, again)
    formatting.format_python(again)  # every file from the cache: no ruff at all
    assert _tree(again) == _tree(reference) and len(calls) == 1

    changed = tmp_path / "changed"
    shutil.copytree(source, changed)
    (changed / "pkg" / "a.py").write_text("import sys\ndef f( y ):\n  return {'b':y}\n")
    formatting.format_python(changed)
    assert calls[-1] == ["a.py"]
    assert (changed / "pkg" / "a.py").read_text() == 'def f(y):\n    return {"b": y}\n'
    assert (changed / "pkg" / "__init__.py").read_bytes() == (reference / "pkg" / "__init__.py").read_bytes()

    # the same text in another tree (another file beside it) is formatted again: import sorting reads the tree
    (changed / "pkg" / "httpx.py").write_text("")
    formatting.format_python(changed)
    assert "__init__.py" in calls[-1]


def test_the_cache_folder_is_bounded(tmp_path: Path) -> None:
    folder = tmp_path / "formatted"
    folder.mkdir()
    for index in range(10):
        entry = folder / f"e{index}"
        entry.write_bytes(b"x" * 100)
        os.utime(entry, ns=(index * 10**9, index * 10**9))
    formatting._bound(folder, max_bytes=450)
    assert sorted(p.name for p in folder.iterdir()) == ["e6", "e7", "e8", "e9"]
