"""CI's breaking-change gate: a commit that breaks a catalog spec must acknowledge it in specs/CHANGELOG.md.

The first test is the gate itself, on this repository: the catalog specs of the working tree against the
previous commit's. On a fresh single-commit repository or a shallow clone whose previous commit is missing it
skips and says why. The others prove the mechanism on a throw-away repository.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.diff.gate import catalog_reports, unacknowledged
from generator.diff.revision import RevisionError, resolve
from tests.conftest import FIXTURES, ROOT

BASE = "HEAD~1"


def test_catalog_breaks_since_the_previous_commit_are_acknowledged() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: there is no previous commit to compare the specs with")
    try:
        resolve(ROOT, BASE)
    except RevisionError as exc:
        pytest.skip(f"cannot compare with {BASE}: {exc}")
    reports, _ = catalog_reports(ROOT, BASE)
    missing = unacknowledged(ROOT, reports)
    lines = [f"- `{c.id}` ({r.api}): {c.operation}: {c.text}" for r in reports for c in missing if c in r.changes]
    assert not missing, (
        "breaking changes to the catalog specs since the previous commit; acknowledge each in specs/CHANGELOG.md "
        "with a reason (or undo it):\n" + "\n".join(lines)
    )


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-C", str(repo), *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    case = FIXTURES / "diff" / "body-max-length-lowered-31"
    (tmp_path / "specs" / "pets").mkdir(parents=True)
    (tmp_path / "specs" / "catalog.yaml").write_text(
        "apis:\n  - {name: pets, spec: specs/pets/openapi.yaml, package: pets, package_dir: generated/python/pets}\n",
        encoding="utf-8",
    )
    shutil.copy(case / "old" / "openapi.yaml", tmp_path / "specs" / "pets" / "openapi.yaml")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "first")
    shutil.copy(case / "new" / "openapi.yaml", tmp_path / "specs" / "pets" / "openapi.yaml")
    _git(tmp_path, "commit", "-qam", "breaks")
    return tmp_path


def test_an_unacknowledged_break_fails_the_gate(repo: Path) -> None:
    reports, _ = catalog_reports(repo, BASE)
    missing = unacknowledged(repo, reports)
    assert [c.rule for c in missing] == ["request-max-length-decreased"]


def test_an_entry_with_a_reason_acknowledges_it(repo: Path) -> None:
    reports, _ = catalog_reports(repo, BASE)
    change_id = reports[0].breaking[0].id
    changelog = repo / "specs" / "CHANGELOG.md"
    changelog.write_text(f"- `{change_id}` (pets):\n", encoding="utf-8")
    assert unacknowledged(repo, catalog_reports(repo, BASE)[0]), "an entry without a reason must not count"
    changelog.write_text(f"- `{change_id}` (pets): names longer than 16 characters were never stored\n")
    assert unacknowledged(repo, catalog_reports(repo, BASE)[0]) == []


def test_a_missing_base_revision_is_named(repo: Path) -> None:
    with pytest.raises(RevisionError, match="HEAD~5"):
        catalog_reports(repo, "HEAD~5")


def test_the_working_tree_is_compared_not_the_commit(repo: Path) -> None:
    spec = repo / "specs" / "pets" / "openapi.yaml"
    spec.write_text(spec.read_text().replace("maxLength: 16", "maxLength: 64"), encoding="utf-8")
    assert unacknowledged(repo, catalog_reports(repo, BASE)[0]) == []
