"""Item 26: `--package` must be an ASCII import name that shadows nothing the generated client imports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.ir.naming import package_problem
from tests.conftest import ROOT
from tests.hostile.budget import run_cli

SPEC = ROOT / "tests" / "fixtures" / "generate" / "minimal" / "openapi.yaml"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("é", "not a valid Python import name"),
        ("\uff50kg", "not a valid Python import name"),  # fullwidth p
        ("a-b", "not a valid Python import name"),
        ("../evil", "not a valid Python import name"),  # held: a package name never leaves --out
        ("a/b", "not a valid Python import name"),
        ("class", "keyword"),
        ("match", "keyword"),
        ("httpx", "depends on"),
        ("pydantic_core", "depends on"),
        ("Typing_Extensions", "depends on"),
        ("json", "standard library"),
        ("sys", "standard library"),
    ],
)
def test_unusable_package_names_are_refused_with_exit_2(tmp_path: Path, name: str, reason: str) -> None:
    result = run_cli("generate", SPEC, "--out", tmp_path / "out", "--package", name, cwd=tmp_path, timeout=30)
    assert result.returncode == 2
    assert reason in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_default_name_from_the_file_name_is_checked_too(tmp_path: Path) -> None:
    spec = tmp_path / "httpx.yaml"
    shutil.copy(SPEC, spec)
    result = run_cli("generate", spec, "--out", tmp_path / "out", cwd=tmp_path, timeout=30)
    assert result.returncode == 2 and "--package NAME" in result.stderr


def test_ordinary_names_pass() -> None:
    assert package_problem("huaweicloud_apig") is None
    assert package_problem("_private2") is None
