# Two commands for a fresh clone: `make generate` and `make test`. Every target bootstraps .venv itself.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
API ?= apig

.PHONY: help venv generate validate list test lint typecheck serve fuzz bench toolchains clean breaking

help:
	@echo "make generate   validate the specs and regenerate generated/ (bootstraps .venv)"
	@echo "make test       lint, type-check and run the test suite, including the drift check"
	@echo "make validate   lint the specs only"
	@echo "make breaking   breaking changes of the catalog specs against BASE (default HEAD)"
	@echo "make serve API=apig   run the reference server on 127.0.0.1"
	@echo "make fuzz       schemathesis against a fresh reference server for each API"
	@echo "make bench      benchmarks against the alternative toolchains"

# The stamp is rebuilt whenever pyproject.toml changes, so a dependency bump reaches every checkout.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

list: $(STAMP)
	$(PY) -m generator list

validate: $(STAMP)
	$(PY) -m generator validate

generate: $(STAMP)
	$(PY) -m generator generate

lint: $(STAMP)
	$(PY) -m ruff check generator tests bench
	$(PY) -m ruff format --check generator tests bench

typecheck: $(STAMP)
	$(PY) -m mypy

test: $(STAMP) lint typecheck toolchains
	$(PY) -m pytest

# --- breaking changes (issue: breaking-change gate) ---
# The catalog specs of the working tree against a git revision: `make breaking BASE=v1.2` (default HEAD). Exit 1
# when a change breaks a client; acknowledged breaks (specs/CHANGELOG.md) are listed but do not count.
BASE ?= HEAD

breaking: $(STAMP)
	$(PY) -m generator diff --base $(BASE) --unacknowledged

# --- reference server and fuzzing (issue: reference server) ---
PORT ?= 8080

# `VENDOR_OPENAPI_TOKEN=... make serve` makes that the only accepted token; without it any non-empty token passes.
serve: $(STAMP)
	$(PY) -m generator serve $(API) --port $(PORT)

# schemathesis against a fresh server per API: every check, both modes, seed and 1000 cases per operation and
# phase from schemathesis.toml. Reports: reports/<api>/ (summary.json, JUnit, JSON, HAR).
fuzz: $(STAMP)
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

toolchains: $(STAMP) $(NODE_STAMP) chromium-installed java-installed

proof: toolchains
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

bench: $(BENCH_STAMP) bench/node_modules/.package-lock.json
	$(PY) -m bench --markdown

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
