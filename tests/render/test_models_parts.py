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


def test_joined_outline_is_the_parse_of_the_joined_text(api: models.ir.Api, monkeypatch: pytest.MonkeyPatch) -> None:
    """`_merge` puts the outline of the joined module together instead of parsing it: it must be what a parse
    gives, statement for statement and line for line, renamed helpers included."""
    from generator.render import outline

    monkeypatch.setattr(models, "SPLIT_MIN_SCHEMAS", 1)
    joined = models.generate_models(api)
    assert_outline_is_parse(joined.code)
    header = "# header"
    first = (
        "from __future__ import annotations\nfrom pydantic import Field\n\n\n@decorated\nclass Fields(Model):\n"
        "    a: int\n\n\n'''a string statement'''\n\n\nclass Alpha(Model):\n    fields: Fields | None = "
        "Field(alias='Fields')\n    def f(self):\n        from typing import cast\n",
        {"models": [{"class_name": "Alpha", "source_ref": "#/components/schemas/Alpha"}]},
    )
    second = (
        "from __future__ import annotations\nfrom . import sibling as s\nimport json\n\n\nclass Fields(Model):\n"
        "    b: Any\n\n\nItems = TypeAliasType('Fields', list[Fields])\nx: int = 1\n",
        {"models": [{"class_name": "Fields", "source_ref": "#/components/schemas/Fields"}]},
    )
    merged = models._merge(header, [first, second])
    assert merged is not None
    code, trees, _ = merged
    assert "class Fields_p0" in code
    assert [outline._item(n) for n in trees[0].body] == outline._dump(ast.parse(code))["statements"]
    assert_outline_is_parse(code)


def assert_outline_is_parse(code: str) -> None:
    from generator.render import outline

    made = outline.outline(code)  # from the cache entry `_merge` wrote
    parsed = outline._dump(ast.parse(code))
    assert [outline._item(node) for node in made.tree.body] == parsed["statements"]
    assert made.imported == frozenset(parsed["imported"])


def test_imported_names_are_found_in_statements_at_any_depth() -> None:
    from generator.render import outline

    code = (
        "from a import b\nclass X:\n    from c import d\n    def f(self):\n        try:\n            from e import g\n"
        "        except ImportError:\n            from h import i\n        else:\n            from j import k\n"
        "        finally:\n            from l import m\n        match self:\n            case 1:\n"
        "                from n import o\n    x: int = (lambda: 1)()\nif True:\n    from p import q\nelse:\n"
        "    from r import s\nimport t\n"
    )
    tree = ast.parse(code)
    walked = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert set(outline._imported(tree.body)) == walked == set("bdgikmoqs")


def test_a_worker_leaves_the_outline_of_its_part_in_the_cache(api: models.ir.Api, tmp_path: Path) -> None:
    from generator.render import outline

    job = models._Job("3.0.3", dict(list(api.schemas.items())[:3]), "synth._base", ())
    code, _ = models._generate_outlined(job)
    assert outline._entry_path(code).exists()


def test_the_joined_module_is_reused_while_no_part_changes(
    api: models.ir.Api, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models, "SPLIT_MIN_SCHEMAS", 1)
    first = models.generate_models(api)
    joined = list((tmp_path / "cache" / "models").glob("joined-*.json"))
    assert len(joined) == 1

    def must_not_join(*args: object) -> object:
        raise AssertionError("the joined module is cached")

    with monkeypatch.context() as patch:
        patch.setattr(models, "_run", must_not_join)
        patch.setattr(models, "_merge", must_not_join)
        assert models.generate_models(api) == first
    # an entry of the wrong shape is a miss: joined again, the same module
    joined[0].write_text('{"code": 1, "names": []}')
    assert models.generate_models(api) == first
    # a changed schema is another key
    changed = next(iter(api.schemas))
    api.schemas[changed] = {**api.schemas[changed], "description": "changed"}
    assert models.generate_models(api) != first
    assert len(list((tmp_path / "cache" / "models").glob("joined-*.json"))) == 2
