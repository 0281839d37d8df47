"""Large documents: GitHub's REST description and an `allOf` chain, for ours, openapi-python-client and
openapi-generator (python), whole-process wall time and peak RSS, interleaved round by round.

- `github`: `generated/api.github.com.json` of the pinned npm package `@octokit/openapi` (bench/package.json,
  installed into bench/node_modules by `make bench`; 13 MB, 1,223 operations). Ours runs three ways per round:
  with an empty cache (a first run: every part of the schema graph generated and the document validated); again
  over the same document with the cache a first run left (models and the validation verdict come from the
  cache, the rest is redone); and after a one-operation change (a new summary and a new response property on
  one operation, different every round), with that cache: the changed part of the schema graph is generated
  and the document validated again. Besides wall time, each run's CPU time (user + system, of the process and
  every descendant it waited for): on a loaded machine wall time measures the load as much as the tool.
- `allof`: bench/synth.py's chain of N schemas, each `allOf` its predecessor plus one property, at N and 2N;
  a run over the timeout (300 s) counts as not finished.
"""

from __future__ import annotations

import resource
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import peers, synth
from bench.harness import (
    BENCH,
    BenchError,
    ProcessSample,
    growth_exponent,
    interleaved,
    median,
    pairwise_ratio,
    run_measured,
)
from bench.report import Check, Section

GITHUB = BENCH / "node_modules" / "@octokit" / "openapi" / "generated" / "api.github.com.json"
OURS_COLD = "ours, empty cache"
OURS_WARM = "ours, re-run (cache filled)"
OURS_EDIT = "ours, one operation changed"
OPC = "openapi-python-client"
OGEN = "openapi-generator (python)"
TIMEOUT_S = 600.0


def _cpu_timed(task: Callable[[], ProcessSample], seconds: list[float]) -> Callable[[], ProcessSample]:
    """`task`, its CPU time appended to `seconds` (what the children this process reaped used meanwhile)."""

    def run() -> ProcessSample:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        sample = task()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return sample

    return run


def _tools(
    spec: Path, scratch: Path, *, warm: bool, timeout: float = TIMEOUT_S
) -> dict[str, Callable[[], ProcessSample]]:
    def ours(name: str, cache: Callable[[], Path]) -> Callable[[], ProcessSample]:
        def task() -> ProcessSample:
            out = scratch / name
            shutil.rmtree(out, ignore_errors=True)
            env = peers.tool_env(VENDOR_OPENAPI_CACHE=str(cache()))
            return run_measured(peers.ours_generate_one(spec, out, "client"), cwd=scratch, env=env, timeout=timeout)

        return task

    def fresh_cache() -> Path:
        folder = scratch / "cache-cold"
        shutil.rmtree(folder, ignore_errors=True)
        return folder

    def peer(name: str, command: Callable[[Path], list[str]]) -> Callable[[], ProcessSample]:
        def task() -> ProcessSample:
            out = scratch / name
            shutil.rmtree(out, ignore_errors=True)
            return run_measured(command(out), cwd=scratch, env=peers.tool_env(), timeout=timeout)

        return task

    tasks = {OURS_COLD: ours("ours-cold", fresh_cache)}
    if warm:
        warm_cache = scratch / "cache-warm"
        # filled once, untimed: the state a user's second run finds
        run_measured(
            peers.ours_generate_one(spec, scratch / "ours-fill", "client"),
            cwd=scratch,
            env=peers.tool_env(VENDOR_OPENAPI_CACHE=str(warm_cache)),
            timeout=timeout,
        )
        tasks[OURS_WARM] = ours("ours-warm", lambda: warm_cache)
        tasks[OURS_EDIT] = _edited(spec, scratch, warm_cache, timeout)
    if peers.have(peers.OPC):
        tasks[OPC] = peer("opc", lambda out: peers.openapi_python_client(spec, out))
    if peers.have(peers.OGEN):
        tasks[OGEN] = peer("ogen", lambda out: peers.openapi_generator(spec, out, "client"))
    return tasks


