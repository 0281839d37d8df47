"""The loader: JSON through the JSON parser with positions found on demand (the same as YAML's), and the limits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.spec import load
from generator.spec.diagnostics import SpecError, join_pointer
from tests.conftest import ROOT

BUNDLES = sorted((ROOT / "generated" / "openapi").glob("*.openapi.json"))


def _pointers(data: Any, pointer: str = "") -> list[str]:
    found = [pointer]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _pointers(value, join_pointer(pointer, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _pointers(value, join_pointer(pointer, index))
    return found


@pytest.mark.parametrize("bundle", BUNDLES, ids=[b.name for b in BUNDLES])
def test_json_positions_equal_the_yaml_readers(bundle: Path) -> None:
    text = bundle.read_text()
    fast, reference = load.parse_document(bundle, text), load._parse_yaml(bundle, text)
    assert fast.data == reference.data
    for pointer in _pointers(reference.data):
        assert fast.position(pointer) == reference.position(pointer), pointer
    assert fast.position("/no/such/node") == fast.position("") == (1, 1)


def test_json_positions_are_only_computed_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps({"openapi": "3.1.0", "paths": {"/a": {"get": {"x": [1, {"y": 2}]}}}}, indent=2))
    document = load.read_document(path)
    index = document.locate.__self__  # type: ignore[attr-defined]
    assert not index._offsets and index._lines is None
    assert document.position("/paths/~1a/get/x/1/y") == (9, 18)
    assert index._scanned == {"", "/paths", "/paths/~1a", "/paths/~1a/get", "/paths/~1a/get/x", "/paths/~1a/get/x/1"}


def test_json_duplicate_keys_are_located(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text('{\n  "openapi": "3.1.0",\n  "info": {"title": "a",\n    "title": "b"}\n}\n')
    with pytest.raises(SpecError) as caught:
        load.read_document(path)
    assert [d.format().split(": ", 1)[1] for d in caught.value.diagnostics] == ["/info/title: duplicate key 'title'"]
    assert caught.value.diagnostics[0].line == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": NaN}', "NaN is not JSON"),
        ('{"a": 1e999}', "number out of the range of a double"),
        ('{"a": 1' + "0" * 100 + "}", "number longer than 100 characters"),
        ('{"a": [1,\n 2,,]}', "JSON syntax error"),
        ("[" * 100_000 + "]" * 100_000, "nested deeper than 64 levels"),
        ("a: " + "[" * 65 + "]" * 65, "nested deeper than 64 levels"),
        ("a: !!binary aGVsbG8=", "YAML tag '!!binary' gives no JSON value"),
        ("a: !!set {x}", "YAML tag '!!set' gives no JSON value"),
        ("a: !custom x", "YAML tag '!custom' gives no JSON value"),
    ],
)
def test_limits_and_non_json_values_are_located_errors(text: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load.parse_document(tmp_path / "doc", text)
    (diagnostic,) = caught.value.diagnostics
    assert message in diagnostic.message


def test_depth_at_the_limit_loads(tmp_path: Path) -> None:
    nested = "[" * (load.MAX_DEPTH - 1) + "]" * (load.MAX_DEPTH - 1)
    assert load.parse_document(tmp_path / "a.json", '{"a": ' + nested + "}").data["a"]
    assert load.parse_document(tmp_path / "a.yaml", "a: " + nested).data["a"]


def test_shared_yaml_anchors_within_budget_load(tmp_path: Path) -> None:
    text = "base: &b {type: string}\n" + "".join(f"p{i}: *b\n" for i in range(1000))
    data = load.parse_document(tmp_path / "a.yaml", text).data
    assert data["p999"] == {"type": "string"} and data["p1"] is not data["p2"]


def test_document_size_is_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_DOCUMENT_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000)
    with pytest.raises(SpecError, match="document larger than"):
        load.read_document(path)
