"""In-memory state for the life of the server process: created resources, uniqueness claims, stable ids."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.serve.profile import UniqueRule


@dataclass(frozen=True)
class Record:
    operation_id: str
    path_params: Mapping[str, str]
    request: Any
    response: Any


class Store:
    """Thread-safe: uvicorn runs handlers on one event loop, but tests and the fuzzer may share a store."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._records: dict[str, list[Record]] = {}
        self._claims: set[tuple[Hashable, ...]] = set()
        self._ids: dict[tuple[str, Hashable], Any] = {}
        self._sequences: dict[str, int] = {}

    def claim(self, rule: UniqueRule, path_params: Mapping[str, str], body: Any) -> bool:
        """Take the unique values of `body` for the rule's container; False when they are already taken."""
        values = tuple(body.get(name) if isinstance(body, dict) else None for name in rule.fields)
        if any(v is None for v in values):
            return True  # nothing to be unique about
        key = (rule.operation_id, tuple(path_params.get(s, "") for s in rule.scope), _hashable(values))
        with self._lock:
            if key in self._claims:
                return False
            self._claims.add(key)
            return True

    def add(self, record: Record) -> None:
        with self._lock:
            self._records.setdefault(record.operation_id, []).append(record)

    def records(self, operation_id: str) -> list[Record]:
        with self._lock:
            return list(self._records.get(operation_id, ()))

    def id_for(self, namespace: str, key: Hashable, new: Callable[[], Any]) -> Any:
        """The same id every time for the same key (Commvault gives one client id per client name)."""
        with self._lock:
            if (namespace, key) not in self._ids:
                self._ids[(namespace, key)] = new()
            return self._ids[(namespace, key)]

    def next(self, namespace: str, start: int) -> int:
        """Increasing integers per namespace, starting at `start`."""
        with self._lock:
            value = self._sequences.get(namespace, start)
            self._sequences[namespace] = value + 1
            return value

    def count(self) -> int:
        with self._lock:
            return sum(len(records) for records in self._records.values())


def _hashable(value: Any) -> Hashable:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    return value  # type: ignore[no-any-return]
