"""4. Import time: each generated package vs huaweicloudsdkapig's client module, in a fresh process each time
(median of N after a warm-up), with the number of modules each import loads.

The time is taken inside the child around the import statement alone, so interpreter start-up (the same for
everyone) does not dilute the ratio. A second figure follows the import up to the client class (`Client`,
`ApigClient`): a package that loads its parts lazily pays the rest there, and both figures are reported. A third
follows the APIG clients (ours, openapi-python-client's, the vendor SDK's) on to their first result: the client
made and one CreatePlugin call answered by the client benchmark's fixed-201 local server, so what a package puts
off until its first client is made or first call is counted too.
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
from bench.bench_client import _fixture, apig_examples
from bench.harness import ROOT, BenchError, free_port, interleaved, median, pairwise_ratio, run_measured, server
from bench.report import Check, Section
from generator.project.catalog import load_catalog

VENDOR = "huaweicloudsdkapig.v2.apig_client"
OPC = "openapi-python-client (APIG)"

_PROBE = """
import importlib, json, sys, time
sys.path.insert(0, sys.argv[2])
first_call, fixture, base_url = sys.argv[4], json.loads(sys.argv[5]), sys.argv[6]
before = set(sys.modules)
start = time.perf_counter()
module = importlib.import_module(sys.argv[1])
imported = time.perf_counter()
modules_imported = len(set(sys.modules) - before)
getattr(module, sys.argv[3])
to_client = time.perf_counter()
modules_class = len(set(sys.modules) - before)
exec(first_call)
answered = time.perf_counter()
print(json.dumps({
    "seconds": imported - start,
    "to_client_seconds": to_client - start,
    "first_call_seconds": (answered - start) if first_call else None,
    "modules_imported": modules_imported,
    "modules": modules_class,
}))
"""

# The first CreatePlugin call of each APIG client, as its README shows it (run in the probe: `module` is the
# imported module, `fixture` the client benchmark's ids, credentials and documented request body).
OURS_FIRST_CALL = """
client = module.Client(base_url=base_url, token=fixture["token"])
result = client.create_plugin(project_id=fixture["project_id"], instance_id=fixture["instance_id"],
                              body=fixture["request"])
assert result.plugin_id, result
"""
OPC_FIRST_CALL = """
operation = importlib.import_module(module.__name__ + ".api.{tag}.create_plugin")
models = importlib.import_module(module.__name__ + ".models")
client = module.AuthenticatedClient(base_url=base_url, token=fixture["token"], auth_header_name="X-Auth-Token",
                                    prefix="")
response = operation.sync_detailed(fixture["project_id"], fixture["instance_id"], client=client,
                                   body=models.CreatePluginRequest.from_dict(fixture["request"]))
assert response.status_code == 201 and response.parsed.plugin_id, response
"""
VENDOR_FIRST_CALL = """
from huaweicloudsdkapig.v2 import CreatePluginRequest, PluginCreate
from huaweicloudsdkcore.auth.credentials import BasicCredentials
client = (module.ApigClient.new_builder()
          .with_credentials(BasicCredentials(fixture["ak"], fixture["sk"], fixture["project_id"]))
          .with_endpoint(base_url).build())
