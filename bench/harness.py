"""Measurement primitives shared by every benchmark: whole-process wall time and peak memory, interleaved rounds
(median of N after a warm-up), pairwise ratios, percentiles, and server processes that are always stopped."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BIN = Path(sys.executable).parent  # console scripts of the venv the benchmarks run in
T = TypeVar("T")


class BenchError(RuntimeError):
    """A tool or server failed; the message carries the tail of its output."""


@dataclass(frozen=True)
class ProcessSample:
    wall_s: float
    peak_rss_mib: float

    @staticmethod
    def combine(samples: Sequence[ProcessSample]) -> ProcessSample:
        """Several processes run one after the other: times add up, the peak is the largest peak."""
        return ProcessSample(sum(s.wall_s for s in samples), max(s.peak_rss_mib for s in samples))


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


GNU_TIME = Path("/usr/bin/time")


def run_measured(
    cmd: Sequence[str | os.PathLike[str]],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 300.0,
) -> ProcessSample:
    """Run one command to completion; wall time from spawn to exit, and its peak resident set size.

    The peak comes from GNU time (`%M`: the largest RSS of the command and of every descendant it waited for,
    so openapi-generator-cli is measured by its java). It must not come from our own wait4: a child forked
    from this Python process starts with this process's RSS as its high-water mark, which would add tens of
    MiB to every tool. Without /usr/bin/time, that biased wait4 figure is the fallback.
    """
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        peak_file = Path(tmp) / "peak"
        argv = [os.fspath(c) for c in cmd]
        if GNU_TIME.exists():
            argv = [str(GNU_TIME), "-f", "%M", "-o", str(peak_file), *argv]
        with (Path(tmp) / "output").open("w+b") as output:
            start = time.perf_counter()
            proc = subprocess.Popen(
                argv,
                cwd=cwd,
                env=dict(env) if env is not None else None,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # so a timeout kills the whole tree
            )
            timer = threading.Timer(timeout, _kill_group, args=(proc.pid,))
            timer.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                timer.cancel()
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; Popen must not wait again
            if proc.returncode != 0:
                output.seek(0)
                tail = output.read()[-3000:].decode(errors="replace")
                raise BenchError(f"{Path(os.fspath(cmd[0])).name} exited with {proc.returncode}:\n{tail}")
        peak_kib = usage.ru_maxrss  # KiB on Linux
        if peak_file.exists():
            peak_kib = int(peak_file.read_text().split()[-1])
    return ProcessSample(wall, peak_kib / 1024)


def interleaved(tasks: Mapping[str, Callable[[], T]], *, repeat: int, warmup: int = 1) -> dict[str, list[T]]:
    """Run every task once per round, rotating the order, so drift of the shared machine hits all alike.

    The first `warmup` rounds (disk cache, .pyc files, JIT of the JVM tools) are discarded.
    """
    names = list(tasks)
    samples: dict[str, list[T]] = {name: [] for name in names}
    for round_index in range(warmup + repeat):
        shift = round_index % len(names)
        for name in names[shift:] + names[:shift]:
            sample = tasks[name]()
            if round_index >= warmup:
                samples[name].append(sample)
    return samples


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), q in [0, 100]."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def pairwise_ratio(ours: Sequence[float], theirs: Sequence[float]) -> float:
    """Median of the per-round ratios: each ratio compares two runs made moments apart."""
    if len(ours) != len(theirs) or not ours:
        raise ValueError("pairwise ratio needs the same non-zero number of rounds on both sides")
    return median([a / b for a, b in zip(ours, theirs, strict=True)])


def growth_exponent(sizes: Sequence[float], times: Sequence[float]) -> float:
    """Slope of log(time) over log(size) between the two largest sizes: 1.0 is linear growth.

    Between the largest sizes the fixed start-up cost weighs least, so this is the exponent a user scaling up
    will see; a fit over all sizes would be flattened by start-up time.
    """
    import math

    (n1, t1), (n2, t2) = sorted(zip(sizes, times, strict=True))[-2:]
    return math.log(t2 / t1) / math.log(n2 / n1)


# --- servers -------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], log: Path, *, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"server exited with {proc.returncode} before listening:\n{_tail(log)}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise BenchError(f"server did not listen on 127.0.0.1:{port} within {timeout:.0f} s:\n{_tail(log)}")


def _tail(log: Path) -> str:
    try:
        return log.read_text(errors="replace")[-3000:]
    except OSError:
        return ""


@contextlib.contextmanager
def server(
    cmd: Sequence[str | os.PathLike[str]],
    port: int,
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    ready: Callable[[], bool] | None = None,
    timeout: float = 60.0,
) -> Iterator[subprocess.Popen[bytes]]:
    """A server process listening on 127.0.0.1:`port`, stopped (its whole process group) on exit or failure.

    `ready` is polled after the port opens, for servers that accept connections before they can answer.
    """
    with tempfile.TemporaryDirectory(prefix="bench-server-") as tmp:
        log = Path(tmp) / "server.log"
        with log.open("wb") as log_file:
            proc = subprocess.Popen(
                [os.fspath(c) for c in cmd],
                cwd=cwd,
                env=dict(env) if env is not None else None,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_for_port(port, proc, log, timeout=timeout)
            if ready is not None:
                deadline = time.monotonic() + timeout
                while not ready():
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise BenchError(f"server on port {port} never became ready:\n{_tail(log)}")
                    time.sleep(0.1)
            yield proc
        finally:
            _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            proc.wait(timeout=10)
    # children a server left behind in its group (npm-style wrappers) go too
    _kill_group(proc.pid)


def python_env(**extra: str) -> dict[str, str]:
    """The environment for child processes: ours, minus a PYTHONPATH that could shadow what is measured."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.update(extra)
    return env
