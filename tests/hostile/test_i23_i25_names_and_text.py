"""Items 23-25: names and text from a hostile spec. NUL and control characters never make generated code
unimportable; property names that Python's NFKC normalisation would merge stay apart; terminal escapes and bidi
overrides are spelled out, never written raw; an API without operations still passes ruff."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from generator.render.environment import INVISIBLE_CATEGORIES
from tests.conftest import ROOT
from tests.hostile.budget import HOSTILE, run_cli


def generate(spec: str, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = run_cli("generate", HOSTILE / spec, "--out", out, "--package", "pkg", cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    return out


def raw_invisible(out: Path) -> list[str]:
    found = []
    for path in sorted(out.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            text = path.read_text(encoding="utf-8")
            found += [
                f"{path.name}: U+{ord(c):04X}"
                for c in set(text)
                if c not in "\n\t" and unicodedata.category(c) in INVISIBLE_CATEGORIES
            ]
    return found


def check_imports_and_ruff(out: Path) -> None:
    code = "import pkg, pkg.client, pkg.models, pkg.errors, pkg.auth; print(pkg.Client.__doc__ is not None)"
    imported = subprocess.run(
        [sys.executable, "-c", code], cwd=out, capture_output=True, text=True, timeout=60, check=False
    )
    assert imported.returncode == 0, imported.stderr
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--isolated", "--line-length", "120", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr


@pytest.mark.slow
@pytest.mark.parametrize("spec", ["i23-nul-names.yaml", "i25-terminal-escapes.yaml", "i25-empty-paths.yaml"])
def test_generated_code_imports_passes_ruff_and_holds_no_raw_control_characters(spec: str, tmp_path: Path) -> None:
    out = generate(spec, tmp_path)
    check_imports_and_ruff(out)
    assert raw_invisible(out) == []


def test_escapes_are_spelled_out_where_they_are_shown(tmp_path: Path) -> None:
    out = generate("i25-terminal-escapes.yaml", tmp_path)
    readme = (out / "README.md").read_text()
    assert "\\x1b]8;;http://evil.example" in readme and "\\u202e" in readme
    client = (out / "pkg" / "client.py").read_text()
    assert "\\\\u202eYYY" in client  # in a docstring: the backslash itself is escaped


@pytest.mark.slow
def test_a_header_name_no_client_can_send_is_refused_with_a_location(tmp_path: Path) -> None:
    result = run_cli("generate", HOSTILE / "i23-nul-header.yaml", "--out", tmp_path / "out", cwd=tmp_path, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "i23-nul-header.yaml:6:" in result.stderr and "'X-Key\\x00Evil' is not an HTTP field name" in result.stderr
    assert "/paths/~1things/get/parameters/0/name: header name 'X-Trace\\nInjected: 1'" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_properties_equal_after_nfkc_stay_apart(tmp_path: Path) -> None:
    out = generate("i24-nfkc-properties.yaml", tmp_path)
    check_imports_and_ruff(out)
    code = (
        "import pkg.models as m\n"
        "print(sorted(m.Thing.model_fields))\n"
        "t = m.Thing.model_validate({'\\ufb01eld': 'a', 'field': 1, '\\uff46\\uff49\\uff45\\uff4c\\uff44': True,"
        " '\\uff4dodel_config': 'x'})\n"
        "print(sorted(t.model_dump(by_alias=True).items()))\n"
        "try:\n"
        "    m.Thing.model_validate({'field': 1, '\\uff46\\uff49\\uff45\\uff4c\\uff44': True,"
        " '\\uff4dodel_config': 'x'})\n"
        "except Exception as exc:\n"
        "    print('missing', exc.errors()[0]['loc'])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=out, capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    fields, dumped, missing = run.stdout.splitlines()
    assert fields == "['field', 'field_2', 'field_3', 'model_config_', '名前']"
    assert "('\ufb01eld', 'a')" in dumped and "('field', 1)" in dumped and "('\uff4dodel_config', 'x')" in dumped
    assert missing == "missing ('\ufb01eld',)"  # the ligature field is kept, and required


def test_diagnostics_never_send_terminal_escapes() -> None:
    result = run_cli("validate", HOSTILE / "i25-escape-in-pointer.yaml", cwd=ROOT, timeout=60)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "\x1b" not in output and "\x07" not in output
    assert "/paths/~1x\\x1b]8;;http:~1~1evil.example\\x07\\x1b[2J/get: operation has no summary" in output
