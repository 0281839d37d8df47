"""A `$ref` chain deeper than openapi-spec-validator can follow is one located error at the schema heading it, in
bounded time (it used to be `1:1: /` with the library's RecursionError text)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synth import allof_chain_spec
from generator.spec.lint.chains import deepest_chain
from tests.conftest import ROOT


def test_the_longest_chain_and_its_head() -> None:
    document = allof_chain_spec(40)
    assert deepest_chain(document) == ("/components/schemas/Level39", 40)
    assert deepest_chain({"openapi": "3.1.0"}) == ("", 0)


def test_a_cycle_counts_once() -> None:
    schemas = {
        "A": {"allOf": [{"$ref": "#/components/schemas/B"}]},
        "B": {"properties": {"a": {"$ref": "#/components/schemas/A"}, "c": {"$ref": "#/components/schemas/C"}}},
        "C": {"type": "string"},
        "D~/x": {"items": {"$ref": "#/components/schemas/A"}},
    }
    assert deepest_chain({"components": {"schemas": schemas}}) == ("/components/schemas/D~0~1x", 4)


@pytest.mark.slow
def test_a_chain_too_deep_to_validate_is_located(tmp_path: Path) -> None:
    spec = tmp_path / "chain.json"
    spec.write_text(json.dumps(allof_chain_spec(6000)), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(spec)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    (line,) = [text for text in result.stdout.splitlines() + result.stderr.splitlines() if "chain" in text]
    assert "/components/schemas/Level5999: a chain of 6000 schemas" in line and ":1:1: /:" not in line
    assert "Traceback" not in result.stderr
