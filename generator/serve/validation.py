"""Request validation against the compiled operation: parameters, body and embedded JSON documents.

Each problem becomes a `Violation` naming the field (`database.port`, `plugin_content.max_age`, header
`X-Language`). Messages never repeat the offending value, so a rejected password or token cannot leak through an
error body or a log line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import unquote

from jsonschema.exceptions import ValidationError

from generator.runtime import styles
from generator.runtime.styles import LOCATIONS, MISSING
from generator.serve.compiled import JSON_MEDIA, Body, Operation, Param
from generator.serve.forms import FormBody, FormError, read_form
from generator.serve.schemas import SchemaSet
from generator.serve.xml_body import XmlBody, XmlError, is_xml_media, read_xml
from generator.spec.content import ContentRule
from generator.spec.load import Target


@dataclass(frozen=True)
class Violation:
    location: str  # path | query | header | cookie | body
    field: str  # dotted path of the offending field ("" for the whole body)
    message: str  # a sentence that starts with the field

    def as_dict(self) -> dict[str, str]:
        return {"location": self.location, "field": self.field, "message": self.message}


@dataclass(frozen=True)
class RawRequest:
    """What validation needs from an HTTP request, already split up (independent of the web framework)."""

    path_params: Mapping[str, str]  # as matched, still percent-encoded (styles split before decoding)
    query_string: str  # raw, without `?`
    headers: Mapping[str, str]  # lower-case names (cookies are read from `cookie`)
    content_type: str | None
    body: bytes

    @cached_property
    def query_pairs(self) -> list[tuple[str, str]]:
        return styles.split_query(self.query_string)

    @cached_property
    def cookie_pairs(self) -> list[tuple[str, str]]:
        return styles.split_cookies(self.headers.get("cookie", ""))


class InvalidJson(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise InvalidJson(f"{name} is not a JSON value")


def parse_json(text: str | bytes) -> Any:
    """Strict JSON: NaN and Infinity (which Python's json accepts) are errors."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:  # ValueError: also an integer past Python's 4,300-digit limit
        raise InvalidJson(_json_error(exc)) from None


def _json_error(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    if isinstance(exc, UnicodeDecodeError):
        return "the body is not UTF-8 text"
    if isinstance(exc, RecursionError):
        return "the document is nested too deeply"
    if not isinstance(exc, InvalidJson):
        return "a number in the document has too many digits"
    return str(exc)


def field_name(parts: Iterable[str | int], prefix: str = "") -> str:
    text = prefix
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text = f"{text}.{part}" if text else str(part)
    return text


def _describe(error: ValidationError, prefix: str, read_only: frozenset[str]) -> tuple[str, str] | None:
    """(field, message) for one jsonschema error, phrased without the offending value; None to pass over it."""
    field = field_name(list(error.absolute_path), prefix)
    keyword = str(error.validator)
    expected = error.validator_value
    what = field or "the request body"
    if keyword == "required" and isinstance(error.instance, dict) and isinstance(expected, list):
        # a readOnly property is the server's to set: a request need not send it, even when the schema requires it
        missing = [name for name in expected if name not in error.instance and name not in read_only]
        if not missing:
            return None
        name = field_name([missing[0]], field)
        return name, f"{name} is required"
    if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(error.instance, dict):
        allowed = set((error.schema or {}).get("properties") or {}) if isinstance(error.schema, dict) else set()
        extra = sorted(k for k in error.instance if k not in allowed)
        name = field_name([extra[0]], field) if extra else field
        return name, f"{name} is not an allowed property"
    if keyword == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return field, f"{what} must be of type {' or '.join(map(str, kinds))}"
    if keyword == "enum" and isinstance(expected, list):
        return field, f"{what} must be one of: {', '.join(json.dumps(v) for v in expected)}"
    if keyword == "const":
        return field, f"{what} must be {json.dumps(expected)}"
    if keyword == "pattern":
        return field, f"{what} does not match the pattern {expected}"
    if keyword == "format":
        return field, f"{what} is not a valid {expected}"
    bounds = {
        "minLength": "must be at least {} characters long",
        "maxLength": "must be at most {} characters long",
        "minimum": "must be greater than or equal to {}",
        "maximum": "must be less than or equal to {}",
        "exclusiveMinimum": "must be greater than {}",
        "exclusiveMaximum": "must be less than {}",
        "minItems": "must have at least {} items",
        "maxItems": "must have at most {} items",
        "minProperties": "must have at least {} properties",
        "maxProperties": "must have at most {} properties",
        "multipleOf": "must be a multiple of {}",
    }
    if keyword in bounds:
        return field, f"{what} {bounds[keyword].format(expected)}"
    if keyword == "uniqueItems":
        return field, f"{what} must not contain duplicate items"
    if keyword in ("anyOf", "oneOf"):
        return field, f"{what} does not match {'exactly one' if keyword == 'oneOf' else 'any'} of the allowed schemas"
    if keyword == "not":
        return field, f"{what} has a value that is not allowed"
    return field, f"{what} is invalid ({keyword})"


def schema_violations(
    validator: Any, instance: Any, location: str, prefix: str = "", read_only: frozenset[str] = frozenset()
) -> list[Violation]:
    """The problems of an instance; `read_only`: property names a request may leave out although required."""
    errors = sorted(validator.iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), str(e.validator)))
    seen: set[tuple[str, str]] = set()
    found: list[Violation] = []
    for error in errors:
        described = _describe(error, prefix, read_only)
        if described is not None and described not in seen:
            seen.add(described)
            found.append(Violation(location, *described))
    return found


