# Generated from specs/commvault/openapi.yaml (sha256 3cafcb6c824dce15) by vendor-openapi-toolchain 0.1.0: do not edit.
"""Reading a response the spec does not describe exactly: as much of it as fits becomes the spec's types, the rest
is kept as received. Tolerant in what the client receives (the server's answer is a fact; refusing it after the
resource was created helps nobody); `strict_responses=True` turns the mismatch into an error instead.

`build(type_, value)` validates `value` against `type_`; where that fails it builds models field by field
(unknown fields kept, values that do not fit kept as they are: an unknown enum value stays its string, a `null`
stays `None`, a required field that did not come is `MISSING`), lists item by item, and embedded JSON content by
the model its selector names.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._lazy import LazyModule
from ._request import adapter

if TYPE_CHECKING:
    import pydantic
else:  # loaded by the first client made (see `_lazy`)
    pydantic = LazyModule("pydantic", globals())

_UNIONS = (typing.Union, types.UnionType)
MAX_DEPTH = 64  # deeper than any spec's models: the rest is kept as received


def build(type_: Any, value: Any, depth: int = 0) -> Any:
    try:
        return adapter(type_).validate_python(value)
    except pydantic.ValidationError:
        pass
    if depth >= MAX_DEPTH or value is None:
        return value
    origin = typing.get_origin(type_)
    if origin is typing.Annotated:
        return build(typing.get_args(type_)[0], value, depth + 1)
    if isinstance(type_, type) and issubclass(type_, pydantic.BaseModel):
        return _model(type_, value, depth) if isinstance(value, Mapping) else value
    args = typing.get_args(type_)
    if origin in _UNIONS:
        models = [a for a in args if isinstance(a, type) and issubclass(a, pydantic.BaseModel)]
        if models and isinstance(value, Mapping):
            return _model(max(models, key=lambda m: _overlap(m, value)), value, depth)
        return value
    if origin in (list, tuple, typing.Sequence) and isinstance(value, list) and args:
        return [build(args[0], item, depth + 1) for item in value]
    if origin in (dict, typing.Mapping) and isinstance(value, Mapping) and len(args) == 2:
        return {key: build(args[1], item, depth + 1) for key, item in value.items()}
    return value


def _overlap(model: type[pydantic.BaseModel], value: Mapping[str, Any]) -> int:
    return sum(1 for name, info in model.model_fields.items() if (info.alias or name) in value)


def _model(model: type[pydantic.BaseModel], data: Mapping[str, Any], depth: int) -> pydantic.BaseModel:
    data, settled = _with_content(model, data, depth)
    fields: dict[str, Any] = {}
    used: set[str] = set()
    for name, info in model.model_fields.items():
        key = info.alias if info.alias is not None and info.alias in data else name
        if key not in data:
            if info.is_required():
                fields[name] = pydantic.MISSING  # absent, as for an optional field: falsy, and `is MISSING` tells
            continue
        used.add(key)
        fields[name] = data[key] if key in settled else build(info.annotation, data[key], depth + 1)
    extra = {key: value for key, value in data.items() if key not in used and key not in model.model_fields}
    present = {name for name, value in fields.items() if value is not pydantic.MISSING}
    return model.model_construct(_fields_set=present, **fields, **extra)


def _with_content(
    model: type[pydantic.BaseModel], data: Mapping[str, Any], depth: int
) -> tuple[Mapping[str, Any], set[str]]:
    """Embedded JSON text (`ContentModel` rules) parsed, and built as the model its selector names; under a selector
    the client does not know, the parsed JSON as it is (no content model is guessed). Also the keys so settled."""
    rules = getattr(model, "__content_rules__", ())
    if not rules:
        return data, set()
    data = dict(data)
    settled: set[str] = set()
    for rule in rules:
        text = data.get(rule.property)
        if not isinstance(text, str):
            continue
        try:
            content = json.loads(text)
        except (ValueError, RecursionError):
            continue  # not JSON after all: kept as the text that arrived
        selector = data.get(rule.selector)
        case = rule.cases.get(selector) if isinstance(selector, (str, int, bool)) else None
        data[rule.property] = build(case, content, depth + 1) if case is not None else content
        settled.add(rule.property)
    return data, settled
