"""Time and memory budgets for the hostile-input tests: a regression must fail the test, never hang the suite.

`run_cli` runs `python -m generator` in a child with an address-space limit and a timeout; `budget` bounds work
done in this process (wall clock, and the peak of Python allocations seen by tracemalloc).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
MiB = 1 << 20


@dataclass
class Completed:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


def run_cli(
    *args: str | Path, cwd: Path, timeout: float = 120, memory_mib: int = 3072, env: dict[str, str] | None = None
) -> Completed:
    """`python -m generator ARGS` with at most `memory_mib` of address space and `timeout` seconds."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mib * MiB, memory_mib * MiB))

    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        check=False,
    )
    return Completed(result.returncode, result.stdout, result.stderr, time.monotonic() - started)


@contextmanager
def budget(seconds: float, megabytes: float = 256) -> Iterator[None]:
    """Fail if the block takes longer than `seconds` or allocates more than `megabytes` at its peak."""
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    started = time.monotonic()
    try:
        yield
    finally:
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1] - base
        if not tracing:
            tracemalloc.stop()
    assert elapsed <= seconds, f"took {elapsed:.2f} s, budget {seconds} s"
    assert peak <= megabytes * MiB, f"peaked at {peak / MiB:.1f} MiB, budget {megabytes} MiB"
