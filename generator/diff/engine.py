"""Compare two documents: wire changes (proved by witnesses), then their names in the generated package."""

from __future__ import annotations

import re
from pathlib import Path

from generator.diff.impact import Impact, build_ir
from generator.diff.operations import Comparison, RawChange
from generator.diff.report import Change, Location, Report
from generator.diff.source import Spec
from generator.spec.diagnostics import SpecError, display_path


def default_package(path: Path) -> str:
    stem = path.stem if path.stem not in ("openapi", "swagger", "api") else path.parent.name
    name = re.sub(r"\W+", "_", stem).strip("_").lower() or "client"
    return name if name[0].isalpha() else f"api_{name}"


def load_pair(old: Path, new: Path) -> tuple[Spec, Spec]:
    """Both documents, or one SpecError carrying the problems of both."""
    specs: list[Spec] = []
    problems = []
    for path in (old, new):
        try:
            specs.append(Spec(path))
        except SpecError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise SpecError(problems)
    return specs[0], specs[1]


def diff_documents(
    old: Path, new: Path, *, package: str | None = None, api: str | None = None, impact: bool = True
) -> Report:
    old_spec, new_spec = load_pair(old, new)
    try:
        raw = Comparison(old_spec, new_spec).run()
    except SpecError:
        raise
    except RecursionError:
        raise SpecError([old_spec.root.diagnostic("", "schemas nest too deeply to compare")]) from None
    package = package or default_package(new)
    names = Impact(build_ir(old_spec, package), build_ir(new_spec, package)) if impact else Impact(None, None)
    raw += names.sdk_changes()
    report = Report(old=display_path(old), new=display_path(new), package=package, api=api)
    seen: set[str] = set()
    for change in raw:
        converted = _convert(change, names)
        if converted.id in seen:
            continue
        seen.add(converted.id)
        report.changes.append(converted)
    report.sort()
    return report


def _convert(change: RawChange, names: Impact) -> Change:
    sdk = change.witness.get("sdk") if change.witness else None
    if isinstance(sdk, dict) and "method" not in sdk:
        found = names.method(change)
        if found:
            sdk.update(package=found[0], method=found[1])
    operation = f"{change.operation[0]} {change.operation[1]}" if change.operation else None
    return Change(
        rule=change.rule,
        level=change.level,
        operation=operation,
        subject=change.subject,
        message=change.message,
        old=Location.of(change.old),
        new=Location.of(change.new),
        witness=change.witness,
        impact=names.name(change),
    )
