"""Where a document's `$ref` chain is deepest, to locate a validator that ran out of stack.

openapi-spec-validator follows `$ref`s by recursion, so a long enough chain of schemas (each an `allOf` of the one
before) exhausts even the frames it is given; it then fails with no position. The chain is measured here instead,
iteratively over the component schemas of the root document (one pass, each schema once), and the failure is
reported at the schema that starts the longest chain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.spec.load import Document, iter_refs

PREFIX = "#/components/schemas/"


def _refs(schema: Any) -> set[str]:
    """Names of the component schemas `schema` refers to, anywhere inside it."""
    refs = (site.ref for site in iter_refs(Document(path=Path(), data=schema)))
    return {ref[len(PREFIX) :].replace("~1", "/").replace("~0", "~") for ref in refs if ref.startswith(PREFIX)}


def deepest_chain(document: Any) -> tuple[str, int]:
    """(pointer of the schema heading the longest `$ref` chain, its length in schemas); ("", 0) if none.
    A cycle counts once: a schema reached again on its own path adds nothing."""
    components = document.get("components") if isinstance(document, dict) else None
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if not isinstance(schemas, dict):
        return "", 0
    edges = {name: sorted(_refs(schema) & schemas.keys()) for name, schema in schemas.items()}
    depth: dict[str, int] = {}
    on_path: set[str] = set()
    for start in schemas:
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            name, index = stack.pop()
            if index == 0:
                if name in depth:
                    continue
                on_path.add(name)
            children = edges[name]
            if index < len(children):
                stack.append((name, index + 1))
                child = children[index]
                if child not in depth and child not in on_path:
                    stack.append((child, 0))
                continue
            on_path.discard(name)
            depth[name] = 1 + max((depth.get(child, 0) for child in children), default=0)
    if not depth:
        return "", 0
    head = max(depth, key=lambda name: depth[name])
    return "/components/schemas/" + head.replace("~", "~0").replace("/", "~1"), depth[head]
