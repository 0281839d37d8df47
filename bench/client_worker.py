"""One client of the client-overhead benchmark, in a fresh process: APIG CreatePlugin in a bounded loop.

The parent (bench/bench_client.py) starts the stub server and runs this once per client and round, so no
client's imports, connection pools or caches leak into another's numbers. Each call does what a user's call
does: build the request (the typed clients build their request model from the same dict), send it, read and
parse the 201 response. The first call's result is checked before anything is timed.

Prints one JSON object: calls, seconds, calls_per_s, p50_ms, p99_ms, cpu_us_per_call (this process's CPU time per
call: on a machine shared with other work it varies far less than the wall-clock rate).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import pkgutil
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bench.harness import percentile

SyncCall = Callable[[], Any]
AsyncCall = Callable[[], Awaitable[Any]]
_CLOSE: list[Callable[[], Awaitable[None]]] = []
"""What an async client opened, closed once its loop is done (aiohttp warns about a session left open)."""


def _path(fixture: dict[str, Any]) -> str:
    return f"/v2/{fixture['project_id']}/apigw/instances/{fixture['instance_id']}/plugins"


# --- the clients ---------------------------------------------------------------------------------------------


def raw_httpx(base_url: str, fixture: dict[str, Any], _options: argparse.Namespace) -> SyncCall:
    import httpx

    client = httpx.Client(base_url=base_url, headers={"X-Auth-Token": fixture["token"]})
    path, body = _path(fixture), fixture["request"]

    def call() -> Any:
        response = client.post(path, json=body)
        if response.status_code != 201:
            raise RuntimeError(f"unexpected status {response.status_code}")
        return response.json()

    return call


def raw_httpx_async(base_url: str, fixture: dict[str, Any], _options: argparse.Namespace) -> AsyncCall:
    import httpx

    client = httpx.AsyncClient(base_url=base_url, headers={"X-Auth-Token": fixture["token"]})
    path, body = _path(fixture), fixture["request"]

    async def call() -> Any:
        response = await client.post(path, json=body)
        if response.status_code != 201:
            raise RuntimeError(f"unexpected status {response.status_code}")
        return response.json()

    return call


def vendor_sdk(base_url: str, fixture: dict[str, Any], _options: argparse.Namespace) -> SyncCall:
    """huaweicloudsdkapig: AK/SK signing is the only way its Python SDK authenticates."""
    from huaweicloudsdkapig.v2 import ApigClient, CreatePluginRequest, PluginCreate
    from huaweicloudsdkcore.auth.credentials import BasicCredentials  # type: ignore[import-untyped]

    client = (
        ApigClient.new_builder()
        .with_credentials(BasicCredentials(fixture["ak"], fixture["sk"], fixture["project_id"]))
        .with_endpoint(base_url)
        .build()
    )
    instance_id, body = fixture["instance_id"], fixture["request"]

    def call() -> Any:
        return client.create_plugin(CreatePluginRequest(instance_id=instance_id, body=PluginCreate(**body)))

    return call


def _ours() -> Any:
    """The generated APIG package, imported from generated/python (as `pip install` of it would provide)."""
    from generator.project.catalog import find_api

    api = find_api("apig")
    sys.path.insert(0, str(api.package_dir))
    return importlib.import_module(api.package)


def ours_sync(base_url: str, fixture: dict[str, Any], _options: argparse.Namespace) -> SyncCall:
    client = _ours().Client(base_url=base_url, token=fixture["token"])
    project_id, instance_id, body = fixture["project_id"], fixture["instance_id"], fixture["request"]

    def call() -> Any:
        return client.create_plugin(project_id=project_id, instance_id=instance_id, body=body)

    return call


def ours_sync_aksk(base_url: str, fixture: dict[str, Any], _options: argparse.Namespace) -> SyncCall:
    """Signing every request with AK/SK, as huaweicloudsdkapig does."""
    client = _ours().Client(base_url=base_url, ak=fixture["ak"], sk=fixture["sk"])
    project_id, instance_id, body = fixture["project_id"], fixture["instance_id"], fixture["request"]

    def call() -> Any:
        return client.create_plugin(project_id=project_id, instance_id=instance_id, body=body)

    return call


def ours_async(base_url: str, fixture: dict[str, Any], _options: argparse.Namespace) -> AsyncCall:
    client = _ours().AsyncClient(base_url=base_url, token=fixture["token"])
    project_id, instance_id, body = fixture["project_id"], fixture["instance_id"], fixture["request"]

    async def call() -> Any:
        return await client.create_plugin(project_id=project_id, instance_id=instance_id, body=body)

    return call


def ours_async_aiohttp(base_url: str, fixture: dict[str, Any], _options: argparse.Namespace) -> AsyncCall:
    """The async client over the package's aiohttp transport (its `aiohttp` extra)."""
    package = _ours()
    http = package.AiohttpClient()
    client = package.AsyncClient(base_url=base_url, token=fixture["token"], http_client=http)
    _CLOSE.extend([client.aclose, http.aclose])
    project_id, instance_id, body = fixture["project_id"], fixture["instance_id"], fixture["request"]

    async def call() -> Any:
        return await client.create_plugin(project_id=project_id, instance_id=instance_id, body=body)

    return call


