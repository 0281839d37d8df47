"""The models of an API: every schema the client needs, gathered across files into one self-contained set keyed
by class name (the input of datamodel-code-generator).

`$ref`s are rewritten to that set; inline objects are given names of their own (`<Parent><Property>`) so that the
generated class names are predictable; the JSON text properties of `generator.spec.content` rules become a union
of the text and the content models.

Why one module (~400 lines): `SchemaSet` is one walk that rewrites `$ref`s, names inline objects and converts
keywords in the same pass, so that a name given once is the name everywhere.
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.ir import keywords, naming
from generator.ir import model as ir
from generator.ir.directions import OneWay
from generator.ir.patterns import linear_time_problem, not_a_regex, rust_pattern
from generator.spec.content import content_rules
from generator.spec.diagnostics import SpecError, join_pointer, split_pointer
from generator.spec.load import Document, Target, Workspace

# Keywords whose values are one schema, a map of schemas, or a list of schemas.
_ONE = (
    "items",
    "not",
    "additionalProperties",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
)
_MAP = ("properties", "patternProperties", "dependentSchemas")
_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
# Annotations and keywords the models cannot express or do not need; dropping them keeps spec text (examples,
# comments) out of the generated code. `if`/`then`/`else` are handled by the content rules or not at all.
_DROP = frozenset(
    {
        "example",
        "examples",
        "$comment",
        "$schema",
        "$id",
        "$anchor",
        "$defs",
        "definitions",
        "xml",
        "externalDocs",
        "contentSchema",
        "contentMediaType",
        "contentEncoding",
        "if",
        "then",
        "else",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")

# Names the generated models module imports or defines besides the models themselves.
MODELS_MODULE_NAMES = (
    "Annotated",
    "Any",
    "AwareDatetime",
    "BaseModel",
    "ClassVar",
    "ConfigDict",
    "ContentModel",
    "Field",
    "Literal",
    "MISSING",
    "Model",
    "NaiveDatetime",
    "RootModel",
    "SecretStr",
    "TypeAliasType",
    "UUID",
    "Decimal",
    "AnyUrl",
    "EmailStr",
    "Base64Str",
    "Base64Bytes",
    "Content",
    "ContentRule",
    "Enum",
    "StrEnum",
    "IntEnum",
    "Union",
    "Optional",
    "date",
    "datetime",
    "time",
    "timedelta",
)

log = logging.getLogger(__name__)


def clean_text(text: Any) -> str:
    """Spec prose for docstrings and comments: control characters (NUL, CR, line separators) become spaces."""
    if not isinstance(text, str):
        return ""
    return _CONTROL.sub(" ", text.replace("\r\n", "\n")).strip()


@dataclass
class _Named:
    name: str
    document: Document
    pointer: str
    node: Any


class SchemaSet:
    """Collects the schemas of one API under unique class names, rewriting `$ref`s across files."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.scope = naming.Scope(MODELS_MODULE_NAMES)
        self.by_target: dict[tuple[Path, str], str] = {}
        self.schemas: dict[str, dict[str, Any]] = {}
        self.content_rules: list[ir.ContentRule] = []
        self.sources: dict[str, _Named] = {}  # class name -> its source schema (for `generator.ir.rules`)
        self.one_way: dict[str, OneWay] = {}  # class name -> its readOnly/writeOnly properties (`directions`)
        self._pending: list[_Named] = []
        # id of a `properties` object -> it (kept alive, so the id stays its own), its readOnly and writeOnly
        # names: asked for twice per object schema, each time following every `$ref` among the properties
        self._one_ways_of: dict[int, tuple[Any, frozenset[str], frozenset[str]]] = {}

    # ---- naming -----------------------------------------------------------------------------------------

    def name_for(self, target: Target, hint: str) -> str:
        """The class name of a schema node (registered on first sight, converted later by `drain`)."""
        key = (target.document.path, target.pointer)
        if key not in self.by_target:
            name = self.scope.pascal(hint, prefix="Model")
            self.by_target[key] = name
            self.schemas[name] = {}  # placeholder keeps registration order = output order
            self._pending.append(_Named(name, target.document, target.pointer, target.value))
        return self.by_target[key]

    def named(self, document: Document, pointer: str, node: Any, hint: str) -> str:
        target = self.ws.follow(document, pointer, node)
        return self.name_for(target, hint_of(target.pointer, hint))

    def drain(self) -> None:
        while self._pending:
            item = self._pending.pop(0)
            self.schemas[item.name] = self.convert_root(item)

    # ---- conversion -------------------------------------------------------------------------------------

    def ref(self, document: Document, pointer: str, node: Any, hint: str) -> dict[str, Any]:
        return {"$ref": f"#/components/schemas/{self.named(document, pointer, node, hint)}"}

    def convert_root(self, item: _Named) -> dict[str, Any]:
        self.sources[item.name] = item
        converted = self.convert(item.document, item.pointer, item.node, item.name, top=True)
        schema: dict[str, Any] = converted if isinstance(converted, dict) else {}  # `true`: anything
        if isinstance(item.node, dict) and isinstance(item.node.get("properties"), dict):
            where = join_pointer(item.pointer, "properties")
            read, write = self._one_ways(item.document, where, item.node["properties"])
            required = item.node.get("required")
            names = tuple(str(n) for n in required) if isinstance(required, list) else ()
            if read or write:
                self.one_way[item.name] = OneWay(frozenset(read), frozenset(write), names)
        rules = content_rules(item.node) if isinstance(item.node, dict) else []
        if rules and isinstance(schema.get("properties"), dict):
            self._apply_content_rules(item, schema, rules)
        return schema

    def convert(
        self, document: Document, pointer: str, node: Any, hint: str, *, top: bool = False, member: bool = False
    ) -> Any:
        """A copy of one schema with `$ref`s renamed, inline objects hoisted and unusable keywords dropped.
        `member`: the schema is one of an `allOf`/`anyOf`/`oneOf` list."""
        if not isinstance(node, dict):
            return node  # `true`/`false` schemas
        if "$ref" in node and isinstance(node["$ref"], str):
            target = self.ws.follow(document, pointer, node)
            if not top or target.pointer != pointer or target.document is not document:
                result = self.ref(document, pointer, node, hint)
                if isinstance(node.get("description"), str):
                    result["description"] = clean_text(node["description"])
                return result
        if not top and not member and (kind := _implicit_kind(node)) is not None:
            return self._untyped(document, pointer, node, hint, kind)
        if not top and _hoistable(node):
            return self.ref(document, pointer, node, hint)
        out: dict[str, Any] = {}
        for key, value in node.items():
            # the key's pointer is spelled only where it is needed: most keys are plain known keywords
            if key in _DROP or key.startswith("x-"):
                continue
            if key not in keywords.SCHEMA_KEYWORDS and not keywords.understood(
                document, join_pointer(pointer, key), key
            ):
                continue
            if key in ("description", "title"):
                out[key] = clean_text(value)
            elif key in _ONE and isinstance(value, dict):
                out[key] = self.convert(document, join_pointer(pointer, key), value, _child_hint(hint, key))
            elif key in _MAP and isinstance(value, dict):
                here = join_pointer(pointer, key)
                out[key] = {
                    name: self.convert(document, join_pointer(here, name), sub, f"{hint} {name}")
                    for name, sub in value.items()
                }
            elif key in _LIST and isinstance(value, list):
                here = join_pointer(pointer, key)
                out[key] = [
                    self.convert(
                        document, join_pointer(here, index), sub, _member_hint(hint, key, index, sub), member=True
                    )
                    for index, sub in enumerate(value)
                    if not (key == "allOf" and _only_conditional(sub))
                ]
                if not out[key]:
                    del out[key]
            elif key == "discriminator" and isinstance(value, dict):
                out[key] = self._discriminator(document, join_pointer(pointer, key), value, hint)
            elif key == "pattern" and isinstance(value, str):
                if (checked := _checked_pattern(document, join_pointer(pointer, key), value)) is not None:
                    out[key] = checked
            elif key == "required" and isinstance(value, list) and isinstance(node.get("properties"), dict):
                # one model reads responses and checks requests: a readOnly property is never sent and a
                # writeOnly one never comes back, so neither can be required of both
                one_way = self._one_way(document, join_pointer(pointer, "properties"), node["properties"])
                out[key] = [name for name in value if name not in one_way]
            elif key in ("exclusiveMaximum", "exclusiveMinimum") and isinstance(value, bool):
                # the 3.0 spelling (also found in 3.1 documents): a flag on `maximum`/`minimum`
                bound = "maximum" if key == "exclusiveMaximum" else "minimum"
                if value and isinstance(node.get(bound), (int, float)) and not isinstance(node.get(bound), bool):
                    out[key] = node[bound]
            elif key in ("maximum", "minimum") and node.get("exclusive" + key.title()) is True:
                continue  # carried by the exclusive bound above
            elif key == "format" and value in ("email", "idn-email", "byte"):
                # annotations in JSON Schema that pydantic would assert more narrowly than the API: EmailStr
                # refuses special-use domains such as `.local`, Base64Str requires the decoded bytes to be UTF-8
                # text (in answers too); kept aside for the README's examples
                out["x-format"] = value
            elif key == "format" and value == "password":
                # A secret: plain `str` (keeps pattern and lengths; SecretStr would drop them) hidden from reprs.
                out["x-repr"] = False
            else:
                out[key] = value
        return out

    def _untyped(self, document: Document, pointer: str, node: dict[str, Any], hint: str, kind: str) -> Any:
        """A schema with `properties` (or `items`) and no `type`: every generator, and the documents' authors, mean
        an object (an array), and so is it typed, first; JSON Schema also admits any value of another type there
        (the keywords only constrain objects), so the other JSON types follow in a union: the client neither
        refuses such a value the document allows in a request nor loses it in an answer. Not for the members of
        a union or an `allOf` (their list already says what the value is; a discriminator needs objects)."""
        typed = self.convert(document, pointer, {**node, "type": kind}, hint)
        others: list[dict[str, Any]] = [{"type": t} for t in ("string", "integer", "number", "boolean")]
        others += [{"type": "array", "items": {}}] if kind == "object" else [{"type": "object"}]
        result: dict[str, Any] = {"anyOf": [typed, *others, {"type": "null"}]}
        if isinstance(node.get("description"), str):
            result["description"] = clean_text(node["description"])
        return result

    def _one_way(self, document: Document, pointer: str, properties: dict[str, Any]) -> frozenset[str]:
        """Names of the properties marked readOnly or writeOnly (on the property or the schema it refers to)."""
        read, write = self._one_ways(document, pointer, properties)
        return read | write

    def _one_ways(
        self, document: Document, pointer: str, properties: dict[str, Any]
    ) -> tuple[frozenset[str], frozenset[str]]:
        """Names of the properties marked readOnly, and of those marked writeOnly (on the property, beside its
        `$ref`, or on the schema it refers to)."""
        known = self._one_ways_of.get(id(properties))
        if known is not None and known[0] is properties:
            return known[1], known[2]
        read: set[str] = set()
        write: set[str] = set()
        for name, sub in properties.items():
            if not isinstance(sub, dict):
                continue
            marks = [sub]
            if "$ref" in sub:
                with contextlib.suppress(SpecError):  # an unresolvable `$ref` is reported where it is loaded
                    marks.append(self.ws.follow(document, join_pointer(pointer, str(name)), sub).value)
            if any(isinstance(m, dict) and m.get("readOnly") is True for m in marks):
                read.add(str(name))
            if any(isinstance(m, dict) and m.get("writeOnly") is True for m in marks):
                write.add(str(name))
        self._one_ways_of[id(properties)] = (properties, frozenset(read), frozenset(write))
        return frozenset(read), frozenset(write)

    def _discriminator(self, document: Document, pointer: str, value: dict[str, Any], hint: str) -> dict[str, Any]:
        result = dict(value)
        mapping = value.get("mapping")
        if isinstance(mapping, dict):
            result["mapping"] = {
                key: self.ref(
                    document, join_pointer(pointer, "mapping", key), {"$ref": _mapping_ref(ref)}, f"{hint} {key}"
                )["$ref"]
                for key, ref in mapping.items()
                if isinstance(ref, str)
            }
        return result

    def _apply_content_rules(self, item: _Named, schema: dict[str, Any], rules: list[Any]) -> None:
        by_property: dict[str, list[Any]] = {}
        for rule in rules:
            by_property.setdefault(rule.property, []).append(rule)
        for prop, prop_rules in by_property.items():
            current = schema["properties"].get(prop)
            original = (item.node.get("properties") or {}).get(prop)
            if not isinstance(current, dict) or not isinstance(original, dict):
                continue
            rule_pointer = join_pointer(item.pointer, "allOf")
            cases: list[ir.ContentCase] = []
            members: list[dict[str, Any]] = []
            for rule in prop_rules:
                model = self.named(item.document, rule_pointer, rule.schema, f"{item.name} {prop} {rule.value}")
                cases.append(ir.ContentCase(rule.value, model))
                member = {"$ref": f"#/components/schemas/{model}"}
                if member not in members:
                    members.append(member)
            text = {k: v for k, v in current.items() if k in ("type",)} or {"type": "string"}
            replacement: dict[str, Any] = {"anyOf": [text, *members]}
            if "description" in current:
                replacement["description"] = current["description"]
            schema["properties"][prop] = replacement
            max_length = original.get("maxLength")
            self.content_rules.append(
                ir.ContentRule(
                    model=item.name,
                    property=prop,
                    selector=prop_rules[0].selector,
                    cases=tuple(cases),
                    max_length=max_length if isinstance(max_length, int) else None,
                )
            )


