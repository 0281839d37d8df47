# Two commands for a fresh clone: `make generate` and `make test`. Every target bootstraps .venv itself.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
API ?= apig

.PHONY: help venv generate validate list check test lint typecheck serve fuzz bench toolchains proof clean breaking

# `make help` prints every target: the `## ` comment after a target's name is its line.
help: ## this list
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /\1\t/' | \
		awk -F '\t' '{printf "  make %-12s %s\n", $$1, $$2}'

# The stamp is rebuilt whenever pyproject.toml changes, so a dependency bump reaches every checkout. pip's own
# output goes to a log (shown only when the install fails), so `make generate` prints a short summary.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "installing the toolchain and its dependencies into $(VENV) (log: $(VENV)/install.log)"
	@{ $(PY) -m pip install --disable-pip-version-check --upgrade pip && \
	   $(PY) -m pip install --disable-pip-version-check -e '.[dev]'; } > $(VENV)/install.log 2>&1 || \
	   { tail -n 30 $(VENV)/install.log; exit 1; }
	@touch $(STAMP)

venv: $(STAMP) ## create .venv and install the toolchain (every target does this first)

list: $(STAMP) ## print the catalog of APIs
	@$(PY) -m generator list

validate: $(STAMP) ## lint the specs only
	@$(PY) -m generator validate

generate: $(STAMP) ## validate the specs and regenerate generated/ (the main job)
	@$(PY) -m generator generate

lint: $(STAMP) ## ruff over the toolchain, tests and benchmarks
	$(PY) -m ruff check generator tests bench
	$(PY) -m ruff format --check generator tests bench

typecheck: $(STAMP) ## mypy --strict over the toolchain and benchmarks
	$(PY) -m mypy

# The edit-test loop: everything but the third-party toolchain proof and the tests marked slow; nothing to install
# beyond .venv (no npm, Chromium or Java). The tests run in one process per core (pytest-xdist).
check: $(STAMP) lint typecheck ## fast loop: lint, types and every test but the toolchain proof and slow ones
	$(PY) -m pytest -q -m "not slow" --ignore=tests/toolchains -n auto

# The full suite spreads over the cores too (in one process it passed 10 minutes on 2 cores); the toolchain proof
# runs after it in one process, as its tools (npm, Java, Chromium) each take a core or more.
test: $(STAMP) lint typecheck toolchains ## the full suite CI runs: lint, types, every test incl. the toolchain proof
	$(PY) -m pytest --ignore=tests/toolchains -n auto
	$(PY) -m pytest tests/toolchains

# --- breaking changes (issue: breaking-change gate) ---
# The catalog specs of the working tree against a git revision: `make breaking BASE=v1.2` (default HEAD). Exit 1
# when a change breaks a client; acknowledged breaks (specs/CHANGELOG.md) are listed but do not count.
BASE ?= HEAD

breaking: $(STAMP) ## breaking changes of the catalog specs against BASE (default HEAD)
	$(PY) -m generator diff --base $(BASE) --unacknowledged

# --- reference server and fuzzing (issue: reference server) ---
PORT ?= 8080

# `VENDOR_OPENAPI_TOKEN=... make serve` makes that the only accepted token; without it any non-empty token passes.
serve: $(STAMP) ## run the reference server on 127.0.0.1 (API=apig PORT=8080)
	$(PY) -m generator serve $(API) --port $(PORT)

# schemathesis against a fresh server per API: every check, both modes, seed and 1000 cases per operation and
# phase from schemathesis.toml. Reports: reports/<api>/ (summary.json, JUnit, JSON, HAR).
fuzz: $(STAMP) ## schemathesis against a fresh reference server for each API
	$(PY) -m generator fuzz

# --- bundles, docs and the third-party toolchain proof (issue: other toolchains) ---
# `make toolchains` installs the pinned third-party tools that tests/toolchains/ runs on every bundle:
# npm packages into ./node_modules (never global; `npm ci` again whenever package-lock.json changes), and
# Debian's chromium and a Java runtime when missing (CI runs as root on Debian). `make proof` runs only the proof.
.PHONY: proof chromium-installed java-installed
NODE_STAMP := node_modules/.installed-stamp

$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# $(call apt_install,PACKAGE): Debian's package when running as root, else say what is missing.
apt_install = if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(1); \
	else echo "$(1) is missing: sudo apt-get install $(1)" >&2; exit 1; fi

chromium-installed:
	@command -v chromium >/dev/null 2>&1 || { $(call apt_install,chromium); }

java-installed:
	@command -v java >/dev/null 2>&1 || { $(call apt_install,openjdk-17-jre-headless); }

toolchains: $(STAMP) $(NODE_STAMP) chromium-installed java-installed ## install the third-party tools of the proof

proof: toolchains ## run only the third-party toolchain proof
	$(PY) -m pytest tests/toolchains -q

# --- benchmarks (issue: benchmarks) ---
# The peers (openapi-python-client, huaweicloudsdkapig, Prism) are benchmark-only: installed on the first
# `make bench`, never by `make test`. Results: a table on stdout and bench/results/latest.json.
BENCH_STAMP := $(VENV)/.bench-stamp

$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	@touch $(BENCH_STAMP)

bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error

bench: $(BENCH_STAMP) bench/node_modules/.package-lock.json ## benchmarks against the alternative toolchains
	$(PY) -m bench --markdown

clean: ## remove .venv and the caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
