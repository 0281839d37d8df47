"""Linear-time equivalents of the per-model walks that remain quadratic in datamodel-code-generator 0.89.0 once
generator/render/c3.py made its C3 merges linear.

Why: along an `allOf` chain of n schemas the generator asks, for every model, about its whole ancestry, and answers
each question with a fresh walk of it: O(depth) per model, O(n^2) per run (a 300-link chain spent most of its 5 s
there, 600 links four times as long). Each replacement below gives the same answer from what was already worked out
for the bases, and keeps it only as long as the generator itself treats the input as fixed:

- `linearize_inherited_schema_refs` (parser/_inherited_schemas.py): the C3 order of the raw schemas a schema inherits
  from. The original linearizes every ancestor again for each new list of direct bases; here the raw schemas' orders
  are kept across calls (`c3.Shared`) for as long as the generator keeps its own per-schema caches of the same
  schemas (`_inherited_schema_ancestor_cache`, `_inherited_schema_linearization_cache`: cleared together by
  `clear_inherited_field_caches`, which clears ours too).
- `get_inherited_property_map` (same module): the first declaration of each property along that order. The original
  reads every inherited schema's properties again per call; here the map of an order is the maps of its parts (the
  map of each base's order, kept for the last orders asked) put together with C-level dict copies.
- `fix_constructor_field_ordering_bases_first` (parser/_passes/render_prep.py): sorts the models by the length of
  their constructor bases' C3 order (`constructor_base_models`), one whole linearization per model. That length is
  the number of distinct models the bases reach (C3 takes each reached key once); here each model's reached set is
  the union of its bases' (bottom up, once per pass).
- `sort_data_models_for_mro` (model/base.py) while `sort_base_classes_for_mro` (parser/_passes/settle.py) runs: the
  ancestor sets it sorts the bases by, one walk per base per model; here bottom up once per pass (the pass only
  reorders bases, which leaves every ancestor set as it is).

A model walk that meets a cycle, or two models under one key (where the original's answer depends on which it met
first), asks the original. `install()` puts these in place only when the installed generator is the version, and the
modules the exact sources, they were checked against (`CHECKED_VERSION`, `CHECKED_MODULES`); otherwise the
generator's own stay (slow, correct). tests/render/test_dcg_linear.py generates the same modules with and without
them (the chain, the catalog's specs, fixtures with allOf and discriminators) and fails when the installed generator
is no longer the checked one.

Why one module (~740 lines): the replacements share the orders they keep per parse (`_Schemas`), the per-pass
reached sets and the version pin; apart, each would need the others' state.
"""

from __future__ import annotations

import contextvars
import hashlib
import importlib
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar, cast

from generator.render import c3

CHECKED_VERSION = "0.89.0"
# sha256 of the file of each module (of datamodel_code_generator) whose functions are replaced or read here
CHECKED_MODULES = {
    "_model_keys": "b365dbb2aec9191a4433ec4e692ae462d0fefc6d4fb002a026aad88d9ffb803b",
    "parser._inherited_schemas": "09b716915b7da9655c2c9fb6733f6fdd07fa501474825ddd92e8e4eff69da4c8",
    "parser._rw_split": "9b110a4819c7db3ee7ab7bc64e28868658f44e2725a1bc6be43ea92892c70483",
    "parser._passes.render_prep": "8edf1e70d020207f761a1da51056c1e30c6ba50eebee4a0dd059873c08733c4b",
    "parser._passes.settle": "a86ba0a0c76b7f7bc5360638315bfc943affc4e2af4f1943ffd4fe7a82b673f6",
    "parser._passes._shared": "f0e674e1c083501a5202c5578b329d12e00c1ebcd6e9f787042148206129f790",
    "model.base": "b848bf485861e2ff81d64da37fa8c79c962f58029a6fc609614c09335a6884ce",
    "_parse_memo": "3190897ac925303b7ffdfa223c4d99edd66f96387349c715ec0ee7d171961f16",
    "parser.base": "5b1de7f3dc266ef0238030a094a8e05a5ad485bebd02d68a8e2e412f3cc698ac",
    "parser.jsonschema": "d044d79d4588cf9d11b1d5934f9e21b9308e4651c68b0909fdeacaf4c97810b6",
}

