"""`fuzz [API ...]`: schemathesis with every check, both generation modes and a fixed seed (schemathesis.toml).

Without --base-url each API is fuzzed against a reference server started for the run on 127.0.0.1; with
--base-url (one API) against any deployment, authenticated with --token. Reports go to reports/<api>/.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HELP = "fuzz the reference server (or a deployment, --base-url) with schemathesis; reports under reports/"
TOKEN_ENV = "VENDOR_OPENAPI_TOKEN"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("apis", nargs="*", metavar="API|SPEC", help="catalog APIs or spec files (default: all APIs)")
    parser.add_argument("--base-url", help="fuzz this deployment instead of a fresh reference server (one API)")
    parser.add_argument(
        "--token",
        default=os.environ.get(TOKEN_ENV),
        help=f"token for --base-url (default ${TOKEN_ENV}; prefer it: arguments are visible to other users)",
    )
    parser.add_argument(
        "-n", "--max-examples", type=int, default=None, help="cases per operation and phase (schemathesis.toml: 1000)"
    )
    parser.add_argument("--report-dir", type=Path, default=None, help="where reports go (default reports/)")
    parser.add_argument(
        "--st",
        dest="schemathesis_args",
        action="append",
        default=[],
        metavar="OPTION",
        help="one more option for `schemathesis run`, e.g. --st=--phases=fuzzing (repeatable)",
    )


def run(args: argparse.Namespace) -> int:
    from generator.fuzz.run import format_results, fuzz_one
    from generator.project.catalog import find_root, load_catalog, resolve_api

    root = find_root()
    names = list(args.apis) or [api.name for api in load_catalog(root)]
    if args.base_url and len(names) != 1:
        print("--base-url fuzzes exactly one API: name it", file=sys.stderr)
        return 2
    if args.base_url and not args.token:
        print(f"--base-url needs --token (or ${TOKEN_ENV})", file=sys.stderr)
        return 2
    extra = list(args.schemathesis_args)
    reports = args.report_dir or root / "reports"
    results = []
    for name in names:
        spec, api_name = resolve_api(name)
        print(f"== fuzzing {api_name or spec} ==", file=sys.stderr, flush=True)
        results.append(
            fuzz_one(
                api_name,
                spec,
                root=root,
                reports=reports,
                base_url=args.base_url,
                token=args.token,
                max_examples=args.max_examples,
                extra_args=extra,
            )
        )
    print(format_results(results))
    print(f"reports: {reports}", file=sys.stderr)
    return 0 if all(r.ok for r in results) else 1
