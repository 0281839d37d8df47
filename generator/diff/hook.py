"""`make generate`'s report of breaking changes: the committed bundles against the ones about to replace them.

Runs after every output is built and before the swap; it reports and never fails the generation (a gate that
fails is CI's job, see `generator.diff.gate`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.project.catalog import Api


def report_breaks(committed: Path, staging: Path, apis: list[Api]) -> None:
    from generator.diff.engine import diff_documents
    from generator.diff.report import as_text
    from generator.spec.diagnostics import SpecError

    for api in apis:
        old = committed / "openapi" / f"{api.name}.openapi.json"
        new = staging / "openapi" / f"{api.name}.openapi.json"
        if not old.is_file() or not new.is_file():
            continue
        try:
            report = diff_documents(old, new, package=api.package, api=api.name)
        except (SpecError, OSError) as exc:  # the committed bundle may predate a format change: say so, go on
            print(f"{api.name}: breaking changes not checked: {exc}", file=sys.stderr)
            continue
        report.changes = [c for c in report.changes if c.level != "info"]
        if report.changes:
            breaking = len(report.breaking)
            print(f"{api.name}: {breaking} breaking change(s) against the committed bundle:", file=sys.stderr)
            print(as_text([report]), file=sys.stderr)


@contextmanager
def breaking_report(committed: Path, staging: Path, apis: list[Api]) -> Iterator[None]:
    yield
    report_breaks(committed, staging, apis)
