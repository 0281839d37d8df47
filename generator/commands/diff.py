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
        help="count only breaks not acknowledged in specs/CHANGELOG.md (catalog mode)",
    )


def run(args: argparse.Namespace) -> int:
    from generator.diff.report import as_json, as_markdown, as_text
    from generator.spec.diagnostics import SpecError

    try:
        if args.old and args.new and args.base is None:
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
    if args.unacknowledged:
        from generator.diff.acknowledge import acknowledged
        from generator.project.catalog import find_root

        known = acknowledged(find_root())
        for report in reports:
            for change in report.changes:
                if change.level == "breaking" and change.id in known:
                    change.level = "info"
                    change.message += f" (acknowledged: {known[change.id]})"
    output = {"json": as_json, "markdown": as_markdown, "text": as_text}[args.format](reports)
    if output:
        print(output)
    breaking = sum(len(r.breaking) for r in reports)
    warnings = sum(1 for r in reports for c in r.changes if c.level == "warning")
    print(f"{breaking} breaking change(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if breaking else 0


def _catalog_reports(args: argparse.Namespace) -> list[Report] | None:
    from generator.diff import diff_documents
    from generator.diff.revision import RevisionError, checkout_specs
    from generator.project.catalog import find_root, load_catalog

    root = find_root()
    apis = load_catalog(root)
    names = [n for n in (args.old, args.new) if n]
    unknown = [n for n in names if n not in {a.name for a in apis}]
    if unknown:
        print(
            f"{', '.join(unknown)}: neither a file nor a catalog API ({', '.join(a.name for a in apis)})"
            if not (args.old and args.new) or args.base
            else f"diff OLD NEW: {unknown[0]} not found",
            file=sys.stderr,
        )
        return None
    chosen = [a for a in apis if a.name in names] if names else apis
    revision = args.base or "HEAD"
    reports: list[Report] = []
    try:
        with checkout_specs(root, revision) as base:
            for api in chosen:
                old_spec = base / api.spec.relative_to(root)
                if not old_spec.is_file():
                    print(f"{api.name}: not in {revision} (a new API): nothing to compare", file=sys.stderr)
                    continue
                reports.append(diff_documents(old_spec, api.spec, package=args.package or api.package, api=api.name))
    except RevisionError as exc:
        print(f"diff --base {revision}: {exc}", file=sys.stderr)
        return None
    return reports
