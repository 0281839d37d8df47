"""The linter: the real specs pass; each kind of mistake gives its located message and a non-zero exit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.project.catalog import load_catalog
from generator.spec.lint import lint
from tests.conftest import ROOT

CASES = ROOT / "tests" / "fixtures" / "validate"
OP = "/paths/~1widgets~1{widget_id}/post"
BODY_EXAMPLE = OP + "/requestBody/content/application~1json/examples/basic/value"


def run_cli(*args: str, cwd: Path = CASES) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def lines(name: str) -> list[str]:
    return [
        f"{d.file.relative_to(CASES)}:{d.line}:{d.col}: {d.pointer or '/'}: {d.message}"
        for d in lint(CASES / name).diagnostics
    ]


@pytest.mark.parametrize("api", [api.name for api in load_catalog(ROOT)])
def test_catalog_specs_pass(api: str) -> None:
    spec = next(a.spec for a in load_catalog(ROOT) if a.name == api)
    assert [d.format() for d in lint(spec).diagnostics] == []


def test_valid_fixture_passes() -> None:
    assert lines("valid.yaml") == []


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "yaml_syntax.yaml",
            [
                "yaml_syntax.yaml:16:11: /: YAML syntax error: while parsing a flow sequence "
                "did not find expected ',' or ']'"
            ],
        ),
        ("duplicate_key.yaml", [f"duplicate_key.yaml:15:16: {OP}/summary: duplicate key 'summary'"]),
        (
            "dangling_file_ref.yaml",
            [
                "dangling_file_ref.yaml:37:30: " + OP + "/responses/201/content/application~1json/schema/$ref: "
                "$ref 'nowhere.yaml#/components/schemas/WidgetId' cannot be resolved: file not found"
            ],
        ),
        (
            "structural.yaml",
            [
                "structural.yaml:52:22: /components/schemas/Widget/properties/kind/type: "
                "'strin' is not valid under any of the given schemas"
            ],
        ),
        # a problem inside a referenced file is reported in that file, at that node
        (
            "structural_in_ref.yaml",
            [
                "shared_broken.yaml:9:20: /components/schemas/WidgetId/properties/id/type: "
                "42 is not valid under any of the given schemas"
            ],
        ),
        (
            "bad_example.yaml",
            [
                f"bad_example.yaml:31:31: {BODY_EXAMPLE}/name: request body example 'basic' "
                "does not match its schema: 'gearbox-too-long' is too long"
            ],
        ),
        (
            "bad_param_example.yaml",
            [
                f"bad_param_example.yaml:22:20: {OP}/parameters/0/example: parameter "
                "'widget_id' example does not match its schema: 'AB-12' does not match "
                "'^[a-z0-9]{4}$'"
            ],
        ),
        (
            "bad_content.yaml",
            [
                f"bad_content.yaml:31:58: {BODY_EXAMPLE}/config: request body example 'basic': "
                "config (JSON for kind='plain') at /size: 30 is greater than the maximum of 10"
            ],
        ),
        (
            "bad_content_json.yaml",
            [
                f"bad_content_json.yaml:31:58: {BODY_EXAMPLE}/config: request body example "
                "'basic': config is not valid JSON: Expecting property name enclosed in "
                "double quotes at character 1"
            ],
        ),
        ("no_operation_id.yaml", [f"no_operation_id.yaml:14:7: {OP}: operation has no operationId"]),
        ("no_summary.yaml", [f"no_summary.yaml:14:7: {OP}: operation has no summary"]),
        ("no_tags.yaml", [f"no_tags.yaml:14:7: {OP}: operation has no tags"]),
        (
            "undeclared_tag.yaml",
            [f"undeclared_tag.yaml:16:14: {OP}/tags/0: tag 'gadgets' is not declared in the top-level tags"],
        ),
        (
            "no_security.yaml",
            [
                f"no_security.yaml:12:7: {OP}: operation has no security requirement",
                "no_security.yaml:43:12: /components/securitySchemes/token: unused component: security scheme "
                "'token' is never required",
            ],
        ),
        (
            "no_4xx.yaml",
            [
                f"no_4xx.yaml:33:9: {OP}/responses: operation documents no 4xx response",
                "no_4xx.yaml:61:7: /components/schemas/Problem: unused component: schemas/Problem is never referenced",
            ],
        ),
        (
            "unused_component.yaml",
            [
                "unused_component.yaml:65:13: /components/schemas/Orphan: unused component: "
                "schemas/Orphan is never referenced"
            ],
        ),
        (
            "dangling_ref.yaml",
            [
                "dangling_ref.yaml:42:30: " + OP + "/responses/400/content/application~1json/schema/$ref: "
                "$ref '#/components/schemas/Missing' does not resolve: no such node",
                "dangling_ref.yaml:66:7: /components/schemas/Problem: unused component: schemas/Problem is never "
                "referenced",
            ],
        ),
    ],
)
def test_each_mistake_is_located(fixture: str, expected: list[str]) -> None:
    assert lines(fixture) == expected


def test_all_problems_are_reported_not_just_the_first(tmp_path: Path) -> None:
    text = (CASES / "valid.yaml").read_text()
    text = text.replace("      summary: Create a widget\n", "").replace("      tags: [widgets]\n", "")
    text = text.replace("example: ab12", "example: AB-12")
    (tmp_path / "shared.yaml").write_text((CASES / "shared.yaml").read_text())
    (tmp_path / "many.yaml").write_text(text)
    messages = [d.message for d in lint(tmp_path / "many.yaml").diagnostics]
    assert "operation has no summary" in messages
    assert "operation has no tags" in messages
    assert any("'AB-12' does not match" in m for m in messages)


@pytest.mark.slow
def test_cli_exit_codes_and_format() -> None:
    bad = run_cli("validate", "bad_example.yaml", "no_summary.yaml")
    assert bad.returncode == 1
    out = bad.stdout.splitlines()
    assert out[0].startswith("bad_example.yaml:31:31: /paths/")
    assert out[1] == f"no_summary.yaml:14:7: {OP}: operation has no summary"
    assert "Traceback" not in bad.stderr
    good = run_cli("validate", "valid.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert good.stdout == ""


@pytest.mark.parametrize("fixture", ["yaml_syntax.yaml", "missing.yaml", "dangling_ref.yaml"])
def test_cli_never_shows_a_traceback(fixture: str) -> None:
    result = run_cli("validate", fixture)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    first = result.stdout.splitlines()[0]
    file, line, col, rest = first.split(":", 3)
    assert file == fixture and int(line) >= 1 and int(col) >= 1 and rest.startswith(" /")


@pytest.mark.slow
def test_cli_json_output() -> None:
    result = run_cli("validate", "--json", "no_tags.yaml")
    assert result.returncode == 1
    (problem,) = json.loads(result.stdout)
    assert problem["line"] == 14 and problem["pointer"] == OP and problem["message"] == "operation has no tags"


@pytest.mark.slow
def test_cli_validates_whole_catalog_by_default() -> None:
    result = run_cli("validate", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "validated 4 spec(s): no problems" in result.stderr


def test_help_lists_subcommands() -> None:
    result = run_cli("--help", cwd=ROOT)
    assert result.returncode == 0
    for sub in ("list", "validate"):
        assert sub in result.stdout


def test_list_json_catalog() -> None:
    result = run_cli("list", "--json", cwd=ROOT)
    apis = json.loads(result.stdout)["apis"]
    assert [a["name"] for a in apis] == ["gaussdb-opengauss", "dbss", "apig", "commvault"]
    assert apis[2] == {
        "name": "apig",
        "title": "Huawei Cloud API Gateway (APIG)",
        "spec": "specs/apig/openapi.yaml",
        "package": "huaweicloud_apig",
        "package_dir": "generated/python/huaweicloud_apig",
    }
