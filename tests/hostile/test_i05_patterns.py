"""Item 5: pattern checks take linear time. The generated models use the Rust engine (no backtracking); a pattern
that needs backtracking (lookaround, backreferences) is refused at generation with its location; the reference
server answers adversarial strings for both kinds of pattern at once."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from generator.ir.patterns import linear_time_problem
from generator.serve.app import ServeOptions, build_app
from generator.serve.runner import BackgroundServer
from tests.hostile.budget import HOSTILE, budget, run_cli


@pytest.mark.slow
def test_a_lookaround_pattern_is_left_to_the_server_with_a_located_warning(tmp_path: Path) -> None:
    """Any document generates; a pattern only a backtracking engine can run is not put in the client's models
    (no string can stall them), and the warning says where it is. The reference server still checks it."""
    result = run_cli(
        "generate", HOSTILE / "i5-lookaround-pattern.yaml", "--out", tmp_path / "out", cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "i5-lookaround-pattern.yaml:23:20: /components/schemas/Thing/properties/name/pattern:" in result.stderr
    assert "look-around" in result.stderr and "linear time" in result.stderr and "warning" in result.stderr
    models = next((tmp_path / "out").rglob("models.py")).read_text()
    assert "(?!" not in models and "(?=" not in models


@pytest.mark.slow
def test_the_generated_model_checks_an_exponential_pattern_in_linear_time(tmp_path: Path) -> None:
    out = tmp_path / "out"
    spec = HOSTILE / "i5-exponential-pattern.yaml"
    result = run_cli("generate", spec, "--out", out, "--package", "pkg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    code = (
        "import time, pkg.models as m\n"
        "m.Thing.model_validate({'name': 'aa'})\n"
        "for n in (26, 40, 100_000):\n"
        "    started = time.perf_counter()\n"
        "    try:\n"
        "        m.Thing.model_validate({'name': 'a' * n + 'b'})\n"
        "    except ValueError:\n"
        "        print(n, round(time.perf_counter() - started, 4))\n"
    )
    # Python's `re` took 0.4 s at 30 characters and grows by half with every character: 40 would take tens of seconds
    run = subprocess.run([sys.executable, "-c", code], cwd=out, capture_output=True, text=True, timeout=30, check=False)
    assert run.returncode == 0, run.stderr
    timings = dict(line.split() for line in run.stdout.splitlines())
    assert set(timings) == {"26", "40", "100000"}
    assert all(float(seconds) < 0.5 for seconds in timings.values()), timings


@pytest.mark.parametrize("fixture", ["i5-exponential-pattern.yaml", "i5-lookaround-pattern.yaml"])
def test_the_server_answers_adversarial_strings_at_once(fixture: str) -> None:
    """Held: the server checks patterns with jsonschema-rs (bounded backtracking), never Python's `re`."""
    with BackgroundServer(build_app(HOSTILE / fixture, options=ServeOptions())) as server:
        for n in (26, 40, 5000):
            started = time.monotonic()
            with budget(seconds=5, megabytes=64):
                response = httpx.post(server.base_url + "/things", json={"name": "a" * n + "c"}, timeout=30)
            assert response.status_code == 400 and time.monotonic() - started < 2


def test_what_the_linear_engine_accepts() -> None:
    assert linear_time_problem(r"^[A-Za-z][A-Za-z0-9_]{2,254}$") is None
    assert linear_time_problem(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$") is None
    assert "backreference" in (linear_time_problem(r"^(a)\1$") or "")
    assert "look-around" in (linear_time_problem(r"^(?!admin$).+$") or "")
    assert "minLength/maxLength" in (linear_time_problem(r"^.{1,65535}$") or "")  # past the engine's size limit
