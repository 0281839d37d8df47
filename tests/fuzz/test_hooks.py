"""The fuzzing helpers: embedded-JSON hooks, the uniqueness check, the private config, and `fuzz` end to end."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from generator.fuzz import hooks as fuzz_hooks
from generator.fuzz.run import FRESH_SERVER_ENV, auth_headers, private_config
from generator.project.catalog import find_api
from generator.serve.compiled import compile_spec
from generator.serve.validation import content_violations
from tests.conftest import ROOT

APIG = find_api("apig", ROOT).spec


def _apig_schema() -> Any:
    schema = schemathesis.openapi.from_path(str(APIG), config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml"))
    fuzz_hooks.register(schema)
    return schema


@pytest.mark.slow
def test_positive_cases_carry_plugin_content_of_the_selected_model() -> None:
    spec = compile_spec(APIG)
    (op,) = spec.operations
    assert op.body is not None and op.body.schema is not None
    body = op.body
    operation = _apig_schema()[op.path][op.method]
    seen: set[str] = set()

    @settings(max_examples=30, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
    def check(case: Any) -> None:
        seen.add(case.body["plugin_type"])
        problems = content_violations(spec.schemas, body.schema, body.content_rules, body.content_properties, case.body)
        assert problems == []

    check()
    assert len(seen) >= 3  # the hook follows plugin_type, not one fixed model


def test_fixing_keeps_valid_documents_and_replaces_invalid_ones() -> None:
    spec = compile_spec(APIG)
    filler = fuzz_hooks._Filler(spec, spec.operations[0])
    valid = {"plugin_type": "cors", "plugin_content": '{"allow_origin": "https://a.example"}'}
    assert filler.fixed(valid) == valid
    fixed = filler.fixed({"plugin_type": "breaker", "plugin_content": "00"})
    rule = filler.applicable(fixed)[0]
    assert filler.is_valid(rule, fixed["plugin_content"])
    assert filler.fixed({"plugin_type": "unknown", "plugin_content": "00"})["plugin_content"] == "00"


class _Response:
    def __init__(self, status: int, body: Any) -> None:
        self.status_code = status
        self.content = json.dumps(body).encode()


class _Case:
    def __init__(self, operation: Any, name: str) -> None:
        self.operation = operation
        self.body = {"plugin_name": name, "plugin_type": "cors", "plugin_scope": "global", "plugin_content": "{}"}
        self.path_parameters = {"project_id": "p", "instance_id": "i"}

        class _Meta:
            class generation:  # mimics schemathesis' `case.meta.generation`
                mode = GenerationMode.POSITIVE

        self.meta = _Meta()


def test_the_uniqueness_check_only_excuses_real_repeats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FRESH_SERVER_ENV, "1")
    operation = _apig_schema()["/v2/{project_id}/apigw/instances/{instance_id}/plugins"]["POST"]
    check = fuzz_hooks.unique_rule_conflict()
    duplicate = _Response(400, {"error_code": "APIG.3326", "error_msg": "The plugin name already exists"})
    with pytest.raises(AssertionError, match="never sent before"):
        check.after_response(None, duplicate, _Case(operation, "First_Name"))
    check.after_response(None, _Response(201, {}), _Case(operation, "Second_Name"))
    check.after_response(None, duplicate, _Case(operation, "Second_Name"))  # a real repeat
    other = _Response(400, {"error_code": "APIG.2012", "error_msg": "Invalid parameter value"})
    with pytest.raises(AssertionError, match="not for the uniqueness rule"):
        check.after_response(None, other, _Case(operation, "Second_Name"))
    monkeypatch.setenv(FRESH_SERVER_ENV, "0")  # a deployment with history: only the code is checked
    check.after_response(None, duplicate, _Case(operation, "Third_Name"))


def test_the_private_config_holds_the_token_for_this_user_only(tmp_path: Path) -> None:
    headers = auth_headers(compile_spec(find_api("commvault", ROOT).spec), 'tok"en\u00e9')
    assert headers == {"Authtoken": 'tok"en\u00e9'}
    path = private_config(ROOT / "schemathesis.toml", headers, tmp_path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    config = tomllib.loads(path.read_text())
    assert (
        config["headers"] == headers
        and config["seed"] == tomllib.loads((ROOT / "schemathesis.toml").read_text())["seed"]
    )


@pytest.mark.slow  # a real subprocess run of several seconds: `make test`, not `make check`
def test_fuzz_command_writes_reports_without_the_token(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "generator", "fuzz", "gaussdb-opengauss", "-n", "15"]
    result = subprocess.run(
        [*command, "--st=--phases=examples,fuzzing", "--report-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    summary = json.loads((tmp_path / "gaussdb-opengauss" / "summary.json").read_text())
    assert summary["failures"] == 0 and summary["cases"] >= 15 and summary["fresh_server"] is True
    assert "gaussdb-opengauss" in result.stdout and "cases/s" in result.stdout
    reports = list((tmp_path / "gaussdb-opengauss").iterdir())
    assert {p.suffix for p in reports} >= {".json", ".xml"}
    assert not list((tmp_path / "gaussdb-opengauss").glob("schemathesis-*.toml"))  # the private config is gone
    har = next(p for p in reports if p.name.startswith("har-"))
    tokens = {
        h["value"]
        for entry in json.loads(har.read_text())["log"]["entries"]
        for h in entry["request"]["headers"]
        if h["name"].lower() == "x-auth-token"
    }
    assert tokens == {"[Filtered]"}