def _edited(spec: Path, scratch: Path, cache: Path, timeout: float) -> Callable[[], ProcessSample]:
    rounds = iter(range(1_000_000))

    def task() -> ProcessSample:
        import json

        document = json.loads(spec.read_text(encoding="utf-8"))  # the edit is made before the clock starts
        n = next(rounds)
        operation = next(
            op
            for item in document["paths"].values()
            for op in item.values()
            if isinstance(op, dict) and "responses" in op
        )
        operation["summary"] = f"{operation.get('summary', '')} (edit {n})"
        for response in operation["responses"].values():
            for media in (response.get("content") or {}).values():
                if isinstance(media.get("schema"), dict) and "$ref" not in media["schema"]:
                    media["schema"].setdefault("properties", {})[f"edit_{n}"] = {"type": "string"}
        edited = scratch / "edited" / spec.name
        edited.parent.mkdir(exist_ok=True)
        edited.write_text(json.dumps(document), encoding="utf-8")
        out = scratch / "ours-edit"
        shutil.rmtree(out, ignore_errors=True)
        env = peers.tool_env(VENDOR_OPENAPI_CACHE=str(cache))
        return run_measured(peers.ours_generate_one(edited, out, "client"), cwd=scratch, env=env, timeout=timeout)

    return task


def run_github(*, repeat: int = 2, warmup: int = 0, spec: Path | None = GITHUB) -> Section:
    """`spec=None` (the smoke test): a 20-operation synthetic stand-in, so the benchmark's code runs without the
    npm package."""
    with tempfile.TemporaryDirectory(prefix="bench-github-") as tmp:
        scratch = Path(tmp)
        if spec is None:
            spec = synth.write_spec(20, scratch / "stand-in.json")
        elif not spec.is_file():
            raise BenchError(f"{spec} is missing: `make bench` installs @octokit/openapi into bench/node_modules")
        tools = _tools(spec, scratch, warm=True)
        cpu_runs: dict[str, list[float]] = {name: [] for name in tools}
        timed = {name: _cpu_timed(task, cpu_runs[name]) for name, task in tools.items()}
        samples = interleaved(timed, repeat=repeat, warmup=warmup)
    wall = {name: [s.wall_s for s in runs] for name, runs in samples.items()}
    rss = {name: [s.peak_rss_mib for s in runs] for name, runs in samples.items()}
    cpu = {name: runs[len(runs) - repeat :] for name, runs in cpu_runs.items()}  # the warm-up rounds dropped
    section = Section(
        key="github",
        title=f"GitHub's REST description ({spec.name}), whole process (median of {repeat})",
        columns=["tool", "wall s", "CPU s", "peak RSS MiB", "wall vs ours (empty cache)"],
    )
    for name in samples:
        ratio = 1.0 if name == OURS_COLD else pairwise_ratio(wall[name], wall[OURS_COLD])
        section.rows.append([name, median(wall[name]), median(cpu[name]), median(rss[name]), ratio])
    labels = {OURS_COLD: "empty cache", OURS_WARM: "re-run", OURS_EDIT: "one operation changed"}
    for ours, label in labels.items():
        if OPC in wall:
            section.checks.append(
                Check.at_most(f"github: ours ({label}) / openapi-python-client (wall)", _ratio(wall, ours, OPC), 0.5)
            )
        if OGEN in wall:
            section.checks.append(
                Check.at_most(f"github: ours ({label}) / openapi-generator (wall)", _ratio(wall, ours, OGEN), 0.3)
            )
    section.checks.append(Check.at_most("github: ours, one operation changed (s)", median(wall[OURS_EDIT]), 2.0, " s"))
    section.checks.append(Check("github: ours, one operation changed, CPU (s)", median(cpu[OURS_EDIT])))
    section.checks.append(Check("github: ours, re-run (cache filled), CPU (s)", median(cpu[OURS_WARM])))
    if OPC in rss:
        section.checks.append(
            Check("github: ours (empty cache) / openapi-python-client (peak RSS)", _ratio(rss, OURS_COLD, OPC))
        )
    section.notes += peers.not_installed_note([peers.OPC, peers.OGEN])
    section.notes.append("openapi-generator's peak RSS is its java process")
    section.data = {"spec": str(spec), "wall_s": wall, "cpu_s": cpu, "peak_rss_mib": rss, "repeat": repeat}
    return section


