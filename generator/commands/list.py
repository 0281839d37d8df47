"""`list`: the catalog, for people (a table) and for scripts (`--json`)."""

from __future__ import annotations

import argparse
import json

from generator.project.catalog import find_root, load_catalog

HELP = "print the catalog of APIs (name, spec, generated package)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(args: argparse.Namespace) -> int:
    root = find_root()
    rows = [api.as_json(root) for api in load_catalog(root)]
    if args.json:
        print(json.dumps({"apis": rows}, indent=2))
        return 0
    width = max(len(r["name"]) for r in rows)
    for row in rows:
        print(f"{row['name']:<{width}}  {row['spec']}  ->  {row['package_dir']} (import {row['package']})")
    return 0
