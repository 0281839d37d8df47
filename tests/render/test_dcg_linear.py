"""generator/render/dcg_linear.py against datamodel-code-generator's own functions: the same models module with and
without the replacements (an allOf chain, multiple inheritance and diamonds, the catalog's specs, fixtures with allOf
and discriminators), the same answer at every call the generator makes while generating them, C3 orders shared
across calls equal to fresh ones on random graphs, and only for the generator version it was checked against."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from datamodel_code_generator import _mro
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import synth
from generator.ir.build import build_api
from generator.project.catalog import load_catalog
from generator.render import c3, dcg_linear
from generator.render import models as models_module
from generator.spec.load import Workspace
from tests.conftest import FIXTURES, ROOT

# several bases, a diamond, a base reached twice, discriminated children, a chain with a two-base link
_INHERITANCE = {
    "openapi": "3.1.0",
    "info": {"title": "inheritance", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "Named": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": {"name": {"type": "string"}}}]},
            "Dated": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": {"at": {"type": "integer"}}}]},
            "Both": {
                "allOf": [
                    {"$ref": "#/components/schemas/Named"},
                    {"$ref": "#/components/schemas/Dated"},
                    {"required": ["name"], "properties": {"both": {"type": "boolean"}}},
                ]
            },
            "Reversed": {"allOf": [{"$ref": "#/components/schemas/Dated"}, {"$ref": "#/components/schemas/Named"}]},
            "Again": {"allOf": [{"$ref": "#/components/schemas/Both"}, {"$ref": "#/components/schemas/Base"}]},
            "Pet": {
                "type": "object",
                "required": ["kind"],
                "properties": {"kind": {"type": "string"}, "name": {"type": "string"}},
                "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat"}},
            },
            "Cat": {"allOf": [{"$ref": "#/components/schemas/Pet"}, {"properties": {"lives": {"type": "integer"}}}]},
            "Lion": {
                "allOf": [
                    {"$ref": "#/components/schemas/Cat"},
                    {"$ref": "#/components/schemas/Dated"},
                    {"properties": {"name": {"type": "string", "maxLength": 9}}},
                ]
            },
            "Any": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Lion"}]},
        }
    },
}


def _jobs(spec: Path, package: str) -> list[Any]:
    """The models jobs of one spec as generator/render/models.py makes them, all schemas in one run."""
    api = build_api(spec, package, Workspace())
    return [
        models_module._Job(
            openapi=api.openapi if api.openapi.startswith(("3.0", "3.1")) else "3.1.0",
            schemas=api.schemas,
            base=f"{api.package}._base",
            content_holders=tuple(sorted({rule.model for rule in api.content_rules})),
            request_classes=tuple(sorted(api.read_only)),
        )
    ]


def _written(tmp_path: Path, name: str, document: dict[str, Any]) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _specs(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    yield "chain", _written(tmp_path, "chain", synth.allof_chain_spec(60))
    yield "inheritance", _written(tmp_path, "inheritance", _INHERITANCE)
    for api in load_catalog(ROOT):
        yield api.name, api.spec
    for path in [
        FIXTURES / "anydoc" / "discriminators.yaml",
        FIXTURES / "anydoc" / "models.yaml",
        FIXTURES / "generate" / "petstore" / "openapi.yaml",
        FIXTURES / "diff" / "allof-refactor-31" / "new" / "openapi.yaml",
    ]:
        yield (
            path.parent.parent.name
            if path.parent.name == "new"
            else path.parent.name
            if path.name == "openapi.yaml"
            else path.stem,
            path,
        )


def test_the_installed_generator_is_the_one_dcg_linear_was_checked_against() -> None:
    """Fails on an upgrade of datamodel-code-generator: re-check generator/render/dcg_linear.py against the new
    sources (the tests below, the allOf benchmark), then update CHECKED_VERSION/CHECKED_MODULES, or remove the
    replacements upstream made linear."""
    assert dcg_linear.checked(), dcg_linear.sources()
    from datamodel_code_generator._model_keys import MODEL_KEY_ATTRIBUTE

    assert dcg_linear.MODEL_KEY == MODEL_KEY_ATTRIBUTE
    assert dcg_linear.install()
    from datamodel_code_generator.parser import _inherited_schemas

    assert vars(_inherited_schemas)["get_inherited_fields"] is dcg_linear.get_inherited_fields
    assert _inherited_schemas.get_inherited_property_map is dcg_linear.get_inherited_property_map


def test_another_generator_keeps_its_own_functions(monkeypatch: pytest.MonkeyPatch) -> None:
    with dcg_linear.disabled():
        monkeypatch.setattr(dcg_linear, "CHECKED_VERSION", "0.0.0")
        assert not dcg_linear.install()
        from datamodel_code_generator.parser import _inherited_schemas

        assert vars(_inherited_schemas)["get_inherited_fields"] is not dcg_linear.get_inherited_fields
        monkeypatch.undo()


@pytest.mark.parametrize("index", range(10))
def test_the_same_models_module_with_and_without(index: int, tmp_path: Path) -> None:
    specs = list(_specs(tmp_path))
    if index >= len(specs):
        pytest.skip("fewer specs")
    name, spec = specs[index]
    for job in _jobs(spec, name.replace("-", "_")):
        assert dcg_linear.install()
        ours = models_module._generate(job)
        with dcg_linear.disabled():
            theirs = models_module._generate(job)
        assert ours == theirs, name


def _same(a: Any, b: Any) -> bool:
    """Equal, and the same objects where the generator hands out objects (fields, schemas)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, tuple | list):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, str | int | frozenset | type(None)):
        return bool(a == b)
    return a is b


