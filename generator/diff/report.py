"""Changes and the three output formats (text, json, markdown)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from generator.diff.source import Loc
from generator.spec.diagnostics import display_path

Level = Literal["breaking", "warning", "info"]
LEVELS: tuple[Level, ...] = ("breaking", "warning", "info")


@dataclass(frozen=True)
class Location:
    file: str
    line: int
    col: int
    pointer: str

    @staticmethod
    def of(loc: Loc | None) -> Location | None:
        if loc is None:
            return None
        line, col = loc.document.position(loc.pointer)
        return Location(display_path(loc.document.path), line, col, loc.pointer)

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.pointer or '/'}"

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "col": self.col, "pointer": self.pointer}


@dataclass
class Change:
    rule: str
    level: Level
    operation: str | None  # "METHOD /path"
    subject: str  # what in the operation: "query parameter 'limit'", "request body /name", ...
    message: str
    old: Location | None
    new: Location | None
    witness: dict[str, Any] | None = None
    impact: str | None = None  # the generated Python package's method / keyword argument / model field
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            # stable across runs and line moves: what changed and where, not the line it is written on
            digest = hashlib.sha1(f"{self.rule}|{self.operation}|{self.subject}|{self.message}".encode()).hexdigest()
            self.id = f"{self.rule}-{digest[:8]}"

    @property
    def text(self) -> str:
        where = f"{self.subject}: " if self.subject else ""
        return f"{where}{self.message}"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "level": self.level,
            "operation": self.operation,
            "message": self.text,
            "old": self.old.as_json() if self.old else None,
            "new": self.new.as_json() if self.new else None,
            "witness": self.witness,
            "impact": self.impact,
        }


@dataclass
class Report:
    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    package: str | None = None
    api: str | None = None

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.level == "breaking"]

    def sort(self) -> None:
        self.changes.sort(key=lambda c: (LEVELS.index(c.level), c.operation or "", c.subject, c.rule, c.id))


def as_json(reports: list[Report]) -> str:
    changes = [c.as_json() for r in reports for c in r.changes]
    return json.dumps({"changes": changes}, indent=2, ensure_ascii=False)


def as_text(reports: list[Report], *, verbose: bool = True) -> str:
    lines = []
    for report in reports:
        for change in report.changes:
            if change.level == "info" and not verbose:
                continue
            shown = change.new or change.old
            where = shown.format() if shown else report.new
            op = f"{change.operation}: " if change.operation else ""
            line = f"{where}: {change.level}: {op}{change.text} [{change.id}]"
            if change.old and change.new:
                line += f" (old: {change.old.format()})"
            if change.impact:
                line += f" -> {change.impact}"
            if change.witness is not None and change.level == "breaking":  # one line per change, witness included
                line += f"; witness: {json.dumps(change.witness, ensure_ascii=False, sort_keys=True)}"
            lines.append(line)
    return "\n".join(lines)


def as_markdown(reports: list[Report]) -> str:
    """A changelog section per API, in the style of per-language SDK changelogs."""
    out: list[str] = []
    for report in reports:
        title = report.package or report.api or report.new
        out.append(f"## {title}\n")
        for level, heading in (
            ("breaking", "Breaking changes"),
            ("warning", "Needs review"),
            ("info", "Other changes"),
        ):
            changes = [c for c in report.changes if c.level == level]
            if not changes:
                continue
            out.append(f"### {heading}\n")
            for change in changes:
                out.append(f"- {changelog_line(change)}")
            out.append("")
        if not report.changes:
            out.append("No changes.\n")
    return "\n".join(out).rstrip() + "\n"


def changelog_line(change: Change) -> str:
    target = f"`{change.impact}`" if change.impact else f"`{change.operation}`" if change.operation else ""
    op = f" ({change.operation})" if change.impact and change.operation else ""
    lead = f"{target}{op}: " if target else ""
    return f"{lead}{change.text} (`{change.id}`)"
