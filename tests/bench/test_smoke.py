"""Smoke test of `make bench`: every benchmark runs end to end at tiny sizes (bench/__main__.py QUICK).

The numbers are not judged here (2 cores shared with the rest of the suite); what is checked is that each
benchmark really ran ours (and every installed peer), produced finite rates and ratios, and stopped its servers.
Peers that `make test` does not install (the `bench` extra, Prism) are left out by the benchmarks themselves.
"""

from __future__ import annotations

import json
import math
import socket
from pathlib import Path

import pytest

from bench import harness, loadgen, synth
from bench.__main__ import BENCHMARKS, QUICK, main
from bench.report import Section


def _finite(value: object) -> bool:
    return not isinstance(value, float) or math.isfinite(value)


# Where each benchmark shows ours: a row label, or a column (scale has one row per size).
OURS = {
    "generation": "ours (python -m generator generate)",
    "scale": "ours s",
    "github": "ours, empty cache",
    "allof": "ours, empty cache s",
    "client": "ours-sync",
    "import": "ours: huaweicloud_apig",
    "server": "ours valid",
    "fuzz": "loopback (uvicorn on 127.0.0.1)",
    "diff": "ours: python -m generator diff",
}


@pytest.mark.slow  # about 25 s in all: every benchmark really runs, at tiny sizes
@pytest.mark.parametrize("key", list(BENCHMARKS))
def test_benchmark_runs_at_tiny_sizes(key: str) -> None:
    _, runner = BENCHMARKS[key]
    section: Section = runner(**QUICK[key])
    assert section.error is None
    assert section.rows, f"{key} measured nothing"
    assert OURS[key] in [row[0] for row in section.rows] + section.columns, f"{key} did not measure ours"
    for row in section.rows:
        assert all(_finite(cell) for cell in row), row
        assert len(row) == len(section.columns)
    if not section.checks:
        # Ratios need a peer: on a clean clone the `bench` extra and Prism are not installed, and a benchmark
        # whose only peers are missing must say so rather than report a ratio against nothing.
        assert any(note.startswith("not installed, left out") for note in section.notes), f"{key} reports no ratio"
        assert all(str(row[0]).startswith("ours") for row in section.rows), section.rows
    for check in section.checks:
        assert math.isfinite(check.value), check
        # a growth exponent between two tiny sizes is noise and may be negative; a ratio never is
        assert "exponent" in check.name or check.value > 0, check


def test_runner_writes_json_and_reports_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**_: object) -> Section:
        raise harness.BenchError("the server exited")

    monkeypatch.setitem(BENCHMARKS, "scale", ("Scale", broken))
    output = tmp_path / "latest.json"
    assert main(["--only", "scale", "--quick", "--output", str(output)]) == 1
    document = json.loads(output.read_text())
    assert document["sections"][0]["error"] == "BenchError: the server exited"
    assert "not measured: BenchError" in document["markdown"]


def test_synthetic_specs_have_the_asked_size_and_validate() -> None:
    from openapi_spec_validator import validate

    for operations in (1, 7, 23):
        spec = synth.synthetic_spec(operations)
        validate(spec)
        counted, schemas = synth.count(spec)
        assert counted == operations
        assert schemas >= operations  # schemas grow with operations


def test_growth_exponent_and_pairwise_ratio() -> None:
    assert harness.growth_exponent([10, 100, 1000], [1.0, 2.0, 20.0]) == pytest.approx(1.0)
    assert harness.growth_exponent([10, 100, 1000], [1.0, 2.0, 200.0]) == pytest.approx(2.0)
    # per-round ratios, not a ratio of medians: a slow round slows both sides alike
    assert harness.pairwise_ratio([1.0, 4.0, 2.0], [2.0, 8.0, 4.0]) == pytest.approx(0.5)
    assert harness.percentile([1, 2, 3, 4], 50) == pytest.approx(2.5)


def test_run_measured_reports_peak_memory_and_failures() -> None:
    import sys

    big = harness.run_measured(
        [sys.executable, "-c", "x = bytearray(200 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])"]
    )
    small = harness.run_measured([sys.executable, "-c", "pass"])
    assert big.peak_rss_mib > small.peak_rss_mib + 150
    with pytest.raises(harness.BenchError, match="exited with 3"):
        harness.run_measured([sys.executable, "-c", "import sys; print('boom'); sys.exit(3)"])


def test_servers_are_stopped_even_when_the_block_fails(tmp_path: Path) -> None:
    import sys

    body = tmp_path / "body.json"
    body.write_text('{"plugin_id": "x"}')
    port = harness.free_port()
    cmd = [sys.executable, "-m", "bench.stub_server", "--port", str(port), "--body-file", str(body)]
    with pytest.raises(RuntimeError, match="inside"), harness.server(cmd, port, cwd=harness.ROOT) as proc:
        result = _load(port, requests=50)
        assert result["statuses"] == {"201": 50}
        raise RuntimeError("inside")
    assert proc.poll() is not None
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def _load(port: int, *, requests: int) -> dict[str, object]:
    import asyncio

    request = loadgen.build_request("POST", "127.0.0.1", port, "/p", ["X-Auth-Token: t"], b"{}")
    return asyncio.run(
        loadgen.run_load(
            host="127.0.0.1", port=port, request=request, concurrency=2, requests=requests, seconds=5, warmup=0
        )
    )
