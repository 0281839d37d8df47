"""6. Fuzzing throughput: schemathesis cases/s against the reference server for APIG CreatePlugin, in-process
(the ASGI app called directly) and over loopback (the same app in its own uvicorn process, as `python -m
generator serve` runs it, a fresh server per run). Each run is a fresh process (bench/fuzz_worker.py) drawing
the same derandomized cases; runs alternate between the two transports."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import peers
from bench.harness import ROOT, BenchError, free_port, interleaved, median, pairwise_ratio, server
from bench.report import Check, Section
from generator.project.catalog import find_api

TOKEN = "bench-token"  # a stand-in for this run's own server on 127.0.0.1
ASGI = "in-process (ASGI)"
LOOPBACK = "loopback (uvicorn on 127.0.0.1)"


def _worker(target: list[str], cases: int, seconds: float, env: dict[str, str]) -> Callable[[], dict[str, Any]]:
    spec = find_api("apig").spec

    def run() -> dict[str, Any]:
        if target:
            return _fuzz(spec, target, cases, seconds, env)
        # over loopback: a fresh server per run, as in-process gets a fresh app (the server remembers the plug-in
        # names it has seen, so a second run of the same cases would meet duplicates, which are cheaper)
        port = free_port()
        serve = [sys.executable, "-m", "generator", "serve", "apig", "--port", str(port), "--token", TOKEN]
        with server(serve, port, cwd=ROOT, env=env):
            return _fuzz(spec, ["--base-url", f"http://127.0.0.1:{port}"], cases, seconds, env)

    return run


def _fuzz(spec: Path, target: list[str], cases: int, seconds: float, env: dict[str, str]) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.fuzz_worker", "--spec", str(spec), "--token", TOKEN, *target]
    cmd += ["--cases", str(cases), "--seconds", str(seconds)]
    timeout = seconds * 3 + 60
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise BenchError(f"fuzz worker failed:\n{result.stderr[-3000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def run(*, repeat: int = 3, warmup: int = 1, cases: int = 300, seconds: float = 30.0) -> Section:
    env = peers.tool_env()
    tasks = {ASGI: _worker(["--asgi"], cases, seconds, env), LOOPBACK: _worker([], cases, seconds, env)}
    samples = interleaved(tasks, repeat=repeat, warmup=warmup)

    rate = {name: [s["cases_per_s"] for s in runs] for name, runs in samples.items()}
    section = Section(
        key="fuzz",
        title=f"Fuzzing throughput: schemathesis on APIG CreatePlugin, up to {cases} cases (median of {repeat})",
        columns=["transport", "cases", "cases/s", "statuses seen", "check failures"],
    )
    for name, runs in samples.items():
        statuses = sorted({status for r in runs for status in r["statuses"]})
        failures = sorted({failure for r in runs for failure in r["check_failures"]})
        section.rows.append(
            [name, runs[0]["cases"], median(rate[name]), "/".join(statuses), ", ".join(failures) or "none"]
        )
    section.checks.append(Check("fuzz: loopback / in-process (cases/s)", pairwise_ratio(rate[LOOPBACK], rate[ASGI])))
    section.notes.append("each case is generated, sent, and its response checked with schemathesis' default checks")
    section.data = {"samples": samples}
    return section