def _mapping_ref(value: str) -> str:
    """A discriminator mapping value: a `$ref`, or (as the specification also allows) a schema's name."""
    if "#" in value or "/" in value or value.endswith((".yaml", ".yml", ".json")):
        return value
    return f"#/components/schemas/{value}"


def _checked_pattern(document: Document, pointer: str, pattern: str) -> str | None:
    """The pattern the generated models check, or None when their linear-time engine cannot run it.

    A pattern that is no regular expression at all is an error in the spec. One that needs backtracking
    (lookaround, backreferences) is left out of the models with a located warning, so that any document still
    generates and no string can stall the client; the reference server still checks it (ECMA-262)."""
    if (invalid := not_a_regex(pattern)) is not None:
        message = f"pattern {pattern!r} is not a valid regular expression: {invalid}"
        raise SpecError([document.diagnostic(pointer, message)])
    if (problem := linear_time_problem(pattern)) is not None:
        warning = document.diagnostic(pointer, f"warning: {problem}; the generated client does not check it")
        log.warning("%s", warning.format())
        return None
    return rust_pattern(pattern)


def hint_of(pointer: str, fallback: str) -> str:
    tokens = split_pointer(pointer)
    if len(tokens) >= 3 and tokens[-3] == "components" and tokens[-2] == "schemas":
        return tokens[-1]
    if len(tokens) >= 2 and tokens[-2] in ("schemas", "definitions", "$defs"):
        return tokens[-1]
    return fallback


