"""Compare two documents: wire changes (proved by witnesses), then their names in the generated package."""

from __future__ import annotations

import re
from pathlib import Path

from generator.diff.impact import Impact, build_ir
from generator.diff.operations import Comparison, RawChange, index_operations, normalise_template
from generator.diff.oracle import parameters
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
    raw += _located(names.sdk_changes(), old_spec, new_spec)
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


def _located(changes: list[RawChange], old: Spec, new: Spec) -> list[RawChange]:
    """Generated-SDK changes come from the IR; their locations are the spec nodes the names were made from."""
    old_ops, new_ops = index_operations(old), index_operations(new)
    for change in changes:
        if change.operation is None:
            continue
        key = (change.operation[0], normalise_template(change.operation[1]))
        if key not in old_ops or key not in new_ops:
            continue
        _, old_item, old_op = old_ops[key]
        _, new_item, new_op = new_ops[key]
        change.old, change.new = old_op, new_op
        kind = change.target[0] if change.target else "operation"
        if kind == "operation":
            change.old, change.new = old_op.child("operationId"), new_op.child("operationId")
        elif kind == "parameter":
            where, name = change.target[1], change.target[2]
            wanted = name.lower() if where == "header" else name
            found = parameters(old, old_item, old_op).get((where, wanted))
            if found:
                change.old = found[0].child("name")
            renamed = [loc for (w, _), (loc, _) in parameters(new, new_item, new_op).items() if w == where == "path"]
            if len(renamed) == 1:
                change.new = renamed[0].child("name")
        elif kind == "body":
            change.old = old_op.child("requestBody")
    return changes


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
