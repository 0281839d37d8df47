"""What each benchmark returns (a Section: a table, the ratios against its targets, the raw data) and how the
suite shows it: a table on the terminal, a markdown table for the README, bench/results/latest.json."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.harness import ROOT

Cell = str | float | int | None


@dataclass
class Check:
    """One ratio and the issue's target for it; `ok` is None when there is no target (information only)."""

    name: str
    value: float
    target: str = ""
    ok: bool | None = None

    @staticmethod
    def at_most(name: str, value: float, limit: float, unit: str = "x") -> Check:
        return Check(name, value, f"<= {limit:g}{unit}", value <= limit)

    @staticmethod
    def at_least(name: str, value: float, limit: float, unit: str = "x") -> Check:
        return Check(name, value, f">= {limit:g}{unit}", value >= limit)


@dataclass
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # the benchmark could not run; the rest of the suite still reports


def _cell(value: Cell) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if value >= 100:
            return f"{value:,.0f}"
        if value >= 10:
            return f"{value:.1f}"
        return f"{value:.3g}" if value < 1 else f"{value:.2f}"
    return str(value)


def _verdict(check: Check) -> str:
    if check.ok is None:
        return ""
    return "met" if check.ok else "MISSED"


def text_table(section: Section) -> str:
    lines = [f"== {section.title}"]
    if section.error:
        return "\n".join([*lines, f"   could not run: {section.error}"])
    cells = [section.columns, *[[_cell(c) for c in row] for row in section.rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(section.columns))]
    for index, row in enumerate(cells):
        lines.append(
            "   "
            + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        )
        if index == 0:
            lines.append("   " + "  ".join("-" * w for w in widths))
    for check in section.checks:
        target = f"  (target {check.target}: {_verdict(check)})" if check.target else ""
        lines.append(f"   {check.name}: {check.value:.3g}{target}")
    lines += [f"   note: {note}" for note in section.notes]
    return "\n".join(lines)


def markdown(sections: list[Section]) -> str:
    """The README's "Performance" tables: one per benchmark, then every ratio against its target."""
    out: list[str] = []
    for section in sections:
        out.append(f"**{section.title}**\n")
        if section.error:
            out.append(f"not measured: {section.error}\n")
            continue
        out.append("| " + " | ".join(section.columns) + " |")
        out.append("|" + "|".join("---" for _ in section.columns) + "|")
        out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in section.rows]
        out.append("")
    out.append("| ratio (pairwise, same run) | value | target | |")
    out.append("|---|---|---|---|")
    for section in sections:
        for check in section.checks:
            out.append(f"| {check.name} | {check.value:.3g} | {check.target or '-'} | {_verdict(check)} |")
    return "\n".join(out) + "\n"


def _git_commit() -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip()


def write_json(sections: list[Section], path: Path, settings: dict[str, Any]) -> None:
    document = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
        },
        "settings": settings,
        "sections": [asdict(section) for section in sections],
        "markdown": markdown(sections),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    # written beside the target, then renamed: a failed run never leaves half a file
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(document, indent=2) + "\n")
    os.replace(partial, path)
