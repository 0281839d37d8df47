"""`bundle`: single-file OpenAPI documents for other toolchains (3.1 YAML + JSON and a 3.0.3 downgrade)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "write single-file OpenAPI bundles (3.1 YAML/JSON, 3.0.3 YAML) to generated/openapi/ (or: bundle SPEC ...)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("specs", nargs="*", type=Path, help="OpenAPI 3.1 documents (default: every catalog API)")
    parser.add_argument("--out", type=Path, help="output directory (default: generated/openapi; required with SPEC)")
    parser.add_argument("--docs", type=Path, metavar="DIR", help="also write an HTML reference page per API to DIR")


def run(args: argparse.Namespace) -> int:
    from generator.commands.generate import _default_package
    from generator.project.catalog import find_root, load_catalog
    from generator.project.ownership import check_owned
    from generator.project.pipeline import staged
    from generator.project.provenance import source_label
    from generator.render.docs import write_page
    from generator.spec.bundle import write_bundles
    from generator.spec.lint import validate_or_raise
    from generator.spec.load import Workspace

    if args.specs and args.out is None:
        # generated/openapi holds the catalog's bundles (`make generate`); another document goes elsewhere
        print("bundle SPEC needs --out DIR (generated/openapi holds only the catalog's bundles)", file=sys.stderr)
        return 2
    root = find_root()
    catalog = load_catalog(root)
    by_spec = {api.spec.resolve(): api.name for api in catalog}
    specs = [spec.resolve() for spec in args.specs] or [api.spec for api in catalog]
    out = args.out or root / "generated" / "openapi"
    # both folders are checked before anything is written (staged() checks again at the swap)
    check_owned(out, inputs=specs)
    if args.docs:
        check_owned(args.docs, inputs=specs)
        if args.docs.resolve() == out.resolve():
            print("--docs and --out must be different folders", file=sys.stderr)
            return 2
    workspace = Workspace()
    # Catalog specs meet the project rules; any other document only needs to be a valid OpenAPI document.
    for warning in validate_or_raise(specs, workspace, project_rules=not args.specs, strict=not args.specs):
        print(warning.format(), file=sys.stderr)
    names = [by_spec.get(spec.resolve()) or _default_package(spec).replace("_", "-") for spec in specs]
    written: list[Path] = []
    with staged(out, inputs=specs) as staging:
        for name, spec in zip(names, specs, strict=True):
            written += write_bundles(name, spec, staging, workspace, source_label(spec))
    if args.docs:
        with staged(args.docs, inputs=specs) as staging:
            for name, spec in zip(names, specs, strict=True):
                write_page(name, spec, staging, workspace)
    print(f"bundled {len(specs)} API(s) into {out}: {len(written)} file(s)", file=sys.stderr)
    return 0
