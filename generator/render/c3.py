"""Linear-time equivalents of two functions behind datamodel-code-generator's C3 ordering of base classes.

Why: datamodel-code-generator 0.89.0 linearizes a model's bases per model and per pass (`linearize_data_models`,
`linearize_inherited_schema_refs`). Every call of `_mro.linearize` builds the order of every ancestor again, each
with `c3_merge`, which re-reads every item's key and rebuilds the set of tails at every step: O(k^2) for an ancestor
k levels up. And for every ancestor with two bases it sorts them by their ancestor sets, each a fresh Python-level
walk of the ancestry (`ReferenceGraph.reached`). An `allOf` chain of n schemas (each its predecessor plus a property,
which the IR names `...Part2`: two bases per link) thus costs O(n^3) per call and O(n^4) per run: 300 links took
over a minute and 600 over five. No option of the generator avoids these walks, and no newer release exists.

- `linearize` returns the same list (the same items, in the same order, None in the same cases), walking the same
  parents in the same order; only the merges differ: each item's key is read once per walk; an order whose parents'
  orders are distinct and disjoint is their concatenation behind the item (what C3 makes of them), kept as a
  persistent tree that shares its parts, so a chain link costs O(1); other merges count tail entries per key
  instead of rebuilding the tail set every step.
- `reached` returns the same sets, each built once per graph as the union of its targets' sets (C-level copies).

What stays is the generator's own O(depth) work per model and pass, so a chain is quadratic, no longer quartic.

`install()` puts them in place of the originals only when the installed generator is the version, and `_mro.py` and
`_reference_graph.py` the exact sources, they were checked against (`CHECKED_VERSION`, `CHECKED_MODULES`);
otherwise the originals stay (slow, correct). tests/render/test_c3.py compares both with the originals on random
inheritance graphs (cycles and conflicts included) and fails when the installed generator is no longer the checked
one, so an upgrade re-checks this module (or drops it, once upstream's walks are linear).

Why one module (~450 lines): the persistent orders (`_Order`), the merges and the installer are one data structure
and its uses; `dcg_linear` builds on the orders kept here.
"""

from __future__ import annotations

import hashlib
import inspect
import sys
from collections.abc import Callable, Hashable, Sequence
from importlib.metadata import version
from typing import Any, Generic, Literal, TypeVar

CHECKED_VERSION = "0.89.0"
# sha256 of the sources of `datamodel_code_generator._mro` (linearize, c3_merge and the walk's frames) and
# `datamodel_code_generator._reference_graph` (ReferenceGraph.reached and targets)
CHECKED_SOURCE = "36362274f693ace8cd1ea8d8a71427ba1b3faa4b0baad35c90b2b77b47ddb4d4"
CHECKED_GRAPH_SOURCE = "6ca806824fb5b225bf05081fc38118de5ded5a4cb9c8e74d1f66e01ba9b2ecc3"

# the generator's own `linearize`, once `install()` replaced it (the tests compare against it)
replaced: Callable[..., Any] | None = None

_T = TypeVar("_T")
Rule = Literal["first-head", "python"]
_Pair = tuple[Hashable, Any]  # (key, item)
_STAND_IN = object()  # a key no item has


class _Index:
    """The keys of the orders that share it, each with the version that added it; `version`: the latest."""

    __slots__ = ("at", "version")

    def __init__(self, at: dict[Hashable, int]) -> None:
        self.at = at
        self.version = 0


_UNINDEXED = _Index({})


class _Order:
    """An order as a persistent tree: the pairs `head`, then the sequence of each of `parts` in turn.

    Never changed once made, so orders share their parts. `index` holds this order's keys (those added up to
    `version`; later versions belong to orders that extend this one); `distinct`: no key stands in it twice.
    """

    __slots__ = ("distinct", "head", "index", "listed", "parts", "size", "version")

    def __init__(self, head: list[_Pair], parts: tuple[_Order, ...], index: _Index, distinct: bool) -> None:
        self.head, self.parts, self.index, self.distinct = head, parts, index, distinct
        self.size: int = len(head) + sum(part.size for part in parts)
        self.version = index.version
        self.listed: list[_Pair] | None = None if parts else head  # `pairs()`, once `flattened` kept it

    @classmethod
    def flat(cls, pairs: list[_Pair]) -> _Order:
        at: dict[Hashable, int] = {}
        for key, _ in pairs:
            at.setdefault(key, 0)
        return cls(pairs, (), _Index(at), len(at) == len(pairs))

    def __contains__(self, key: Hashable) -> bool:
        if self.index is _UNINDEXED:
            raise TypeError("a call's answer keeps no index")
        return self.index.at.get(key, self.version + 1) <= self.version

    def first_key(self) -> Hashable:
        return self.head[0][0] if self.head else self.parts[0].first_key()

    def pairs(self) -> list[_Pair]:
        found: list[_Pair] = []
        stack: list[_Order] = [self]
        while stack:
            order = stack.pop()
            found.extend(order.head)
            stack.extend(reversed(order.parts))
        return found