def test_every_answer_is_the_generators(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each replaced function, at each call generation makes, answers what the generator's own answers then."""
    from datamodel_code_generator.parser import _inherited_schemas as schemas
    from datamodel_code_generator.parser._passes import settle

    assert dcg_linear.install()
    original = dcg_linear.replaced
    calls: dict[str, int] = {}

    def compared(name: str, ours: Callable[..., Any], theirs: Callable[..., Any], cache: str | None = None) -> None:
        def both(*args: Any) -> Any:
            calls[name] = calls.get(name, 0) + 1
            if cache is not None:  # the original answers from the cache ours fills: ask it first, then forget it
                table = getattr(args[0], cache)
                size = len(table)
                expected = theirs(*args)
                if len(table) > size:
                    table.pop(next(reversed(table)))
            else:
                expected = theirs(*args)
            answer = ours(*args)
            assert _same(answer, expected), (name, answer, expected)
            return answer

        monkeypatch.setattr(schemas if name != "sort_data_models_for_mro" else settle, name, both)

    inherited = "datamodel_code_generator.parser._inherited_schemas"
    compared("get_inherited_fields", dcg_linear.get_inherited_fields, original[f"{inherited}:get_inherited_fields"])
    compared(
        "get_inherited_property_map",
        dcg_linear.get_inherited_property_map,
        original[f"{inherited}:get_inherited_property_map"],
    )
    compared(
        "get_inherited_required_names",
        dcg_linear.get_inherited_required_names,
        original[f"{inherited}:get_inherited_required_names"],
        cache="_inherited_required_cache",
    )
    compared(
        "linearize_inherited_schema_refs",
        dcg_linear.linearize_inherited_schema_refs,
        original[f"{inherited}:linearize_inherited_schema_refs"],
        cache="_inherited_schema_linearization_cache",
    )
    compared("sort_data_models_for_mro", dcg_linear.sort_data_models_for_mro, original[dcg_linear._SORT])
    for name, spec in _specs(tmp_path):
        if name in {"chain", "inheritance", "discriminators", "models", "allof-refactor-31", "apig"}:
            for job in _jobs(spec, name.replace("-", "_")):
                models_module._generate(job)
    assert all(calls.get(name, 0) > 20 for name in ("get_inherited_fields", "get_inherited_property_map")), calls
    assert calls.get("sort_data_models_for_mro", 0) > 0 and calls.get("linearize_inherited_schema_refs", 0) > 20, calls


# --- C3 orders shared across calls -------------------------------------------------------------------------------

Item = tuple[int, int]  # (name, variant): the key is the name, so two items can stand for one class
items = st.tuples(st.integers(0, 7), st.integers(0, 1))
graphs = st.dictionaries(st.integers(0, 7), st.lists(items, max_size=3), max_size=8)
nodes: list[Callable[[Item], Hashable] | None] = [None, lambda item: item, lambda item: item[0] // 2]


@settings(max_examples=300, deadline=None)
@given(
    graph=graphs,
    questions=st.lists(st.lists(items, max_size=3), max_size=6),
    node=st.sampled_from(nodes),
)
def test_shared_orders_answer_as_fresh_ones(
    graph: dict[int, list[Item]], questions: list[list[Item]], node: Callable[[Item], Hashable] | None
) -> None:
    """One `Shared` for a sequence of questions on one graph (cycles, items under one key, nodes under two keys):
    each answer is the generator's own `linearize` of that question alone."""

    def parents_of(item: Item) -> Sequence[Item]:
        return graph.get(item[0], [])

    def key(item: Item) -> Hashable:
        return item[0]

    shared = c3.Shared()
    original = c3.replaced or _mro.linearize
    for heads in questions:
        expected = original(list(heads), key, parents_of, node)
        order = c3.linearize_order(list(heads), key, parents_of, node, shared=shared)
        assert order is not None
        assert [item for _, item in c3.flattened(order)[1:]] == expected
        assert [item for _, item in order.pairs()[1:]] == expected


def test_a_chain_shares_every_order() -> None:
    """Asked link by link, a chain's orders are made once each: the n-th question reads O(1) keys."""
    reads = 0

    def key(item: int) -> int:
        nonlocal reads
        reads += 1
        return item

    shared = c3.Shared()
    for link in range(1, 2000):
        before = reads
        order = c3.linearize_order([link], key, lambda item: [item - 1] if item else [], shared=shared)
        assert order is not None and len(c3.flattened(order)) == link + 2
        assert reads - before <= 8
