"""The linter's per-path-item cache (generator/spec/lint/pieces.py): with it, every finding is the one a run
without it reports (same rule, severity and position), whatever changed; a change to one operation re-checks
only that path item; a cached finding is replayed only while its piece is unchanged."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.spec.lint import lint
from tests.conftest import FIXTURES, ROOT

Finding = tuple[str, int, int, str, str, str, str]
VALIDATOR = "openapi-spec-validator"


class MemoryStore:
    """A `PieceStore` in memory, keeping every save (what a run computed anew is what it saved beyond a load)."""

    def __init__(self) -> None:
        self.files: dict[str, dict[str, Any]] = {}
        self.saves: list[tuple[str, dict[str, Any], dict[str, Any]]] = []  # (name, loaded before, saved)

    def load(self, name: str) -> dict[str, Any]:
        return copy.deepcopy(self.files.get(name, {}))

    def save(self, name: str, entries: dict[str, Any]) -> None:
        self.saves.append((name, self.files.get(name, {}), copy.deepcopy(entries)))
        self.files[name] = copy.deepcopy(entries)

    def computed(self, kind: str) -> int:
        """How many pieces of the last save of walk `kind` were not in the store before it."""
        _, before, saved = next(save for save in reversed(self.saves) if save[0].startswith(kind + "-"))
        return sum(1 for key in saved if key not in before)


def findings(path: Path, store: MemoryStore | None) -> list[Finding]:
    report = lint(path, store=store, strict=False)
    return [(str(d.file), d.line, d.col, d.pointer, d.message, d.rule, d.severity) for d in report.diagnostics]


SPECS = sorted((FIXTURES / "validate").glob("*.yaml")) + sorted((FIXTURES / "anydoc").glob("*.yaml"))
SPECS += sorted((ROOT / "specs").glob("*/openapi.yaml"))


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.parent.name + "/" + p.name)
def test_every_fixture_has_the_same_findings_with_an_empty_and_a_filled_cache(spec: Path) -> None:
    store = MemoryStore()
    plain = findings(spec, None)
    assert findings(spec, store) == plain
    assert findings(spec, store) == plain


def _document() -> dict[str, Any]:
    """Six path items over shared components; the findings depend on the walk's shared state (a schema reached
    first as a property is not checked for its `required` list) and on operationIds seen before."""

    def operation(n: int, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "operationId": f"op{n}",
            "summary": f"Operation {n}",
            "tags": ["t"],
            "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10}}],
            "responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": schema}}},
                "404": {"description": "missing"},
            },
        }

    paths: dict[str, Any] = {}
    for n in range(6):
        schema: dict[str, Any] = {"type": "object", "properties": {"id": {"type": "integer"}}}
        if n in (2, 4):
            schema = {"$ref": "#/components/schemas/Item"}
        paths[f"/things{n}"] = {"get": operation(n, schema)}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Pieces", "version": "1"},
        "tags": [{"name": "t"}],
        "security": [{"token": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Item": {
                    "type": "object",
                    "properties": {"name": {"type": "string", "example": 5}},
                },
                # `required` names a property no part of the allOf defines: reported where the walk first
                # reaches it as a whole schema, and not at all when it first reaches it as a property
                "Broken": {"allOf": [{"$ref": "#/components/schemas/Item"}], "required": ["absent"]},
            },
        },
    }


def _write(path: Path, document: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(document, sort_keys=False, width=1000), encoding="utf-8")


def test_a_one_operation_change_rechecks_that_path_item_and_reports_what_a_full_run_reports(
    tmp_path: Path,
) -> None:
    spec = tmp_path / "api.yaml"
    document = _document()
    _write(spec, document)
    store = MemoryStore()
    first = findings(spec, store)
    assert first == findings(spec, None)
    assert any(f[4].startswith("Required list has not defined properties") for f in first)
    assert store.computed(VALIDATOR) == 6 + 2  # every path item, every component schema

    def changed(edit: Any) -> list[Finding]:
        edit(document)
        _write(spec, document)
        cached = findings(spec, store)
        assert cached == findings(spec, None)
        return cached

    # a summary: only that path item is checked again, every other piece comes from the cache
    changed(lambda d: d["paths"]["/things3"]["get"].update(summary="Renamed"))
    assert store.computed(VALIDATOR) == 1

    # a new error in one operation: reported, located at its node (the line of the default in the file)
    after = changed(lambda d: d["paths"]["/things1"]["get"]["parameters"][0]["schema"].update(default="ten"))
    default = next(f for f in after if f[5] == "default")
    assert default[3] == "/paths/~1things1/get/parameters/0/schema/default"
    assert spec.read_text(encoding="utf-8").splitlines()[default[1] - 1].strip() == "default: ten"
    assert store.computed(VALIDATOR) == 1

    # lines added above every later finding: the cached ones are located again, at their new lines
    before = {f[3]: f[1] for f in after}
    moved = changed(lambda d: d["paths"]["/things0"]["get"].update(description="\n".join(["line"] * 5) + "\n"))
    assert any(before.get(f[3], f[1]) != f[1] for f in moved)

    # path item 0 now reaches `Broken` first as a property: the walk's shared state changed, so the pieces after
    # it are checked again, and the `required` finding goes, as in a full run
    schema = {"type": "object", "properties": {"broken": {"$ref": "#/components/schemas/Broken"}}}
    gone = changed(
        lambda d: d["paths"]["/things0"]["get"]["responses"]["200"]["content"]["application/json"].update(schema=schema)
    )
    assert not any(f[4].startswith("Required list has not defined properties") for f in gone)
    # ... and stays gone when path item 0 comes from the cache: its additions to that state are replayed
    kept = changed(lambda d: d["paths"]["/things3"]["get"].update(summary="Renamed again"))
    assert not any(f[4].startswith("Required list has not defined properties") for f in kept)
    assert store.computed(VALIDATOR) == 1

    # an operationId seen before: the library's duplicate finding depends on the path items before this one
    duplicate = changed(lambda d: d["paths"]["/things5"]["get"].update(operationId="op0"))
    assert any("is not unique" in f[4] for f in duplicate)

    # and back: the first findings, the old pieces found again
    document.clear()
    assert changed(lambda d: d.update(_document())) == first


def test_the_example_checks_are_cached_per_path_item_too(tmp_path: Path) -> None:
    """(They run only on a document without structural errors.)"""
    spec = tmp_path / "api.yaml"
    document = _document()
    del document["components"]["schemas"]["Broken"]
    _write(spec, document)
    store = MemoryStore()
    first = findings(spec, store)
    assert first == findings(spec, None)
    assert any(f[5] == "example" for f in first)
    document["paths"]["/things2"]["get"]["summary"] = "Renamed"
    _write(spec, document)
    assert findings(spec, store) == findings(spec, None)
    assert store.computed("examples") == 1
    # the example reached from a path item's response: a new error in the changed path item is reported
    media = document["paths"]["/things3"]["get"]["responses"]["200"]["content"]["application/json"]
    media["example"] = {"id": "not an integer"}
    _write(spec, document)
    changed = findings(spec, store)
    assert changed == findings(spec, None)
    assert any(f[3] == "/paths/~1things3/get/responses/200/content/application~1json/example/id" for f in changed)
    assert store.computed("examples") == 1


def test_a_cached_finding_is_replayed_only_while_its_piece_is_unchanged(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    document = _document()
    document["paths"]["/things1"]["get"]["parameters"][0]["schema"]["default"] = "ten"
    _write(spec, document)
    store = MemoryStore()
    findings(spec, store)
    # mark the cached finding: a run that replays it shows the mark
    ((_, entries),) = ((n, e) for n, e in store.files.items() if n.startswith(VALIDATOR + "-"))
    marked = 0
    for entry in entries.values():
        for finding in entry["findings"]:
            if finding[0].endswith("/default"):
                finding[1] = "MARK " + finding[1]
                marked += 1
    assert marked == 1
    assert any(f[4].startswith("MARK ") for f in findings(spec, store))
    # the piece changed: checked again, the mark is gone
    document["paths"]["/things1"]["get"]["summary"] = "Changed"
    _write(spec, document)
    again = findings(spec, store)
    assert not any(f[4].startswith("MARK ") for f in again)
    assert again == findings(spec, None)


def test_documents_that_reach_into_paths_or_other_files_are_not_cached(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    document = _document()
    ref = {"$ref": "#/paths/~1things0/get/responses/200/content/application~1json/schema"}
    document["paths"]["/things5"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = ref
    _write(spec, document)
    store = MemoryStore()
    assert findings(spec, store) == findings(spec, None)
    assert store.saves == []


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda entry: entry.update(findings=[["only", "two"]]),
        lambda entry: entry.update(findings="nope"),
        lambda entry: entry["added"].update(visited=[{"not": "a pointer"}]),
        lambda entry: entry["added"].update(visited=["/no/such/node"], meta=["not a pointer"]),
        lambda entry: entry.update(added=None),
        lambda entry: entry.clear(),
    ],
)
def test_a_corrupt_entry_costs_time_never_a_finding(tmp_path: Path, corrupt: Any) -> None:
    spec = tmp_path / "api.yaml"
    _write(spec, _document())
    store = MemoryStore()
    plain = findings(spec, None)
    findings(spec, store)
    for entries in store.files.values():
        for entry in entries.values():
            corrupt(entry)
    assert findings(spec, store) == plain