def flattened(order: _Order) -> list[_Pair]:
    """`order.pairs()`, kept on `order` and on every order inside it: an order made of kept orders then costs one
    C-level copy of their lists (for orders that outlive one `linearize`, see `Shared`). Do not change the list."""
    stack = [order]
    while stack:
        top = stack[-1]
        if top.listed is not None:
            stack.pop()
        elif waiting := [part for part in top.parts if part.listed is None]:
            stack.extend(waiting)
        else:
            listed = list(top.head)
            for part in top.parts:
                listed += part.listed  # type: ignore[arg-type]
            top.listed = listed
            stack.pop()
    return order.listed  # type: ignore[return-value]


class Shared:
    """The orders that outlive one `linearize`, by key, for callers whose `parents_of` and `node_of` give the same
    answer for equal items in every call (the generator's raw schemas, items their own keys; see
    generator/render/dcg_linear.py).

    Only a call that met no item it was still linearizing (no cycle: each order is then the item's whole C3 order,
    whoever asks) adds its orders. A node met under two keys would make the walk's cycle test (on nodes) differ from
    one that knows only kept keys, and an item unequal to the one kept under its key has a walk of its own: then
    nothing is shared any more (`usable` False) and the call is made afresh.
    """

    __slots__ = ("keys_of_nodes", "lineages", "usable")

    def __init__(self) -> None:
        self.lineages: dict[Hashable, _Order] = {}
        self.keys_of_nodes: dict[Hashable, Hashable] = {}
        self.usable = True


class _NodeUnderTwoKeys(Exception):
    pass


def _concatenated(pair: _Pair, parts: list[_Order]) -> _Order | None:
    """`pair`, then the parts one after the other: what C3 makes of the parents' orders when each is distinct and
    starts with its parent and no key stands in two of them (every head is free in turn); None when one does.

    The new order takes over the index of its largest part, so only the other parts' keys are read (a chain link
    costs O(1), a tree O(n log n)); when that index already grew for another order, it is copied first.
    """
    if not parts:
        return _Order([pair], (), _Index({pair[0]: 0}), True)
    largest = max(range(len(parts)), key=lambda i: parts[i].size)
    base = parts[largest]
    added: dict[Hashable, None] = {}
    for i, part in enumerate(parts):
        if i != largest:
            for key, _ in part.pairs():
                if key in base or key in added:
                    return None
                added[key] = None
    distinct = pair[0] not in base and pair[0] not in added
    if pair[0] is _STAND_IN:
        # the answer to one call, never a part of another order: it takes no index over (the next link's order
        # would have to copy one that grew for it)
        return _Order([pair], tuple(parts), _UNINDEXED, distinct)
    index = base.index
    if index.version != base.version:
        index = _Index({key: 0 for key, version in index.at.items() if version <= base.version})
    index.version += 1
    for key in [*added, pair[0]]:
        index.at.setdefault(key, index.version)
    return _Order([pair], tuple(parts), index, distinct)


def _merge(sequences: list[list[_Pair]], rule: Rule) -> list[_Pair] | None:
    """`_mro.c3_merge` over (key, item) pairs: the same heads taken in the same order, in linear time.

    Taking a head removes its key from every sequence; here a taken key is skipped when a sequence reaches it, and
    `tails` counts, per key, the entries still behind a sequence's head (a head is free when its count is 0).
    """
    live = [sequence for sequence in sequences if sequence]
    tails: dict[Hashable, int] = {}
    for sequence in live:
        for key, _ in sequence[1:]:
            tails[key] = tails.get(key, 0) + 1
    heads = [0] * len(live)
    order = list(range(len(live)))
    taken: set[Hashable] = set()
    result: list[_Pair] = []
    while order:
        chosen = next((i for i in order if not tails.get(live[i][heads[i]][0])), None)
        if chosen is None:
            if rule == "python":
                return None
            chosen = order[0]
        head = live[chosen][heads[chosen]]
        result.append(head)
        taken.add(head[0])
        remaining = []
        for i in order:
            sequence, at = live[i], heads[i]
            if sequence[at][0] in taken:
                at += 1
                while at < len(sequence) and sequence[at][0] in taken:
                    at += 1
                if at < len(sequence):
                    tails[sequence[at][0]] -= 1
                heads[i] = at
            if at < len(sequence):
                remaining.append(i)
        order = remaining
    return result


