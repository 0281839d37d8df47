"""The labelled pairs of tests/fixtures/diff: verdicts, locations and witnesses.

Every case states whether its edit breaks a client and which rules must say so. A breaking change must be
located in both documents where it exists (the pointer resolves, line and column are the node's), and its
witness must be accepted by one document and rejected by the other according to an independent judge
(`tests/diff/witness.py`: openapi-schema-validator on the raw files), or, for a generated-SDK break, name a
method or keyword argument the old package has and the new one lacks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diff import Report, diff_documents
from generator.ir.build import build_api
from generator.spec.load import Workspace, read_document
from tests.conftest import FIXTURES
from tests.diff import witness as judge

CASES = FIXTURES / "diff"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "case.yaml").is_file())


def label(name: str) -> dict[str, Any]:
    return dict(yaml.safe_load((CASES / name / "case.yaml").read_text(encoding="utf-8")))


@cache
def report(name: str) -> Report:
    folder = CASES / name
    return diff_documents(folder / "old" / "openapi.yaml", folder / label(name)["new"], package="pets")


def test_the_labelled_set_is_big_and_balanced() -> None:
    labels = [label(n) for n in NAMES]
    assert len(labels) >= 100
    calm = [entry for entry in labels if not entry["breaking"]]
    assert len(calm) / len(labels) >= 0.4
    versions = {entry["openapi"] for entry in labels}
    assert {"3.0", "3.1"} <= versions
    assert any((CASES / n / "old" / "common").is_dir() for n in NAMES), "no pair with $refs across files"


@pytest.mark.parametrize("name", NAMES)
def test_verdict(name: str) -> None:
    expected = label(name)
    found = report(name)
    breaking = sorted({c.rule for c in found.breaking})
    if not expected["breaking"]:
        assert breaking == [], f"false alarm: {[c.text for c in found.breaking]}"
        return
    wanted = {e["rule"] for e in expected["expect"]}
    assert wanted <= set(breaking), f"missed: {wanted - set(breaking)}; reported: {breaking}"


@pytest.mark.parametrize("name", [n for n in NAMES if label(n)["breaking"]])
def test_every_break_is_located(name: str) -> None:
    folder = CASES / name
    for change in report(name).breaking:
        assert change.old or change.new, change
        for side, location in (("old", change.old), ("new", change.new)):
            if location is None:
                continue
            path = Path(location.file).resolve()
            assert folder / side in path.parents, f"{side} location outside the {side} document: {path}"
            document = read_document(path)
            document.get(location.pointer)  # the pointer names a node that exists
            assert (location.line, location.col) == document.position(location.pointer)
    for expected in label(name)["expect"]:
        matching = [c for c in report(name).breaking if c.rule == expected["rule"]]
        for side in ("old", "new"):
            if side in expected:
                file, _, pointer = expected[side].partition("#")
                where = [getattr(c, side) for c in matching]
                assert any(
                    w and Path(w.file).resolve() == (folder / side / file).resolve() and w.pointer == pointer
                    for w in where
                ), f"{side}: expected {expected[side]}, got {[w.format() for w in where if w]}"


@pytest.mark.parametrize("name", [n for n in NAMES if label(n)["breaking"]])
def test_every_break_has_a_witness_the_documents_disagree_on(name: str) -> None:
    folder = CASES / name
    old = judge.Document(folder / "old" / "openapi.yaml")
    new = judge.Document(folder / label(name)["new"])
    for change in report(name).breaking:
        witness = change.witness
        assert witness is not None, change.text
        if "sdk" in witness:
            _check_sdk(folder, name, witness["sdk"])
        elif "status" in witness:
            assert judge.allows_response(new, witness), f"the new document does not allow {witness}"
            assert not judge.allows_response(old, witness), f"the old document allows {witness}"
        else:
            assert judge.accepts_request(old, witness), f"the old document rejects {witness}"
            assert not judge.accepts_request(new, witness), f"the new document accepts {witness}"


def _check_sdk(folder: Path, name: str, sdk: dict[str, Any]) -> None:
    if "operationId" in sdk:  # the old document has an operation by that id, the new one none
        ids = [
            {
                op.get("operationId")
                for item in judge.Document(folder / side).data["paths"].values()
                for op in item.values()
                if isinstance(op, dict)
            }
            for side in ("old/openapi.yaml", label(name)["new"])
        ]
        assert sdk["operationId"] in ids[0] and sdk["operationId"] not in ids[1]
        return
    old = build_api(folder / "old" / "openapi.yaml", "pets", Workspace())
    new = build_api(folder / label(name)["new"], "pets", Workspace())
    old_op = next(op for op in old.operations if op.method_name == sdk["method"])
    new_op = next((op for op in new.operations if op.method_name == sdk["method"]), None)
    if "keyword" in sdk:
        assert sdk["keyword"] in {p.argument for p in old_op.parameters} | {"body"}
        assert new_op is not None and sdk["keyword"] not in {p.argument for p in new_op.parameters}
    elif "status" in sdk:
        assert sdk["status"] in {r.status for r in old_op.responses}
        same = next(op for op in new.operations if (op.http_method, op.path) == (old_op.http_method, old_op.path))
        assert sdk["status"] not in {r.status for r in same.responses}
    else:
        assert new_op is None, f"method {sdk['method']} still exists"
