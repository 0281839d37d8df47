"""`Workspace.resolve` remembers each `$ref` of a document; a document replaced in the workspace is resolved
again, and a `$ref` that does not resolve is reported every time."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.spec.diagnostics import SpecError
from generator.spec.load import Document, RefSite, Workspace, iter_refs


def test_a_ref_is_resolved_once_per_document(tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text("x: {$ref: 'b.yaml#/y'}\nz: {$ref: 'b.yaml#/y'}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("y: {type: string}\n", encoding="utf-8")
    workspace = Workspace()
    document = workspace.load(spec)
    first, second = (workspace.resolve(site) for site in iter_refs(document))
    assert first is second and first.value == {"type": "string"} and first.pointer == "/y"

    replaced = Document(first.document.path, {"y": {"type": "integer"}})
    workspace.documents[replaced.path] = replaced  # as an in-memory build does
    again = workspace.resolve(RefSite(document, "/x", "b.yaml#/y"))
    assert again.document is replaced and again.value == {"type": "integer"}


def test_a_dangling_ref_fails_every_time(tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text("x: {$ref: '#/nowhere'}\n", encoding="utf-8")
    workspace = Workspace()
    site = next(iter_refs(workspace.load(spec)))
    for _ in range(2):
        with pytest.raises(SpecError, match="does not resolve"):
            workspace.resolve(site)


def test_iter_refs_spells_every_pointer() -> None:
    data = {"a/b": [{"$ref": "#/c"}, 1, {"d~": {"$ref": "#/e"}}], "$ref": "#/top"}
    sites = [(site.pointer, site.ref) for site in iter_refs(Document(Path("x.json"), data))]
    assert sites == [("", "#/top"), ("/a~1b/0", "#/c"), ("/a~1b/2/d~0", "#/e")]