_installed: bool | None = None  # whether `install()` put the replacements in place (None: not asked yet)
# where `_model_keys.model_key_of` reads a reference's model key (read here directly, once per ancestor per call)
MODEL_KEY = "_model_key"
# the generator's functions replaced by `install()`, by "module:name" (the tests run them for comparison)
replaced: dict[str, Callable[..., Any]] = {}

_KEEP_MAPS = 256  # property maps kept per parse: enough for a chain, whose next link asks for the last ones
_T = TypeVar("_T")
_Combine = Callable[[c3._Order, list[_T]], _T]
_second = itemgetter(1)


# --- raw schemas: C3 orders and property maps kept per parse ----------------------------------------------------


class _Schemas:
    """What one parser's raw schemas gave, while the generator's own caches of them hold (see the module doc)."""

    def __init__(self, parser: Any) -> None:
        self.caches = (id(parser._inherited_schema_cache), id(parser._inherited_schema_linearization_cache))
        self.shared = c3.Shared()
        self.orders: dict[tuple[str, ...], c3._Order] = {}  # a linearization -> the order that gave it
        self.own: dict[str, dict[str, Any]] = {}  # a schema -> its own properties (with its inline allOf members)
        self.maps: OrderedDict[int, tuple[c3._Order, dict[str, Any]]] = OrderedDict()
        self.required: OrderedDict[int, tuple[c3._Order, frozenset[str]]] = OrderedDict()


def _inherited_schemas() -> Any:
    """The generator's module (its private names are what is replaced and read here)."""
    return importlib.import_module("datamodel_code_generator.parser._inherited_schemas")


_schemas: weakref.WeakKeyDictionary[Any, _Schemas] = weakref.WeakKeyDictionary()


def _schemas_of(parser: Any) -> _Schemas:
    state = _schemas.get(parser)
    caches = (id(parser._inherited_schema_cache), id(parser._inherited_schema_linearization_cache))
    if state is None or state.caches != caches:
        state = _schemas[parser] = _Schemas(parser)
    return state


def linearize_inherited_schema_refs(parser: Any, base_classes: list[Any]) -> tuple[str, ...]:
    """`_inherited_schemas.linearize_inherited_schema_refs`: the same tuple, cached under the same key, from orders
    kept across calls (`c3.Shared`); the kept order is also remembered for `get_inherited_property_map`."""
    schemas = _inherited_schemas()

    direct_refs = tuple(
        base.path
        for base in schemas.sort_inherited_base_classes_for_mro(parser, base_classes)
        if base.path and not schemas._is_special_path(base.path)
    )
    cache = parser._inherited_schema_linearization_cache
    if direct_refs not in cache:
        state = _schemas_of(parser)
        order = c3.linearize_order(
            list(direct_refs),
            _identity,
            lambda ref: [
                parser._ref_path(parent)
                for parent in schemas.iter_allof_refs(parser, parser._load_inherited_schema_object(ref))
            ],
            lambda ref: schemas._schema_node(parser._load_inherited_schema_object(ref), ref),
            shared=state.shared,
        )
        assert order is not None  # rule first-head always gives an order
        linearized = cache[direct_refs] = tuple(map(_second, c3.flattened(order)[1:]))
        if state.shared.usable:
            state.orders[linearized] = order
    return cache[direct_refs]  # type: ignore[no-any-return]


def _identity(ref: str) -> str:
    return ref


