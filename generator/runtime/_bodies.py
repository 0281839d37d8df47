"""Request bodies on the wire: JSON, `application/x-www-form-urlencoded`, `multipart/form-data`, text and raw
bytes, each validated against the spec before anything is sent.

Form and multipart fields follow the Encoding Object (OpenAPI 3.1.2, "Encoding Object", appendix E): a field
with `style`/`explode`/`allowReserved`, and by default any field of a urlencoded body, is written like a query
parameter of that style by `styles` (the table the reference server reads with), so `scope=read&scope=write`
is an array; a field with a JSON `contentType` (multipart's default for objects) is one JSON part; a binary
field is a file part. The multipart framing and its boundary are httpx's.

A file is `bytes`, a binary file object, or a `(filename, content[, content_type])` tuple (text is sent as
its UTF-8 bytes). The model of a form
body types binary fields as `bytes`; the model checks that each file is there, and the file goes out as given.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, NoReturn
from urllib.parse import unquote

import httpx
import pydantic
import pydantic_core

from . import _request
from ._operations import NotGiven, Operation
from .errors import RequestValidationError
from .styles import ParamStyle, StyleError, serialize, split_query

URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
_PLACEHOLDER = b""  # what the model sees for a file: it checks that the file is there, the bytes go out as given


@dataclass(frozen=True)
class Field:
    """How one property of a form or multipart body is written (its Encoding Object, with the defaults filled)."""

    name: str  # wire name
    style: str = ""  # "" = form
    explode: bool | None = None  # None = the style's default
    allow_reserved: bool = False
    content_type: str | None = None  # a part of this media type (JSON: the value as one JSON document)
    binary: bool = False  # a file (or an array of files)


@dataclass(frozen=True)
class Form:
    fields: tuple[Field, ...] = ()

    def field(self, name: str, value: Any) -> Field:
        """How the field is written; one the schema does not declare goes by the default style, or as JSON when
        no style can carry it (an object, nested arrays)."""
        found = next((f for f in self.fields if f.name == name), None)
        if found is not None:
            return found
        nested = isinstance(value, dict) or (
            isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value)
        )
        return Field(name, content_type="application/json" if nested else None)


def encode(operation: Operation[Any], body: Any) -> tuple[bytes | None, str | None]:
    """(content, Content-Type) of the body argument of a call; RequestValidationError when it breaks the spec."""
    if isinstance(body, NotGiven) or operation.body_kind is None:
        return None, None
    media_type = operation.body_media_type or "application/json"
    kind = operation.body_kind
    if kind == "json":
        if operation.body_type is None:
            return json.dumps(_plain(body), ensure_ascii=False).encode(), media_type
        adapter = _adapter(operation.body_type)
        value = _validated(operation, adapter, dict(body) if isinstance(body, Mapping) else body)
        if operation.body_rules is None:
            return adapter.dump_json(value, by_alias=True, exclude_unset=True), media_type
        # the rules read the body's JSON form; those same values are written out (the bytes `dump_json` writes,
        # without running the models' serializers twice)
        wire = adapter.dump_python(value, mode="json", by_alias=True, exclude_unset=True)
        _check_rules(operation, wire)
        return pydantic_core.to_json(wire), media_type
    if kind in ("form", "multipart"):
        fields = _form_values(operation, body)
        form = operation.body_form or Form()
        if kind == "form":
            return _urlencoded(operation, form, fields).encode("ascii"), media_type
        return _multipart(operation, form, fields)
    if kind == "text":
        if not isinstance(body, str):
            _refuse(operation, "the body of this operation is text (str)")
        return body.encode(), media_type
    return _binary(operation, body), media_type


def _plain(value: Any) -> Any:
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return value


def _adapter(type_: Any) -> pydantic.TypeAdapter[Any]:
    return _request.adapter(type_)  # one cache of adapters for the whole runtime


def _validated(operation: Operation[Any], adapter: pydantic.TypeAdapter[Any], value: Any) -> Any:
    try:
        return adapter.validate_python(value)
    except pydantic.ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_input=False, include_url=False)]
        raise RequestValidationError(operation.name, errors) from None


def _check_rules(operation: Operation[Any], wire: Any) -> None:
    """The document's conditional rules (`rules`: `if`/`then` the models cannot express) on the body as sent."""
    assert operation.body_rules is not None
    problems = _rules_check()(operation.body_rules, wire)
    if problems:
        errors = [{"loc": ("body", *p.loc), "msg": p.message, "type": "rule"} for p in problems]
        raise RequestValidationError(operation.name, errors)


@cache
def _rules_check() -> Callable[[Any, Any], list[Any]]:
    """`rules.check`, imported once it is needed (most bodies have no conditional rules)."""
    from .rules import check

    return check


def _refuse(operation: Operation[Any], message: str, *loc: str) -> NoReturn:
    raise RequestValidationError(operation.name, [{"loc": ("body", *loc), "msg": message, "type": "body"}])


def _is_file(value: Any) -> bool:
    return isinstance(value, (bytes, bytearray, str, tuple)) or hasattr(value, "read")


