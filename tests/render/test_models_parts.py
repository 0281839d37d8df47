"""Models of a large schema graph: cut into independent parts, generated in parallel, cached, joined into one module
that defines the same names as one run over everything."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bench import synth
from generator.ir.build import build_api
from generator.render import models
from generator.spec.load import Workspace


@pytest.fixture
def api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path / "cache"))
    spec = synth.write_spec(15, tmp_path / "synth.json")  # three resources: three components and the error
    return build_api(spec, "synth", Workspace())


def test_parts_are_closed_under_refs(api: models.ir.Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "SPLIT_MIN_SCHEMAS", 1)
    parts = models.parts(api.schemas)
    assert len(parts) > 1
    assert sorted(name for part in parts for name in part) == sorted(api.schemas)
    for part in parts:
        for schema in part.values():
            for target in models._REF.findall(str(schema).replace("'", '"')):
                assert target in part, (target, sorted(part))


def test_parts_join_into_the_module_one_run_gives(api: models.ir.Api, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = models.generate_models(api)
    monkeypatch.setattr(models, "SPLIT_MIN_SCHEMAS", 1)
    joined = models.generate_models(api)
    compile(joined.code, "models.py", "exec")
    assert joined.defined == whole.defined and joined.classes == whole.classes
    assert joined.names == whole.names
    assert joined.code.splitlines()[0] == whole.code.splitlines()[0]  # the header

    def generator_must_not_run(job: object) -> object:
        raise AssertionError("every part is cached")

    monkeypatch.setattr(models, "_generate", generator_must_not_run)
    assert models.generate_models(api).code == joined.code


def test_corrupt_cache_entries_are_regenerated(api: models.ir.Api, tmp_path: Path) -> None:
    first = models.generate_models(api)
    for entry in (tmp_path / "cache" / "models").glob("*.json"):
        entry.write_text('["truncated')
    assert models.generate_models(api).code == first.code


def test_names_two_parts_both_made_up_are_kept_apart() -> None:
    header = "# header"
    first = (
        "from __future__ import annotations\nfrom pydantic import Field\n\n\nclass Fields(Model):\n    a: int\n\n\n"
        "class Alpha(Model):\n    fields: Fields | None = Field(alias='Fields')\n",
        {"models": [{"class_name": "Alpha", "source_ref": "#/components/schemas/Alpha"}]},
    )
    second = (
        "from __future__ import annotations\nfrom typing import Any\n\n\nclass Fields(Model):\n    b: Any\n\n\n"
        "Items = TypeAliasType('Fields', list[Fields])\n",
        {"models": [{"class_name": "Fields", "source_ref": "#/components/schemas/Fields"}]},
    )
    joined = models._merge(header, [first, second])
    assert joined is not None
    code, _, metadatas = joined
    defined = [node.name for node in ast.parse(code).body if isinstance(node, ast.ClassDef)]
    # the schema `Fields` keeps its name; the first part's helper of the same name is renamed
    assert defined == ["Fields_p0", "Alpha", "Fields"]
    assert "fields: Fields_p0 | None = Field(alias='Fields')" in code
    assert "Items = TypeAliasType('Fields', list[Fields])" in code
    assert metadatas[1]["models"][0]["class_name"] == "Fields"
    assert code.index("from pydantic import Field") < code.index("class Fields_p0")
