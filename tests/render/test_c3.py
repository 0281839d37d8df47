"""generator/render/c3.py against datamodel-code-generator's own linearization: the same result on random inheritance
graphs (cycles, conflicts, repeated parents, items that share a key), in work linear in a chain's length, and only
for the generator version it was checked against."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from datamodel_code_generator import _mro
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render import c3

Item = tuple[int, int]  # (name, variant): the key is the name, so two items can stand for one class

items = st.tuples(st.integers(0, 6), st.integers(0, 1))
graphs = st.dictionaries(st.integers(0, 6), st.lists(items, max_size=3), max_size=7)
rules = st.sampled_from(["first-head", "python"])
nodes: list[Callable[[Item], Hashable] | None] = [None, lambda item: item, lambda item: item[0] // 2]


def _original() -> Callable[..., Any]:
    return c3.replaced or _mro.linearize


def _key(item: Item) -> Hashable:
    return item[0]


def test_the_installed_generator_is_the_one_c3_was_checked_against() -> None:
    """Fails on an upgrade of datamodel-code-generator: re-check generator/render/c3.py against the new `_mro.py`
    (the random comparison below, the allOf benchmark), then update CHECKED_VERSION/CHECKED_SOURCE, or remove the
    module once upstream's `linearize` is linear."""
    assert c3.checked(), (c3.CHECKED_VERSION, c3.CHECKED_SOURCE)
    assert c3.install()
    assert _mro.linearize is c3.linearize
    from datamodel_code_generator.parser import _inherited_schemas

    assert _inherited_schemas.linearize is c3.linearize


@settings(max_examples=400, deadline=None)
@given(graph=graphs, heads=st.lists(items, max_size=3), rule=rules, node=st.sampled_from(nodes))
def test_same_order_as_the_generator(
    graph: dict[int, list[Item]], heads: list[Item], rule: str, node: Callable[[Item], Hashable] | None
) -> None:
    def parents_of(item: Item) -> Sequence[Item]:
        return graph.get(item[0], [])

    expected = _original()(list(heads), _key, parents_of, node, rule=rule)
    assert c3.linearize(list(heads), _key, parents_of, node, rule=rule) == expected  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(sequences=st.lists(st.lists(items, max_size=5), max_size=4), rule=rules)
def test_same_merge_as_the_generator(sequences: list[list[Item]], rule: str) -> None:
    expected = _mro.c3_merge([list(s) for s in sequences], _key, rule=rule)  # type: ignore[call-overload]
    merged = c3._merge([[(_key(i), i) for i in s] for s in sequences], rule)  # type: ignore[arg-type]
    assert (None if merged is None else [item for _, item in merged]) == expected


def test_a_diamond_and_a_conflict() -> None:
    """Python's own method resolution orders, for the cases C3 is known by."""
    diamond = {"D": ["B", "C"], "B": ["A"], "C": ["A"], "A": []}
    assert c3.linearize(["D"], str, diamond.__getitem__, rule="python") == ["D", "B", "C", "A"]
    conflict = {"Z": ["X", "Y"], "X": ["A", "B"], "Y": ["B", "A"], "A": [], "B": []}
    assert c3.linearize(["Z"], str, conflict.__getitem__, rule="python") is None
    assert c3.linearize(["Z"], str, conflict.__getitem__) == _original()(["Z"], str, conflict.__getitem__)


def _key_reads(length: int) -> int:
    reads = 0

    def key(item: int) -> int:
        nonlocal reads
        reads += 1
        return item

    order = c3.linearize([length - 1], key, lambda item: [item - 1] if item else [])
    assert order == list(range(length - 1, -1, -1))
    return reads


def test_a_chain_costs_work_linear_in_its_length() -> None:
    """The generator's own reads every ancestor's key once per ancestor level (quadratic per call, and it is called
    per model); this one reads each key a bounded number of times."""
    assert _key_reads(400) <= 3 * 400 + 2
    assert _key_reads(800) <= 2 * _key_reads(400) + 4


edge_maps = st.dictionaries(st.integers(0, 7), st.lists(st.integers(0, 7), max_size=3), max_size=8)


@settings(max_examples=300, deadline=None)
@given(bases=edge_maps, fields=edge_maps, keys=st.lists(st.integers(0, 7), max_size=8))
def test_same_reached_sets_as_the_generator(
    bases: dict[int, list[int]], fields: dict[int, list[int]], keys: list[int]
) -> None:
    from datamodel_code_generator._reference_graph import EdgeKind, GraphSnapshot, ReferenceGraph, reference_graph

    assert c3.install()
    original = c3._ORIGINAL_REACHED[0]
    graph = reference_graph(GraphSnapshot.BASE_CLASS_ORDER, range(8), {EdgeKind.BASE: bases, EdgeKind.FIELD: fields})
    for kinds in ((EdgeKind.BASE,), (EdgeKind.BASE, EdgeKind.FIELD)):
        for key in keys:  # one after the other: later questions meet the sets earlier ones left
            assert graph.reached(key, kinds) == original(graph, key, kinds)
    assert ReferenceGraph.reached is not original