def get_inherited_schema_ancestor_paths(
    parser: Any, resolved_ref: str, active: frozenset[Any] = frozenset()
) -> frozenset[str]:
    """`_inherited_schemas.get_inherited_schema_ancestor_paths`: the same reads, cache writes and answers, in the
    same order, without recursion: the original recurses once per ancestor (a 1,000-link chain exceeds Python's
    recursion limit, which the generator reports as too deep a schema) and copies the set of schemas on the path at
    each level; here the path is one set (a schema is never on it twice: one met again answers the empty set)."""
    schemas = _inherited_schemas()
    cache = parser._inherited_schema_ancestor_cache
    on_path = set(active)

    def enter(ref: str) -> tuple[frozenset[str] | None, list[Any] | None]:
        """The answer at once, or the frame that works it out (the original's body up to its loop)."""
        if ref in cache:
            return cache[ref], None
        if schemas._is_special_path(ref):
            return frozenset(), None
        schema = parser._load_inherited_schema_object(ref)
        if (node := schemas._schema_node(schema, ref)) in on_path:
            return frozenset(), None
        on_path.add(node)
        return None, [ref, node, schemas.iter_allof_refs(parser, schema), set()]

    answer, frame = enter(resolved_ref)
    if frame is None:
        return answer  # type: ignore[return-value]
    stack = [frame]
    while stack:
        ref, node, parents, ancestors = stack[-1]
        parent = next(parents, None)
        if parent is not None:
            parent_ref = parser._ref_path(parent)
            ancestors.add(parent_ref)
            answer, frame = enter(parent_ref)
            if frame is None:
                ancestors.update(answer)
            else:
                stack.append(frame)
            continue
        stack.pop()
        on_path.discard(node)
        result = cache[ref] = frozenset(ancestors)
        if stack:
            stack[-1][3].update(result)
    return cache[resolved_ref]  # type: ignore[no-any-return]


def get_inherited_property_map(parser: Any, base_classes: list[Any]) -> dict[str, tuple[Any, str]]:
    """`_inherited_schemas.get_inherited_property_map`: a name's first declaration along the C3 order, each
    `(property schema, schema that declares it)`, in the order of first declaration (a new dict each call)."""
    schemas = _inherited_schemas()

    linearized = parser._linearize_inherited_schema_refs(base_classes)
    state = _schemas_of(parser)
    if (order := state.orders.get(linearized)) is None:
        return _fold(parser, schemas, linearized)
    return dict(_map_of(parser, schemas, state, order))


def _fold(parser: Any, schemas: Any, refs: Iterable[str]) -> dict[str, tuple[Any, str]]:
    """The original's loop."""
    properties: dict[str, tuple[Any, str]] = {}
    for ref in refs:
        for source in schemas._inline_all_of_closure(parser._load_inherited_schema_object(ref)):
            for name, prop_schema in (source.properties or {}).items():
                properties.setdefault(name, (prop_schema, ref))
    return properties


def _first_wins(maps: list[dict[str, Any]]) -> dict[str, Any]:
    """The maps one after the other, each name with its first value at its first place (`setdefault` in turn)."""
    if len(maps) == 1:
        return maps[0]
    merged: dict[str, Any] = {}
    for one in maps:
        merged.update(one)  # places: the first map that has a name
    for one in reversed(maps[:-1]):
        merged.update(one)  # values: likewise (updating a name keeps its place)
    return merged


def _map_of(parser: Any, schemas: Any, state: _Schemas, order: c3._Order) -> dict[str, Any]:
    """The property map of `order`'s sequence: its head's schemas', then each part's (kept for the last orders)."""

    def combine(current: c3._Order, parts: list[dict[str, Any]]) -> dict[str, Any]:
        maps = [_own(parser, schemas, state, ref) for ref, _ in current.head if ref is not c3._STAND_IN]
        maps += parts
        return _first_wins(maps) if maps else {}

    return _bottom_up(order, state.maps, combine)


def _bottom_up(order: c3._Order, kept: OrderedDict[int, tuple[c3._Order, _T]], combine: _Combine[_T]) -> _T:
    """`combine(order, [the answer of each of its parts])`, the parts answered first, without recursion (a chain's
    first call meets every link); the last `_KEEP_MAPS` answers are kept in `kept` under the order they are of."""
    stack: list[tuple[c3._Order, bool]] = [(order, False)]
    made: dict[int, _T] = {}
    while stack:
        current, ready = stack.pop()
        if id(current) in made:
            continue
        if (known := kept.get(id(current))) is not None and known[0] is current:
            kept.move_to_end(id(current))
            made[id(current)] = known[1]
            continue
        if not ready:
            stack.append((current, True))
            stack.extend((part, False) for part in current.parts)
            continue
        made[id(current)] = result = combine(current, [made[id(part)] for part in current.parts])
        kept[id(current)] = (current, result)
        if len(kept) > _KEEP_MAPS:
            kept.popitem(last=False)
    return made[id(order)]


