"""`python -m generator SUBCOMMAND`: one module per subcommand under generator/commands/.

Command modules are light at import time (heavy libraries are imported inside `run`), so `--help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol, cast

from generator.spec.diagnostics import SpecError

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
    subparsers = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", required=True)
    for name in COMMANDS:
        command = _command(name)
        sub = subparsers.add_parser(name, help=command.HELP, description=command.HELP)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except SpecError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
