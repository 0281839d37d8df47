"""`generator.project.pipeline.validated`: validation beside the rendering (a forked worker), with the same outcomes as
validating first: problems are raised as SpecError, before any error of the rendering they may have caused."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from generator.project import pipeline
from generator.project.ownership import write_marker
from generator.spec.diagnostics import SpecError
from generator.spec.lint import validate_or_raise
from generator.spec.load import Workspace
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "validate"
VALID = FIXTURES / "valid.yaml"
BROKEN = FIXTURES / "no_operation_id.yaml"


@pytest.fixture(params=["parallel", "sequential"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "sequential":  # one core: validation runs first, in this process
        monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 1)
    return str(request.param)


def _expected(spec: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        validate_or_raise([spec], Workspace())
    return [d.format() for d in caught.value.diagnostics]


def test_valid_spec_lets_the_block_finish(mode: str) -> None:
    ran = []
    with pipeline.validated([VALID], Workspace()):
        ran.append(True)
    assert ran == [True]


def test_problems_are_raised_after_the_block(mode: str) -> None:
    with pytest.raises(SpecError) as caught, pipeline.validated([BROKEN], Workspace()):
        pass
    assert [d.format() for d in caught.value.diagnostics] == _expected(BROKEN)


def test_problems_take_precedence_over_the_blocks_own_error(mode: str) -> None:
    with pytest.raises(SpecError), pipeline.validated([BROKEN], Workspace()):
        raise KeyError("a consequence of the broken spec")


def test_the_blocks_error_surfaces_when_the_spec_is_valid(mode: str) -> None:
    with pytest.raises(KeyError, match="render bug"), pipeline.validated([VALID], Workspace()):
        raise KeyError("render bug")


def test_generate_one_keeps_the_previous_output_on_a_broken_spec(tmp_path: Path, mode: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    write_marker(out)  # output of an earlier run
    (out / "keep.txt").write_text("previous")
    with pytest.raises(SpecError):
        pipeline.generate_one(FIXTURES / "structural.yaml", out, "pkg")  # broken for any document
    assert sorted(p.name for p in out.iterdir()) == [".generated-by", "keep.txt"]


def _write_marker(path: Path, workspace: Workspace) -> None:
    path.write_text("side step ran")


def _fail(workspace: Workspace) -> None:
    raise RuntimeError("side step failed")


def test_then_runs_once_the_specs_are_valid(tmp_path: Path, mode: str) -> None:
    marker = tmp_path / "marker"
    with pipeline.validated([VALID], Workspace(), then=partial(_write_marker, marker)):
        pass
    assert marker.read_text() == "side step ran"


def test_then_does_not_run_for_invalid_specs(tmp_path: Path, mode: str) -> None:
    marker = tmp_path / "marker"
    with pytest.raises(SpecError), pipeline.validated([BROKEN], Workspace(), then=partial(_write_marker, marker)):
        pass
    assert not marker.exists()


def test_an_error_of_then_surfaces(mode: str) -> None:
    with pytest.raises(RuntimeError, match="side step failed"), pipeline.validated([VALID], Workspace(), then=_fail):
        pass


@pytest.mark.slow
def test_generate_all_output_is_the_same_in_both_modes(tmp_path: Path, mode: str) -> None:
    """Whichever process wrote which file, the tree is byte for byte the committed generated/."""
    out = tmp_path / "generated"
    pipeline.generate_all(output=out)
    committed = Path(pipeline.find_root()) / "generated"

    def tree(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }

    assert tree(out) == tree(committed)