def _own(parser: Any, schemas: Any, state: _Schemas, ref: Any) -> dict[str, Any]:
    if (own := state.own.get(ref)) is None:
        own = state.own[ref] = _fold(parser, schemas, (ref,))
    return own


def get_inherited_required_names(parser: Any, base_classes: list[Any]) -> frozenset[str]:
    """`_inherited_schemas.get_inherited_required_names`: the names any schema along the C3 order requires (cached
    under the same key as the original's), the union of the sets of the order's parts (kept for the last orders)."""
    schemas = _inherited_schemas()

    linearized = parser._linearize_inherited_schema_refs(base_classes)
    cache = parser._inherited_required_cache
    if linearized in cache:
        return cache[linearized]  # type: ignore[no-any-return]
    state = _schemas_of(parser)
    if (order := state.orders.get(linearized)) is None:
        result = frozenset(
            name
            for ref in linearized
            for source in schemas._inline_all_of_closure(parser._load_inherited_schema_object(ref))
            for name in source.required
        )
    else:
        result = _required_of(parser, schemas, state, order)
    cache[linearized] = result
    return result


def _required_of(parser: Any, schemas: Any, state: _Schemas, order: c3._Order) -> frozenset[str]:
    def combine(current: c3._Order, parts: list[frozenset[str]]) -> frozenset[str]:
        own = (
            name
            for ref, _ in current.head
            if ref is not c3._STAND_IN
            for source in schemas._inline_all_of_closure(parser._load_inherited_schema_object(ref))
            for name in source.required
        )
        return frozenset(own).union(*parts)

    return _bottom_up(order, state.required, combine)


def clear_inherited_field_caches(parser: Any) -> None:
    """`_rw_split.clear_inherited_field_caches`, which also ends what this module kept for the parser (the generator
    calls it when a parsing session ends: the models' orders go too, so no parse's models outlive it here)."""
    _schemas.pop(parser, None)
    _model_orders.clear()
    replaced["datamodel_code_generator.parser._rw_split:clear_inherited_field_caches"](parser)


# --- models: reached sets, bottom up, within one pass -----------------------------------------------------------


class _Collision(Exception):
    """A cycle, or two models under one key: the original's answer depends on its walk."""


class _Reach:
    """The model keys each model reaches through its generated bases (`direct_base_models(model, stand_ins)`), one or
    more steps away, each set the union of its bases' (C-level copies). Valid while no base changes (one pass)."""

    def __init__(self, stand_ins: Any) -> None:
        from datamodel_code_generator._model_keys import model_key_of
        from datamodel_code_generator.model.base import direct_base_models

        self.key_of: Callable[[Any], Hashable] = lambda model: model_key_of(model.reference)
        self.bases_of: Callable[[Any], list[Any]] = lambda model: direct_base_models(model, stand_ins)
        self.owner: dict[Hashable, Any] = {}  # key -> the one model met under it
        self.sets: dict[int, frozenset[Hashable]] = {}  # id(model) -> keys it reaches
        self.broken = False

    def key(self, model: Any) -> Hashable:
        key = self.key_of(model)
        if self.owner.setdefault(key, model) is not model:
            self.broken = True
            raise _Collision
        return key

    def ancestors(self, model: Any) -> frozenset[Hashable]:
        if self.broken:
            raise _Collision
        if (found := self.sets.get(id(model))) is not None:
            return found
        self.key(model)
        stack: list[tuple[Any, Iterator[Any], list[Any]]] = [(model, iter(self.bases_of(model)), [])]
        walking = {id(model)}
        while stack:
            current, bases, seen = stack[-1]
            base = next(bases, None)
            if base is None:
                stack.pop()
                walking.discard(id(current))
                keys = [self.key(b) for b in seen]
                self.sets[id(current)] = frozenset(keys).union(*(self.sets[id(b)] for b in seen))
                continue
            seen.append(base)
            if id(base) in self.sets:
                self.key(base)
            elif id(base) in walking:
                raise _Collision
            else:
                self.key(base)
                walking.add(id(base))
                stack.append((base, iter(self.bases_of(base)), []))
        return self.sets[id(model)]

    def reached_from(self, bases: list[Any]) -> frozenset[Hashable]:
        """The keys of `bases` and of every model they reach."""
        return frozenset(map(self.key, bases)).union(*map(self.ancestors, bases))


