"""A second `generate` with nothing changed writes nothing; any change to an input or to the output regenerates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.project import pipeline
from generator.project.cache import Stamp
from tests.conftest import ROOT


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_noop_regeneration_is_exact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "root"
    shutil.copytree(ROOT / "specs", root / "specs")
    catalog = root / "specs" / "catalog.yaml"  # one API keeps the test short
    entries = catalog.read_text().split("\n  - ")
    catalog.write_text("\n  - ".join(entries[:2]) + "\n")
    out = tmp_path / "out"
    runs: list[int] = []
    real_staged = pipeline.staged

    def counting_staged(target: Path, **options):  # type: ignore[no-untyped-def]
        runs.append(1)
        return real_staged(target, **options)

    monkeypatch.setattr(pipeline, "staged", counting_staged)

    pipeline.generate_all(root, out)
    first = _tree(out)
    assert len(runs) == 1 and Stamp(out).up_to_date()

    pipeline.generate_all(root, out)  # nothing changed: nothing is rebuilt or written
    assert len(runs) == 1 and _tree(out) == first

    edited = next(out.rglob("models.py"))
    edited.write_text(edited.read_text() + "# hand edit\n")
    pipeline.generate_all(root, out)  # the output drifted: regenerated, exactly as before
    assert len(runs) == 2 and _tree(out) == first

    (out / "stray.txt").write_text("x")
    pipeline.generate_all(root, out)  # a file the run did not write: regenerated without it
    assert len(runs) == 3 and _tree(out) == first

    spec = root / "specs" / "common" / "huawei-cloud.yaml"  # a file reached only through a $ref
    spec.write_text(spec.read_text() + "\n# comment\n")
    pipeline.generate_all(root, out)
    assert len(runs) == 4

    Stamp(out).path.write_text("{not json")  # a corrupt stamp only costs a regeneration
    pipeline.generate_all(root, out)
    assert len(runs) == 5 and _tree(out) == first


def test_validation_verdicts_are_reused_until_a_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.spec.lint as lint_module
    from generator.spec.load import Workspace

    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path / "cache"))
    shutil.copytree(ROOT / "tests" / "fixtures" / "validate", tmp_path / "specs")
    spec = tmp_path / "specs" / "bad_example.yaml"
    calls: list[Path] = []
    real_lint = lint_module.lint

    def counting_lint(path: Path, *args: object, **kwargs: object) -> object:
        calls.append(path)
        return real_lint(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lint_module, "lint", counting_lint)
    first = pipeline._problems([spec], Workspace(), True, True)
    assert first and len(calls) == 1
    assert pipeline._problems([spec], Workspace(), True, True) == first and len(calls) == 1  # from the cache
    shared = tmp_path / "specs" / "shared.yaml"  # reached by $ref only
    shared.write_text(shared.read_text() + "\n")
    assert pipeline._problems([spec], Workspace(), True, True) == first and len(calls) == 2