def _prepend(pair: _Pair, orders: list[_Order], parents: list[_Pair], rule: Rule) -> _Order | None:
    """`pair`, then the C3 merge of the parents' orders and the list of the parents; None where rule python finds
    no free head."""
    starts = [order.first_key() for order in orders]
    if (
        all(order.distinct for order in orders)
        and starts == [k for k, _ in parents]
        and (order := _concatenated(pair, orders)) is not None
    ):
        return order
    if len(parents) == 1 and orders[0].first_key() == parents[0][0]:
        # one parent: the merge takes its order's head (the parent), then walks the rest of it, keeping each key's
        # first place (rule first-head; the order is not distinct here, so rule python finds no free head)
        if rule == "python":
            return None
        first: dict[Hashable, _Pair] = {}
        for entry in orders[0].pairs():
            first.setdefault(entry[0], entry)
        return _Order.flat([pair, *first.values()])
    merged = _merge([*(order.pairs() for order in orders), parents], rule)
    return None if merged is None else _Order.flat([pair, *merged])


class _Frame(Generic[_T]):
    __slots__ = ("item", "keys", "next", "node", "orders", "parents")

    def __init__(self, item: _T, node: Hashable, parents: Sequence[_T]) -> None:
        self.item = item
        self.node = node
        self.parents = list(parents)
        self.keys: list[Hashable] = []  # the parents' keys, each read once
        self.orders: list[_Order] = []
        self.next = 0


def linearize(
    heads: list[_T],
    key: Callable[[_T], Hashable],
    parents_of: Callable[[_T], Sequence[_T]],
    node_of: Callable[[_T], Hashable] | None = None,
    *,
    rule: Rule = "first-head",
) -> list[_T] | None:
    """`_mro.linearize`: the C3 merge of the orders of `heads` and their list, walking the parents `parents_of` gives.

    The walk is the original's (depth first, parents in order, each item once by `key`, an item met again while it is
    being linearized taken without its parents in rule first-head and None in rule python); only the merges differ.
    """
    merged = linearize_order(heads, key, parents_of, node_of, rule=rule)
    return None if merged is None else [item for _, item in merged.pairs()[1:]]


def linearize_order(
    heads: list[_T],
    key: Callable[[_T], Hashable],
    parents_of: Callable[[_T], Sequence[_T]],
    node_of: Callable[[_T], Hashable] | None = None,
    *,
    rule: Rule = "first-head",
    shared: Shared | None = None,
) -> _Order | None:
    """`linearize` as an order whose first pair is a stand-in (`(_STAND_IN, None)`); with `shared`, the orders kept
    there are taken as they are and those this call makes are kept (see `Shared`)."""
    if shared is not None and shared.usable:
        try:
            return _linearize(heads, key, parents_of, node_of, rule, shared)
        except _NodeUnderTwoKeys:
            shared.usable = False
            shared.lineages.clear()
            shared.keys_of_nodes.clear()
    return _linearize(heads, key, parents_of, node_of, rule, None)


def _linearize(
    heads: list[_T],
    key: Callable[[_T], Hashable],
    parents_of: Callable[[_T], Sequence[_T]],
    node_of: Callable[[_T], Hashable] | None,
    rule: Rule,
    shared: Shared | None,
) -> _Order | None:
    node = key if node_of is None else node_of
    lineages: dict[Hashable, _Order] = {}
    kept = shared.lineages if shared is not None else {}
    keys_of_nodes = shared.keys_of_nodes if shared is not None else {}
    made: dict[Hashable, Hashable] = {}  # node -> key of the orders this call made
    cyclic = False

    def known(item: _T, item_key: Hashable) -> _Order | None:
        if (found := lineages.get(item_key)) is None:
            found = kept.get(item_key)
        if found is not None and shared is not None and found.head[0][1] != item:
            # another item under a key: a walk from it is its own, which a kept order would not be
            raise _NodeUnderTwoKeys
        return found

    def frame(item: _T, item_node: Hashable, item_key: Hashable) -> _Frame[_T]:
        if shared is not None and (
            keys_of_nodes.get(item_node, item_key) != item_key or made.setdefault(item_node, item_key) != item_key
        ):
            raise _NodeUnderTwoKeys
        return _Frame(item, item_node, parents_of(item))

    def lineage(head: _T) -> _Order | None:
        nonlocal cyclic
        frames = [frame(head, node(head), key(head))]
        active = {frames[0].node}
        while True:
            current = frames[-1]
            if current.next < len(current.parents):
                parent = current.parents[current.next]
                current.next += 1
                parent_key = key(parent)
                current.keys.append(parent_key)
                if (cached := known(parent, parent_key)) is not None:
                    current.orders.append(cached)
                elif (parent_node := node(parent)) not in active:
                    frames.append(frame(parent, parent_node, parent_key))
                    active.add(parent_node)
                elif rule == "python":
                    return None
                else:
                    cyclic = True
                    current.orders.append(_Order.flat([(parent_key, parent)]))
                continue
            parents = list(zip(current.keys, current.parents, strict=True))
            item_key = key(current.item)
            if (order := _prepend((item_key, current.item), current.orders, parents, rule)) is None:
                return None
            frames.pop()
            active.discard(current.node)
            lineages[item_key] = order
            if not frames:
                return order
            frames[-1].orders.append(order)

    orders: list[_Order] = []
    for head in heads:
        if (order := known(head, key(head))) is None and (order := lineage(head)) is None:
            return None
        orders.append(order)
    if shared is not None and not cyclic:
        kept.update(lineages)
        keys_of_nodes.update(made)
    # the merge of the heads' orders and their list is an order with a stand-in in front
    return _prepend((_STAND_IN, None), orders, [(key(head), head) for head in heads], rule)