request = CreatePluginRequest(instance_id=fixture["instance_id"], body=PluginCreate(**fixture["request"]))
result = client.create_plugin(request)
assert result.plugin_id, result
"""


def _probe(
    module: str, client: str, path: Path, env: dict[str, str], first_call: str = "", call: tuple[str, str] = ("{}", "")
) -> Callable[[], dict[str, Any]]:
    def run() -> dict[str, Any]:
        cmd = [sys.executable, "-c", _PROBE, module, str(path), client, first_call, *call]
        result = subprocess.run(cmd, cwd=path, env=env, capture_output=True, text=True, timeout=60, check=False)
        if result.returncode != 0:
            raise BenchError(f"import {module} failed:\n{result.stderr[-3000:]}")
        return dict(json.loads(result.stdout))

    return run


def _opc_tag(package: Path) -> str:
    """The api subpackage (named after the operation's tag) holding openapi-python-client's create_plugin."""
    found = sorted(package.glob("api/*/create_plugin.py"))
    if not found:
        raise BenchError(f"no api/*/create_plugin.py in {package}")
    return found[0].parent.name


def run(*, repeat: int = 15, warmup: int = 2, root: Path = ROOT) -> Section:
    request, response = apig_examples(root)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        scratch = Path(tmp)
        (scratch / "home").mkdir()  # huaweicloudsdkcore writes ~/.huaweicloud on import
        env = peers.tool_env(HOME=str(scratch / "home"))
        body = scratch / "response.json"
        body.write_text(json.dumps(response))
        port = free_port()
        call = (json.dumps(_fixture(request)), f"http://127.0.0.1:{port}")
        ours: dict[str, str] = {}
        tasks: dict[str, Callable[[], dict[str, Any]]] = {}
        for api in load_catalog(root):
            if not api.package_dir.is_dir():
                raise BenchError(f"{api.package_dir} is missing: run `make generate` first")
            ours[api.name] = f"ours: {api.package}"
            # package_dir is the package's project (pyproject.toml beside the import package)
            project = api.package_dir if (api.package_dir / api.package).is_dir() else api.package_dir.parent
            first_call = OURS_FIRST_CALL if api.name == "apig" else ""
            tasks[ours[api.name]] = _probe(api.package, "Client", project, env, first_call, call)
        if peers.have(peers.OPC):
            run_measured(peers.openapi_python_client(peers.apig_inputs(root).bundle31, scratch / "opc"), env=env)
            package = peers.opc_package_dir(scratch / "opc")
            first_call = OPC_FIRST_CALL.replace("{tag}", _opc_tag(package))
            tasks[OPC] = _probe(package.name, "AuthenticatedClient", package.parent, env, first_call, call)
        if peers.have(peers.VENDOR_SDK):
            tasks[VENDOR] = _probe(VENDOR, "ApigClient", scratch, env, VENDOR_FIRST_CALL, call)
        stub = [sys.executable, "-m", "bench.stub_server", "--port", str(port), "--body-file", str(body)]
        with server(stub, port, cwd=ROOT, env=env):
            samples = interleaved(tasks, repeat=repeat, warmup=warmup)

    seconds = {name: [s["seconds"] for s in runs] for name, runs in samples.items()}
    to_client = {name: [s["to_client_seconds"] for s in runs] for name, runs in samples.items()}
    first = {
        name: [s["first_call_seconds"] for s in runs] for name, runs in samples.items() if runs[0]["first_call_seconds"]
    }
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
            "to first result ms",
        ],
    )
    vendor = VENDOR in seconds
    for name, runs in samples.items():
        modules = f"{runs[0]['modules_imported']} / {runs[0]['modules']}"
        versus = pairwise_ratio(seconds[name], seconds[VENDOR]) if vendor else None
        versus_client = pairwise_ratio(to_client[name], to_client[VENDOR]) if vendor else None
        first_ms = median(first[name]) * 1000 if name in first else None
        section.rows.append(
            [
                name,
                modules,
                median(seconds[name]) * 1000,
                versus,
                median(to_client[name]) * 1000,
                versus_client,
                first_ms,
            ]
        )
    section.notes += peers.not_installed_note([peers.OPC, peers.VENDOR_SDK])
    section.notes.append(
        "to first result: import, make the client and make one CreatePlugin call (APIG clients only) against a local"
        " fixed-201 server, in the same fresh process"
    )
    apig = ours["apig"]
    if OPC in seconds:
        section.notes.append(
            "per-round ratios (stability): ours (APIG) / openapi-python-client up to the client class "
            + ", ".join(f"{a / b:.2f}" for a, b in zip(to_client[apig], to_client[OPC], strict=True))
            + "; to first result "
            + ", ".join(f"{a / b:.2f}" for a, b in zip(first[apig], first[OPC], strict=True))
        )
        section.checks += [
            Check.at_most(
                "import: ours (APIG) / openapi-python-client, up to the client class",
                pairwise_ratio(to_client[apig], to_client[OPC]),
                1.0,
            ),
            Check(
                "import: ours (APIG) / openapi-python-client, up to the first call's result",
                pairwise_ratio(first[apig], first[OPC]),
            ),
        ]
    section.data = {
        "seconds": seconds,
        "to_client_seconds": to_client,
        "first_call_seconds": first,
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
