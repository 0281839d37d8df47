"""The conditional rules of an API's schemas, as data for the generated clients (checked by `runtime/rules.py`).

The models cannot express `if`/`then`/`else`, `not` or `dependentRequired`, so the IR drops them from the schemas
it hands to the model generator and keeps them here instead: for each model class with a rule at or below it, the
class's source schema pruned to the paths that lead to a rule. Inside a pruned schema `$ref` is the name of another
class of the same mapping and `contentSchema` names the model of an embedded JSON document; a `then` that would
only lead into a document without rules is left out with its `if`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from generator.spec.diagnostics import join_pointer
from generator.spec.load import Document

if TYPE_CHECKING:
    from generator.ir.schemas import SchemaSet

_CONDITIONS = ("if", "then", "else", "not")
# Keywords copied into a condition or branch: what `runtime/rules.py` evaluates there.
_ASSERTIONS = frozenset({"type", "const", "enum", "pattern", "required"})
_LISTS = ("allOf", "anyOf", "oneOf")


def extract_rules(models: SchemaSet) -> dict[str, dict[str, Any]]:
    """Class name -> pruned schema, for every class that has a rule or leads to one."""
    return _Extractor(models).run()


def _has_condition(nodes: Iterable[Any]) -> bool:
    """Whether `prune` could meet a rule in any of `nodes` without following a `$ref`: a condition keyword on a
    path of subschemas it walks. Each node is looked at once (the classes of inline schemas lie inside others)."""
    pending = list(nodes)
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        if (
            isinstance(node.get("if"), dict)
            or isinstance(node.get("not"), dict)
            or isinstance(node.get("dependentRequired"), dict)
        ):
            return True
        if isinstance(properties := node.get("properties"), dict):
            pending.extend(properties.values())
        if isinstance(items := node.get("items"), dict):
            pending.append(items)
        for keyword in _LISTS:
            if isinstance(members := node.get(keyword), list):
                pending.extend(members)
    return False


class _Extractor:
    def __init__(self, models: SchemaSet) -> None:
        self.models = models
        self.done: dict[str, dict[str, Any] | None] = {}
        self.busy: set[str] = set()

    def run(self) -> dict[str, dict[str, Any]]:
        if not _has_condition(source.node for source in self.models.sources.values()):
            # no rule anywhere, so none to lead to (GitHub's description): the walks below would find nothing,
            # after resolving every `$ref` of every class (a second on a large document)
            return {}
        for name in self.leaves_first():  # a long `$ref` chain would otherwise recurse once per link
            self.of_class(name)
        for name in self.models.sources:
            self.of_class(name)
        return {name: rules for name in self.models.schemas if (rules := self.done.get(name)) is not None}

    def of_class(self, name: str) -> dict[str, Any] | None:
        if name in self.done:
            return self.done[name]
        source = self.models.sources.get(name)
        if source is None or name in self.busy:  # a cycle: rules are found on the way back up
            return None
        self.busy.add(name)
        self.done[name] = self.prune(source.document, source.pointer, source.node, top=True)
        self.busy.discard(name)
        return self.done[name]

    def leaves_first(self) -> list[str]:
        """The classes that reach no reference cycle, each after the classes it reaches. Their rules do not depend
        on the order they are computed in (no class of theirs is ever `busy`), so computing them first gives the
        same result as the recursion alone, with every reference already done."""
        targets = {name: self.references(name) & self.models.sources.keys() for name in self.models.sources}
        waiting = {name: len(found) for name, found in targets.items()}
        users: dict[str, list[str]] = {}
        for name, found in targets.items():
            for target in found:
                users.setdefault(target, []).append(name)
        order = [name for name, count in waiting.items() if count == 0]
        for name in order:  # grows while it is read
            for user in users.get(name, []):
                waiting[user] -= 1
                if waiting[user] == 0:
                    order.append(user)
        return order

    def references(self, name: str) -> set[str]:
        """The classes `prune` and `copy` may look up from this class's schema: every place they call `class_of`."""
        source = self.models.sources[name]
        found: set[str] = set()
        pending: list[tuple[str, Any, bool, bool]] = [(source.pointer, source.node, True, False)]  # copy: in a rule
        while pending:
            pointer, node, top, copy = pending.pop()
            if not isinstance(node, dict):
                continue
            looked_up: tuple[str, Any] | None = None
            if not copy and not top and isinstance(node.get("$ref"), str):
                looked_up = (pointer, node)
            elif copy and isinstance(node.get("contentSchema"), dict):
                looked_up = (join_pointer(pointer, "contentSchema"), node["contentSchema"])
            if looked_up is not None and (target := self.class_of(source.document, *looked_up)) is not None:
                found.add(target)
            if isinstance(node.get("properties"), dict):
                pending += [
                    (join_pointer(pointer, "properties", k), v, False, copy) for k, v in node["properties"].items()
                ]
            pending.append((join_pointer(pointer, "items"), node.get("items"), False, copy))
            for keyword in _LISTS:
                if isinstance(node.get(keyword), list):
                    pending += [
                        (join_pointer(pointer, keyword, i), v, False, copy) for i, v in enumerate(node[keyword])
                    ]
            pending += [(join_pointer(pointer, key), node.get(key), False, True) for key in _CONDITIONS]
        return found

    def class_of(self, document: Document, pointer: str, node: Any) -> str | None:
        target = self.models.ws.follow(document, pointer, node)
        return self.models.by_target.get((target.document.path, target.pointer))

    def prune(self, document: Document, pointer: str, node: Any, *, top: bool = False) -> dict[str, Any] | None:
        """The parts of schema `node` that lead to a rule, or None."""
        if not isinstance(node, dict):
            return None
        out: dict[str, Any] = {}
        if isinstance(node.get("$ref"), str) and not top:
            name = self.class_of(document, pointer, node)
            if name is not None and self.of_class(name) is not None:
                out["$ref"] = name
        properties = node.get("properties")
        if isinstance(properties, dict):
            kept = {
                key: sub
                for key, value in properties.items()
                if (sub := self.prune(document, join_pointer(pointer, "properties", key), value)) is not None
            }
            if kept:
                out["properties"] = kept
        if (items := self.prune(document, join_pointer(pointer, "items"), node.get("items"))) is not None:
            out["items"] = items
        for keyword in _LISTS:
            members = node.get(keyword)
            if isinstance(members, list):
                kept_members = [
                    sub
                    for index, member in enumerate(members)
                    if (sub := self.prune(document, join_pointer(pointer, keyword, index), member)) is not None
                ]
                if kept_members:
                    out[keyword] = kept_members
        self.conditionals(document, pointer, node, out)
        if not out:
            return None
        if "type" in node:
            out["type"] = node["type"]  # lets the checker skip values of another type (null for "X or null")
        return out

    def conditionals(self, document: Document, pointer: str, node: dict[str, Any], out: dict[str, Any]) -> None:
        branches = {
            key: self.copy(document, join_pointer(pointer, key), node[key])
            for key in ("then", "else")
            if isinstance(node.get(key), dict)
        }
        branches = {key: branch for key, branch in branches.items() if branch}
        if isinstance(node.get("if"), dict) and branches:
            out["if"] = self.copy(document, join_pointer(pointer, "if"), node["if"])
            out.update(branches)
        if isinstance(node.get("not"), dict):
            out["not"] = self.copy(document, join_pointer(pointer, "not"), node["not"])
        if isinstance(node.get("dependentRequired"), dict):
            out["dependentRequired"] = node["dependentRequired"]

    def copy(self, document: Document, pointer: str, node: Any) -> dict[str, Any]:
        """A condition or branch: its assertion keywords, subschemas, and content documents that have rules."""
        if not isinstance(node, dict):
            return {}
        out: dict[str, Any] = {key: value for key, value in node.items() if key in _ASSERTIONS}
        if isinstance(node.get("properties"), dict):
            kept = {
                key: sub
                for key, value in node["properties"].items()
                if (sub := self.copy(document, join_pointer(pointer, "properties", key), value))
            }
            if kept:
                out["properties"] = kept
        items = self.copy(document, join_pointer(pointer, "items"), node.get("items"))
        if items:
            out["items"] = items
        content = node.get("contentSchema")
        if isinstance(content, dict):
            name = self.class_of(document, join_pointer(pointer, "contentSchema"), content)
            if name is not None and self.of_class(name) is not None:
                out["contentSchema"] = {"$ref": name}
        for keyword in (*_LISTS, "not"):
            value = node.get(keyword)
            if keyword == "not" and isinstance(value, dict):
                out["not"] = self.copy(document, join_pointer(pointer, "not"), value)
            elif isinstance(value, list):
                out[keyword] = [self.copy(document, join_pointer(pointer, keyword, i), v) for i, v in enumerate(value)]
        return out
