"""4. Import time: each generated package vs huaweicloudsdkapig's client module, in a fresh process each time
(median of N after a warm-up), with the number of modules each import loads.

The time is taken inside the child around the import statement alone, so interpreter start-up (the same for
everyone) does not dilute the ratio. A second figure follows the import up to the client class (`Client`,
`ApigClient`): a package that loads its parts lazily pays the rest there, and both figures are reported.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import peers
from bench.harness import ROOT, BenchError, interleaved, median, pairwise_ratio, run_measured
from bench.report import Check, Section
from generator.project.catalog import load_catalog

VENDOR = "huaweicloudsdkapig.v2.apig_client"
OPC = "openapi-python-client (APIG)"

_PROBE = """
import importlib, json, sys, time
sys.path.insert(0, sys.argv[2])
before = set(sys.modules)
start = time.perf_counter()
module = importlib.import_module(sys.argv[1])
imported = time.perf_counter()
modules_imported = len(set(sys.modules) - before)
getattr(module, sys.argv[3])
to_client = time.perf_counter()
print(json.dumps({
    "seconds": imported - start,
    "to_client_seconds": to_client - start,
    "modules_imported": modules_imported,
    "modules": len(set(sys.modules) - before),
}))
"""


def _probe(module: str, client: str, path: Path, env: dict[str, str]) -> Callable[[], dict[str, Any]]:
    def run() -> dict[str, Any]:
        cmd = [sys.executable, "-c", _PROBE, module, str(path), client]
        result = subprocess.run(cmd, cwd=path, env=env, capture_output=True, text=True, timeout=60, check=False)
        if result.returncode != 0:
            raise BenchError(f"import {module} failed:\n{result.stderr[-3000:]}")
        return dict(json.loads(result.stdout))

    return run


def run(*, repeat: int = 15, warmup: int = 2, root: Path = ROOT) -> Section:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        scratch = Path(tmp)
        (scratch / "home").mkdir()  # huaweicloudsdkcore writes ~/.huaweicloud on import
        env = peers.tool_env(HOME=str(scratch / "home"))
        ours: dict[str, str] = {}
        tasks: dict[str, Callable[[], dict[str, Any]]] = {}
        for api in load_catalog(root):
            if not api.package_dir.is_dir():
                raise BenchError(f"{api.package_dir} is missing: run `make generate` first")
            ours[api.name] = f"ours: {api.package}"
            # package_dir is the package's project (pyproject.toml beside the import package)
            project = api.package_dir if (api.package_dir / api.package).is_dir() else api.package_dir.parent
            tasks[ours[api.name]] = _probe(api.package, "Client", project, env)
        if peers.have(peers.OPC):
            run_measured(peers.openapi_python_client(peers.apig_inputs(root).bundle31, scratch / "opc"), env=env)
            package = peers.opc_package_dir(scratch / "opc")
            tasks[OPC] = _probe(package.name, "AuthenticatedClient", package.parent, env)
        if peers.have(peers.VENDOR_SDK):
            tasks[VENDOR] = _probe(VENDOR, "ApigClient", scratch, env)
        samples = interleaved(tasks, repeat=repeat, warmup=warmup)

    seconds = {name: [s["seconds"] for s in runs] for name, runs in samples.items()}
    to_client = {name: [s["to_client_seconds"] for s in runs] for name, runs in samples.items()}
    section = Section(
        key="import",
        title=f"Import time in a fresh process (median of {repeat} after {warmup} warm-up)",
        columns=[
            "module",
            "modules (import / class)",
            "import ms",
            "vs vendor SDK",
            "to client class ms",
            "vs vendor SDK (class)",
        ],
    )
    vendor = VENDOR in seconds
    for name, runs in samples.items():
        modules = f"{runs[0]['modules_imported']} / {runs[0]['modules']}"
        versus = pairwise_ratio(seconds[name], seconds[VENDOR]) if vendor else None
        versus_client = pairwise_ratio(to_client[name], to_client[VENDOR]) if vendor else None
        section.rows.append(
            [name, modules, median(seconds[name]) * 1000, versus, median(to_client[name]) * 1000, versus_client]
        )
    section.notes += peers.not_installed_note([peers.OPC, peers.VENDOR_SDK])
    section.data = {
        "seconds": seconds,
        "to_client_seconds": to_client,
        "modules": {n: r[0]["modules"] for n, r in samples.items()},
    }
    if not vendor:
        return section
    worst = max(ours.values(), key=lambda name: median(seconds[name]))
    section.checks += [
        Check.at_most(
            "import: ours (APIG) / huaweicloudsdkapig", pairwise_ratio(seconds[ours["apig"]], seconds[VENDOR]), 0.2
        ),
        Check.at_most(
            f"import: slowest of ours ({worst.removeprefix('ours: ')}) / huaweicloudsdkapig",
            pairwise_ratio(seconds[worst], seconds[VENDOR]),
            0.2,
        ),
        Check(
            "import: ours (APIG) / huaweicloudsdkapig, up to the client class",
            pairwise_ratio(to_client[ours["apig"]], to_client[VENDOR]),
        ),
    ]
    return section
