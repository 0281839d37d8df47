"""Benchmarks of this toolchain side by side with the tools users would pick instead (`make bench`).

Absolute times on a shared 2-core machine drift, so every benchmark runs ours and its peers interleaved, round
by round, in one run, and reports ratios measured pairwise within each round. `python -m bench` runs them all,
prints a table and writes bench/results/latest.json.
"""
