"""`python -m generator SUBCOMMAND`: one module per subcommand under generator/commands/.

Command modules are light at import time (heavy libraries are imported inside `run`), so `--help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, cast

from generator import __version__
from generator.project.ownership import NotOwned
from generator.spec.diagnostics import SpecError
from generator.spec.load import REF_ROOTS_ENV

# Order is the order shown by --help.
COMMANDS = ("list", "validate", "generate", "bundle", "diff", "serve", "fuzz")


class Command(Protocol):
    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def _command(name: str) -> Command:
    return cast(Command, importlib.import_module(f"generator.commands.{name.replace('-', '_')}"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Validate, generate, bundle, serve and fuzz the vendor OpenAPI specs listed in specs/catalog.yaml.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", required=True)
    for name in COMMANDS:
        command = _command(name)
        sub = subparsers.add_parser(name, help=command.HELP, description=command.HELP)
        command.add_arguments(sub)
        sub.add_argument(
            "--ref-root",
            action="append",
            type=Path,
            default=[],
            metavar="DIR",
            help="a folder `$ref`s may also read from (besides each spec's root folder); repeatable",
        )
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.ref_root:  # through the environment, so every workspace sees it, forked workers included
        extra = [str(p.resolve()) for p in args.ref_root]
        os.environ[REF_ROOTS_ENV] = os.pathsep.join(filter(None, [os.environ.get(REF_ROOTS_ENV, ""), *extra]))
    try:
        status = int(args.run(args))
        sys.stdout.flush()  # a closed pipe shows here, where it can be handled, not at interpreter exit
        return status
    except SpecError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `list --json | head`: the reader has gone. Point stdout at /dev/null so the final flush stays quiet,
        # and exit as a process killed by SIGPIPE would.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except NotOwned as exc:
        print(exc, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