def _opc_module(package: str, name: str) -> Any:
    api = importlib.import_module(f"{package}.api")
    for info in pkgutil.walk_packages(api.__path__, f"{package}.api."):
        if info.name.rsplit(".", 1)[-1] == name:
            return importlib.import_module(info.name)
    raise LookupError(f"{package} has no api module {name}")


def openapi_python_client(base_url: str, fixture: dict[str, Any], options: argparse.Namespace) -> SyncCall:
    sys.path.insert(0, str(options.opc_path))
    package = options.opc_package
    client_module = importlib.import_module(package)
    models = importlib.import_module(f"{package}.models")
    operation = _opc_module(package, "create_plugin")
    client = client_module.AuthenticatedClient(
        base_url=base_url, token=fixture["token"], auth_header_name="X-Auth-Token", prefix=""
    )
    project_id, instance_id, body = fixture["project_id"], fixture["instance_id"], fixture["request"]

    def call() -> Any:
        request = models.CreatePluginRequest.from_dict(body)
        response = operation.sync_detailed(project_id, instance_id, client=client, body=request)
        if response.status_code != 201:
            raise RuntimeError(f"unexpected status {response.status_code}")
        return response.parsed

    return call


SYNC_CLIENTS: dict[str, Callable[[str, dict[str, Any], argparse.Namespace], SyncCall]] = {
    "raw-httpx": raw_httpx,
    "ours-sync": ours_sync,
    "ours-sync-aksk": ours_sync_aksk,
    "openapi-python-client": openapi_python_client,
    "huaweicloudsdkapig": vendor_sdk,
}
ASYNC_CLIENTS: dict[str, Callable[[str, dict[str, Any], argparse.Namespace], AsyncCall]] = {
    "raw-httpx-async": raw_httpx_async,
    "ours-async": ours_async,
    "ours-async-aiohttp": ours_async_aiohttp,
}


# --- the loops -----------------------------------------------------------------------------------------------


def _summary(latencies: list[float], elapsed: float, cpu: float, concurrency: int) -> dict[str, Any]:
    return {
        "calls": len(latencies),
        "seconds": elapsed,
        "calls_per_s": len(latencies) / elapsed,
        "cpu_us_per_call": cpu / len(latencies) * 1e6,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "concurrency": concurrency,
    }


def run_sync(call: SyncCall, *, calls: int, seconds: float, warmup: int) -> dict[str, Any]:
    for _ in range(warmup):
        call()
    latencies: list[float] = []
    clock = time.perf_counter
    cpu = time.process_time()
    start = clock()
    deadline = start + seconds
    while len(latencies) < calls:
        before = clock()
        call()
        after = clock()
        latencies.append(after - before)
        if after > deadline:
            break
    return _summary(latencies, clock() - start, time.process_time() - cpu, 1)


async def run_async(call: AsyncCall, *, calls: int, seconds: float, warmup: int, concurrency: int) -> dict[str, Any]:
    await asyncio.gather(*(call() for _ in range(warmup)))
    latencies: list[float] = []
    clock = time.perf_counter
    cpu = time.process_time()
    start = clock()
    deadline = start + seconds
    budget = [calls]

    async def worker() -> None:
        while budget[0] > 0 and clock() < deadline:
            budget[0] -= 1
            before = clock()
            await call()
            latencies.append(clock() - before)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return _summary(latencies, clock() - start, time.process_time() - cpu, concurrency)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.client_worker", description=__doc__.splitlines()[0])
    parser.add_argument("client", choices=[*SYNC_CLIENTS, *ASYNC_CLIENTS])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--fixture", type=Path, required=True, help="JSON: ids, credentials, request body")
    parser.add_argument("--calls", type=int, default=2000, help="upper bound on calls measured")
    parser.add_argument("--seconds", type=float, default=5.0, help="upper bound on the measured time")
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=16, help="async clients: calls in flight")
    parser.add_argument("--opc-path", type=Path, help="openapi-python-client: the directory holding its package")
    parser.add_argument("--opc-package", help="openapi-python-client: its package name")
    args = parser.parse_args(argv)
    fixture = json.loads(args.fixture.read_text())
    base_url = f"http://127.0.0.1:{args.port}"
    if args.client in SYNC_CLIENTS:
        call = SYNC_CLIENTS[args.client](base_url, fixture, args)
        _check(call())
        result = run_sync(call, calls=args.calls, seconds=args.seconds, warmup=args.warmup)
    else:
        # one event loop for set-up, check and loop: async connection pools belong to the loop that made them
        async def check_and_run() -> dict[str, Any]:
            acall = ASYNC_CLIENTS[args.client](base_url, fixture, args)
            _check(await acall())
            summary = await run_async(
                acall, calls=args.calls, seconds=args.seconds, warmup=args.warmup, concurrency=args.concurrency
            )
            for close in _CLOSE:
                await close()
            return summary

        result = asyncio.run(check_and_run())
    print(json.dumps(result))
    return 0


def _check(result: Any) -> None:
    """Every client must have parsed the stub's 201 body: its plug-in id is in whatever form the client returns."""
    plugin_id = _get(result, "plugin_id")
    if not plugin_id:
        raise SystemExit(f"the client returned no plugin_id: {result!r:.300}")


def _get(result: Any, name: str) -> Any:
    if isinstance(result, dict):
        return result.get(name)
    return getattr(result, name, None)


if __name__ == "__main__":
    raise SystemExit(main())
