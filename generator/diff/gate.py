"""The project's own gate: catalog specs against a git revision, and the breaks nobody acknowledged."""

from __future__ import annotations

from pathlib import Path

from generator.diff.acknowledge import acknowledged
from generator.diff.engine import diff_documents
from generator.diff.report import Change, Report
from generator.diff.revision import checkout_specs
from generator.project.catalog import load_catalog


def catalog_reports(root: Path, revision: str, names: list[str] | None = None) -> tuple[list[Report], list[str]]:
    """One report per catalog API (all, or `names`) between `revision` and the working tree, and notes on APIs
    that could not be compared (new since the revision). Raises RevisionError when the revision is missing."""
    apis = [api for api in load_catalog(root) if not names or api.name in names]
    reports, notes = [], []
    with checkout_specs(root, revision) as base:
        for api in apis:
            old = base / api.spec.relative_to(root)
            if not old.is_file():
                notes.append(f"{api.name}: not in {revision} (a new API): nothing to compare")
                continue
            reports.append(diff_documents(old, api.spec, package=api.package, api=api.name))
    return reports, notes


def unacknowledged(root: Path, reports: list[Report]) -> list[Change]:
    """Breaking changes whose id has no entry (with a reason) in specs/CHANGELOG.md; the others become info."""
    known = acknowledged(root)
    missing = []
    for report in reports:
        for change in report.changes:
            if change.level != "breaking":
                continue
            if change.id in known:
                change.level = "info"
                change.message += f" (acknowledged: {known[change.id]})"
            else:
                missing.append(change)
    return missing