def _form_values(operation: Operation[Any], body: Any) -> dict[str, Any]:
    """The body's fields by wire name, validated by the body's model; files are kept as given."""
    if isinstance(body, pydantic.BaseModel):
        body = body.model_dump(mode="python", by_alias=True, exclude_unset=True)
    if not isinstance(body, Mapping):
        _refuse(operation, "a form body is a mapping of field names to values (or the body's model)")
    given = {str(k): v for k, v in body.items()}
    form = operation.body_form or Form()
    binary = {f.name for f in form.fields if f.binary}
    files: dict[str, Any] = {}
    checked: dict[str, Any] = {}
    for name, value in given.items():
        items = value if isinstance(value, list) else [value]
        if name in binary and items and all(_is_file(v) for v in items):
            files[name] = value
            placeholder = [_PLACEHOLDER for _ in items]
            checked[name] = placeholder if isinstance(value, list) else placeholder[0]
        else:  # anything else is the model's to judge (a `{}` schema takes any value, `format: binary` bytes)
            checked[name] = value
    if operation.body_type is not None:
        adapter = _adapter(operation.body_type)
        model = _validated(operation, adapter, checked)
        dumped = adapter.dump_python(model, mode="json", by_alias=True, exclude_unset=True)
        checked = dict(dumped) if isinstance(dumped, Mapping) else checked
    else:
        checked = {k: _plain(v) for k, v in checked.items()}
    for name, value in files.items():
        checked[name] = _Files(value if isinstance(value, list) else [value])
    return checked


class _Files(list[Any]):
    """The files given for one field (kept apart from other values a field typed `{}` may take)."""


def _pairs(operation: Operation[Any], field: Field, value: Any) -> list[tuple[str, str]]:
    """A field as percent-encoded (name, value) pairs, written by its style like a query parameter."""
    wire = ParamStyle(field.name, "query", field.style, field.explode, field.allow_reserved)
    try:
        return split_query(serialize(wire, value))
    except StyleError as exc:
        raise RequestValidationError(
            operation.name, [{"loc": ("body", field.name), "msg": str(exc), "type": "style"}]
        ) from None


def _json_text(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _urlencoded(operation: Operation[Any], form: Form, values: Mapping[str, Any]) -> str:
    pieces: list[str] = []
    for name, value in values.items():
        if isinstance(value, _Files):
            for item in value:
                pieces.append(f"{_quote(name)}={_quote(_file_bytes(item).decode('latin-1'))}")
            continue
        field = _unfiled(form.field(name, value), value)
        if field.content_type is not None and _is_json(field.content_type) and field.style == "":
            pieces.append(f"{_quote(name)}={_quote(_json_text(value))}")
        else:
            pieces += [f"{k}={v}" for k, v in _pairs(operation, field, value)]
    return "&".join(pieces)


def _multipart(operation: Operation[Any], form: Form, values: Mapping[str, Any]) -> tuple[bytes, str]:
    parts: list[tuple[str, Any]] = []
    for name, value in values.items():
        field = form.field(name, value)
        if isinstance(value, _Files):
            for item in value:
                parts.append((name, _file_part(name, item, field.content_type)))
            continue
        field = _unfiled(field, value)
        if field.content_type is None and field.style == "" and Form().field(name, value).content_type is not None:
            # a declared field whose schema leaves its type open, given an object: multipart's default for an
            # object is one JSON part (OpenAPI's Encoding Object), never form fields named after its keys
            field = replace(field, content_type="application/json")
        if field.content_type is not None and field.style == "":
            items = (
                value if isinstance(value, list) and _is_json(field.content_type) and _of_objects(value) else [value]
            )
            for item in items:
                text = _json_text(item) if _is_json(field.content_type) else _scalar(item)
                parts.append((name, (None, text.encode(), field.content_type)))
        else:
            for key, text in _pairs(operation, field, value):
                parts.append((unquote(key), (None, unquote(text).encode(), None)))
    if not parts:  # no fields: only the close delimiter, as browsers send an empty form
        boundary = os.urandom(16).hex()
        return f"--{boundary}--\r\n".encode("ascii"), f"{MULTIPART}; boundary={boundary}"
    # httpx writes the parts and chooses the boundary; the request here is only its encoder
    request = httpx.Request("POST", "http://multipart.invalid/", files=parts)
    return request.read(), request.headers["Content-Type"]


def _unfiled(field: Field, value: Any) -> Field:
    """A binary field given something that is not a file (its schema allowed it): written like an undeclared
    field, as text or JSON."""
    if not field.binary:
        return field
    return Form().field(field.name, value)


def _of_objects(value: list[Any]) -> bool:
    return all(isinstance(v, (dict, list)) for v in value)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value) if not isinstance(value, (dict, list)) else _json_text(value)


def _file_part(name: str, value: Any, content_type: str | None) -> tuple[str | None, Any, str | None]:
    default_type = content_type if content_type and "*" not in content_type and "," not in content_type else None
    if isinstance(value, tuple):
        filename, content = value[0], value[1]
        kind = value[2] if len(value) > 2 else default_type
        return filename, content, kind or "application/octet-stream"
    if hasattr(value, "read"):
        filename = str(getattr(value, "name", name)).replace("\\", "/").rsplit("/", 1)[-1]
        return filename or name, value, default_type or "application/octet-stream"
    data = value.encode() if isinstance(value, str) else bytes(value)  # text: its UTF-8 bytes
    return name, data, default_type or "application/octet-stream"


def _file_bytes(value: Any) -> bytes:
    if isinstance(value, tuple):
        value = value[1]
    if hasattr(value, "read"):
        data = value.read()
        return data.encode() if isinstance(data, str) else bytes(data)
    return value.encode() if isinstance(value, str) else bytes(value)


def _binary(operation: Operation[Any], body: Any) -> bytes:
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if hasattr(body, "read"):
        data = body.read()
        if isinstance(data, bytes):
            return data
    if isinstance(body, str):
        return body.encode()
    _refuse(operation, "the body of this operation is bytes or a binary file object")


def _is_json(media: str) -> bool:
    essence = media.split(";")[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")
