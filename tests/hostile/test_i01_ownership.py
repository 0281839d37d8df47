"""Item 1: the toolchain replaces only folders it wrote (empty, or carrying its `.generated-by` marker); anything
else is refused with exit 2 before a byte is touched, and staging directories never outlive the run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.project.ownership import MARKER, MARKER_TEXT
from tests.conftest import ROOT
from tests.hostile.budget import run_cli

SPEC = ROOT / "tests" / "fixtures" / "generate" / "minimal" / "openapi.yaml"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def user_folder(path: Path) -> Path:
    (path / ".git").mkdir(parents=True)
    (path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (path / "notes.txt").write_text("mine\n")
    return path


def test_generate_refuses_a_folder_with_a_git_repository(tmp_path: Path) -> None:
    out = user_folder(tmp_path / "work")
    before = snapshot(out)
    result = run_cli("generate", SPEC, "--out", out, "--package", "minimal", cwd=tmp_path, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "refusing to replace" in result.stderr and ".git" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]  # no staging directory either


def test_generate_out_dot_refuses_the_working_directory(tmp_path: Path) -> None:
    work = user_folder(tmp_path / "work")
    before = snapshot(work)
    result = run_cli("generate", SPEC, "--out", ".", "--package", "minimal", cwd=work, timeout=60)
    assert result.returncode == 2, result.stderr
    assert snapshot(work) == before


def test_generate_refuses_a_non_empty_user_folder_and_a_spoofed_marker(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "keep.py").write_text("x = 1\n")
    (out / MARKER).write_text("someone-else\n")
    before = snapshot(out)
    result = run_cli("generate", SPEC, "--out", out, "--package", "minimal", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert snapshot(out) == before


def test_generate_refuses_an_output_folder_holding_its_input(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / MARKER).write_text(MARKER_TEXT)
    spec = out / "openapi.yaml"
    shutil.copy(SPEC, spec)
    result = run_cli("generate", spec, "--out", out, "--package", "minimal", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert "holds the input" in result.stderr
    assert spec.read_bytes() == SPEC.read_bytes()


@pytest.mark.slow
def test_generate_writes_an_empty_folder_then_replaces_its_own_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    first = run_cli("generate", SPEC, "--out", out, "--package", "minimal", cwd=tmp_path, timeout=120)
    assert first.returncode == 0, first.stderr
    assert (out / MARKER).read_text() == MARKER_TEXT
    (out / "stale.txt").write_text("left by an older version")
    second = run_cli("generate", SPEC, "--out", out, "--package", "minimal", cwd=tmp_path, timeout=120)
    assert second.returncode == 0, second.stderr
    assert not (out / "stale.txt").exists() and (out / "minimal" / "client.py").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _project_copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "specs", root / "specs")
    shutil.copytree(ROOT / "generated" / "openapi", root / "generated" / "openapi")
    (root / "generated" / MARKER).write_text(MARKER_TEXT)
    return root


def test_bundle_spec_without_out_leaves_the_catalog_bundles_alone(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    before = snapshot(root / "generated")
    result = run_cli("bundle", SPEC, cwd=root, timeout=60, env={"VENDOR_OPENAPI_ROOT": str(root)})
    assert result.returncode == 2
    assert "--out" in result.stderr
    assert snapshot(root / "generated") == before


def test_bundle_docs_into_a_user_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    docs = user_folder(tmp_path / "docs")
    out = tmp_path / "bundles"
    before = snapshot(docs)
    result = run_cli(
        "bundle", SPEC, "--out", out, "--docs", docs, cwd=root, timeout=60, env={"VENDOR_OPENAPI_ROOT": str(root)}
    )
    assert result.returncode == 2, result.stderr
    assert snapshot(docs) == before
    assert not out.exists()


@pytest.mark.slow
def test_bundle_of_the_catalog_replaces_generated_openapi_inside_the_marked_folder(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    before = snapshot(root / "generated")
    result = run_cli("bundle", cwd=root, timeout=120, env={"VENDOR_OPENAPI_ROOT": str(root)})
    assert result.returncode == 0, result.stderr
    assert snapshot(root / "generated") == before  # same bytes, and no marker of its own below generated/


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.05])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_during_generate_leaves_no_staging_directory(tmp_path: Path, signum: int, delay: float) -> None:
    """At the staging directory's creation, and later while validation and rendering run side by side."""
    out = tmp_path / "out"
    out.mkdir()
    (out / MARKER).write_text(MARKER_TEXT)
    (out / "previous.txt").write_text("previous output")
    before = snapshot(out)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", str(SPEC), "--out", str(out), "--package", "minimal"],
        cwd=tmp_path,
        # an empty cache of its own (beside tmp_path, which must hold only `out`): with cached models and verdicts
        # the run could end before the signal
        env={**os.environ, "PYTHONPATH": str(ROOT), "VENDOR_OPENAPI_CACHE": f"{tmp_path}-cache"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.startswith(".out.staging-") for p in tmp_path.iterdir()):
            assert process.poll() is None and time.monotonic() < deadline, "no staging directory appeared"
            time.sleep(0.005)
        time.sleep(delay)
        if process.poll() is None:  # a quick machine may finish first: the outcome must still be whole
            process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # never a staging directory left
    assert b"Traceback" not in stderr
    if snapshot(out) == before:  # stopped before the swap: the previous output exactly as it was
        assert process.returncode != 0
    else:  # the signal came during or after the final swap, which signals wait for: the new output is whole
        assert (out / "minimal" / "client.py").is_file() and not (out / "previous.txt").exists()


def test_a_repository_inside_a_marked_folder_is_still_refused(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    outer.mkdir()
    (outer / MARKER).write_text(MARKER_TEXT)  # an earlier output, later used as a parent folder
    repo = user_folder(outer / "repo")
    deep = outer / "a" / "b" / "c"
    deep.mkdir(parents=True)
    (deep / "keep.txt").write_text("mine")
    before = snapshot(outer)
    for target in (repo, deep):
        result = run_cli("generate", SPEC, "--out", target, "--package", "minimal", cwd=tmp_path, timeout=60)
        assert result.returncode == 2, result.stderr
    assert snapshot(outer) == before
