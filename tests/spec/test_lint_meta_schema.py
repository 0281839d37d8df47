"""The meta-schema fast path of the linter (generator/spec/lint/__init__.py, found by `make bench`'s scale profile):
jsonschema-rs may only ever *accept* a schema the Python check accepts; everything else goes through Python,
so the diagnostics are exactly those of the Python path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema.validators import validator_for
from openapi_schema_validator import OAS31_BASE_DIALECT_ID, oas31_format_checker

import generator.spec.lint as validate
from generator.spec.lint import meta
from generator.spec.load import Workspace
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "validate"

SCHEMAS: list[Any] = [
    {"type": "string"},
    {"type": "strin"},
    {"type": ["string", "null"]},
    {"minLength": -1},
    {"required": "a"},
    {"enum": []},
    {"items": [{}]},
    {"format": 1},
    {"const": 1, "type": "integer"},
    {"properties": {"a": {"type": "bogus"}}},
    {"properties": {"a": {"$ref": "#/components/schemas/B", "description": "d"}}},
    {"pattern": "[a-"},
    {"pattern": "(?<name>x)"},  # ECMA-262 syntax that Python's re rejects: both paths must reject it
    {"pattern": "(?P<name>x)"},
    {"patternProperties": {"(?<a>x)": {}}},
    {"$id": "http://x y"},
    {"discriminator": {"propertyName": 1}},
    {"discriminator": {"propertyName": "kind"}},
    {"xml": {"name": 1}},
    {"externalDocs": {"url": "https://example.com"}},
    {"example": {"a": 1}},
    {"contentMediaType": "application/json", "contentSchema": {"type": "object"}},
    {"allOf": [{"if": {"properties": {"t": {"const": "a"}}}, "then": {"required": ["x"]}}]},
]


def _python_accepts(schema: Any) -> bool:
    cls = validator_for({"$schema": OAS31_BASE_DIALECT_ID})
    try:
        cls.check_schema(schema, format_checker=oas31_format_checker)
    except Exception:
        return False
    return True


def test_fast_path_is_built_for_the_oas31_dialect() -> None:
    assert meta.dialect_is_valid(OAS31_BASE_DIALECT_ID) is not None
    assert meta.dialect_is_valid("https://example.com/another-dialect") is None


@pytest.mark.parametrize("schema", SCHEMAS, ids=[str(s)[:40] for s in SCHEMAS])
def test_fast_path_never_accepts_what_python_rejects(schema: Any) -> None:
    is_valid = meta.dialect_is_valid(OAS31_BASE_DIALECT_ID)
    assert is_valid is not None
    if is_valid(schema):
        assert _python_accepts(schema)


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.yaml")))
def test_diagnostics_are_those_of_the_python_path(fixture: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = validate.lint(FIXTURES / fixture, Workspace()).diagnostics
    monkeypatch.setattr(validate, "_fast_meta_check", lambda cls: cls)
    slow = validate.lint(FIXTURES / fixture, Workspace()).diagnostics
    assert fast == slow


def test_invalid_schema_still_reported_with_its_location(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.1.0\n"
        "info: {title: t, version: '1'}\n"
        "paths: {}\n"
        "components:\n"
        "  schemas:\n"
        "    Name:\n"
        "      type: string\n"
        "      minLength: -1\n"
    )
    problems = validate.lint(spec, Workspace(), project_rules=False).diagnostics
    assert [(p.line, p.pointer) for p in problems] == [(8, "/components/schemas/Name/minLength")], problems
    assert "-1" in problems[0].message


def test_bundle_check_still_rejects_an_invalid_31_schema(tmp_path: Path) -> None:
    """generator/spec/bundle.py checks its 3.1 output with the fast validator class: a bad schema is still found."""
    from generator.spec.bundle import check_openapi, to_yaml
    from generator.spec.diagnostics import SpecError

    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Good": {"type": "string"}, "Bad": {"type": "string", "minLength": -1}}},
    }
    path = tmp_path / "bundle.yaml"
    with pytest.raises(SpecError) as caught:
        check_openapi(document, path, to_yaml(document))
    [problem] = caught.value.diagnostics
    assert problem.pointer.endswith("/minLength") and "-1" in problem.message
    del document["components"]["schemas"]["Bad"]
    check_openapi(document, path, to_yaml(document))  # and a good one passes