def fix_constructor_field_ordering_bases_first(parser: Any, models: list[Any], copies: Any) -> None:
    """`render_prep.fix_constructor_field_ordering_bases_first`: the same sort, each model's key the length of
    `constructor_base_models(parser, model)`: the models its bases reach, the generic base left out."""
    from datamodel_code_generator.model.base import direct_base_models
    from datamodel_code_generator.parser._passes import render_prep
    from datamodel_code_generator.parser._passes._shared import constructor_base_models

    stand_ins = parser._base_stand_ins
    generic = parser._generic_base_model
    reach = _Reach(stand_ins)

    def length(model: Any) -> int:
        if not model.base_classes:
            return 0
        try:
            reached = reach.reached_from(direct_base_models(model, stand_ins))
            if generic is not None and generic.reference is not None:
                key = reach.key_of(generic)
                return len(reached) - (key in reached and reach.owner.get(key) is generic)
            return len(reached)
        except _Collision:
            return len(constructor_base_models(parser, model))

    with _only_outside_derived_values() as outside:
        if not outside:
            return replaced[_RENDER_PREP](parser, models, copies)  # type: ignore[no-any-return]
        ordered = sorted(models, key=length)
    render_prep.fix_constructor_field_ordering(parser, ordered, copies=copies)
    return None


_reach_in_pass: contextvars.ContextVar[_Reach | None] = contextvars.ContextVar("dcg_linear_reach", default=None)


def sort_base_classes_for_mro(sorted_data_models: Any, generation_store: Any = None) -> None:
    """`settle.sort_base_classes_for_mro`, with the ancestor sets `sort_data_models_for_mro` sorts by kept for the
    pass (it only reorders bases)."""
    with _only_outside_derived_values() as outside:
        token = _reach_in_pass.set(_Reach(None) if outside else None)
    try:
        replaced[_SETTLE](sorted_data_models, generation_store)
    finally:
        _reach_in_pass.reset(token)


def sort_data_models_for_mro(models: list[Any], stand_ins: Any = None) -> list[Any]:
    """`model.base.sort_data_models_for_mro`: inside `sort_base_classes_for_mro`, from the pass's ancestor sets."""
    from datamodel_code_generator import _mro
    from datamodel_code_generator.model.base import _model_ancestor_keys, _model_key_of_model

    reach = _reach_in_pass.get()
    if reach is None or stand_ins:
        return replaced[_SORT](models, stand_ins)  # type: ignore[no-any-return]

    def ancestors(model: Any) -> frozenset[Hashable]:
        try:
            return reach.ancestors(model)
        except _Collision:
            return _model_ancestor_keys(model, stand_ins)

    return _mro.sort_descendants_first(models, _model_key_of_model, ancestors)


@contextmanager
def _only_outside_derived_values() -> Iterator[bool]:
    """Whether no derived field value is being computed: the original's walks record the models they read for it
    (`note_reads`), which the kept sets would skip."""
    from datamodel_code_generator._parse_memo import PARSE_MEMO

    memo = PARSE_MEMO.get()
    yield memo is None or not memo._reading


# --- models: C3 orders kept per parse, checked at each call ----------------------------------------------------


