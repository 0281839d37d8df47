"""`make generate` is all or nothing: a failing run leaves the previous output exactly as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.project.ownership import MARKER, MARKER_TEXT
from generator.project.pipeline import generate_all, staged
from generator.spec.diagnostics import SpecError
from tests.conftest import ROOT

CASES = ROOT / "tests" / "fixtures" / "validate"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_staged_swaps_in_on_success(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / MARKER).write_text(MARKER_TEXT)
    (target / "old.txt").write_text("old")
    with staged(target) as staging:
        (staging / "new.txt").write_text("new")
    assert snapshot(target) == {"new.txt": b"new", MARKER: MARKER_TEXT.encode()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging or backup left behind


def test_staged_keeps_old_output_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / MARKER).write_text(MARKER_TEXT)
    (target / "old.txt").write_text("old")
    with pytest.raises(RuntimeError), staged(target) as staging:
        (staging / "half.txt").write_text("half")
        raise RuntimeError("render failed")
    assert snapshot(target) == {"old.txt": b"old", MARKER: MARKER_TEXT.encode()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _broken_root(tmp_path: Path) -> Path:
    (tmp_path / "specs").mkdir()
    for name in ("bad_example.yaml", "shared.yaml"):
        (tmp_path / "specs" / name).write_bytes((CASES / name).read_bytes())
    (tmp_path / "specs" / "catalog.yaml").write_text(
        "apis:\n  - {name: widgets, spec: specs/bad_example.yaml, package: widgets,\n"
        "     package_dir: generated/python/widgets}\n"
    )
    generated = tmp_path / "generated"
    (generated / "python").mkdir(parents=True)
    (generated / MARKER).write_text(MARKER_TEXT)
    (generated / "python" / "keep.py").write_text("# previous output\n")
    return tmp_path


def test_invalid_spec_fails_before_anything_is_written(tmp_path: Path) -> None:
    root = _broken_root(tmp_path)
    before = snapshot(root / "generated")
    with pytest.raises(SpecError) as excinfo:
        generate_all(root)
    assert "bad_example.yaml:31:31:" in str(excinfo.value)
    assert snapshot(root / "generated") == before


@pytest.mark.slow
def test_generate_cli_reports_located_error_and_exits_nonzero(tmp_path: Path) -> None:
    root = _broken_root(tmp_path)
    before = snapshot(root / "generated")
    env = {**os.environ, "VENDOR_OPENAPI_ROOT": str(root)}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate"], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "specs/bad_example.yaml:31:31: /paths/" in result.stderr
    assert snapshot(root / "generated") == before
