"""`diff`: breaking changes between two OpenAPI documents, or between catalog specs and a git revision."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.diff.report import Report

HELP = "breaking changes between two OpenAPI documents (or catalog APIs against a git revision); exit 1 on a break"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", nargs="?", help="the old document, or a catalog API name (compared with --base)")
    parser.add_argument("new", nargs="?", help="the new document (with OLD as a file)")
    parser.add_argument("--base", help="git revision the catalog APIs are compared with (default HEAD)")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.add_argument("--package", help="import name of the generated package (names the impact)")
    parser.add_argument(
        "--unacknowledged",
        action="store_true",
        help="catalog mode: a break acknowledged in specs/CHANGELOG.md does not count",
    )


def run(args: argparse.Namespace) -> int:
    from generator.diff.report import as_json, as_markdown, as_text
    from generator.spec.diagnostics import SpecError

    try:
        if args.old and args.new and args.base is None and not _is_api(args.old):
            from generator.diff import diff_documents

            reports = [diff_documents(Path(args.old), Path(args.new), package=args.package)]
        else:
            found = _catalog_reports(args)
            if found is None:
                return 2
            reports = found
    except SpecError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return 2
    output = {"json": as_json, "markdown": as_markdown, "text": as_text}[args.format](reports)
    if output:
        print(output)
    breaking = sum(len(r.breaking) for r in reports)
    warnings = sum(1 for r in reports for c in r.changes if c.level == "warning")
    print(f"{breaking} breaking change(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if breaking else 0


def _is_api(name: str) -> bool:
    if Path(name).exists():
        return False
    from generator.project.catalog import load_catalog

    try:
        return name in {api.name for api in load_catalog()}
    except Exception:  # no catalog here: OLD is a file name
        return False


def _catalog_reports(args: argparse.Namespace) -> list[Report] | None:
    from generator.diff.gate import catalog_reports, unacknowledged
    from generator.diff.revision import RevisionError
    from generator.project.catalog import find_root, load_catalog

    root = find_root()
    known = {api.name for api in load_catalog(root)}
    names = [n for n in (args.old, args.new) if n]
    unknown = [n for n in names if n not in known]
    if unknown:
        print(f"{unknown[0]}: neither a file nor a catalog API ({', '.join(sorted(known))})", file=sys.stderr)
        return None
    revision = args.base or "HEAD"
    try:
        reports, notes = catalog_reports(root, revision, names or None)
    except RevisionError as exc:
        print(f"diff --base {revision}: {exc}", file=sys.stderr)
        return None
    for note in notes:
        print(note, file=sys.stderr)
    if args.unacknowledged:
        unacknowledged(root, reports)
    return reports
