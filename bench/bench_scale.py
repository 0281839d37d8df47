"""2. Scale: synthetic specs of 10, 100 and 1,000 operations (bench/synth.py, one schema per operation and a
status enum per resource); generation time and peak memory for ours and openapi-python-client, and the growth
exponent of each (log-log slope between the two largest sizes; 1.0 is linear)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import peers, synth
from bench.harness import ProcessSample, growth_exponent, interleaved, median, pairwise_ratio, run_measured
from bench.report import Check, Section

OURS = "ours"
OPC = "openapi-python-client"
SIZES = (10, 100, 1000)


def run(*, sizes: Sequence[int] = SIZES, repeat: int = 3, warmup: int = 1) -> Section:
    samples: dict[int, dict[str, list[ProcessSample]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        scratch = Path(tmp)
        env = peers.tool_env()
        for size in sizes:
            spec = synth.write_spec(size, scratch / f"synth-{size}.json")

            def ours(spec: Path = spec) -> ProcessSample:
                out = scratch / "ours"
                return run_measured(
                    peers.ours_generate_one(spec, out, "synth"), cwd=scratch, env=peers.cold(env, scratch, out)
                )

            def opc(spec: Path = spec) -> ProcessSample:
                shutil.rmtree(scratch / "opc", ignore_errors=True)
                return run_measured(peers.openapi_python_client(spec, scratch / "opc"), cwd=scratch, env=env)

            tasks: dict[str, Callable[[], ProcessSample]] = {OURS: ours}
            if peers.have(peers.OPC):
                tasks[OPC] = opc
            # one warm-up (imports, disk cache) serves every size: it is paid at the smallest, cheapest one
            samples[size] = interleaved(tasks, repeat=repeat, warmup=warmup if size == sizes[0] else 0)

    tools = list(samples[sizes[0]])

    def wall(size: int, tool: str) -> list[float]:
        return [s.wall_s for s in samples[size][tool]]

    def rss(size: int, tool: str) -> list[float]:
        return [s.peak_rss_mib for s in samples[size][tool]]

    section = Section(
        key="scale",
        title=f"Scale: synthetic specs, generation wall time and peak RSS (median of {repeat})",
        columns=["operations", "schemas", "ours s", "opc s", "ours / opc", "ours MiB", "opc MiB"],
    )
    for size in sizes:
        schemas = synth.count(synth.synthetic_spec(size))[1]
        section.rows.append(
            [
                size,
                schemas,
                median(wall(size, OURS)),
                median(wall(size, OPC)) if OPC in tools else None,
                pairwise_ratio(wall(size, OURS), wall(size, OPC)) if OPC in tools else None,
                median(rss(size, OURS)),
                median(rss(size, OPC)) if OPC in tools else None,
            ]
        )
    largest = sizes[-1]
    exponents = {tool: growth_exponent(sizes, [median(wall(n, tool)) for n in sizes]) for tool in tools}
    section.checks += [
        Check.at_most("scale: growth exponent, ours", exponents[OURS], 1.15, unit=""),
        Check.at_most(f"scale: ours at {largest} operations (s)", median(wall(largest, OURS)), 10.0, unit=" s"),
    ]
    if OPC in tools:
        section.checks += [
            Check("scale: growth exponent, openapi-python-client", exponents[OPC]),
            Check(
                f"scale: ours / openapi-python-client at {largest} operations",
                pairwise_ratio(wall(largest, OURS), wall(largest, OPC)),
            ),
        ]
    section.notes += peers.not_installed_note([peers.OPC])
    section.notes.append(
        "growth exponent = slope of log(time) over log(operations) between the two largest sizes; "
        "1.15 allows for noise around linear (1.0)"
    )
    section.data = {
        "sizes": list(sizes),
        "wall_s": {str(n): {t: wall(n, t) for t in tools} for n in sizes},
        "peak_rss_mib": {str(n): {t: rss(n, t) for t in tools} for n in sizes},
        "growth_exponent": exponents,
    }
    return section
