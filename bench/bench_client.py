"""3. Client overhead: APIG CreatePlugin calls/s and p50/p99 latency against the same minimal local server
(bench/stub_server.py answers the documented 201 example, without validation, so the client is what is
measured): raw httpx (the floor), our sync client, raw httpx async and our async client with concurrency, the
openapi-python-client client and the vendor SDK huaweicloudsdkapig. Each client runs in a fresh process per
round (bench/client_worker.py); rounds are interleaved and ratios taken pairwise within each round."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import peers
from bench.harness import ROOT, BenchError, free_port, interleaved, median, pairwise_ratio, run_measured, server
from bench.report import Check, Section
from generator.project.catalog import find_api
from generator.spec.load import read_document

RAW = "raw-httpx"
RAW_ASYNC = "raw-httpx-async"
OURS = "ours-sync"
OURS_ASYNC = "ours-async"
OURS_AIOHTTP = "ours-async-aiohttp"
ASYNC = (RAW_ASYNC, OURS_ASYNC, OURS_AIOHTTP)
OURS_AKSK = "ours-sync-aksk"
OPC = "openapi-python-client"
VENDOR = "huaweicloudsdkapig"
PLUGINS = "/v2/{project_id}/apigw/instances/{instance_id}/plugins"


def apig_examples(root: Path = ROOT) -> tuple[dict[str, Any], dict[str, Any]]:
    """The documented CORS example request and its 201 response, read from the APIG spec itself."""
    api = find_api("apig", root)
    document = read_document(api.spec)
    operation = document.data["paths"][PLUGINS]["post"]
    request = operation["requestBody"]["content"]["application/json"]["examples"]["cors"]["value"]
    response = operation["responses"]["201"]["content"]["application/json"]["examples"]["cors"]["value"]
    return request, response


def _fixture(request: dict[str, Any]) -> dict[str, Any]:
    # stand-in credentials: the stub server checks nothing, and nothing here is a real secret
    return {
        "project_id": "0123456789abcdef0123456789abcdef",
        "instance_id": "eddc4d25480b4cd6b512f270a1b8b341",
        "token": "bench-token",
        "ak": "BENCHACCESSKEY000000",
        "sk": "bench-secret-key",
        "request": request,
    }


def _worker(
    client: str, port: int, fixture: Path, env: dict[str, str], extra: list[str], limits: dict[str, Any]
) -> Callable[[], dict[str, Any]]:
    def run() -> dict[str, Any]:
        cmd = [
            sys.executable,
            "-m",
            "bench.client_worker",
            client,
            "--port",
            str(port),
            "--fixture",
            str(fixture),
            "--calls",
            str(limits["calls"]),
            "--seconds",
            str(limits["seconds"]),
            "--warmup",
            str(limits["warmup"]),
            "--concurrency",
            str(limits["concurrency"]),
            *extra,
        ]
        result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise BenchError(f"client {client} failed:\n{result.stderr[-3000:]}")
        return dict(json.loads(result.stdout.strip().splitlines()[-1]))

    return run


def run(*, repeat: int = 5, warmup: int = 1, calls: int = 3000, seconds: float = 4.0, concurrency: int = 8) -> Section:
    request, response = apig_examples()
    limits = {"calls": calls, "seconds": seconds, "warmup": min(200, calls), "concurrency": concurrency}
    with tempfile.TemporaryDirectory(prefix="bench-client-") as tmp:
        scratch = Path(tmp)
        (scratch / "home").mkdir()  # huaweicloudsdkcore writes ~/.huaweicloud on import
        fixture = scratch / "fixture.json"
        fixture.write_text(json.dumps(_fixture(request)))
        body = scratch / "response.json"
        body.write_text(json.dumps(response))
        env = peers.tool_env(HOME=str(scratch / "home"))
        port = free_port()
        stub = [sys.executable, "-m", "bench.stub_server", "--port", str(port), "--body-file", str(body)]
        with server(stub, port, cwd=ROOT, env=env):

            def worker(client: str, *extra: str) -> Callable[[], dict[str, Any]]:
                return _worker(client, port, fixture, env, list(extra), limits)

            tasks = {
                RAW: worker(RAW),
                OURS: worker(OURS),
                OURS_AKSK: worker(OURS_AKSK),
                RAW_ASYNC: worker(RAW_ASYNC),
                OURS_ASYNC: worker(OURS_ASYNC),
                OURS_AIOHTTP: worker(OURS_AIOHTTP),
            }
            if peers.have(peers.OPC):  # the peer's client is generated once, before anything is timed
                run_measured(peers.openapi_python_client(peers.apig_inputs().bundle31, scratch / "opc"), env=env)
                package = peers.opc_package_dir(scratch / "opc")
                tasks[OPC] = worker(OPC, "--opc-path", str(package.parent), "--opc-package", package.name)
            if peers.have(peers.VENDOR_SDK):
                tasks[VENDOR] = worker(VENDOR)
            samples = interleaved(tasks, repeat=repeat, warmup=warmup)

    rate = {name: [s["calls_per_s"] for s in runs] for name, runs in samples.items()}
    section = Section(
        key="client",
        title=f"Client overhead: APIG CreatePlugin against a fixed-201 local server (median of {repeat})",
        columns=["client", "calls/s", "p50 ms", "p99 ms", "vs raw httpx", "CPU us/call", "raw httpx's CPU / its"],
    )
    cpu = {name: [s["cpu_us_per_call"] for s in runs] for name, runs in samples.items()}
    for name, runs in samples.items():
        floor = RAW_ASYNC if name in ASYNC else RAW
        section.rows.append(
            [
                f"{name} (concurrency {concurrency})" if name in ASYNC else name,
                median(rate[name]),
                median([s["p50_ms"] for s in runs]),
                median([s["p99_ms"] for s in runs]),
                pairwise_ratio(rate[name], rate[floor]),
                median(cpu[name]),
                pairwise_ratio(cpu[floor], cpu[name]),
            ]
        )
    section.checks += [
        Check.at_least("client: ours sync / raw httpx (calls/s)", pairwise_ratio(rate[OURS], rate[RAW]), 0.85),
        Check("client: raw httpx's CPU per call / ours sync's", pairwise_ratio(cpu[RAW], cpu[OURS])),
        Check.at_least(
            "client: ours async / raw httpx async (calls/s)", pairwise_ratio(rate[OURS_ASYNC], rate[RAW_ASYNC]), 0.85
        ),
        Check.at_least(
            f"client: ours async on aiohttp (concurrency {concurrency}) / ours sync (calls/s)",
            pairwise_ratio(rate[OURS_AIOHTTP], rate[OURS]),
            1.5,
        ),
    ]
    if VENDOR in rate:
        section.checks += [
            Check.at_least(
                "client: ours sync / huaweicloudsdkapig (calls/s)", pairwise_ratio(rate[OURS], rate[VENDOR]), 2.0
            ),
            Check(
                "client: ours sync AK/SK / huaweicloudsdkapig (both sign)",
                pairwise_ratio(rate[OURS_AKSK], rate[VENDOR]),
            ),
        ]
    if OPC in rate:
        section.checks.append(
            Check("client: ours sync / openapi-python-client (calls/s)", pairwise_ratio(rate[OURS], rate[OPC]))
        )
    section.notes += peers.not_installed_note([peers.OPC, peers.VENDOR_SDK])
    section.notes.append(
        "sync clients make one call at a time; ours-async-aiohttp is the async client over the package's aiohttp "
        "transport (`AiohttpClient`, its `aiohttp` extra); every typed client builds its request model from the "
        "same dict on each call; huaweicloudsdkapig signs with AK/SK (its only way), so ours is also shown signing "
        "with AK/SK"
    )
    section.notes.append(
        "CPU us/call: the client process's CPU time per call (the server's is not counted); on a shared machine it"
        " varies far less than calls/s, which also waits for the server and for the cores"
    )
    spread = [(OURS, RAW), (OURS_AIOHTTP, OURS), (OURS, VENDOR)]
    section.notes.append(
        "per-round ratios (stability): "
        + "; ".join(
            f"{a} / {b} " + ", ".join(f"{x / y:.2f}" for x, y in zip(rate[a], rate[b], strict=True))
            for a, b in spread
            if a in rate and b in rate
        )
        + f"; CPU per call, {RAW} / {OURS} "
        + ", ".join(f"{x / y:.2f}" for x, y in zip(cpu[RAW], cpu[OURS], strict=True))
    )
    section.data = {"samples": samples, "limits": limits}
    return section
