"""`extract_rules` skips its walks on a document without any condition keyword; the result is what the walks
find."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ir import rules
from generator.ir.build import build_api
from generator.spec.load import Workspace
from tests.conftest import FIXTURES, ROOT

SPECS = [
    ROOT / "specs" / "apig" / "openapi.yaml",  # `if`/`then` rules on plug-in content
    ROOT / "specs" / "dbss" / "openapi.yaml",
    FIXTURES / "generate" / "petstore" / "openapi.yaml",
    *sorted((FIXTURES / "anydoc").glob("*.yaml")),
]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem if p.parent.name == "anydoc" else p.parent.name)
def test_the_shortcut_finds_what_the_walks_find(spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quick = build_api(spec, "pkg", Workspace()).rules
    monkeypatch.setattr(rules, "_has_condition", lambda _nodes: True)
    assert build_api(spec, "pkg", Workspace()).rules == quick


def test_a_condition_anywhere_is_seen() -> None:
    assert not rules._has_condition([{"properties": {"a": {"items": {"allOf": [{"type": "string"}]}}}}])
    assert rules._has_condition([{"properties": {"a": {"items": {"anyOf": [{"not": {"type": "string"}}]}}}}])
    assert rules._has_condition([{}, {"properties": {"a": {"if": {}, "then": {}}}}])
    assert rules._has_condition([{"oneOf": [{"dependentRequired": {"a": ["b"]}}]}])
