"""XML request bodies (`application/xml`, `text/xml`, `*/*+xml`), read into the instance their schema describes
and validated like a JSON body.

The reading follows the OpenAPI XML Object, led by the schema (never by the document's own nesting): the root
element is the schema (its name is not checked), a property is the child element of its `xml.name` (else its
own name), or the attribute with `xml.attribute: true`; an array property is its items repeated (named by the
items' `xml.name`, else the property's), or, with `xml.wrapped: true`, the children of one wrapper element. Text
becomes the JSON type the schema asks for where it reads as one (`true`, `42`, `4.5`); text that does not stays
a string, so the validator reports the type (so does text directly inside an object's element). Children the
schema does not declare are kept as text, so `additionalProperties: false` can judge them; namespace prefixes
are ignored.

Parsing is the standard library's expat, which neither fetches external entities nor expands entity bombs; a
document type declaration is refused outright, as no API body needs one. The body is already bounded by the
server's size limit, and the reading by the schema's depth (at most `MAX_DEPTH` levels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from generator.serve.forms import _properties
from generator.serve.parameters import _member, _types
from generator.serve.schemas import SchemaSet, Validator
from generator.spec.load import Target

XML_MEDIA = re.compile(r"^(?:application|text)/(?:[^;/]+\+)?xml$")
MAX_DEPTH = 64
# an xsd:decimal or double as text, bounded so no huge literal reaches int() or float()
_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,100}(?:\.[0-9]{0,100})?|\.[0-9]{1,100})(?:[eE][+-]?[0-9]{1,4})?")


@dataclass(frozen=True)
class XmlBody:
    media: str  # the XML media type of the body, as written
    schema: Target | None
    validator: Validator | None
    read_only_names: frozenset[str] = frozenset()


class XmlError(ValueError):
    """The body is not a well-formed XML document this server reads."""


def is_xml_media(media: str) -> bool:
    return bool(XML_MEDIA.match(media.split(";", 1)[0].strip().lower()))


def read_xml(schemas: SchemaSet, body: XmlBody, data: bytes) -> Any:
    if re.search(rb"<!DOCTYPE", data, re.IGNORECASE):
        raise XmlError("a document type declaration is not accepted")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise XmlError(str(exc)) from None
    if body.schema is None:
        return _text(root)
    return _value(schemas, body.schema, root, 0)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: ElementTree.Element) -> str:
    return element.text or ""


def _xml(target: Target) -> dict[str, Any]:
    value = target.value.get("xml") if isinstance(target.value, dict) else None
    return value if isinstance(value, dict) else {}


def _value(schemas: SchemaSet, target: Target, element: ElementTree.Element, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise XmlError(f"the document nests deeper than {MAX_DEPTH} levels")
    target = schemas.workspace.follow(target.document, target.pointer, target.value)
    types = _types(schemas, target, 0) - {"null"}
    if "object" in types or (not types and _properties(schemas, target)):
        if _text(element).strip() and "string" not in types:
            return _text(element)  # text is no property of an object: the validator reports the type
        return _object(schemas, target, element, depth)
    if types == {"array"}:
        items = _member(schemas, target, "items")
        if items is None:
            return [_text(child) for child in element]
        return [_value(schemas, items, child, depth + 1) for child in element]
    return _scalar(types, _text(element))


def _object(schemas: SchemaSet, target: Target, element: ElementTree.Element, depth: int) -> dict[str, Any]:
    children = list(element)
    found: dict[str, Any] = {}
    claimed: set[str] = set()
    for name, sub in _properties(schemas, target).items():
        sub = schemas.workspace.follow(sub.document, sub.pointer, sub.value)
        xml = _xml(sub)
        xml_name = str(xml.get("name") or name)
        if xml.get("attribute") is True:
            attributes = {_local(key): value for key, value in element.attrib.items()}
            if xml_name in attributes:
                found[name] = _scalar(_types(schemas, sub, 0) - {"null"}, attributes[xml_name])
            continue
        if _types(schemas, sub, 0) - {"null"} == {"array"}:
            items = _member(schemas, sub, "items")
            item_name = str(_xml(items).get("name") or xml_name) if items is not None else xml_name
            if xml.get("wrapped") is True:
                wrapper = next((c for c in children if _local(c.tag) == xml_name), None)
                members = list(wrapper) if wrapper is not None else None
                claimed.add(xml_name)
            else:
                members = [c for c in children if _local(c.tag) == item_name] or None
                claimed.add(item_name)
            if members is not None:
                found[name] = [_value(schemas, items, m, depth + 1) if items is not None else _text(m) for m in members]
            continue
        child = next((c for c in children if _local(c.tag) == xml_name), None)
        claimed.add(xml_name)
        if child is not None:
            found[name] = _value(schemas, sub, child, depth + 1)
    for child in children:
        tag = _local(child.tag)
        if tag not in claimed and tag not in found:
            found[tag] = _text(child)
    return found


def _scalar(types: frozenset[str], text: str) -> Any:
    if not types or "string" in types:
        return text
    stripped = text.strip()
    if "integer" in types and re.fullmatch(r"[+-]?[0-9]{1,100}", stripped):
        return int(stripped)
    if "number" in types and _NUMBER.fullmatch(stripped):
        return int(stripped) if re.fullmatch(r"[+-]?[0-9]+", stripped) else float(stripped)
    if "boolean" in types and stripped in ("true", "false"):
        return stripped == "true"
    return text
