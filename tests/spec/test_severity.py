"""Lint severities: every finding has a rule and a severity; style findings and examples/defaults that break
their schemas block only the catalog (or --strict); a project's pyproject.toml can set any rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.project.pipeline import generate_one
from generator.spec.diagnostics import SpecError
from generator.spec.lint import lint
from generator.spec.lint.severity import RULES, configured
from tests.conftest import FIXTURES

LENIENT = FIXTURES / "anydoc" / "lenient.yaml"


def test_every_finding_has_a_known_rule_and_is_located_at_its_node() -> None:
    report = lint(LENIENT, strict=False)
    assert report.diagnostics
    for finding in report.diagnostics:
        assert finding.rule in RULES and finding.severity in ("error", "warning")
        assert (finding.line, finding.col, finding.pointer) != (1, 1, ""), finding.format()
    default = next(d for d in report.diagnostics if d.rule == "default")
    assert default.pointer == "/paths/~1numbers/get/parameters/2/schema/default"
    lines = LENIENT.read_text(encoding="utf-8").splitlines()
    assert lines[default.line - 1][default.col - 1 :] == "first"  # the value itself, not the document
    bound = next(d for d in report.diagnostics if d.rule == "exclusive-bound")
    assert bound.pointer == "/paths/~1numbers/get/parameters/0/schema/exclusiveMaximum"
    example = next(d for d in report.diagnostics if d.rule == "example")
    assert example.pointer == "/paths/~1numbers/get/parameters/1/schema/example"
    assert {d.rule for d in report.diagnostics} >= {"operation-id", "operation-tags", "operation-4xx"}


def test_warnings_for_an_arbitrary_document_errors_when_strict() -> None:
    lenient = lint(LENIENT, strict=False).diagnostics
    strict = lint(LENIENT, strict=True).diagnostics
    assert {d.severity for d in lenient} == {"warning"}
    assert {d.severity for d in strict} == {"error"}
    assert [d.format() for d in lenient if d.rule == "operation-id"] == [
        f"{d.format().split(': ', 1)[0]}: /paths/~1numbers/get: warning: operation has no operationId [operation-id]"
        for d in lenient
        if d.rule == "operation-id"
    ]


def test_generate_warns_and_generates_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generate_one(LENIENT, tmp_path / "pkg", "lenient")
    assert (tmp_path / "pkg" / "lenient" / "client.py").is_file()
    assert "warning: default does not match its schema" in capsys.readouterr().err
    with pytest.raises(SpecError) as caught:
        generate_one(LENIENT, tmp_path / "strict", "lenient", strict=True)
    assert not (tmp_path / "strict").exists()  # a refused run leaves nothing behind
    assert any(d.rule == "default" for d in caught.value.diagnostics)


def test_broken_documents_still_block(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        LENIENT.read_text()
        .replace("$ref", "x")
        .replace("type: integer\n            minimum", "type: 7\n            minimum")
    )
    report = lint(broken, strict=False)
    assert any(d.severity == "error" and d.rule == "openapi" for d in report.diagnostics)


def test_rules_are_set_in_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.vendor-openapi-toolchain.lint]\noperation-id = "off"\nexample = "error"\n', encoding="utf-8"
    )
    shutil.copy(LENIENT, tmp_path / "lenient.yaml")
    monkeypatch.chdir(tmp_path)
    assert configured() == {"operation-id": "off", "example": "error"}
    found = lint(tmp_path / "lenient.yaml", strict=False).diagnostics
    assert not any(d.rule == "operation-id" for d in found)
    assert {d.severity for d in found if d.rule == "example"} == {"error"}
    assert {d.severity for d in found if d.rule == "operation-tags"} == {"warning"}
    (tmp_path / "pyproject.toml").write_text('[tool.vendor-openapi-toolchain.lint]\nno-such-rule = "warn"\n')
    with pytest.raises(ValueError, match="unknown rule"):
        configured()
