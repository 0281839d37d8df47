# Generated from specs/apig/openapi.yaml (sha256 aeb26727db812b06) by vendor-openapi-toolchain 0.1.0: do not edit.
"""Base classes of the models in the package's `models` module.

`Model` sets how every model behaves: unknown fields are kept (servers add fields; a client must not drop them),
names and aliases are both accepted, assignments are validated, inputs stay out of validation errors (they may be
secrets), patterns are checked in linear time and schemas are built on first use, so importing the package stays fast.

A field the server (or the caller) left out holds pydantic's `MISSING` sentinel, kept apart from `None` (an
explicit null). This module makes `MISSING` falsy, so `result.remark or "default"` reads naturally; test for
absence with `result.remark is MISSING` (`from pydantic import MISSING`).

`RequestModel` is the base of the request variants of models with readOnly properties (see its docstring).

`ContentModel` is the base of models with a JSON document embedded in a string property whose model is chosen by
another property (the spec's `allOf`/`if`/`then` content rules): such a property accepts the JSON text, a dict or
the content model, always holds the content model after validation, and is sent as JSON text.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import (
    MISSING,
    BaseModel,
    ConfigDict,
    SerializationInfo,
    ValidationError,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError


def _false(self: object) -> bool:
    return False


def _make_missing_falsy() -> None:
    """Give pydantic's MISSING (a typing_extensions sentinel, truthy like any object) a false truth value.

    The object stays the very one pydantic recognises (its identity is what pydantic checks); only its class is
    swapped for a copy of the sentinel class with `__bool__`. A copy rather than a subclass: subclassing the
    sentinel class is deprecated. Where the class cannot be swapped, MISSING stays truthy.
    """
    if not MISSING:  # done already (by this package or another generated one)
        return
    kind = type(MISSING)
    skipped = {"__dict__", "__weakref__", "__init_subclass__", "__setattr__"}
    namespace = {name: value for name, value in vars(kind).items() if name not in skipped}
    falsy = type(kind.__name__, (), {**namespace, "__bool__": _false})
    with contextlib.suppress(TypeError):
        object.__setattr__(MISSING, "__class__", falsy)


_make_missing_falsy()


class Model(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        validate_assignment=True,
        hide_input_in_errors=True,
        defer_build=True,
        # the Rust engine: linear time whatever the pattern (Python's `re` can backtrack exponentially); patterns
        # that need lookaround or backreferences are refused at generation
        regex_engine="rust-regex",
    )


class RequestModel(Model):
    """A request body's model that lacks the spec's readOnly properties (the server sets them): giving one is
    refused rather than sent as an unknown field. `__read_only__` holds their JSON names."""

    __read_only__: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _refuse_read_only(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and cls.__read_only__:
            given = sorted(name for name in cls.__read_only__ if _key(cls, data, name) is not None)
            if given:
                raise PydanticCustomError(
                    "read_only",
                    "{names} readOnly in the spec: the server sets it, a request cannot send it",
                    {"names": ", ".join(given) + (" is" if len(given) == 1 else " are")},
                )
        return data


@dataclass(frozen=True)
class ContentRule:
    """`property` holds JSON text whose model is `cases[value of selector]`; the text is at most `max_length`
    characters long. Both names are the JSON (wire) names."""

    property: str
    selector: str
    cases: Mapping[Any, type[BaseModel]] = field(default_factory=dict)
    max_length: int | None = None


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""`json.dumps(value, ensure_ascii=False, separators=(",", ":"))` without making an encoder for every body."""


def _json_text(value: Any) -> str:
    return _COMPACT.encode(value)


def _key(model: type[BaseModel], data: Mapping[str, Any], wire_name: str) -> str | None:
    """The key under which `data` holds the field with JSON name `wire_name` (its alias or its Python name)."""
    if wire_name in data:
        return wire_name
    for name, info in model.model_fields.items():
        if (info.alias or name) == wire_name and name in data:
            return name
    return None


class ContentModel(Model):
    # A dunder name: no field of a spec can take it (field names never start with an underscore).
    __content_rules__: ClassVar[tuple[ContentRule, ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _parse_embedded_json(cls, data: Any) -> Any:
        if not isinstance(data, Mapping) or not cls.__content_rules__:
            return data
        data = dict(data)
        for rule in cls.__content_rules__:
            key = _key(cls, data, rule.property)
            selector_key = _key(cls, data, rule.selector)
            if key is None or selector_key is None:
                continue
            selector = data[selector_key]
            content_model = rule.cases.get(getattr(selector, "value", selector))
            if content_model is None:
                continue
            data[key] = _content(rule, content_model, data[key], selector)
        return data

    @model_serializer(mode="wrap")
    def _serialize_embedded_json(self, handler: Callable[[Any], Any], info: SerializationInfo) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for rule in self.__content_rules__:
                key = _key(type(self), data, rule.property)
                if key is not None and isinstance(data[key], dict):
                    data[key] = _json_text(data[key])
        return data


def _invalid(message: str) -> PydanticCustomError:
    return PydanticCustomError("embedded_json", "{message}", {"message": message})


def _content(rule: ContentRule, content_model: type[BaseModel], value: Any, selector: Any) -> Any:
    def where() -> str:  # written only for an error: the property is validated in every body
        return f"{rule.property} (for {rule.selector}={getattr(selector, 'value', selector)!r})"

    if isinstance(value, str):
        if rule.max_length is not None and len(value) > rule.max_length:
            raise _invalid(f"{where()}: the JSON text is longer than {rule.max_length} characters")
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise _invalid(f"{where()} is not valid JSON: {exc.msg} at character {exc.pos}") from None
    if isinstance(value, BaseModel) and not isinstance(value, content_model):
        raise _invalid(f"{where()} must be a {content_model.__name__}, not a {type(value).__name__}")
    if not isinstance(value, (dict, Mapping, BaseModel)):
        raise _invalid(f"{where()} must be a JSON object, a dict or a {content_model.__name__}")
    try:
        parsed = content_model.model_validate(value)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or '(document)'}: {error['msg']}"
            for error in exc.errors(include_input=False, include_url=False)
        )
        raise _invalid(f"{where()} does not match {content_model.__name__}: {problems}") from None
    if rule.max_length is not None and len(parsed.model_dump_json(exclude_unset=True)) > rule.max_length:
        raise _invalid(f"{where()}: the JSON text would be longer than {rule.max_length} characters")
    return parsed
