"""A deep `allOf` inheritance chain (bench/synth.py's: each level its predecessor plus one property) generates
correct models: every class inherits from the one before it, the last has every level's field and validates data,
the output passes ruff (and mypy --strict, in the slow test). Its cost is bounded by counting operations, never by
the clock: every link takes generator/render/c3.py's constant-time path (no general C3 merge)."""

from __future__ import annotations

import importlib
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pydantic
import pytest

from bench import synth
from generator.project.pipeline import generate_one
from generator.render import c3
from generator.render import models as models_module


def _generate(length: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Any, dict[str, int]]:
    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path / "cache"))
    spec = tmp_path / f"chain-{length}.json"
    spec.write_text(json.dumps(synth.allof_chain_spec(length)), encoding="utf-8")
    counts = {"general merges": 0, "orders": 0}
    merge, prepend = c3._merge, c3._prepend

    def counted_merge(*args: Any) -> Any:
        counts["general merges"] += 1
        return merge(*args)

    def counted_prepend(*args: Any) -> Any:
        counts["orders"] += 1
        return prepend(*args)

    monkeypatch.setattr(c3, "_merge", counted_merge)
    monkeypatch.setattr(c3, "_prepend", counted_prepend)
    out, package = tmp_path / "out", f"chain_{length}"
    generate_one(spec, out, package)  # fewer schemas than models.SPLIT_MIN_SCHEMAS: generated in this process
    monkeypatch.syspath_prepend(str(out))
    return out, importlib.import_module(f"{package}.models"), counts


def _check_chain(models: Any, length: int) -> None:
    levels = [getattr(models, f"Level{i}") for i in range(length)]
    for parent, child in itertools.pairwise(levels):
        assert parent in child.__bases__, (child, child.__bases__)
    last = levels[-1]
    assert set(last.model_fields) == {f"field{i}" for i in range(length)}
    value = last.model_validate({"field0": "root", f"field{length - 1}": 7, "field1": 0})
    assert isinstance(value, levels[0]) and value.field0 == "root" and getattr(value, f"field{length - 1}") == 7
    with pytest.raises(pydantic.ValidationError):
        last.model_validate({f"field{length - 1}": 1})  # field0, required at the root, is missing
    with pytest.raises(pydantic.ValidationError):
        last.model_validate({"field0": "x", "field3": -1})  # each level's `minimum: 0` holds in the last class


@pytest.mark.slow
def test_a_120_level_chain_inherits_every_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert c3.install(), "datamodel-code-generator is not the release generator/render/c3.py was checked against"
    out, models, counts = _generate(120, tmp_path, monkeypatch)
    _check_chain(models, 120)
    assert counts["orders"] > 0, "c3.linearize did not run: the generator's own is in place"
    assert counts["general merges"] == 0, counts  # every link concatenated, none merged step by step
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_a_300_level_chain_passes_mypy_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models_module, "SPLIT_MIN_SCHEMAS", 10_000)  # one run in this process, where it is counted
    out, models, counts = _generate(300, tmp_path, monkeypatch)
    _check_chain(models, 300)
    assert counts["general merges"] == 0, counts
    env = {**os.environ, "MYPYPATH": str(out)}
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "chain_300"]
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_a_600_level_chain_validates_and_builds_its_ir(tmp_path: Path) -> None:
    """openapi-spec-validator follows `$ref`s by recursion (more than Python's default 1,000 frames at 600 links)
    and the IR's rule extraction once recursed per link (RecursionError from ~250 links)."""
    from generator.ir.build import build_api
    from generator.spec.lint import lint
    from generator.spec.load import Workspace

    spec = tmp_path / "chain-600.json"
    spec.write_text(json.dumps(synth.allof_chain_spec(600)), encoding="utf-8")
    assert [str(problem) for problem in lint(spec).diagnostics] == []
    api = build_api(spec, "chain", Workspace())
    assert "Level599" in api.schemas
