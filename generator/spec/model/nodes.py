"""A located node of the document: where it is written, and what it means once its `$ref`s are followed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.spec.diagnostics import Diagnostic
from generator.spec.load import Document, Target


@dataclass(frozen=True, repr=False)
class Node:
    """`site` is the node as written (possibly a `{"$ref": ...}` object, possibly in another file than the
    target); `target` is the node it resolves to. Both carry their document and JSON pointer, so any node of
    the model can be reported as `file:line:col: /pointer: message`."""

    site: Target
    target: Target

    @classmethod
    def at(cls, document: Document, pointer: str, value: Any) -> Node:
        """A node that is not (and cannot be) a reference."""
        here = Target(document, pointer, value)
        return cls(here, here)

    @property
    def value(self) -> Any:
        return self.target.value

    @property
    def document(self) -> Document:
        return self.target.document

    @property
    def pointer(self) -> str:
        return self.target.pointer

    @property
    def is_ref(self) -> bool:
        return self.site.pointer != self.target.pointer or self.site.document is not self.target.document

    def __repr__(self) -> str:  # the located pointers, not the (possibly large) documents they are in
        site, target = self.site, self.target
        where = f"{site.document.path.name}#{site.pointer}"
        if self.is_ref:
            where += f" -> {target.document.path.name}#{target.pointer}"
        return f"Node({where})"

    def diagnostic(self, message: str) -> Diagnostic:
        return self.target.document.diagnostic(self.target.pointer, message)
