"""Walking JSON Schemas: every schema object below a root, across files, each once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.spec.diagnostics import SpecError, join_pointer
from generator.spec.load import Target, Workspace
from generator.spec.terms import SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_VALUED


def walk_schemas(
    workspace: Workspace, root: Target, seen: set[tuple[Path, str]] | None = None, *, strict: bool = True
) -> Iterator[Target]:
    """Every schema object reachable from `root` (`root` may be a `$ref`), resolved, each once.

    `seen` (file, pointer) may be shared between walks so that schemas reached from several roots are visited
    once in all. A dangling `$ref` raises its located SpecError, or is skipped when not `strict` (the linter,
    which reports it on its own). Bounded: each schema is visited once, so cycles end.
    """
    seen = set() if seen is None else seen
    stack = [root]
    while stack:
        node = stack.pop()
        try:
            target = workspace.follow(node.document, node.pointer, node.value)
        except SpecError:
            if strict:
                raise
            continue
        key = (target.document.path, target.pointer)
        if key in seen or not isinstance(target.value, dict):
            continue
        seen.add(key)
        yield target
        value = target.value
        for keyword in SCHEMA_VALUED:
            if isinstance(value.get(keyword), dict):
                stack.append(Target(target.document, join_pointer(target.pointer, keyword), value[keyword]))
        for keyword in SCHEMA_MAPS:
            members = value.get(keyword)
            for name, sub in members.items() if isinstance(members, dict) else ():
                stack.append(Target(target.document, join_pointer(target.pointer, keyword, name), sub))
        for keyword in SCHEMA_LISTS:
            members = value.get(keyword)
            for index, sub in enumerate(members if isinstance(members, list) else ()):
                stack.append(Target(target.document, join_pointer(target.pointer, keyword, index), sub))
