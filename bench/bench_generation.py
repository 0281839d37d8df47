"""1. Generation: `python -m generator generate` for the four catalog specs vs openapi-python-client,
openapi-generator (python) and datamodel-codegen alone, on the same specs; whole-process wall time and peak RSS.

Ours regenerates the whole catalog in one process (what `make generate` runs), in a scratch copy of specs/ so
the checkout's generated/ is never touched. The peers take one spec per process, so theirs is the sum of four
processes; "ours, one process per spec" is measured too, so the per-spec start-up cost is visible.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import peers
from bench.harness import ROOT, ProcessSample, interleaved, median, pairwise_ratio, run_measured
from bench.report import Check, Section
from generator.spec.load import read_document

OURS = "ours (python -m generator generate)"
OURS_EACH = "ours, one process per spec"
OPC = "openapi-python-client"
OGEN = "openapi-generator (python)"
DMC = "datamodel-codegen (models only)"


def _tasks(scratch: Path, root: Path, apis: Sequence[str] | None) -> dict[str, Callable[[], ProcessSample]]:
    inputs = [i for i in peers.spec_inputs(root) if apis is None or i.api.name in apis]
    ours_root = scratch / "ours-root"
    shutil.copytree(root / "specs", ours_root / "specs")
    if apis is not None:  # the scratch catalog lists only the chosen APIs
        catalog = read_document(ours_root / "specs" / "catalog.yaml").data
        catalog["apis"] = [entry for entry in catalog["apis"] if entry["name"] in apis]
        (ours_root / "specs" / "catalog.yaml").write_text(json.dumps(catalog))
    env = peers.tool_env(VENDOR_OPENAPI_ROOT=str(ours_root))

    def ours() -> ProcessSample:
        return run_measured(
            peers.ours_generate_all(), cwd=ours_root, env=peers.cold(env, scratch, ours_root / "generated")
        )

    def ours_each() -> ProcessSample:
        return ProcessSample.combine(
            [
                run_measured(
                    peers.ours_generate_one(i.api.spec, scratch / "ours-each" / i.api.package, i.api.package),
                    cwd=scratch,
                    env=peers.cold(env, scratch, scratch / "ours-each" / i.api.package),
                )
                for i in inputs
            ]
        )

    def per_spec(command: Callable[[peers.SpecInputs, Path], list[str]], folder: str) -> ProcessSample:
        out = scratch / folder
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        return ProcessSample.combine(
            [run_measured(command(i, out / i.api.name), cwd=scratch, env=peers.tool_env()) for i in inputs]
        )

    tasks: dict[str, Callable[[], ProcessSample]] = {OURS: ours}
    if len(inputs) > 1:  # with one spec it is the same as OURS
        tasks[OURS_EACH] = ours_each
    if peers.have(peers.OPC):
        tasks[OPC] = lambda: per_spec(lambda i, out: peers.openapi_python_client(i.bundle31, out), "opc")
    if peers.have(peers.OGEN):
        tasks[OGEN] = lambda: per_spec(lambda i, out: peers.openapi_generator(i.bundle30, out, i.api.package), "ogen")
    if peers.have(peers.DMC):
        tasks[DMC] = lambda: per_spec(lambda i, out: peers.datamodel_codegen(i.bundle31, out.with_suffix(".py")), "dmc")
    return tasks


def run(*, repeat: int = 5, warmup: int = 1, root: Path = ROOT, apis: Sequence[str] | None = None) -> Section:
    """`apis` restricts the run to some catalog APIs (the smoke test uses one); the default is all four."""
    with tempfile.TemporaryDirectory(prefix="bench-generation-") as tmp:
        samples = interleaved(_tasks(Path(tmp), root, apis), repeat=repeat, warmup=warmup)
    wall = {name: [s.wall_s for s in runs] for name, runs in samples.items()}
    rss = {name: [s.peak_rss_mib for s in runs] for name, runs in samples.items()}
    section = Section(
        key="generation",
        title=f"Generation: {'the four catalog specs' if apis is None else ', '.join(apis)}, whole process "
        f"(median of {repeat} after {warmup} warm-up)",
        columns=["tool", "wall s", "peak RSS MiB", "wall vs ours"],
    )
    for name in samples:
        section.rows.append(
            [
                name,
                median(wall[name]),
                median(rss[name]),
                1.0 if name == OURS else pairwise_ratio(wall[name], wall[OURS]),
            ]
        )
    if OPC in wall:
        section.checks += [
            Check.at_most(
                "generation: ours / openapi-python-client (wall)", pairwise_ratio(wall[OURS], wall[OPC]), 0.5
            ),
            Check("generation: ours / openapi-python-client (peak RSS)", median(rss[OURS]) / median(rss[OPC])),
        ]
    if OGEN in wall:
        section.checks.append(
            Check.at_most("generation: ours / openapi-generator (wall)", pairwise_ratio(wall[OURS], wall[OGEN]), 0.2)
        )
    if DMC in wall:
        section.checks.append(
            Check("generation: ours / datamodel-codegen alone (wall)", pairwise_ratio(wall[OURS], wall[DMC]))
        )
    section.notes += peers.not_installed_note([peers.OPC, peers.OGEN, peers.DMC])
    section.notes.append(
        "peers take one spec per process (sum of four runs; peak = largest of the four); peak RSS is the largest "
        "process of each run's tree (java for openapi-generator)"
    )
    section.data = {"wall_s": wall, "peak_rss_mib": rss, "repeat": repeat, "warmup": warmup}
    return section
