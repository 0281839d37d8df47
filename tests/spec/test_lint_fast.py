"""The linter's fast paths (generator/spec/lint/meta.py: jsonschema-rs in front of openapi-spec-validator's
meta-schema check of each 3.0 and 3.1 schema; generator/spec/lint/__init__.py: the validator's cache of resolved
paths): every finding is the one of the library's own Python path, same pointer, line, message and rule."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator

import generator.spec.lint as validate
from generator.spec.lint import meta
from generator.spec.load import Workspace
from tests.conftest import FIXTURES, ROOT
from tests.spec.test_lint_pieces import SPECS

Finding = tuple[str, int, int, str, str, str, str]
_OPENAPI = re.compile(r"""^(?:openapi|"openapi"|'openapi')\s*:|\{\s*"openapi"\s*:""", re.MULTILINE)


def _documents(folder: Path) -> list[Path]:
    """The OpenAPI documents under `folder` (a top-level `openapi` field), golden outputs left out."""
    return [
        path
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".yaml", ".yml", ".json")
        and "expected" not in path.parts
        and _OPENAPI.search(path.read_text(encoding="utf-8", errors="replace")[:20_000])
    ]


OTHERS = [p for name in ("generate", "serve", "hostile") for p in _documents(FIXTURES / name) if p not in SPECS]
DIFF_CASES = _documents(FIXTURES / "diff")


def findings(path: Path) -> list[Finding]:
    report = validate.lint(path, Workspace(), strict=False)
    return [(str(d.file), d.line, d.col, d.pointer, d.message, d.rule, d.severity) for d in report.diagnostics]


def slow_findings(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    """The findings of the library's own path: no jsonschema-rs, no resolved-path cache, its own child step."""
    from jsonschema_path.nodes import SchemaNode
    from pathable.accessors import SubscriptableAccessor

    with monkeypatch.context() as patch:
        patch.setattr(validate, "_fast_meta_check", lambda cls: cls)
        patch.setattr(validate, "RESOLVED_PATHS", 0)
        patch.setattr(validate, "install_fast_subnodes", lambda: None)
        patch.setattr(SchemaNode, "_get_subnode", SubscriptableAccessor.__dict__["_get_subnode"])
        return findings(path)


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("spec", SPECS + OTHERS, ids=_id)
def test_every_fixture_has_the_findings_of_the_python_path(spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert findings(spec) == slow_findings(spec, monkeypatch)


@pytest.mark.slow
def test_every_diff_fixture_has_the_findings_of_the_python_path(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(DIFF_CASES) > 100  # the discovery found the 3.0 and 3.1 cases
    different = [_id(p) for p in DIFF_CASES if findings(p) != slow_findings(p, monkeypatch)]
    assert not different


BROKEN_30 = """\
openapi: 3.0.3
info:
  title: broken
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - name: q
          in: query
          schema:
            type: string
            pattern: "[a-"
      responses:
        "200":
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Thing"
components:
  schemas:
    Thing:
      type: object
      properties:
        name:
          type: string
          minLength: -1
        size:
          type: integer
          maximum: 1.5e3
          exclusiveMaximum: true
        code:
          type: string
          pattern: "(?<name>x"
        tags:
          type: array
          items:
            type: strin
        ratio:
          type: number
          maxLength: 1.0
    Both:
      allOf:
        - $ref: "#/components/schemas/Thing"
      required: [missing]
    Fine:
      type: string
      pattern: "^[a-z]+$"
      enum: [a, b]
"""


def test_a_broken_30_document_keeps_every_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Invalid at document level (no `info.version`, a response without `description`) and inside schemas
    (a `pattern` that is no regex, a negative or fractional length, an unknown type): nothing is hidden."""
    spec = tmp_path / "openapi.yaml"
    spec.write_text(BROKEN_30)
    found = findings(spec)
    assert found == slow_findings(spec, monkeypatch)
    errors = {(line, pointer) for _, line, _, pointer, _, _, severity in found if severity == "error"}
    assert {
        (3, "/info"),  # the document level
        (13, "/paths/~1things/get/parameters/0/schema/pattern"),  # a format
        (43, "/components/schemas/Both"),  # the library's own rule
    } <= errors, found
    # a schema's own meta-schema check: the library reports its first error, which of several depends on the order
    # of a set of strings (so on PYTHONHASHSEED)
    assert any(pointer.startswith("/components/schemas/Thing/properties/") for _, pointer in errors), found


def test_each_broken_30_schema_is_reported_where_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The document level valid, one bad schema at a time: each is found at its own node."""
    spec = tmp_path / "openapi.yaml"
    cases = {
        "pattern: '[a-'": "/components/schemas/Bad/properties/a/pattern",
        "minLength: -1": "/components/schemas/Bad/properties/a/minLength",
        "maxLength: 1.0": "/components/schemas/Bad/properties/a/maxLength",
        "type: strin": "/components/schemas/Bad/properties/a/type",
        "enum: []": "/components/schemas/Bad/properties/a/enum",
        "enum: [1, 1.0]": "/components/schemas/Bad/properties/a/enum",
        "exclusiveMinimum: true": "/components/schemas/Bad/properties/a",
    }
    for keyword, pointer in cases.items():
        spec.write_text(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
            "    Good: {type: string, pattern: '^a$'}\n"
            f"    Bad:\n      type: object\n      properties:\n        a:\n          {keyword}\n"
        )
        found = findings(spec)
        assert found == slow_findings(spec, monkeypatch), keyword
        assert pointer in [f[3] for f in found if f[5] in ("openapi", "pattern")], (keyword, found)


def test_valid_30_schemas_skip_the_python_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path is taken (else the comparisons above would prove nothing): no valid schema reaches the
    library's Python meta-schema check, and an invalid one still does."""
    calls: list[Any] = []
    check_schema = OAS30Validator.check_schema.__func__

    def counting(cls: Any, schema: Any, *args: Any, **kwargs: Any) -> None:
        calls.append(schema)
        check_schema(cls, schema, *args, **kwargs)

    monkeypatch.setattr(OAS30Validator, "check_schema", classmethod(counting))
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        + "".join(
            f"    S{i}: {{type: object, properties: {{a: {{type: string, pattern: '^x{i}$'}}}}}}\n" for i in range(20)
        )
    )
    assert validate.lint(spec, Workspace(), project_rules=False).diagnostics == []
    assert calls == []
    spec.write_text(spec.read_text() + "    Bad: {type: string, minLength: -1}\n")
    found = validate.lint(spec, Workspace(), project_rules=False).diagnostics
    assert "/components/schemas/Bad/minLength" in [d.pointer for d in found]
    assert calls == [{"type": "string", "minLength": -1}]


SCHEMAS_30: list[Any] = [
    {"type": "string"},
    {"type": "strin"},
    {"type": ["string", "string"]},
    {"minLength": -1},
    {"minLength": 1.0},  # draft 4: 1.0 is not an integer
    {"maxItems": 100.5},
    {"minLength": True},
    {"required": []},
    {"required": "a"},
    {"enum": []},
    {"enum": [1, 1.0]},
    {"enum": [1, True]},
    {"enum": [{"a": 1}, {"a": 1.0}]},
    {"items": []},
    {"items": [{}]},
    {"format": 1},
    {"multipleOf": 0},
    {"exclusiveMaximum": True},
    {"maximum": 10**30},
    {"properties": {"a": {"type": "bogus"}}},
    {"properties": {"a": {"$ref": "#/components/schemas/B", "description": "d"}}},
    {"additionalProperties": 3},
    {"dependencies": {"a": []}},
    {"pattern": "[a-"},
    {"pattern": "(?<name>x)"},
    {"pattern": "(?P<name>x)"},
    {"pattern": "\\p{L}"},
    {"properties": {"a": {"pattern": "[a-"}}},
    {"nullable": True, "discriminator": {"propertyName": 1}},
    {"x-extension": {"any": ["thing"]}},
]


def _python_accepts_30(schema: Any) -> bool:
    try:
        OAS30Validator.check_schema(schema)
    except Exception:
        return False
    return True


def test_the_30_fast_path_is_built_and_used_for_the_30_validator() -> None:
    from openapi_spec_validator.validation.keywords import OpenAPIV30SchemaValidator

    assert meta.oas30_is_valid() is not None
    assert meta.fast_meta_check(OpenAPIV30SchemaValidator) is not OpenAPIV30SchemaValidator


@pytest.mark.parametrize("schema", SCHEMAS_30, ids=[str(s)[:40] for s in SCHEMAS_30])
def test_the_30_fast_path_never_accepts_what_python_rejects(schema: Any) -> None:
    is_valid = meta.oas30_is_valid()
    assert is_valid is not None
    if is_valid(schema):
        assert _python_accepts_30(schema)


def test_the_child_step_is_the_librarys_own() -> None:
    from jsonschema_path.nodes import SchemaNode
    from pathable.accessors import SubscriptableAccessor

    meta.install_fast_subnodes()
    fast, own = SchemaNode._get_subnode, SubscriptableAccessor._get_subnode
    assert getattr(fast, "__func__", None) is not getattr(
        own, "__func__", None
    )  # installed (else this test would compare the library with itself)
    nodes: list[Any] = [{"a": 1, "0": 2}, [10, 20], "text", 3, None, ("t",)]
    for node in nodes:
        for part in ("a", "0", 0, 1, 5, "missing", -1):
            results = []
            for step in (fast, own):
                try:
                    results.append(("value", step(node, part)))
                except Exception as exc:  # the same exception class and key
                    results.append((type(exc).__name__, exc.args))
            assert results[0] == results[1], (node, part)


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_an_invalid_response_is_an_error_not_a_pattern_warning(tmp_path: Path, version: str) -> None:
    """jsonschema-rs (the library's whole-document check) gives a response's key `200` as a number: compared
    with the Python validator's path as is, the cause was missed and the error reported as a `pattern` warning."""
    spec = tmp_path / "openapi.yaml"
    spec.write_text(
        f"openapi: {version}\ninfo: {{title: t, version: '1'}}\npaths:\n  /things:\n    get:\n"
        "      responses:\n        '200':\n          content: {}\n"
    )
    found = [
        (d.line, d.pointer, d.rule, d.severity)
        for d in validate.lint(spec, Workspace(), project_rules=False).diagnostics
    ]
    assert found == [(8, "/paths/~1things/get/responses/200", "openapi", "error")]


PUBLIC = ROOT / "node_modules" / "@readme" / "oas-examples"  # installed by `make test` (npm ci)


@pytest.mark.slow
def test_public_documents_have_the_findings_of_the_python_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents nobody here wrote (ReadMe's OpenAPI 3.0 and 3.1 examples): the fast paths change no finding."""
    if not PUBLIC.is_dir():
        pytest.skip("the public example documents come with `npm ci` (make test)")
    documents = sorted(PUBLIC.glob("3.*/json/*.json"))
    assert len(documents) > 40
    different = [p.name for p in documents if findings(p) != slow_findings(p, monkeypatch)]
    assert not different