class _Entry:
    """A model's C3 order, with what it was made from: the model's key and its bases (kept alive, compared by
    identity)."""

    __slots__ = ("bases", "checked", "key", "model", "order", "parts", "stamp")

    def __init__(self, model: Any, key: Hashable, bases: tuple[Any, ...], stamp: tuple[Any, ...]) -> None:
        self.model, self.key, self.bases, self.stamp = model, key, bases, stamp
        self.parts: tuple[c3._Order, ...] = ()
        self.order: c3._Order | None = None
        self.checked = -1  # `_ModelOrders.remade` when a walk last found this order current


class _ModelOrders:
    """`linearize_data_models(models)` (no stand-ins) from C3 orders kept for the parse.

    Models change during a parse (bases replaced, references repointed), so each call walks the ancestry again and
    checks each model's key and bases (by identity) against what its kept order was made from; an order is made
    again from its bases' orders where they differ. The walk is one light step per ancestor (no snapshot graph, no
    component search, no ancestor sets, no merge), and a model's order costs O(1) to make along a chain.
    """

    def __init__(self, memo: Any) -> None:
        from datamodel_code_generator.model.base import _find_base_classes

        self.memo = memo  # the parse these orders belong to (kept: compared by identity)
        self.bases_of: Callable[[Any], list[Any]] = _find_base_classes
        self.entries: dict[int, _Entry] = {}
        self.remade = 0  # how many times a model's kept entry or order was made again

    def linearize(self, models: list[Any]) -> list[Any]:
        """The models in `linearize_data_models(models)`'s order; raises `_Collision` on a cycle or two models under
        one key (where the original's answer depends on which it met first)."""
        if len(models) == 1 and not models[0].base_classes:
            return models.copy()
        current = self._check(models)
        heads = self._descendants_first(list(models), current)
        orders = [cast(c3._Order, current[id(head)].order) for head in heads]
        merged = c3._prepend((c3._STAND_IN, None), orders, [(current[id(h)].key, h) for h in heads], "first-head")
        assert merged is not None  # rule first-head always gives an order
        return list(map(_second, c3.flattened(merged)[1:]))

    def _kept(self, entry: _Entry, current: dict[int, _Entry], owners: dict[Hashable, Any], walking: set[int]) -> bool:
        """Take `entry` and every entry its order lists into `current` without walking them, when no order was made
        again since a walk found it current (so every order inside it is still the one it was made from) and each
        model it lists still has its key and bases (so the graph it was made from is the same: acyclic, one model
        per key); False, taking nothing, where the walk has to go on."""
        if entry.order is None or entry.checked != self.remade:
            return False
        entries, attribute = self.entries, MODEL_KEY
        taken: list[tuple[Hashable, Any, _Entry]] = []
        for _, model in c3.flattened(entry.order):
            if id(model) in current:
                continue
            kept = entries[id(model)]
            listed = model.base_classes
            key = model.reference.__dict__[attribute]  # `model_key_of(model.reference)`, inline: once per ancestor
            if key != kept.key or len(kept.stamp) != len(listed):
                return False
            for base, (was_base, was_reference, was_source) in zip(listed, kept.stamp, strict=True):
                reference = base.reference
                if (
                    base is not was_base
                    or reference is not was_reference
                    or (reference is not None and reference.source is not was_source)
                ):
                    return False
            taken.append((key, model, kept))
        for key, model, kept in taken:
            if owners.setdefault(key, model) is not model:
                raise _Collision
            if id(model) in walking:
                raise _Collision  # a cycle through a model being walked
            current[id(model)] = kept
        return True

    def _check(self, models: list[Any]) -> dict[int, _Entry]:
        """The entry of every model the bases of `models` reach, made again where a model or its bases changed.

        One step per model, kept light (it runs for every ancestor at every call): the bases are read again only
        when a base class, its reference or the reference's source is no longer the object it was (`_find_base_classes`
        reads nothing else of them but their type); entries hold their models, so an id stays one model's."""
        entries, bases_of, attribute = self.entries, self.bases_of, MODEL_KEY
        current: dict[int, _Entry] = {}
        owners: dict[Hashable, Any] = {}
        walking: set[int] = set()

        def enter(model: Any) -> tuple[_Entry, Hashable]:
            key = model.reference.__dict__[attribute]
            if owners.setdefault(key, model) is not model:
                raise _Collision
            walking.add(id(model))
            entry = entries.get(id(model))
            listed = model.base_classes
            if entry is not None and len(entry.stamp) == len(listed):
                for base, (was_base, was_reference, was_source) in zip(listed, entry.stamp, strict=True):
                    reference = base.reference
                    if (
                        base is not was_base
                        or reference is not was_reference
                        or (reference is not None and reference.source is not was_source)
                    ):
                        break
                else:
                    return entry, key
            stamp = tuple(
                (base, reference, None if reference is None else reference.source)
                for base in listed
                for reference in (base.reference,)
            )
            if entry is not None:
                self.remade += 1
            entry = entries[id(model)] = _Entry(model, None, tuple(bases_of(model)), stamp)
            return entry, key

        for start in models:
            if id(start) in current:
                continue
            if id(start) in walking:
                raise _Collision
            if (kept := entries.get(id(start))) is not None and self._kept(kept, current, owners, walking):
                continue
            stack: list[list[Any]] = [[*enter(start), 0]]
            while stack:
                top = stack[-1]
                entry, key, at = top
                bases = entry.bases
                if at < len(bases):
                    top[2] = at + 1
                    base = bases[at]
                    if (done := current.get(id(base))) is not None:
                        if owners.get(done.key) is not base:
                            raise _Collision
                    elif id(base) in walking:
                        raise _Collision  # a cycle
                    elif (kept := entries.get(id(base))) is None or not self._kept(kept, current, owners, walking):
                        stack.append([*enter(base), 0])
                    continue
                stack.pop()
                walking.discard(id(entry.model))
                parts = entry.parts
                if entry.key != key or len(parts) != len(bases):
                    entry.key = key
                    self._order(entry, current)
                else:
                    for base, part in zip(bases, parts, strict=True):
                        if current[id(base)].order is not part:
                            self._order(entry, current)
                            break
                current[id(entry.model)] = entry
        for entry in current.values():
            entry.checked = self.remade
        return current

    def _order(self, entry: _Entry, current: dict[int, _Entry]) -> None:
        if entry.order is not None:
            self.remade += 1
        parents = self._descendants_first(list(entry.bases), current)
        entry.order = c3._prepend(
            (entry.key, entry.model),
            [current[id(p)].order for p in parents],  # type: ignore[misc]
            [(current[id(p)].key, p) for p in parents],
            "first-head",
        )
        entry.parts = tuple(current[id(base)].order for base in entry.bases)  # type: ignore[misc]

    @staticmethod
    def _descendants_first(items: list[Any], current: dict[int, _Entry]) -> list[Any]:
        """`_mro.sort_descendants_first` by the reached sets of an acyclic graph: an item's count is the number of
        distinct others whose order holds its key (an order holds its own model, which is not its own ancestor)."""
        if len(items) <= 1:
            return items.copy()
        distinct = {current[id(item)].key: current[id(item)] for item in items}

        def count(item: Any) -> int:
            key = current[id(item)].key
            return sum(key in cast(c3._Order, entry.order) and key != other for other, entry in distinct.items())

        return sorted(items, key=count)


