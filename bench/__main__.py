"""`python -m bench`: run the benchmarks, print a table, write bench/results/latest.json.

    python -m bench                      # everything, at the sizes of `make bench`
    python -m bench --only client import # some of them
    python -m bench --quick              # tiny sizes (what the smoke test runs): checks that each one works

A benchmark that cannot run (a tool missing, a server that does not start) is reported as such and the others
still run; the exit status is 1 if any could not run, 0 otherwise (a missed target is reported, not an error).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import (
    bench_client,
    bench_diff,
    bench_fuzz,
    bench_generation,
    bench_import,
    bench_large,
    bench_scale,
    bench_server,
    peers,
)
from bench.harness import BENCH
from bench.report import Section, markdown, text_table, write_json

RESULTS = BENCH / "results" / "latest.json"

Runner = Callable[..., Section]
BENCHMARKS: dict[str, tuple[str, Runner]] = {
    "generation": ("Generation vs the alternatives", bench_generation.run),
    "scale": ("Scale", bench_scale.run),
    "github": ("GitHub's REST description", bench_large.run_github),
    "allof": ("allOf chain", bench_large.run_allof),
    "client": ("Client overhead", bench_client.run),
    "import": ("Import time", bench_import.run),
    "server": ("Reference server vs Prism", bench_server.run),
    "fuzz": ("Fuzzing throughput", bench_fuzz.run),
    "diff": ("Breaking-change gate", bench_diff.run),
}

# Sizes for `--quick`: each benchmark does the least work that still exercises every part of it.
QUICK: dict[str, dict[str, Any]] = {
    "generation": {"repeat": 1, "warmup": 0, "apis": ("gaussdb-opengauss",)},
    "scale": {"sizes": (2, 5), "repeat": 1, "warmup": 0},
    "github": {"repeat": 1, "warmup": 0, "spec": None},  # a small stand-in: the npm package may be absent
    "allof": {"lengths": (3, 6), "repeat": 1, "warmup": 0},
    "client": {"repeat": 1, "warmup": 0, "calls": 20, "seconds": 1.0, "concurrency": 2},
    "import": {"repeat": 1, "warmup": 0},
    "server": {"repeat": 1, "warmup": 0, "requests": 20, "seconds": 1.0, "concurrency": 2},
    "fuzz": {"repeat": 1, "warmup": 0, "cases": 10, "seconds": 5.0},
    "diff": {"repeat": 1, "warmup": 0, "quick": True},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), help="run only these benchmarks")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: check that every benchmark runs")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the JSON results file")
    parser.add_argument("--markdown", action="store_true", help="also print the markdown tables")
    args = parser.parse_args(argv)

    missing = peers.missing_tools()
    if missing:
        print(f"missing benchmark tools: {', '.join(missing)} (`make bench` installs them)", file=sys.stderr)
    sections: list[Section] = []
    durations: dict[str, float] = {}
    for key in args.only or BENCHMARKS:
        title, runner = BENCHMARKS[key]
        print(f"-- {title} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            section = runner(**(QUICK[key] if args.quick else {}))
        except Exception as exc:  # one broken benchmark must not hide the others' results
            traceback.print_exc(file=sys.stderr)
            section = Section(key=key, title=title, columns=[], error=f"{type(exc).__name__}: {exc}".strip()[:2000])
        durations[key] = time.perf_counter() - start
        sections.append(section)
        print(text_table(section), flush=True)
        print(f"   ({durations[key]:.0f} s)", flush=True)
    write_json(sections, args.output, {"quick": args.quick, "durations_s": durations})
    if args.markdown:
        print("\n" + markdown(sections))
    print(f"results written to {args.output}", file=sys.stderr)
    return 1 if any(section.error for section in sections) else 0


if __name__ == "__main__":
    raise SystemExit(main())
