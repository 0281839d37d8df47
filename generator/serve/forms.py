"""Form bodies: `application/x-www-form-urlencoded` and `multipart/form-data`, read into an object and validated.

Each property is read as the Encoding Object says (OpenAPI 3.1.2, "Encoding Object", appendix E):
- with `style`/`explode`/`allowReserved`, or in a urlencoded body by default, by style, like a query parameter
  (`generator.runtime.styles`: `form` and explode true unless stated, so `scope=read&scope=write` is an array);
- with only `contentType` (or, in multipart, by default for objects and arrays of objects), by media type: a JSON
  part is parsed as JSON;
- binary properties (`format: binary`, `contentEncoding`, `contentMediaType`, or an empty schema) keep the part
  as it came; validation sees its bytes as text of the same length, so `required` and `maxLength` still apply.

The multipart parser is the standard library's `email` package (RFC 7578 parts are MIME parts, RFC 2231 names
included); the body is already bounded by the server's size limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import quote, unquote_plus

from generator.runtime import styles
from generator.runtime.styles import MISSING, ParamStyle, Shape, StyleError
from generator.serve.parameters import DEEP_FREE, shape_of
from generator.serve.schemas import SchemaSet, Validator
from generator.spec.diagnostics import join_pointer
from generator.spec.load import Target
from generator.spec.model.media import is_json_media

URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


@dataclass(frozen=True)
class FormField:
    name: str
    wire: ParamStyle  # how the field's text is read (style, or `content_type` for JSON parts)
    shape: Shape
    binary: bool  # a file: kept as sent, never parsed


@dataclass(frozen=True)
class FormBody:
    media: str  # URLENCODED or MULTIPART
    schema: Target | None
    validator: Validator | None
    fields: Mapping[str, FormField] = field(default_factory=dict)
    read_only_names: frozenset[str] = frozenset()  # readOnly properties: required ones may be left out


def compile_form(schemas: SchemaSet, media: str, entry: Target) -> FormBody:
    """The form media type entry of a request body (`content: {multipart/form-data: {schema, encoding}}`)."""
    value = entry.value if isinstance(entry.value, dict) else {}
    schema = None
    if "schema" in value:
        schema = schemas.workspace.follow(entry.document, join_pointer(entry.pointer, "schema"), value["schema"])
    encoding: dict[str, Any] = value["encoding"] if isinstance(value.get("encoding"), dict) else {}
    fields: dict[str, FormField] = {}
    for name, sub in _properties(schemas, schema).items():
        rules: dict[str, Any] = encoding[name] if isinstance(encoding.get(name), dict) else {}
        fields[name] = _field(schemas, media, name, sub, rules)
    return FormBody(
        media=media,
        schema=schema,
        validator=schemas.validator(schema) if schema is not None else None,
        fields=fields,
    )


def _field(schemas: SchemaSet, media: str, name: str, target: Target, rules: dict[str, Any]) -> FormField:
    # a deepObject field reads the keys its schema leaves free like a deepObject parameter does
    shape = shape_of(schemas, target, free=DEEP_FREE if rules.get("style") == "deepObject" else None)
    binary = _is_binary(schemas, target)
    if shape.kind == "array" and not binary:
        items = target.value.get("items") if isinstance(target.value, dict) else None
        if isinstance(items, dict):
            items_target = Target(target.document, join_pointer(target.pointer, "items"), items)
            binary = _is_binary(schemas, items_target)
    by_style = any(key in rules for key in ("style", "explode", "allowReserved"))
    content_type = rules.get("contentType") if isinstance(rules.get("contentType"), str) else None
    if content_type is None and media == MULTIPART and not by_style and _holds_objects(schemas, target, shape):
        content_type = "application/json"  # multipart's default for objects and arrays of objects
    json_part = content_type is not None and not by_style and is_json_media(content_type.split(",")[0].strip())
    style = str(rules["style"]) if isinstance(rules.get("style"), str) else ""
    explode = rules.get("explode") if isinstance(rules.get("explode"), bool) else None
    try:
        wire = ParamStyle(
            name,
            "query",
            style,
            explode,
            rules.get("allowReserved") is True,
            content_type if json_part else None,
        )
    except StyleError:
        wire = ParamStyle(name, "query")
    return FormField(name, wire, shape, binary)


def _properties(schemas: SchemaSet, schema: Target | None) -> dict[str, Target]:
    if schema is None or not isinstance(schema.value, dict):
        return {}
    found: dict[str, Target] = {}
    for index, sub in enumerate(schema.value.get("allOf") or []):
        member = schemas.workspace.follow(schema.document, join_pointer(schema.pointer, "allOf", index), sub)
        found.update(_properties(schemas, member))
    for name, sub in (schema.value.get("properties") or {}).items():
        found[str(name)] = schemas.workspace.follow(
            schema.document, join_pointer(schema.pointer, "properties", name), sub
        )
    return found


def _is_binary(schemas: SchemaSet, target: Target) -> bool:
    value = schemas.workspace.follow(target.document, target.pointer, target.value).value
    if not isinstance(value, dict):
        return False
    if not value or value.get("format") in ("binary", "byte") or "contentEncoding" in value:
        return True
    media = value.get("contentMediaType")
    return isinstance(media, str) and not media.startswith("text/") and not is_json_media(media)


def _holds_objects(schemas: SchemaSet, target: Target, shape: Shape) -> bool:
    if shape.kind == "object":
        return True
    if shape.kind != "array" or not isinstance(target.value, dict) or not isinstance(target.value.get("items"), dict):
        return False
    items = Target(target.document, join_pointer(target.pointer, "items"), target.value["items"])
    return shape_of(schemas, items).kind == "object"


class FormError(ValueError):
    """The body is not in the declared form media type (no boundary, not UTF-8, ...)."""


def read_form(form: FormBody, content_type: str, body: bytes) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The body as an object, plus (field, message) for each field whose text is not in its style."""
    if form.media == MULTIPART:
        pairs, files = _multipart_pairs(content_type, body)
    else:
        try:
            pairs, files = styles.split_query(body.decode("ascii")), {}
        except UnicodeDecodeError:
            raise FormError("a urlencoded body is ASCII text (other characters are percent-encoded)") from None
    instance: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    names = frozenset(form.fields)
    for name, spec in form.fields.items():
        if spec.binary:
            sent = files.get(name)
            if sent:
                instance[name] = sent if spec.shape.kind == "array" else sent[0]
                continue
        try:
            if spec.wire.content_type is not None and spec.shape.kind == "array":
                value = _json_parts(spec, pairs)  # one JSON document per part
            else:
                value = styles.parse_query(spec.wire, pairs, spec.shape, names - {name})
        except StyleError as exc:
            problems.append((name, str(exc).replace(f"query parameter {name}", f"form field {name}")))
            continue
        if value is not MISSING:
            instance[name] = value
    for key, raw in pairs:  # fields the schema does not declare: kept, so additionalProperties can judge them
        decoded = _unquote(key)
        if decoded not in instance and decoded not in names and not _claimed(form, decoded):
            instance[decoded] = _unquote(raw)
    return instance, problems


