"""`generate`: every catalog API (the default), or one client package from any OpenAPI 3.0/3.1 document."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from generator.ir.naming import ascii_fold

HELP = "validate the specs and regenerate generated/ (or: generate SPEC --out DIR [--package NAME])"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("spec", nargs="?", type=Path, help="one OpenAPI document (default: the whole catalog)")
    parser.add_argument("--out", type=Path, help="output directory of the package (with SPEC)")
    parser.add_argument("--package", help="import name of the package (with SPEC; default from the file name)")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="with SPEC: the project's style rules, and examples or defaults that break their schema, are errors",
    )


def _default_package(spec: Path) -> str:
    stem = spec.stem if spec.stem not in ("openapi", "swagger", "api") else spec.parent.name
    name = re.sub(r"[^A-Za-z0-9]+", "_", ascii_fold(stem)).strip("_").lower() or "client"
    return name if name[0].isalpha() else f"api_{name}"


def run(args: argparse.Namespace) -> int:
    from generator.ir.naming import package_problem
    from generator.project.pipeline import generate_all, generate_one

    if args.spec is None:
        if args.out or args.package:
            print("--out and --package go with SPEC", file=sys.stderr)
            return 2
        apis = generate_all()
        print(f"generated {len(apis)} API(s): {', '.join(a.name for a in apis)}", file=sys.stderr)
        return 0
    if args.out is None:
        print("generate SPEC needs --out DIR", file=sys.stderr)
        return 2
    package = args.package or _default_package(args.spec)
    problem = package_problem(package)
    if problem is not None:
        hint = "" if args.package else " (the default from the file name; choose one with --package NAME)"
        print(f"--package: {problem}{hint}", file=sys.stderr)
        return 2
    generate_one(args.spec, args.out, package, strict=args.strict)
    print(f"generated package {package} in {args.out}", file=sys.stderr)
    return 0
