# Generated from specs/dbss/openapi.yaml (sha256 c36f2b1a9e4ab24f) by vendor-openapi-toolchain 0.1.0: do not edit.
"""From a call's arguments to what goes on the wire: validation against the spec, then the path, query, headers,
cookies and body. Nothing is sent when an argument breaks the spec (`RequestValidationError`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

import pydantic

from ._operations import NotGiven, Operation, Param
from .errors import RequestValidationError
from .rules import check as check_rules

QueryItems = list[tuple[str, str | int | float | bool | None]]


@cache
def adapter(type_: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(type_)


def validated_arguments(operation: Operation[Any], arguments: Mapping[str, Any]) -> dict[str, Any]:
    given = {name: value for name, value in arguments.items() if not isinstance(value, NotGiven)}
    if operation.params_model is None:
        return given
    try:
        model = operation.params_model.model_validate(given)
    except pydantic.ValidationError as exc:
        raise RequestValidationError(operation.name, exc.errors(include_input=False, include_url=False)) from None
    dumped: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return dumped


def serialized_body(operation: Operation[Any], body: Any) -> tuple[bytes | None, str | None]:
    if isinstance(body, NotGiven) or operation.body_kind is None:
        return None, None
    media_type = operation.body_media_type or "application/json"
    if operation.body_kind == "json":
        if operation.body_type is None:
            return json.dumps(body, ensure_ascii=False).encode(), media_type
        body_adapter = adapter(operation.body_type)
        try:
            value = body_adapter.validate_python(dict(body) if isinstance(body, Mapping) else body)
        except pydantic.ValidationError as exc:
            errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_input=False, include_url=False)]
            raise RequestValidationError(operation.name, errors) from None
        if operation.body_rules is not None:
            wire = body_adapter.dump_python(value, mode="json", by_alias=True, exclude_unset=True)
            problems = check_rules(operation.body_rules, wire)
            if problems:
                errors = [{"loc": ("body", *p.loc), "msg": p.message, "type": "rule"} for p in problems]
                raise RequestValidationError(operation.name, errors)
        return body_adapter.dump_json(value, by_alias=True, exclude_unset=True), media_type
    if operation.body_kind == "form":
        return urlencode([(str(k), _text(v)) for k, v in dict(body).items()]).encode(), media_type
    if operation.body_kind == "text":
        return str(body).encode(), media_type
    return bytes(body), media_type


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


def _simple(value: Any, explode: bool) -> str:
    """OpenAPI `simple` style (path and header parameters)."""
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    if isinstance(value, dict):
        pairs = [f"{k}={_text(v)}" if explode else f"{k},{_text(v)}" for k, v in value.items()]
        return ",".join(pairs)
    return _text(value)


def _query_items(param: Param, value: Any) -> QueryItems:
    if isinstance(value, list):
        if param.style == "form" and param.explode:
            return [(param.name, _text(v)) for v in value]
        separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(param.style, ",")
        return [(param.name, separator.join(_text(v) for v in value))]
    if isinstance(value, dict):
        if param.style == "deepObject":
            return [(f"{param.name}[{k}]", _text(v)) for k, v in value.items()]
        if param.explode:
            return [(str(k), _text(v)) for k, v in value.items()]
        return [(param.name, ",".join(f"{k},{_text(v)}" for k, v in value.items()))]
    return [(param.name, _text(value))]


def path_segment(operation: Operation[Any], param: Param, value: Any) -> str:
    """A path value percent-encoded with every reserved character escaped, so it stays one segment: `/`, `?`
    and `#` are encoded, and a value that is empty, `.` or `..` (which every URL normaliser would remove or
    turn into a step up) is refused."""
    text = _simple(value, param.explode)
    if text in ("", ".", ".."):
        problem = {"loc": (param.argument,), "msg": f"a path value cannot be {text!r}", "type": "path_segment"}
        raise RequestValidationError(operation.name, [problem])
    return quote(text, safe="")


def wire_parts(
    operation: Operation[Any], values: Mapping[str, Any]
) -> tuple[str, QueryItems, dict[str, str], list[str]]:
    """(encoded path, query items, headers, cookies) of a call's validated arguments."""
    path = operation.path
    query: QueryItems = []
    headers: dict[str, str] = {}
    cookies: list[str] = []
    for param in operation.params:
        if param.argument not in values:
            continue
        value = values[param.argument]
        if param.location == "path":
            path = path.replace("{" + param.name + "}", path_segment(operation, param, value))
        elif param.location == "query":
            query.extend(_query_items(param, value))
        elif param.location == "header":
            headers[param.name] = _simple(value, param.explode)
        else:
            cookies.append(f"{param.name}={quote(_simple(value, param.explode), safe='')}")
    path = quote(path, safe="/%:@!$&'()*+,;=~-._")  # non-ASCII characters of the spec's path template
    return path, query, headers, cookies
