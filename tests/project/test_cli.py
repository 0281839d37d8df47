"""The command line as a new user meets it: --version, catalog names everywhere, pipes, `serve --port 0`,
and a Makefile whose `make help` lists every target."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import httpx
import pytest

from generator import __version__
from tests.conftest import ROOT


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip().endswith(__version__)


def test_validate_accepts_catalog_names_like_serve() -> None:
    result = run("validate", "apig", "dbss")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "validated 2 spec(s): no problems" in result.stderr


def test_validate_unknown_name_is_one_located_line() -> None:
    result = run("validate", "no-such-api")
    assert result.returncode == 1
    assert result.stdout == "no-such-api:1:1: /: file not found\n"
    assert "Traceback" not in result.stderr


def test_list_json_into_a_closed_pipe_has_no_traceback() -> None:
    # `list --json | head -1`, with the reader gone before the writer finishes
    writer = subprocess.Popen(
        [sys.executable, "-m", "generator", "list", "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert writer.stdout is not None and writer.stderr is not None
    writer.stdout.close()
    stderr = writer.stderr.read().decode()
    assert writer.wait(timeout=60) == 141
    assert stderr == ""


@pytest.mark.slow
def test_serve_port_0_prints_the_port_it_bound() -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "apig", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        match = re.search(r"on http://127\.0\.0\.1:(\d+);", line)
        assert match, line
        port = int(match.group(1))
        assert port != 0
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.post(f"http://127.0.0.1:{port}/v2/p/apigw/instances/i/plugins", timeout=5)
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "the printed port never answered"
                time.sleep(0.1)
        assert answer.status_code == 401  # the reference server itself answered, on that port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_make_help_lists_every_target() -> None:
    makefile = (ROOT / "Makefile").read_text()
    phony = set()
    for line in makefile.splitlines():
        if line.startswith(".PHONY:"):
            phony.update(line.split(":", 1)[1].split())
    internal = {"chromium-installed", "java-installed"}
    shown = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    listed = set(re.findall(r"^  make (\S+)", shown, re.MULTILINE))
    assert phony - internal <= listed, sorted(phony - internal - listed)