class _Reached:
    """`ReferenceGraph.reached` (the models a model reaches through one or more edges), each set built once per graph
    from its targets' sets, bottom up.

    The generator's own walks the whole ancestry again for each model it is asked about, and it is asked about every
    ancestor of every model it linearizes (`linearize_data_models` sorts each model's bases by their ancestors): a
    Python-level walk of d models for each of d ancestors, per model. Here each set is the union of its targets'
    sets (C-level copies). Where the walk from a model meets a cycle, the original answers (its sets hold a model
    on a cycle itself). Only the last graph's sets are kept: the generator takes a new graph for each question.
    """

    def __init__(self) -> None:
        self.graph: Any = None
        self.sets: dict[tuple[Hashable, frozenset[Any]], frozenset[Any]] = {}

    def __call__(self, graph: Any, key: Hashable, kinds: Any) -> frozenset[Any]:
        if graph is not self.graph:
            self.graph, self.sets = graph, {}
        edges = frozenset(kinds)
        if (found := self.sets.get((key, edges))) is not None:
            return found
        sets = self.sets
        stack = [(key, iter(graph.targets(key, edges)))]
        walking = {key}
        while stack:
            node, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                stack.pop()
                walking.discard(node)
                direct = graph.targets(node, edges)
                sets[(node, edges)] = direct.union(*(sets[(t, edges)] for t in direct))
            elif (target, edges) in sets:
                continue
            elif target in walking:
                return _ORIGINAL_REACHED[0](graph, key, kinds)  # type: ignore[no-any-return]
            else:
                walking.add(target)
                stack.append((target, iter(graph.targets(target, edges))))
        return sets[(key, edges)]


reached = _Reached()
_ORIGINAL_REACHED: list[Callable[..., Any]] = []

CHECKED_MODULES = {
    "datamodel_code_generator._mro": CHECKED_SOURCE,
    "datamodel_code_generator._reference_graph": CHECKED_GRAPH_SOURCE,
}


def checked() -> bool:
    """Whether the installed generator is the version, and `_mro` and `_reference_graph` the sources, this module
    was checked against."""
    import importlib

    sources = {
        name: hashlib.sha256(inspect.getsource(importlib.import_module(name)).encode()).hexdigest()
        for name in CHECKED_MODULES
    }
    return version("datamodel-code-generator") == CHECKED_VERSION and sources == CHECKED_MODULES


def install() -> bool:
    """Put `linearize` and `reached` in place of the generator's wherever they are bound; False (and nothing
    changed) unless `checked()`. Idempotent; lasts for the process."""
    from datamodel_code_generator import _mro
    from datamodel_code_generator._reference_graph import ReferenceGraph

    if _mro.linearize is linearize:
        return True
    if not checked():
        return False
    global replaced
    original = replaced = _mro.linearize
    # modules imported later bind the replacement (`from ..._mro import linearize`); those imported before, here
    for name, module in list(sys.modules.items()):
        if name.startswith("datamodel_code_generator.") and getattr(module, "linearize", None) is original:
            module.linearize = linearize  # type: ignore[attr-defined]
    _ORIGINAL_REACHED.append(ReferenceGraph.reached)
    ReferenceGraph.reached = lambda graph, key, kinds: reached(graph, key, kinds)  # type: ignore[method-assign,assignment]
    return True