def _claimed(form: FormBody, key: str) -> bool:
    """A key an object-valued field takes (deepObject `a[b]`, or an exploded form object's own keys)."""
    for spec in form.fields.values():
        if spec.wire.style == "deepObject" and key.startswith(spec.name + "["):
            return True
        if spec.shape.kind == "object" and spec.wire.exploded and key in spec.shape.properties:
            return True
    return False


def _json_parts(spec: FormField, pairs: list[tuple[str, str]]) -> Any:
    single = ParamStyle(spec.name, "query", content_type=spec.wire.content_type)
    found = [styles.parse_query(single, [pair], Shape()) for pair in pairs if _unquote(pair[0]) == spec.name]
    return found if found else MISSING


def _unquote(text: str) -> str:
    return unquote_plus(text, errors="replace")


def _multipart_pairs(content_type: str, body: bytes) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Text parts as percent-encoded (name, value) pairs (read like a query string); file parts as text."""
    if "boundary=" not in content_type.lower():
        raise FormError("a multipart/form-data body needs a boundary parameter in its Content-Type")
    head = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\nMIME-Version: 1.0\r\n\r\n"
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    boundary = message.get_param("boundary")
    if isinstance(boundary, str) and body.strip() == b"--" + boundary.encode("latin-1", "replace") + b"--":
        return [], {}  # a form with no fields: only the close delimiter (what browsers send)
    if not isinstance(message, EmailMessage) or not message.is_multipart():
        raise FormError("the body is not multipart/form-data")
    pairs: list[tuple[str, str]] = []
    files: dict[str, list[str]] = {}
    for part in message.iter_parts():
        if not isinstance(part, EmailMessage):
            continue
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            raise FormError("a multipart part has no name in its Content-Disposition")
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        # bytes as text of the same length: `type: string`, `maxLength` and `required` apply to files too
        files.setdefault(name, []).append(data.decode("latin-1"))
        try:
            text = data.decode(part.get_content_charset() or "utf-8")
        except (UnicodeDecodeError, LookupError):
            text = data.decode("latin-1")
        pairs.append((quote(name, safe=""), quote(text, safe="")))
    return pairs, files
