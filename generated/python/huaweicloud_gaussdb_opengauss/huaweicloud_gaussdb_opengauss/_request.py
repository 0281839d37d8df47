# Generated from specs/gaussdb-opengauss/openapi.yaml (sha256 7f74c040d4f3ac97) by vendor-openapi-toolchain 0.1.0: do not edit.
"""From a call's arguments to what goes on the wire: validation against the spec, then the path, query, headers,
cookies and body. Nothing is sent when an argument breaks the spec (`RequestValidationError`)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import quote

import pydantic

from ._operations import NotGiven, Operation, Param
from .errors import RequestValidationError
from .styles import ParamStyle, StyleError, expand_path, join_query, serialize


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
    """The body's bytes and Content-Type (`_bodies`: JSON, form, multipart, text, binary)."""
    from ._bodies import encode

    return encode(operation, body)


def _style(param: Param) -> ParamStyle:
    return ParamStyle(param.name, param.location, param.style, param.explode, param.allow_reserved, param.content_type)


def _written(operation: Operation[Any], param: Param, value: Any) -> str:
    try:
        return serialize(_style(param), value)
    except StyleError as exc:
        problem = {"loc": (param.argument,), "msg": str(exc), "type": "style"}
        raise RequestValidationError(operation.name, [problem]) from None


def path_segment(operation: Operation[Any], param: Param, value: Any) -> str:
    """A path value percent-encoded by its style, every reserved character escaped, so it stays in its segment;
    a value that is empty, `.` or `..` (which every URL normaliser would remove or turn into a step up) is
    refused."""
    text = value if isinstance(value, str) and value in ("", ".", "..") else _written(operation, param, value)
    if text in ("", ".", ".."):
        problem = {"loc": (param.argument,), "msg": f"a path value cannot be {text!r}", "type": "path_segment"}
        raise RequestValidationError(operation.name, [problem])
    return text


def wire_parts(operation: Operation[Any], values: Mapping[str, Any]) -> tuple[str, str, dict[str, str], list[str]]:
    """(encoded path, encoded query string, headers, cookie pairs) of a call's validated arguments, each
    parameter written by its style (`styles`, the table the reference server reads with)."""
    expanded: dict[str, str] = {}
    query: list[str] = []
    headers: dict[str, str] = {}
    cookies: list[str] = []
    for param in operation.params:
        if param.argument not in values:
            continue
        value = values[param.argument]
        if param.location == "path":
            expanded[param.name] = path_segment(operation, param, value)
        elif param.location == "query":
            query.append(_written(operation, param, value))
        elif param.location == "header":
            headers[param.name] = _written(operation, param, value)
        else:
            cookies.append(_written(operation, param, value))
    # non-ASCII characters of the spec's own path template; the values are encoded already
    template = quote(operation.path, safe="/%:@!$&'()*+,;=~-._{}")
    return expand_path(template, expanded), join_query(query), headers, [c for c in cookies if c]
