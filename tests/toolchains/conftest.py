"""Fixtures of the third-party toolchain proof: fresh bundles of every catalog API in a private folder.

The bundles are written by the same function `make generate` uses (generator.spec.bundle.write_bundles), under
build/ (inside the repository, so the linters' configuration globs apply to them).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.project.catalog import load_catalog
from generator.spec.bundle import bundle_paths, source_label, write_bundles
from generator.spec.load import Workspace
from tests.toolchains._tools import ROOT, VARIANTS, Bundle


@pytest.fixture(scope="session")
def workdir() -> Iterator[Path]:
    """build/toolchains/<unique>/: private to this test session (others may run the suite at the same time)."""
    path = ROOT / "build" / "toolchains" / f"run-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    path.mkdir(parents=True)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def bundles(workdir: Path) -> dict[str, Bundle]:
    """Every catalog API bundled as `make generate` does: {"apig-3.1-yaml": Bundle, ...}."""
    out = workdir / "openapi"
    workspace = Workspace()
    found: dict[str, Bundle] = {}
    for api in load_catalog(ROOT):
        write_bundles(api.name, api.spec, out, workspace, source_label(api.spec))
        for variant, path in zip(VARIANTS, bundle_paths(api.name, out), strict=True):
            bundle = Bundle(api.name, variant, path)
            found[bundle.id] = bundle
    return found
