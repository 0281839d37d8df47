"""Hostile documents (tests/fixtures/hostile/): each gets one located line and a non-zero exit, in bounded time and
memory. Every case runs the real CLI in a subprocess whose address space is capped, under a timeout."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
MEMORY_LIMIT = 1536 * 2**20  # address space: the interpreter and its libraries need ~700 MiB of it
TIMEOUT_S = 60  # generous for a loaded shared machine; each case takes well under a second of CPU
CPU_LIMIT_S = 20
SECRET = "s3cr3t-marker-4711"


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S))


def cli(*args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "VENDOR_OPENAPI_REF_ROOTS"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        preexec_fn=_limits,
        check=False,
    )


def problem_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    output = result.stdout + result.stderr  # `validate` prints problems on stdout, the other commands on stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, output
    return [line for line in output.splitlines() if line and not line.startswith("validated ")]


CASES = [
    ("alias-bomb.yaml", "YAML aliases expand to more than 100,000 extra nodes"),
    ("recursive-alias.yaml", "/x-loop: recursive YAML alias"),
    ("timestamp-extension.yaml", "/x-released: YAML tag '!!timestamp' gives no JSON value"),
    ("big-integer.yaml", "/x-size: number longer than 100 characters"),
    ("big-integer.json", "number longer than 100 characters"),
    ("deep-nesting.yaml", "nested deeper than 64 levels"),
    ("deep-nesting.json", "nested deeper than 64 levels"),
]


@pytest.mark.parametrize("command", ["validate", "bundle", "generate"])
@pytest.mark.parametrize(("fixture", "message"), CASES, ids=[c[0] for c in CASES])
def test_hostile_document_gets_one_located_line(fixture: str, message: str, command: str, tmp_path: Path) -> None:
    extra = {"validate": [], "bundle": ["--out", tmp_path / "out"], "generate": ["--out", tmp_path / "out"]}[command]
    lines = problem_lines(cli(command, HOSTILE / fixture, *extra))
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{os.path.relpath(HOSTILE / fixture, ROOT)}:"), lines
    assert message in lines[0], lines
    assert not (tmp_path / "out").exists()


def test_big_integer_is_located_at_the_number() -> None:
    (line,) = problem_lines(cli("validate", HOSTILE / "big-integer.json"))
    assert ":2:12: " in line  # the number's own line and column


@pytest.mark.parametrize("fixture", ["ref-absolute.yaml", "ref-traversal.yaml", "ref-dev-zero.yaml"])
def test_ref_outside_the_root_folder_is_refused(fixture: str) -> None:
    lines = problem_lines(cli("validate", HOSTILE / fixture))
    assert any("/components/schemas/Leak/$ref: " in line and "outside the spec's root folder" in line for line in lines)
    assert "root:" not in "\n".join(lines)  # nothing of /etc/passwd


def test_ref_to_a_device_is_refused_even_inside_an_allowed_folder() -> None:
    lines = problem_lines(cli("validate", HOSTILE / "ref-dev-zero.yaml", "--ref-root", "/dev"))
    assert any("$ref '/dev/zero#/x' cannot be resolved: cannot read file: not a regular file" in ln for ln in lines)


def test_a_device_as_the_spec_is_refused() -> None:
    (line,) = problem_lines(cli("validate", "/dev/zero"))
    assert line.endswith("cannot read file: not a regular file")


def test_ref_to_a_fifo_does_not_hang(tmp_path: Path) -> None:
    shutil.copy(HOSTILE / "ref-fifo.yaml", tmp_path / "openapi.yaml")
    os.mkfifo(tmp_path / "fifo.yaml")
    lines = problem_lines(cli("validate", tmp_path / "openapi.yaml", cwd=tmp_path))
    assert any("$ref 'fifo.yaml#/x' cannot be resolved: cannot read file: not a regular file" in ln for ln in lines)


def _leaky_spec(tmp_path: Path) -> Path:
    """A spec whose only schema lives in a file beside its folder, holding a secret."""
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "secret.yaml").write_text(f"Secret: {{type: string, description: {SECRET}}}\n")
    spec = tmp_path / "api" / "openapi.yaml"
    spec.parent.mkdir()
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: leak, version: '1'}\npaths: {}\n"
        "components:\n  schemas:\n    Leak:\n      $ref: '../private/secret.yaml#/Secret'\n"
    )
    return spec


@pytest.mark.slow
def test_foreign_file_never_reaches_messages_or_bundles(tmp_path: Path) -> None:
    spec = _leaky_spec(tmp_path)
    for args in (["validate", spec], ["bundle", spec, "--out", tmp_path / "bundles"]):
        result = cli(*args)
        assert result.returncode != 0
        assert SECRET not in result.stdout + result.stderr
        assert "outside the spec's root folder" in result.stdout + result.stderr
    assert not (tmp_path / "bundles").exists()


@pytest.mark.slow
def test_ref_root_option_allows_another_folder(tmp_path: Path) -> None:
    spec = _leaky_spec(tmp_path)
    allowed = cli("bundle", spec, "--out", tmp_path / "bundles", "--ref-root", tmp_path / "private")
    assert allowed.returncode == 0, allowed.stderr
    assert SECRET in (tmp_path / "bundles" / "api.openapi.yaml").read_text()
    by_env = cli("validate", spec, env={"VENDOR_OPENAPI_REF_ROOTS": str(tmp_path / "private")})
    assert "outside the spec's root folder" not in by_env.stderr
