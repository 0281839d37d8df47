"""Helpers of the toolchain proof: where the pinned tools are, how they are run, which bundles exist."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.project.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]
NODE_BIN = ROOT / "node_modules" / ".bin"
API_NAMES = [api.name for api in load_catalog(ROOT)]
VARIANTS = ("3.1-yaml", "3.1-json", "3.0-yaml")
# Tools must not phone home or nag from CI.
TOOL_ENV = {
    **os.environ,
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "NO_UPDATE_NOTIFIER": "1",
    "NODE_NO_WARNINGS": "1",
}


@dataclass(frozen=True)
class Bundle:
    api: str
    variant: str  # one of VARIANTS
    path: Path

    @property
    def id(self) -> str:
        return f"{self.api}-{self.variant}"


def bundle_ids(variants: tuple[str, ...] = VARIANTS) -> list[str]:
    return [f"{api}-{variant}" for api in API_NAMES for variant in variants]


def node_tool(name: str) -> Path:
    """A pinned npm tool from ./node_modules; missing means `make toolchains` was not run (a failure, not a skip)."""
    path = NODE_BIN / name
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `make toolchains` (npm ci) first", pytrace=False)
    return path


def run(args: list[str | Path], *, cwd: Path = ROOT, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=TOOL_ENV, capture_output=True, text=True, timeout=timeout, check=False
    )
