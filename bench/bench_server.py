"""5. Reference server: requests/s and p99 for a valid APIG CreatePlugin and for an invalid one, under a
bounded closed-loop load from a second process (bench/loadgen.py), vs Prism (`prism mock`) serving the same
APIG document. Both servers run side by side; loads alternate between them round by round."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench import peers
from bench.bench_client import PLUGINS, apig_examples
from bench.harness import ROOT, BenchError, free_port, interleaved, median, pairwise_ratio, server
from bench.report import Check, Section

TOKEN = "bench-token"  # a stand-in: both servers run on 127.0.0.1 for this run only
PROJECT = "0123456789abcdef0123456789abcdef"
INSTANCE = "eddc4d25480b4cd6b512f270a1b8b341"
OURS = "ours"
PRISM = "prism"


def invalid_request(valid: dict[str, Any]) -> dict[str, Any]:
    """Wrong in three places a validating server must each catch: an unknown type, a bad name, no scope."""
    broken = {k: v for k, v in valid.items() if k != "plugin_scope"}
    broken.update(plugin_type="not_a_plugin_type", plugin_name="1 starts with a digit")
    return broken


@contextlib.contextmanager
def _servers(scratch: Path) -> Iterator[dict[str, int]]:
    """Ours and Prism (when installed), listening on 127.0.0.1 until the block ends (or fails)."""
    env = peers.tool_env()
    ours_port = free_port()
    ours = [sys.executable, "-m", "generator", "serve", "apig", "--port", str(ours_port), "--token", TOKEN]
    with contextlib.ExitStack() as stack:
        stack.enter_context(server(ours, ours_port, cwd=ROOT, env=env))
        ports = {OURS: ours_port}
        if peers.have(peers.PRISM_NAME):
            prism_port = free_port()
            bundle = peers.apig_inputs().bundle31
            prism = [str(peers.PRISM), "mock", "-h", "127.0.0.1", "-p", str(prism_port), str(bundle)]
            stack.enter_context(server(prism, prism_port, cwd=scratch, env=env, timeout=90))
            ports[PRISM] = prism_port
        yield ports


def _load(port: int, body: Path, limits: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    runs = [0]

    def run() -> dict[str, Any]:
        # each run numbers its plug-in names from its own range: the server remembers every name it has seen
        first = 1 + runs[0] * (limits["requests"] + limits["warmup"] + limits["concurrency"])
        runs[0] += 1
        cmd = [
            sys.executable,
            "-m",
            "bench.loadgen",
            "--port",
            str(port),
            "--path",
            PLUGINS.format(project_id=PROJECT, instance_id=INSTANCE),
            "--body-file",
            str(body),
            "-H",
            f"X-Auth-Token: {TOKEN}",
            "--concurrency",
            str(limits["concurrency"]),
            "--requests",
            str(limits["requests"]),
            "--seconds",
            str(limits["seconds"]),
            "--warmup",
            str(limits["warmup"]),
            "--first-number",
            str(first),
        ]
        timeout = limits["seconds"] * 3 + 30
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
        if result.returncode != 0:
            raise BenchError(f"load generator failed:\n{result.stderr[-3000:]}")
        return dict(json.loads(result.stdout))

    return run


def _check_statuses(samples: dict[str, list[dict[str, Any]]]) -> None:
    """A rate means nothing if the server answered something else than asked: valid -> 2xx, invalid -> 4xx."""
    for name, runs in samples.items():
        wanted = "2" if name.endswith(" valid") else "4"
        wrong = {status: n for run in runs for status, n in run["statuses"].items() if not status.startswith(wanted)}
        if wrong:
            raise BenchError(f"{name}: unexpected statuses {wrong}")


def run(
    *, repeat: int = 3, warmup: int = 1, requests: int = 6000, seconds: float = 5.0, concurrency: int = 8
) -> Section:
    valid, _ = apig_examples()
    limits = {"requests": requests, "seconds": seconds, "warmup": min(200, requests), "concurrency": concurrency}
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        scratch = Path(tmp)
        bodies = {"valid": scratch / "valid.json", "invalid": scratch / "invalid.json"}
        # ours keeps plug-in names unique per gateway, as APIG does: every valid create gets its own name
        bodies["valid"].write_text(json.dumps({**valid, "plugin_name": "Bench_plugin_{seq}"}))
        bodies["invalid"].write_text(json.dumps(invalid_request(valid)))
        with _servers(scratch) as ports:
            tasks = {f"{who} {case}": _load(ports[who], bodies[case], limits) for case in bodies for who in ports}
            samples = interleaved(tasks, repeat=repeat, warmup=warmup)

    _check_statuses(samples)
    rate = {name: [s["requests_per_s"] for s in runs] for name, runs in samples.items()}
    section = Section(
        key="server",
        title=f"Reference server vs Prism mock: APIG CreatePlugin, {concurrency} connections (median of {repeat})",
        columns=["server, request", "status", "requests/s", "p50 ms", "p99 ms", "vs Prism"],
    )
    for name, runs in samples.items():
        case = name.split(" ")[1]
        statuses = sorted({status for run in runs for status in run["statuses"]})
        section.rows.append(
            [
                name,
                "/".join(statuses),
                median(rate[name]),
                median([r["p50_ms"] for r in runs]),
                median([r["p99_ms"] for r in runs]),
                pairwise_ratio(rate[name], rate[f"{PRISM} {case}"]) if f"{PRISM} {case}" in rate else None,
            ]
        )
    for case in bodies if f"{PRISM} valid" in rate else ():
        section.checks.append(
            Check.at_least(
                f"server: ours / Prism, {case} create (requests/s)",
                pairwise_ratio(rate[f"{OURS} {case}"], rate[f"{PRISM} {case}"]),
                1.0,
            )
        )
    errors = {name: run["errors"] for name, runs in samples.items() for run in runs if run["errors"]}
    if errors:
        section.notes.append(f"connection errors: {errors}")
    section.notes += peers.not_installed_note([peers.PRISM_NAME])
    section.notes.append("Prism does not read plugin_content (contentSchema), ours validates it")
    section.data = {"samples": samples, "limits": limits}
    return section