def content_violations(
    schemas: SchemaSet,
    schema: Target,
    rules: Iterable[ContentRule],
    properties: Iterable[str],
    instance: Any,
    location: str = "body",
) -> list[Violation]:
    """Embedded JSON documents (`contentMediaType: application/json`), asserted against the selected schema."""
    if not isinstance(instance, dict):
        return []
    found: list[Violation] = []
    parsed: dict[str, Any] = {}
    for prop in properties:
        text = instance.get(prop)
        if not isinstance(text, str):
            continue
        try:
            parsed[prop] = parse_json(text)
        except InvalidJson as exc:
            found.append(Violation(location, prop, f"{prop} must be a JSON document ({exc})"))
    for rule in rules:
        if instance.get(rule.selector) != rule.value or rule.property not in parsed:
            continue
        target = schemas.resolve(schema, rule.schema)
        for violation in schema_violations(schemas.validator(target), parsed[rule.property], location, rule.property):
            found.append(
                Violation(
                    location,
                    violation.field,
                    f"{violation.message} (in the JSON document of {rule.property}, "
                    f"for {rule.selector} {json.dumps(rule.value)})",
                )
            )
    return found


def parameter_value(param: Param, request: RawRequest, others: frozenset[str] = frozenset()) -> Any:
    """The parameter's value read by its style (MISSING when absent); StyleError when the text is not in it."""
    wire = param.wire
    if param.location == "path":
        raw = request.path_params.get(param.name)
        return MISSING if raw is None else styles.parse_path(wire, raw, param.shape)
    if param.location == "query":
        return styles.parse_query(wire, request.query_pairs, param.shape, others)
    if param.location == "header":
        return styles.parse_header(wire, request.headers.get(param.name.lower()), param.shape)
    return styles.parse_cookie(wire, request.cookie_pairs, param.shape, others)


def _param_violations(param: Param, request: RawRequest, others: frozenset[str]) -> Iterator[Violation]:
    try:
        value = parameter_value(param, request, others)
    except styles.StyleError as exc:
        yield Violation(param.location, param.name, str(exc))
        return
    if value is MISSING:
        if param.required:
            yield Violation(param.location, param.name, f"{param.location} parameter {param.name} is required")
        return
    if param.validator is None:
        return
    for violation in schema_violations(param.validator, value, param.location, param.name):
        yield Violation(violation.location, violation.field, f"{param.location} parameter {violation.message}")


def missing_credentials(op: Operation, headers: Mapping[str, str]) -> str | None:
    """A required `Authorization` header parameter the request lacks. OpenAPI says to ignore such a parameter,
    but a document that declares one means a credential (schema-circular documents its 401 as "the Authorization
    header may be missing"), and a request without credentials is a 401 (RFC 9110 11.6.2), not a bad request."""
    for param in op.params:
        credential = param.location == "header" and param.name.lower() == "authorization"
        if credential and param.required and "authorization" not in headers:
            return "the Authorization header is required"
    return None


