"""`validate`: lint every catalog spec (or the given files); one located line per problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "validate and lint the specs (openapi-spec-validator plus the project rules)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "specs", nargs="*", metavar="API|SPEC", help="catalog API names or spec files (default: every catalog API)"
    )
    parser.add_argument("--json", action="store_true", help="print the problems as JSON")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only, no summary")


def run(args: argparse.Namespace) -> int:
    from generator.project.catalog import load_catalog
    from generator.spec.diagnostics import SpecError
    from generator.spec.lint import Report, lint, lint_json
    from generator.spec.load import Workspace

    specs: list[Path] = [Path(name) for name in args.specs]
    if not specs or not all(spec.exists() for spec in specs):
        # catalog names (as `serve` reads them); outside a checkout every argument is a path, and a missing
        # file is then a located problem
        try:
            catalog = {api.name: api.spec for api in load_catalog()}
        except SpecError:
            if not specs:
                raise
            catalog = {}
        specs = [catalog.get(name, Path(name)) for name in args.specs] or list(catalog.values())
    workspace = Workspace()  # shared, so a common file is parsed once for all specs
    diagnostics = []
    for spec in specs:
        diagnostics.extend(lint(spec, workspace).diagnostics)
    diagnostics = sorted(set(diagnostics))
    if args.json:
        print(lint_json(Report(diagnostics)))
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format())
    if not args.quiet:
        verdict = f"{len(diagnostics)} problem(s)" if diagnostics else "no problems"
        print(f"validated {len(specs)} spec(s): {verdict}", file=sys.stderr)
    return 1 if diagnostics else 0
