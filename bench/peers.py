"""How each tool is invoked: ours and the alternatives, with the same inputs and the same formatter (ruff).

All Python tools run from the venv the benchmarks run in (`make bench` installs the `bench` extra there);
Prism comes from bench/node_modules (bench/package.json). The venv's bin directory leads PATH so that every
tool finds the same ruff for its post-processing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bench.harness import BENCH, BIN, ROOT, BenchError, python_env
from generator.project.catalog import Api, load_catalog

PRISM = BENCH / "node_modules" / ".bin" / "prism"


def tool_env(**extra: str) -> dict[str, str]:
    env = python_env(**extra)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def cold(env: Mapping[str, str], scratch: Path, *outputs: Path) -> dict[str, str]:
    """`env` with an empty cache for ours, and `outputs` removed: each run of ours generates from nothing, like the
    peers (the no-op regeneration of an unchanged catalog is its own measure, in the `github` section)."""
    for output in outputs:
        shutil.rmtree(output, ignore_errors=True)
    return {**env, "VENDOR_OPENAPI_CACHE": tempfile.mkdtemp(prefix="cold-cache-", dir=scratch)}


OPC = "openapi-python-client"
OGEN = "openapi-generator"
DMC = "datamodel-codegen"
PRISM_NAME = "prism"
VENDOR_SDK = "huaweicloudsdkapig"


def have(tool: str) -> bool:
    """Whether a peer is installed. `make bench` installs all of them; elsewhere (the smoke test in CI, a bare
    `python -m bench`) a missing peer is left out of the comparison and named in the notes."""
    if tool == OGEN:
        return (BIN / "openapi-generator-cli").exists() and shutil.which("java") is not None
    if tool == VENDOR_SDK:
        return importlib.util.find_spec("huaweicloudsdkapig") is not None
    paths = {OPC: BIN / "openapi-python-client", DMC: BIN / "datamodel-codegen", PRISM_NAME: PRISM}
    return paths[tool].exists()


def missing_tools() -> list[str]:
    return [tool for tool in (OPC, OGEN, DMC, PRISM_NAME, VENDOR_SDK) if not have(tool)]


def not_installed_note(tools: list[str]) -> list[str]:
    missing = [tool for tool in tools if not have(tool)]
    return [f"not installed, left out: {', '.join(missing)} (`make bench` installs them)"] if missing else []


@dataclass(frozen=True)
class SpecInputs:
    """One API as each tool reads it: our source spec, a single-file 3.1 bundle, a 3.0 downgrade."""

    api: Api
    bundle31: Path
    bundle30: Path


_BUNDLES: dict[Path, tempfile.TemporaryDirectory[str]] = {}


def spec_inputs(root: Path = ROOT) -> list[SpecInputs]:
    """Bundle every catalog API with `python -m generator bundle` (untimed: a one-off step the peers need, as
    their users would run it; done once per process) and pair each API with its bundles."""
    if root not in _BUNDLES:
        _BUNDLES[root] = tempfile.TemporaryDirectory(prefix="bench-bundles-")
    out = Path(_BUNDLES[root].name) / "bundles"
    if not out.is_dir():
        result = subprocess.run(
            [sys.executable, "-m", "generator", "bundle", "--out", str(out)],
            cwd=root,
            env=tool_env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0:
            raise BenchError(f"python -m generator bundle failed:\n{result.stderr[-3000:]}")
    inputs = []
    for api in load_catalog(root):
        bundle31, bundle30 = out / f"{api.name}.openapi.yaml", out / f"{api.name}.openapi-3.0.yaml"
        for path in (bundle31, bundle30):
            if not path.is_file():
                raise BenchError(f"`python -m generator bundle` wrote no {path.name}")
        inputs.append(SpecInputs(api, bundle31, bundle30))
    return inputs


def apig_inputs(root: Path = ROOT) -> SpecInputs:
    return next(i for i in spec_inputs(root) if i.api.name == "apig")


# --- command lines -------------------------------------------------------------------------------------------


def ours_generate_all() -> list[str]:
    return [sys.executable, "-m", "generator", "generate"]


def ours_generate_one(spec: Path, out: Path, package: str) -> list[str]:
    return [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(out), "--package", package]


def openapi_python_client(spec: Path, out: Path) -> list[str]:
    return [
        str(BIN / "openapi-python-client"),
        "generate",
        "--path",
        str(spec),
        "--output-path",
        str(out),
        "--overwrite",
    ]


def openapi_generator(spec: Path, out: Path, package: str) -> list[str]:
    return [
        str(BIN / "openapi-generator-cli"),
        "generate",
        "-g",
        "python",
        "-i",
        str(spec),
        "-o",
        str(out),
        "--package-name",
        package,
    ]


def datamodel_codegen(spec: Path, out: Path) -> list[str]:
    """Models only; ruff-format rather than its slow default (black + isort), as ours and opc use ruff."""
    return [
        str(BIN / "datamodel-codegen"),
        "--input",
        str(spec),
        "--input-file-type",
        "openapi",
        "--output",
        str(out),
        "--output-model-type",
        "pydantic_v2.BaseModel",
        "--formatters",
        "ruff-format",
        "--disable-timestamp",
    ]


def opc_package_dir(out: Path) -> Path:
    """openapi-python-client names its package after the spec's title: find the folder holding client.py."""
    for candidate in sorted(out.iterdir()):
        if (candidate / "client.py").is_file():
            return candidate
    raise FileNotFoundError(f"no openapi-python-client package in {out}")