def path_values(op: Operation, raw_params: Mapping[str, str]) -> dict[str, str]:
    """Path parameters as text for the vendor modules and the store (`;id=5` in matrix style is `5`)."""
    values: dict[str, str] = {}
    request = RawRequest(path_params=raw_params, query_string="", headers={}, content_type=None, body=b"")
    for param in op.params:
        if param.location != "path" or param.name not in raw_params:
            continue
        try:
            value = parameter_value(param, request)
        except styles.StyleError:
            value = None
        values[param.name] = value if isinstance(value, str) else unquote(raw_params[param.name], errors="replace")
    return values


def body_violations(schemas: SchemaSet, body: Body, request: RawRequest) -> tuple[Any, list[Violation]]:
    """The parsed body (or None) and its problems."""
    media = (request.content_type or "").split(";")[0].strip().lower()
    # an empty form is an object without fields, and empty text is a document; anything else empty is absent
    empty_document = media != "" and (
        (body.form is not None and media == body.form.media) or not JSON_MEDIA.match(media)
    )
    if not request.body and not empty_document:
        if body.required:
            return None, [Violation("body", "", "the request body is required")]
        return None, []
    if body.form is not None and media == body.form.media:
        return _form_violations(body.form, request)
    if body.xml is not None and is_xml_media(media):
        return _xml_violations(schemas, body.xml, request)
    if body.json_media is None or not JSON_MEDIA.match(media):
        if (body.json_media is None and body.form is None) or _declared(body.media_types, media):
            return None, []  # a body of another documented media type is accepted as is
        expected = ", ".join(body.media_types)
        return None, [Violation("header", "Content-Type", f"Content-Type must be {expected}")]
    try:
        instance = parse_json(request.body)
    except InvalidJson as exc:
        return None, [Violation("body", "", f"the request body is not valid JSON: {exc}")]
    found: list[Violation] = []
    if body.validator is not None:
        found = schema_violations(body.validator, instance, "body", read_only=body.read_only_names)
    if not found and body.schema is not None:
        found = content_violations(schemas, body.schema, body.content_rules, body.content_properties, instance)
    return instance, found


def _declared(media_types: Iterable[str], media: str) -> bool:
    """The request's media type is one the body documents (`image/*` and `*/*` ranges included)."""
    for declared in media_types:
        base = declared.split(";")[0].strip().lower()
        if base in (media, "*/*") or (base.endswith("/*") and media.startswith(base[:-1])):
            return True
    return False


def _xml_violations(schemas: SchemaSet, xml: XmlBody, request: RawRequest) -> tuple[Any, list[Violation]]:
    try:
        instance = read_xml(schemas, xml, request.body)
    except XmlError as exc:
        return None, [Violation("body", "", f"the request body is not {xml.media}: {exc}")]
    if xml.validator is None:
        return instance, []
    return instance, schema_violations(xml.validator, instance, "body", read_only=xml.read_only_names)


def _form_violations(form: FormBody, request: RawRequest) -> tuple[Any, list[Violation]]:
    try:
        instance, problems = read_form(form, request.content_type or "", request.body)
    except FormError as exc:
        return None, [Violation("body", "", f"the request body is not {form.media}: {exc}")]
    found = [Violation("body", name, message) for name, message in problems]
    if form.validator is not None:
        found += schema_violations(form.validator, instance, "body", read_only=form.read_only_names)
    return instance, found


def request_violations(schemas: SchemaSet, op: Operation, request: RawRequest) -> tuple[Any, list[Violation]]:
    found: list[Violation] = []
    names = {location: frozenset(p.name for p in op.params if p.location == location) for location in LOCATIONS}
    for param in op.params:
        if param.location in names:
            found.extend(_param_violations(param, request, names[param.location] - {param.name}))
    instance: Any = None
    if op.body is not None:
        instance, problems = body_violations(schemas, op.body, request)
        found.extend(problems)
    return instance, found
