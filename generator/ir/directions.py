"""readOnly and writeOnly per direction: the models a request body is checked with.

One model per schema reads answers (a readOnly property comes back, a writeOnly one does not, so neither is
required there: see `SchemaSet`). A request is the other direction: a readOnly property is the server's to set,
so the request model does not have it (and refuses it: `RequestModel` in the runtime's `_base.py`), while a
required writeOnly property (a password) is required again. Where that makes a class differ, the body gets a
request variant: `<Class>Request` for a class the document names (`components/schemas`, public and also read
from answers), the class itself for an inline body schema no answer uses. A class that refers to a class with a
variant gets one too, so `Pet.owner` of a request is an `OwnerRequest`.

datamodel-code-generator has this split (`read_only_write_only_model_type`), but it names variants after its own
fashion (`PetRequest1` when the document has a `PetRequest`, without saying which is which), and in its
`request-response` mode the shared model (`models.Pet`) disappears; the IR names every class, so it does this too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Any

from generator.ir import model as ir

_REF = "#/components/schemas/"
_REFS = re.compile(r'"#/components/schemas/((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class OneWay:
    """The readOnly and writeOnly properties of one class, and its `required` list as the document wrote it."""

    read_only: frozenset[str]
    write_only: frozenset[str]
    required: tuple[str, ...]

    @property
    def differs(self) -> bool:
        """A request model of this class is not the shared one: it lacks a property or requires one more."""
        return bool(self.read_only) or any(name in self.write_only for name in self.required)


@dataclass(frozen=True)
class RequestModels:
    schemas: dict[str, dict[str, Any]]  # every class, the request variants added
    operations: tuple[ir.Operation, ...]  # bodies retargeted to their request classes
    read_only: dict[str, tuple[str, ...]]  # request class -> the readOnly wire names it refuses
    variants: dict[str, str]  # shared class -> its request variant (a class changed in place maps to itself)


def request_models(
    schemas: dict[str, dict[str, Any]],
    operations: tuple[ir.Operation, ...],
    one_way: dict[str, OneWay],
    *,
    public: frozenset[str],
    fixed: frozenset[str],
    claim: Any,
) -> RequestModels:
    """Request classes for the bodies of `operations`. `public`: classes the document names (kept as they are,
    a variant added); `fixed`: classes that must stay one (content-rule holders and their documents); `claim`:
    hands out a fresh class name."""
    if not one_way:  # no readOnly or writeOnly property anywhere: nothing to do (and no graph to build)
        return RequestModels(schemas, operations, {}, {})
    refs = {name: _refs_of(schema) & schemas.keys() for name, schema in schemas.items()}
    bodies = {op.body.model for op in operations if op.body is not None and op.body.model in schemas}
    sent = _reachable(bodies, refs)
    answered = _reachable(
        {r.model for op in operations for r in op.responses if r.model in schemas}
        | {op.parameters_model for op in operations if op.parameters_model in schemas},
        refs,
    )
    differ = {name for name in sent if name in one_way and one_way[name].differs and name not in fixed}
    changed = set(differ)
    while True:  # a class that refers to a changed class changes too
        more = {name for name in sent - changed if name not in fixed and refs[name] & changed}
        if not more:
            break
        changed |= more
    if not changed:
        return RequestModels(schemas, operations, {}, {})
    variants = {
        name: (claim(f"{name} Request") if name in public or name in answered else name)
        for name in sorted(changed, key={n: i for i, n in enumerate(schemas)}.__getitem__)
    }
    out = dict(schemas)
    read_only: dict[str, tuple[str, ...]] = {}
    for name, target in variants.items():
        schema = _retarget(schemas[name], variants)  # a copy: `_retarget` rebuilds every dict and list
        way = one_way.get(name)
        if way is not None and isinstance(schema.get("properties"), dict):
            schema["properties"] = {k: v for k, v in schema["properties"].items() if k not in way.read_only}
            required = [k for k in way.required if k not in way.read_only]
            schema.pop("required", None)
            if required:
                schema["required"] = required
            if way.read_only:
                read_only[target] = tuple(sorted(way.read_only))
        out[target] = schema
    retargeted = tuple(_retarget_body(op, variants, read_only) for op in operations)
    return RequestModels(out, retargeted, read_only, variants)


def _refs_of(schema: Any) -> set[str]:
    return {json.loads(f'"{m}"') for m in _REFS.findall(json.dumps(schema))}


def _reachable(start: set[Any], refs: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = [name for name in start if isinstance(name, str)]
    while todo:
        name = todo.pop()
        if name not in seen and name in refs:
            seen.add(name)
            todo.extend(refs[name])
    return seen


def _retarget(node: Any, variants: dict[str, str]) -> Any:
    """Every reference to a class with a request variant (`$ref`, discriminator mappings) names the variant."""
    if isinstance(node, dict):
        return {key: _retarget(value, variants) for key, value in node.items()}
    if isinstance(node, list):
        return [_retarget(value, variants) for value in node]
    if isinstance(node, str) and node.startswith(_REF) and node[len(_REF) :] in variants:
        return _REF + variants[node[len(_REF) :]]
    return node


def _retarget_body(op: ir.Operation, variants: dict[str, str], read_only: dict[str, tuple[str, ...]]) -> ir.Operation:
    """The body checked by its request class; its example (for the README) without the readOnly properties a
    documented answer-shaped example often has."""
    body = op.body
    if body is None or body.model not in variants:
        return op
    assert body.model is not None
    target = variants[body.model]
    example = body.example
    if isinstance(example, dict) and read_only.get(target):
        example = {k: v for k, v in example.items() if k not in read_only[target]}
    return replace(op, body=replace(body, model=target, schema=_retarget(body.schema, variants), example=example))
