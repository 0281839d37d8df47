"""The linter's findings per path item, cached, so that a change to one operation re-checks that path item only.

Two checks walk the document one path item after another and cost most of the linting time of a large document
(openapi-spec-validator's walk, and the project's example checks): each is cached per path item. What a path item
yields is not a function of the path item alone: both walks share state between path items (which schemas were
already visited, and by openapi-spec-validator which were meta-checked and which operationIds were seen), so
a schema reached from several path items is checked once, from the first. A path item's entry is therefore keyed
by everything that decides it:

- the document without `paths` (every component, the `openapi` version, ...) and the checker's settings;
- the shared state when the walk reaches it, as a chain: the digest of the state before the first path item,
  then after each path item, folded with what that path item added to the state (kept in its entry);
- the path item itself (its key and its content, in order).

A hit replays the path item's findings (as pointers and messages, located again in the current text: positions
move when an earlier part of the file changes) and re-applies its additions to the shared state. Only documents
whose findings cannot depend on anything else are cached: one file, every `$ref` into `#/components/` (so no path
item reaches into another). Any doubt (a `$ref` elsewhere, an addition that cannot be named by a pointer) turns
the cache off for the rest of the walk: it then costs time, never a finding.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any, Protocol

from generator.spec.diagnostics import join_pointer
from generator.spec.load import Document, pointer_of

_NESTED = (dict, list)
_SHAPE = "1"  # bumped whenever what an entry records changes
_REF = re.compile(r'"\$ref": "((?:[^"\\]|\\.)*)"')


class PieceStore(Protocol):
    """Where entries live between runs (`generator.project.cache.PieceFiles`): one JSON object per name."""

    def load(self, name: str) -> dict[str, Any]: ...

    def save(self, name: str, entries: dict[str, Any]) -> None: ...


Finding = tuple[str, str, str]  # pointer, message, rule: the document is the root


class Walk:
    """One cached walk (`kind`) over the path items of one document."""

    def __init__(self, store: PieceStore | None, root: Document, kind: str, settings: str = "") -> None:
        self.store = store
        self.root = root
        self.kind = kind
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.chain: str | None = None
        self.name = ""
        self.items: dict[str, str] = {}  # pointer of a path item -> its JSON text
        if store is None or not isinstance(root.data, dict):
            return
        paths = root.data.get("paths")
        rest = {key: value for key, value in root.data.items() if key != "paths"}
        try:  # a value JSON cannot spell (the loader reports those apart): not cached
            texts = [json.dumps(rest, ensure_ascii=False)]
            if isinstance(paths, dict):
                for url, item in paths.items():
                    text = json.dumps(item, ensure_ascii=False)
                    self.items[join_pointer("/paths", str(url))] = text
                    texts.append(text)
        except (TypeError, ValueError, RecursionError):
            return
        # only `#/components/...` references: nothing reaches into a path item from outside it
        if not all(ref.startswith("#/components/") for text in texts for ref in _REF.findall(text)):
            return
        base = hashlib.sha256(f"{_SHAPE}\0{kind}\0{settings}\0".encode() + texts[0].encode()).hexdigest()
        self.name = f"{kind}-{base}"
        self.entries = store.load(self.name)
        self.chain = base

    def key(self, pointer: str) -> str | None:
        """The cache key of the path item at `pointer`, at this point of the walk (None: not cached)."""
        text = self.items.get(pointer)
        if self.chain is None or text is None:
            return None
        return hashlib.sha256(f"{self.chain}\0{pointer}\0{text}".encode()).hexdigest()

    def key_in_base(self, pointer: str) -> str | None:
        """The cache key of a node outside `paths` (its content is part of the walk's base)."""
        if self.chain is None:
            return None
        return hashlib.sha256(f"{self.chain}\0{pointer}".encode()).hexdigest()

    def lookup(self, key: str | None) -> dict[str, Any] | None:
        """The entry of `key`, if it has the shape this module writes (a corrupt one costs time, not findings)."""
        entry = self.entries.get(key) if key is not None else None
        if not isinstance(entry, dict):
            return None
        findings, added = entry.get("findings"), entry.get("added")
        if not isinstance(findings, list) or not isinstance(added, dict):
            return None
        if not all(isinstance(f, list) and len(f) == 3 and all(isinstance(t, str) for t in f) for f in findings):
            return None
        for name in ("visited", "meta"):
            pointers = added.get(name, [])
            if not isinstance(pointers, list) or not all(isinstance(p, str) for p in pointers):
                return None
        if not isinstance(added.get("ids", []), list):
            return None
        return entry

    def findings(self, entry: dict[str, Any]) -> list[Finding]:
        return [(str(p), str(m), str(r)) for p, m, r in entry["findings"]]

    def passed(self, key: str | None, entry: dict[str, Any] | None) -> None:
        """The path item is done: `entry` (its findings and additions; None when they could not be recorded)."""
        if key is None or entry is None:
            self.chain = None
            return
        self.used[key] = entry
        added = json.dumps(entry["added"], sort_keys=True, ensure_ascii=False)
        self.chain = hashlib.sha256(f"{self.chain}\0{added}".encode()).hexdigest()

    def save(self) -> None:
        if self.store is not None and self.name and self.used:
            self.store.save(self.name, self.used)


def entry(findings: Iterable[Finding], added: dict[str, Any]) -> dict[str, Any]:
    return {"findings": [list(f) for f in findings], "added": added}


def resolve(root: Document, pointers: Iterable[str]) -> list[Any] | None:
    """The values at `pointers` in the root document, or None if one is missing."""
    values = []
    for pointer in pointers:
        try:
            values.append(root.get(pointer))
        except (KeyError, IndexError, ValueError):
            return None
    return values


def outside_paths(data: dict[str, Any]) -> dict[int, Any]:
    """id -> place of every object and array outside `paths` (what a path item's walk can reach besides its own
    nodes), for naming what the walk added to its id-based registries (`pointer_of` spells a place: only the few
    that are named are, not the hundreds of thousands of a large document's components)."""
    found: dict[int, Any] = {}
    stack: list[tuple[Any, Any]] = [((None, key), value) for key, value in data.items() if key != "paths"]
    while stack:
        place, value = stack.pop()
        if isinstance(value, dict):
            found.setdefault(id(value), place)
            stack.extend(((place, key), sub) for key, sub in value.items() if isinstance(sub, _NESTED))
        elif isinstance(value, list):
            found.setdefault(id(value), place)
            stack.extend(((place, index), sub) for index, sub in enumerate(value) if isinstance(sub, _NESTED))
    return found


def outside_pointer(outside: dict[int, Any], node_id: int) -> str | None:
    """The pointer of a node `outside_paths` found, or None."""
    place = outside.get(node_id)
    return None if place is None else pointer_of(place)


def node_ids(value: Any) -> set[int]:
    """The ids of every object and array in `value` (a path item's own nodes)."""
    found: set[int] = set()
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found.add(id(node))
            stack.extend(node.values())
        elif isinstance(node, list):
            found.add(id(node))
            stack.extend(node)
    return found
