"""7. Breaking-change gate: `python -m generator diff` on two consecutive releases of GitHub's REST description.

The pair is pinned in bench/package.json (npm aliases of @octokit/openapi, installed by `make bench` into
bench/node_modules): the 3.0 description of api.github.com, 12-13 MB of JSON each. The whole command is timed in
a fresh process (start-up, loading, comparing, proving every witness, naming the impact on the generated
package); the target is under 5 s. `--quick` diffs a small labelled pair instead, to check that it runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.harness import BENCH, ROOT, BenchError, interleaved, median, python_env, run_measured
from bench.report import Check, Section

OLD, NEW = "octokit-openapi-old", "octokit-openapi-new"
DESCRIPTION = Path("generated") / "api.github.com.json"
SMALL = ROOT / "tests" / "fixtures" / "diff" / "cross-file-body-enum-value-removed-31"
# exit status 1 means "a break was found", which is the point here: time the command, not the verdict
_RUN = "import sys; from generator.cli import main; code = main(sys.argv[1:]); sys.exit(0 if code in (0, 1) else code)"


def _pair() -> tuple[Path, Path, str]:
    found = []
    for alias in (OLD, NEW):
        package = BENCH / "node_modules" / alias
        if not (package / DESCRIPTION).is_file():
            raise BenchError(f"{alias} is not installed in bench/node_modules (`make bench` installs it)")
        version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
        found.append((package / DESCRIPTION, version))
    return found[0][0], found[1][0], f"@octokit/openapi {found[0][1]} -> {found[1][1]}"


def run(*, repeat: int = 5, warmup: int = 1, quick: bool = False) -> Section:
    if quick:
        old, new, label = SMALL / "old" / "openapi.yaml", SMALL / "new" / "openapi.yaml", "labelled pair (quick)"
    else:
        old, new, label = _pair()
    cmd = [sys.executable, "-c", _RUN, "diff", str(old), str(new), "--format", "json"]
    env = python_env()
    samples = interleaved(
        {"ours": lambda: run_measured(cmd, cwd=ROOT, env=env, timeout=300)}, repeat=repeat, warmup=warmup
    )["ours"]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0:
        raise BenchError(f"diff failed:\n{result.stderr[-3000:]}")
    changes = json.loads(result.stdout)["changes"]
    levels = {level: sum(1 for c in changes if c["level"] == level) for level in ("breaking", "warning", "info")}
    proved = sum(1 for c in changes if c["level"] == "breaking" and c["witness"] is not None)
    wall = median([s.wall_s for s in samples])
    section = Section(
        key="diff",
        title="Breaking-change gate",
        columns=["tool", "input", "wall s (median)", "peak MiB", "breaking", "with witness", "warnings", "info"],
        rows=[
            [
                "ours: python -m generator diff",
                label,
                wall,
                max(s.peak_rss_mib for s in samples),
                levels["breaking"],
                proved,
                levels["warning"],
                levels["info"],
            ]
        ],
        data={"wall_s": [s.wall_s for s in samples], "levels": levels, "input": label},
    )
    if quick:
        section.checks.append(Check("diff: labelled pair (s)", wall))
    else:
        section.checks.append(Check.at_most("diff: GitHub REST description, two releases (s)", wall, 5.0, " s"))
    return section