_model_orders: list[_ModelOrders] = []  # the current parse's (one at a time)


def get_inherited_fields(models: list[Any]) -> dict[str, Any]:
    """`model.base.get_inherited_fields`: the fields along `linearize_data_models(models)`, the first of each name
    (an original name before a generated one), from the C3 orders `_ModelOrders` keeps for the parse."""
    from datamodel_code_generator._parse_memo import PARSE_MEMO

    memo = PARSE_MEMO.get()
    if memo is None or memo._reading:  # outside a parse, or the original's walk records its reads
        return replaced[_FIELDS](models)  # type: ignore[no-any-return]
    if not _model_orders or _model_orders[0].memo is not memo:
        _model_orders[:] = [_ModelOrders(memo)]
    try:
        order = _model_orders[0].linearize(models)
    except _Collision:
        return replaced[_FIELDS](models)  # type: ignore[no-any-return]
    original_names: dict[str, Any] = {}
    generated_names: dict[str, Any] = {}
    for model in order:
        for field in model.fields:
            if field.original_name is not None:
                original_names.setdefault(field.original_name, field)
            if field.name is not None:
                generated_names.setdefault(field.name, field)
    generated_names.update(original_names)
    return generated_names


# --- installing -------------------------------------------------------------------------------------------------

_INHERITED = "datamodel_code_generator.parser._inherited_schemas"
_RENDER_PREP = "datamodel_code_generator.parser._passes.render_prep:fix_constructor_field_ordering_bases_first"
_SETTLE = "datamodel_code_generator.parser._passes.settle:sort_base_classes_for_mro"
_SORT = "datamodel_code_generator.parser._passes.settle:sort_data_models_for_mro"
_FIELDS = f"{_INHERITED}:get_inherited_fields"
_REPLACEMENTS: dict[str, Callable[..., Any]] = {
    f"{_INHERITED}:linearize_inherited_schema_refs": linearize_inherited_schema_refs,
    f"{_INHERITED}:get_inherited_property_map": get_inherited_property_map,
    f"{_INHERITED}:get_inherited_schema_ancestor_paths": get_inherited_schema_ancestor_paths,
    f"{_INHERITED}:get_inherited_required_names": get_inherited_required_names,
    "datamodel_code_generator.parser._rw_split:clear_inherited_field_caches": clear_inherited_field_caches,
    _RENDER_PREP: fix_constructor_field_ordering_bases_first,
    _SETTLE: sort_base_classes_for_mro,
    _SORT: sort_data_models_for_mro,
    _FIELDS: get_inherited_fields,
}


