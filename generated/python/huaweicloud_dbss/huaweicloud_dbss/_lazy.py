# Generated from specs/dbss/openapi.yaml (sha256 c36f2b1a9e4ab24f) by vendor-openapi-toolchain 0.1.0: do not edit.
"""Modules imported on first use, so that `from package import Client` stays cheap.

httpx, pydantic and the spec's models make up most of a package's import time (httpx alone loads ~90 modules).
A name bound to `LazyModule` in a module's globals imports the real module the first time an attribute is read,
then replaces itself in those globals: from then on the name is the module, with nothing in between. Type
checkers see the real imports (each use sits under `if TYPE_CHECKING:`); a client's constructor is where they
load (see `_core._BaseClient.__init__`).

The standard library's `importlib.util.LazyLoader` is not used: it has to place a half-made module in
`sys.modules`, which every other importer of httpx in the process would then share.
"""

from __future__ import annotations

import importlib
from collections.abc import MutableMapping
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for the module `name` (relative to `package` when it starts with a dot) under the key `alias` of
    `namespace` (a module's `globals()`) until the first attribute is read."""

    __slots__ = ("_alias", "_name", "_namespace", "_package")

    def __init__(self, name: str, namespace: MutableMapping[str, Any], package: str | None = None) -> None:
        self._name = name
        self._package = package
        self._namespace = namespace
        self._alias = name.rpartition(".")[2]

    def load(self) -> ModuleType:
        module = importlib.import_module(self._name, self._package)
        if self._namespace.get(self._alias) is self:
            self._namespace[self._alias] = module
        return module

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.load(), attribute)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, imported on first use>"
