# Generated from specs/gaussdb-opengauss/openapi.yaml (sha256 7f74c040d4f3ac97) by vendor-openapi-toolchain 0.1.0: do not edit.
"""From a call's arguments to what goes on the wire: validation against the spec, then the path, query, headers,
cookies (written by `styles`, one table for every location, style and explode) and body. Nothing is sent when an
argument breaks the spec or cannot be written in its style (`RequestValidationError`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ._lazy import LazyModule
from ._operations import NotGiven, Operation, Param
from .errors import RequestValidationError
from .styles import StyleError, expand_path, join_cookies, join_query, serialize

if TYPE_CHECKING:
    import pydantic
else:  # loaded by the first client made (see `_lazy`)
    pydantic = LazyModule("pydantic", globals())


_UNSAFE_SEGMENTS = ("", ".", "..")
"""What a path segment may not become (a segment can only become one of these if a value in it is one)."""


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
    return _encoder()(operation, body)


@cache
def _encoder() -> Callable[[Operation[Any], Any], tuple[bytes | None, str | None]]:
    """`_bodies.encode`, imported by the first call with a body (an import statement in every call costs more than
    some of the steps of a call)."""
    from ._bodies import encode

    return encode


def _serialized(operation: Operation[Any], param: Param, value: Any) -> str:
    try:
        return serialize(param.style_table, value)
    except StyleError as exc:
        problem = {"loc": (param.argument,), "msg": str(exc), "type": "parameter_style"}
        raise RequestValidationError(operation.name, [problem]) from None


def _check_segments(operation: Operation[Any], template: str, path: str) -> None:
    """No value may add or remove a path segment: values are percent-encoded (a `/` in one never splits it), and a
    segment a value made empty, `.` or `..` (which a URL normaliser removes or turns into a step up) is refused."""
    for pattern, segment in zip(template.split("/"), path.split("/"), strict=True):
        if "{" in pattern and segment in _UNSAFE_SEGMENTS:
            names = [p.argument for p in operation.params if "{" + p.name + "}" in pattern]
            message = f"a path value cannot make the segment {segment!r}"
            problems = [{"loc": (name,), "msg": message, "type": "path_segment"} for name in names]
            raise RequestValidationError(operation.name, problems)


WireParts = tuple[str, str, Mapping[str, str], str]
"""(encoded path, encoded query string, headers, Cookie header): what a call's arguments put on the wire."""


def wire_parts(operation: Operation[Any], values: Mapping[str, Any]) -> WireParts:
    """(encoded path, encoded query string, headers, Cookie header) of a call's validated arguments, each value
    written by the parameter's OpenAPI style (`styles`, the table the reference server reads with)."""
    texts: dict[str, str] = {}
    query: list[str] = []
    headers: dict[str, str] = {}
    cookies: list[str] = []
    for param in operation.params:
        if param.argument not in values:
            continue
        text = _serialized(operation, param, values[param.argument])
        if param.location == "path":
            texts[param.name] = text
        elif param.location == "query":
            query.append(text)
        elif param.location == "header":
            headers[param.name] = text
        else:
            cookies.append(text)
    template = _template(operation.path)
    path = expand_path(template, texts)
    if any(text in _UNSAFE_SEGMENTS for text in texts.values()):
        _check_segments(operation, template, path)
    return path, join_query(query), headers, join_cookies(cookies)


@lru_cache(maxsize=1024)
def _template(path: str) -> str:
    """The spec's path template with its non-ASCII characters percent-encoded."""
    return quote(path, safe="/%:@!$&'()*+,;=~-._{}")