def _child_hint(hint: str, key: str) -> str:
    return f"{hint} item" if key in ("items", "prefixItems") else f"{hint} {key}"


def _member_hint(hint: str, key: str, index: int, sub: Any) -> str:
    if isinstance(sub, dict) and isinstance(sub.get("title"), str) and sub["title"].strip():
        return str(sub["title"])
    return f"{hint} option {index + 1}" if key != "allOf" else f"{hint} part {index + 1}"


def _hoistable(node: dict[str, Any]) -> bool:
    """Inline object schemas get a class of their own, named by us rather than by datamodel-code-generator."""
    return isinstance(node.get("properties"), dict) and bool(node["properties"]) and "allOf" not in node


# Keywords that give a schema a type of its own, or leave it to others: such a schema is not "untyped".
_TYPING = frozenset({"type", "$ref", "allOf", "anyOf", "oneOf", "not", "enum", "const", "if", "discriminator"})


def _implicit_kind(node: dict[str, Any]) -> str | None:
    """ "object" for a schema with `properties` and no `type`, "array" for one with `items`; else None."""
    if _TYPING & node.keys():
        return None
    if isinstance(node.get("properties"), dict) and node["properties"]:
        return "object"
    if isinstance(node.get("items"), dict | bool) and "properties" not in node:
        return "array"
    return None


def _only_conditional(sub: Any) -> bool:
    return isinstance(sub, dict) and bool(sub) and set(sub) <= {"if", "then", "else", "description", "$comment"}
