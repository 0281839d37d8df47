"""`python -m generator serve` and `fuzz` as users run them: a real process, located errors for bad input."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
TOKEN = "cli-test-token-5d1e"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )


@pytest.mark.slow
def test_serve_runs_a_real_server_and_logs_each_request() -> None:
    port = free_port()
    env = {**os.environ, "VENDOR_OPENAPI_TOKEN": TOKEN}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "dbss", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/v2/{'a' * 32}/audit/{'b' * 32}/databases"
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.post(url, json={"database": {}}, headers={"X-Auth-Token": TOKEN}, timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert response.status_code == 400 and response.json()["error_code"] == "DBSS.0005"
        assert httpx.post(url, json={}, headers={"X-Auth-Token": "other"}).status_code == 401
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "serving 'Huawei Cloud Database Security Service (DBSS)" in output
    assert f"POST /v2/{'a' * 32}/audit/{'b' * 32}/databases 400 " in output
    assert "databases 401 " in output
    assert TOKEN not in output


def test_serve_reports_a_broken_spec_with_its_location() -> None:
    result = run_cli("serve", str(FIXTURES / "validate" / "dangling_ref.yaml"), "--port", "0")
    assert result.returncode == 1
    line = result.stderr.strip().splitlines()[0]
    assert line.startswith("tests/fixtures/validate/dangling_ref.yaml:") or "dangling_ref.yaml:" in line
    assert "$ref" in line and "/paths/" in line


@pytest.mark.slow
def test_serve_rejects_an_unknown_api() -> None:
    result = run_cli("serve", "no-such-api")
    assert result.returncode == 1
    assert "neither a catalog API" in result.stderr and "apig" in result.stderr


@pytest.mark.slow
def test_fuzz_against_a_deployment_needs_one_api_and_a_token() -> None:
    env = {k: v for k, v in os.environ.items() if k != "VENDOR_OPENAPI_TOKEN"}
    assert run_cli("fuzz", "apig", "--base-url", "http://127.0.0.1:9", env=env).returncode == 2
    assert run_cli("fuzz", "--base-url", "http://127.0.0.1:9", "--token", "t", env=env).returncode == 2