def sources() -> dict[str, str]:
    """sha256 of the file of each module `CHECKED_MODULES` names, as installed."""
    return {
        name: hashlib.sha256(
            Path(str(importlib.import_module(f"datamodel_code_generator.{name}").__file__)).read_bytes()
        ).hexdigest()
        for name in CHECKED_MODULES
    }


def checked() -> bool:
    """Whether the installed generator is the version, and its modules the sources, this module was checked
    against."""
    return version("datamodel-code-generator") == CHECKED_VERSION and sources() == CHECKED_MODULES


def install() -> bool:
    """Put the replacements in place (and c3's, which they build on); False (and nothing changed) unless both
    modules were checked against the installed generator. Idempotent; lasts for the process."""
    global _installed
    if _installed is not None:
        return _installed
    _installed = c3.install() and checked()
    if not _installed:
        return False
    import datamodel_code_generator.parser.base as parser_base

    for target, replacement in _REPLACEMENTS.items():
        module_name, name = target.split(":")
        module = importlib.import_module(module_name)
        replaced[target] = getattr(module, name)
        setattr(module, name, replacement)
    # the parser's module keeps its own name for the settle pass
    if parser_base.sort_base_classes_for_mro is replaced[_SETTLE]:
        parser_base.sort_base_classes_for_mro = sort_base_classes_for_mro
    return True


def uninstall() -> None:
    """The generator's own functions again (the tests compare both); `install()` puts ours back."""
    import datamodel_code_generator.parser.base as parser_base

    global _installed
    if not _installed:
        return
    _installed = None
    for target, original in replaced.items():
        module_name, name = target.split(":")
        setattr(importlib.import_module(module_name), name, original)
    if parser_base.sort_base_classes_for_mro is sort_base_classes_for_mro:
        parser_base.sort_base_classes_for_mro = replaced[_SETTLE]


@contextmanager
def disabled() -> Iterator[None]:
    """The generator's own functions (and c3's replacements still in place) within; ours again after (the tests
    compare both)."""
    global _installed
    was = install()
    uninstall()
    _installed = False
    try:
        yield
    finally:
        _installed = None
        if was:
            install()