def _ratio(values: dict[str, list[float]], ours: str, theirs: str) -> float:
    return pairwise_ratio(values[ours], values[theirs])


def run_allof(
    *, lengths: Sequence[int] = (300, 600), repeat: int = 1, warmup: int = 0, timeout: float = 300.0
) -> Section:
    """Each length in its own interleaved rounds; a tool that times out at a length is left out from there on."""
    results: dict[int, dict[str, list[ProcessSample | None]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-allof-") as tmp:
        scratch = Path(tmp)
        given_up: set[str] = set()
        for length in lengths:
            spec = synth.write_spec(length, scratch / f"chain-{length}.json", chain=True)
            tasks = {
                name: _or_timeout(task)
                for name, task in _tools(spec, scratch, warm=False, timeout=timeout).items()
                if name not in given_up
            }
            results[length] = interleaved(tasks, repeat=repeat, warmup=warmup)
            given_up |= {name for name, runs in results[length].items() if any(r is None for r in runs)}
    tools = list(results[lengths[0]])
    section = Section(
        key="allof",
        title=f"allOf chain: generation wall time and peak RSS (median of {repeat}; '-': over {timeout:.0f} s)",
        columns=["schemas", *[f"{t} s" for t in tools], *[f"{t} MiB" for t in tools]],
    )

    def wall(length: int, tool: str) -> float | None:
        runs = results[length].get(tool) or [None]
        return None if any(r is None for r in runs) else median([r.wall_s for r in runs if r])

    def peak(length: int, tool: str) -> float | None:
        runs = results[length].get(tool) or [None]
        return None if any(r is None for r in runs) else median([r.peak_rss_mib for r in runs if r])

    for length in lengths:
        section.rows.append([length, *[wall(length, t) for t in tools], *[peak(length, t) for t in tools]])
    first, last = lengths[0], lengths[-1]
    ours_first, ours_last = wall(first, OURS_COLD), wall(last, OURS_COLD)
    section.checks.append(
        Check.at_most(f"allof: ours at {first} schemas (s)", ours_first if ours_first else timeout, 5.0, " s")
    )
    slope = None
    if len(lengths) > 1:
        # the doubling ratio (wall at the last length over the first, the lengths 2x apart by default) and its
        # growth exponent: 2.0 and 1.0 when doubling the chain doubles the time
        ratio = ours_last / ours_first if ours_first and ours_last else float("inf")
        section.checks.append(Check.at_most(f"allof: ours {last} / {first} schemas (wall)", ratio, last / first))
        slope = growth_exponent([first, last], [ours_first, ours_last]) if ours_first and ours_last else float("inf")
        section.checks.append(Check(f"allof: growth exponent, ours ({first} -> {last})", slope))
    for peer in (OPC, OGEN):
        if peer in tools and wall(first, peer) and ours_first:
            section.checks.append(Check(f"allof: ours / {peer} at {first} schemas", ours_first / wall(first, peer)))  # type: ignore[operator]
    section.notes += peers.not_installed_note([peers.OPC, peers.OGEN])
    section.notes.append("growth exponent 1.0: doubling the chain doubles the time")
    section.data = {
        "lengths": list(lengths),
        "growth_exponent": slope,
        "wall_s": {str(n): {t: wall(n, t) for t in tools} for n in lengths},
        "peak_rss_mib": {str(n): {t: peak(n, t) for t in tools} for n in lengths},
    }
    return section


def _or_timeout(task: Callable[[], ProcessSample]) -> Callable[[], ProcessSample | None]:
    def run() -> ProcessSample | None:
        try:
            return task()
        except BenchError as exc:
            if "exited with -9" in str(exc):  # killed by run_measured's timeout
                return None
            raise

    return run
