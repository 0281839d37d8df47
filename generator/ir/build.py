"""A validated OpenAPI 3.0/3.1 document (plus the files it references) -> `generator.ir.Api`.

Two jobs:
- operations, parameters, bodies, responses, security and servers, with every name made a safe identifier;
- models: every schema the client needs, gathered across files into one self-contained set keyed by class name
  (the input of datamodel-code-generator). `$ref`s are rewritten to that set; inline objects are given names of
  their own (`<Parent><Property>`) so that the generated class names are predictable; the JSON text properties
  of `generator.spec.content` rules become a union of the text and the content models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from packaging.version import InvalidVersion, Version

from generator.ir import model as ir
from generator.ir import naming
from generator.spec.content import JSON_MEDIA_TYPES, content_rules
from generator.spec.diagnostics import SpecError, join_pointer, split_pointer
from generator.spec.load import Document, Target, Workspace
from generator.spec.terms import HTTP_METHODS

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
# Keyword arguments every generated operation method has, and names its body uses from the module.
METHOD_RESERVED = (
    "self",
    "cls",
    "body",
    "timeout",
    "deadline",
    "max_retries",
    "strict_responses",
    "extra_headers",
    "models",
    "httpx",
    "typing",
    "cast",
)
# Attributes of the generated clients that operation method names must not replace.
CLIENT_RESERVED = (
    "close",
    "aclose",
    "with_raw_response",
    "base_url",
    "timeout",
    "max_retries",
    "request",
    "copy",
    "operations",
    "deadline",
    "retry_backoff",
    "retry_max_delay",
    "max_response_size",
    "strict_responses",
)
# Keyword arguments of the generated client constructors.
CONSTRUCTOR_RESERVED = (
    "base_url",
    "token",
    "ak",
    "sk",
    "username",
    "password",
    "timeout",
    "max_retries",
    "retry_backoff",
    "retry_max_delay",
    "deadline",
    "max_response_size",
    "strict_responses",
    "headers",
    "http_client",
    "self",
)


def clean_text(text: Any) -> str:
    """Spec prose for docstrings and comments: control characters (NUL, CR, line separators) become spaces."""
    if not isinstance(text, str):
        return ""
    return _CONTROL.sub(" ", text.replace("\r\n", "\n")).strip()


def package_version(api_version: str) -> str:
    """A PEP 440 version for the generated package: info.version when valid, else its digit groups (2025-08-11 ->
    2025.8.11), else 0.1.0."""
    try:
        return str(Version(api_version))
    except InvalidVersion:
        groups = [str(int(g)) for g in re.findall(r"\d+", api_version)][:4]
        return ".".join(groups) if groups else "0.1.0"


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
        self._pending: list[_Named] = []

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
        return self.name_for(target, _hint(target.pointer, hint))

    def drain(self) -> None:
        while self._pending:
            item = self._pending.pop(0)
            self.schemas[item.name] = self.convert_root(item)

    # ---- conversion -------------------------------------------------------------------------------------

    def ref(self, document: Document, pointer: str, node: Any, hint: str) -> dict[str, Any]:
        return {"$ref": f"#/components/schemas/{self.named(document, pointer, node, hint)}"}

    def convert_root(self, item: _Named) -> dict[str, Any]:
        converted = self.convert(item.document, item.pointer, item.node, item.name, top=True)
        schema: dict[str, Any] = converted if isinstance(converted, dict) else {}  # `true`: anything
        rules = content_rules(item.node) if isinstance(item.node, dict) else []
        if rules and isinstance(schema.get("properties"), dict):
            self._apply_content_rules(item, schema, rules)
        return schema

    def convert(self, document: Document, pointer: str, node: Any, hint: str, *, top: bool = False) -> Any:
        """A copy of one schema with `$ref`s renamed, inline objects hoisted and unusable keywords dropped."""
        if not isinstance(node, dict):
            return node  # `true`/`false` schemas
        if "$ref" in node and isinstance(node["$ref"], str):
            target = self.ws.follow(document, pointer, node)
            if not top or target.pointer != pointer or target.document is not document:
                result = self.ref(document, pointer, node, hint)
                if isinstance(node.get("description"), str):
                    result["description"] = clean_text(node["description"])
                return result
        if not top and _hoistable(node):
            return self.ref(document, pointer, node, hint)
        out: dict[str, Any] = {}
        for key, value in node.items():
            here = join_pointer(pointer, key)
            if key in _DROP or key.startswith("x-"):
                continue
            if key in ("description", "title"):
                out[key] = clean_text(value)
            elif key in _ONE and isinstance(value, dict):
                out[key] = self.convert(document, here, value, _child_hint(hint, key))
            elif key in _MAP and isinstance(value, dict):
                out[key] = {
                    name: self.convert(document, join_pointer(here, name), sub, f"{hint} {name}")
                    for name, sub in value.items()
                }
            elif key in _LIST and isinstance(value, list):
                out[key] = [
                    self.convert(document, join_pointer(here, index), sub, _member_hint(hint, key, index, sub))
                    for index, sub in enumerate(value)
                    if not (key == "allOf" and _only_conditional(sub))
                ]
                if not out[key]:
                    del out[key]
            elif key == "discriminator" and isinstance(value, dict):
                out[key] = self._discriminator(document, here, value, hint)
            elif key == "pattern" and isinstance(value, str):
                out[key] = _checked_pattern(document, here, value)
            elif key == "format" and value == "password":
                # A secret: plain `str` (keeps pattern and lengths; SecretStr would drop them) hidden from reprs.
                out["x-repr"] = False
            else:
                out[key] = value
        return out

    def _discriminator(self, document: Document, pointer: str, value: dict[str, Any], hint: str) -> dict[str, Any]:
        result = dict(value)
        mapping = value.get("mapping")
        if isinstance(mapping, dict):
            result["mapping"] = {
                key: self.ref(document, join_pointer(pointer, "mapping", key), {"$ref": ref}, f"{hint} {key}")["$ref"]
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


def _checked_pattern(document: Document, pointer: str, pattern: str) -> str:
    """The generated models check patterns with Python's `re`: one it cannot compile is an error in the spec."""
    try:
        re.compile(pattern)
    except re.error as exc:
        message = f"pattern {pattern!r} is not a valid regular expression: {exc}"
        raise SpecError([document.diagnostic(pointer, message)]) from None
    return pattern


def _hint(pointer: str, fallback: str) -> str:
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


def _only_conditional(sub: Any) -> bool:
    return isinstance(sub, dict) and bool(sub) and set(sub) <= {"if", "then", "else", "description", "$comment"}


# ---- operations ------------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, workspace: Workspace, root: Document, package: str) -> None:
        self.ws = workspace
        self.root = root
        self.package = package
        self.models = SchemaSet(workspace)
        self.methods = naming.Scope(CLIENT_RESERVED)
        self.spec = root.data

    def follow(self, document: Document, pointer: str, node: Any) -> Target:
        return self.ws.follow(document, pointer, node)

    def build(self) -> ir.Api:
        info = self.spec.get("info") or {}
        api_version = str(info.get("version", ""))
        schemes = self.security_schemes()
        operations = tuple(self.operations())
        # every component schema is part of the public models, used by an operation or not
        components = (self.spec.get("components") or {}).get("schemas") or {}
        for name, schema in components.items():
            self.models.named(self.root, join_pointer("/components/schemas", name), schema, name)
        self.models.drain()
        return ir.Api(
            package=self.package,
            distribution=self.package.replace("_", "-"),
            version=package_version(api_version),
            title=clean_text(info.get("title")) or self.package,
            api_version=clean_text(api_version),
            description=clean_text(info.get("description")),
            openapi=str(self.spec.get("openapi", "3.1.0")),
            servers=self.servers(schemes),
            schemes=schemes,
            operations=operations,
            schemas=self.models.schemas,
            content_rules=tuple(self.models.content_rules),
            source=self.root.path.name,
        )

    # ---- servers and security ---------------------------------------------------------------------------

    def servers(self, schemes: tuple[ir.SecurityScheme, ...]) -> tuple[ir.Server, ...]:
        constructor = naming.Scope(CONSTRUCTOR_RESERVED)
        for scheme in schemes:
            constructor.claim(scheme.argument)
        arguments: dict[str, str] = {}
        result: list[ir.Server] = []
        raw = self.spec.get("servers") or [{"url": "/"}]
        for server in raw:
            if not isinstance(server, dict) or not isinstance(server.get("url"), str):
                continue
            url = server["url"]
            variables: list[ir.ServerVariable] = []
            for name, var in (server.get("variables") or {}).items():
                if name not in arguments:
                    arguments[name] = constructor.claim(_variable_argument(url, name))
                var = var if isinstance(var, dict) else {}
                variables.append(
                    ir.ServerVariable(
                        name=name,
                        argument=arguments[name],
                        default=str(var.get("default", "")),
                        enum=tuple(str(v) for v in var.get("enum") or ()),
                        description=clean_text(var.get("description")),
                    )
                )
            result.append(
                ir.Server(url=url, description=clean_text(server.get("description")), variables=tuple(variables))
            )
        return tuple(result) or (ir.Server(url="/", description="", variables=()),)

    def security_schemes(self) -> tuple[ir.SecurityScheme, ...]:
        components = self.spec.get("components") or {}
        raw = components.get("securitySchemes") or {}
        used = _used_schemes(self.spec)
        found: list[tuple[str, dict[str, Any]]] = []
        for key, node in raw.items():
            target = self.follow(self.root, join_pointer("/components/securitySchemes", key), node)
            if isinstance(target.value, dict) and (not used or key in used):
                found.append((key, target.value))
        token_like = [
            key
            for key, s in found
            if s.get("type") in ("apiKey", "oauth2", "openIdConnect")
            or (s.get("type") == "http" and str(s.get("scheme", "")).lower() == "bearer")
        ]
        scope = naming.Scope(("base_url", "timeout", "max_retries", "headers", "http_client", "ak", "sk", "self"))
        result: list[ir.SecurityScheme] = []
        for key, s in found:
            kind = s.get("type")
            http = str(s.get("scheme", "")).lower()
            if kind == "http" and http == "basic":
                result.append(
                    ir.SecurityScheme(
                        key, "basic", "header", "Authorization", "username", None, clean_text(s.get("description"))
                    )
                )
                continue
            if key not in token_like:
                continue  # mutualTLS and unknown schemes: configure the httpx client instead
            argument = scope.claim("token") if len(token_like) == 1 else scope.snake(key, prefix="token")
            if kind == "apiKey":
                where = s.get("in")
                location: Literal["header", "query", "cookie"] = where if where in ("query", "cookie") else "header"
                parameter = str(s.get("name") or "Authorization")
                signing = s.get("x-aksk-signing")
                result.append(
                    ir.SecurityScheme(
                        key,
                        "apiKey",
                        location,
                        parameter,
                        argument,
                        signing if isinstance(signing, str) else None,
                        clean_text(s.get("description")),
                    )
                )
            else:  # http bearer, oauth2, openIdConnect: a bearer token
                result.append(
                    ir.SecurityScheme(
                        key, "bearer", "header", "Authorization", argument, None, clean_text(s.get("description"))
                    )
                )
        return tuple(result)

    # ---- operations -------------------------------------------------------------------------------------

    def operations(self) -> list[ir.Operation]:
        result: list[ir.Operation] = []
        global_security = self.spec.get("security")
        for path, item in (self.spec.get("paths") or {}).items():
            item_target = self.follow(self.root, join_pointer("/paths", path), item)
            if not isinstance(item_target.value, dict):
                continue
            for method in HTTP_METHODS:
                op = item_target.value.get(method)
                if not isinstance(op, dict):
                    continue
                pointer = join_pointer(item_target.pointer, method)
                result.append(self.operation(item_target, path, method, pointer, op, global_security))
        return result

    def operation(
        self, item: Target, path: str, method: str, pointer: str, op: dict[str, Any], global_security: Any
    ) -> ir.Operation:
        document = item.document
        op_id = op.get("operationId") if isinstance(op.get("operationId"), str) else None
        label = op_id or f"{method} {path}"
        method_name = self.methods.snake(label, prefix="call")
        op_class = naming.pascal(label, prefix="Op")
        parameters = self.parameters(item, document, pointer, op)
        parameters_model = None
        if parameters:
            parameters_model = self.models.scope.pascal(f"{op_class} Parameters")
            self.models.schemas[parameters_model] = {
                "type": "object",
                "description": f"Keyword arguments of `{method_name}`, as validated before the request is sent.",
                "properties": {p.argument: p.schema for p in parameters},
                "required": [p.argument for p in parameters if p.required],
                "additionalProperties": False,
            }
        body = self.body(document, pointer, op, op_class)
        responses = self.responses(document, pointer, op, op_class)
        security = op.get("security", global_security)
        alternatives = tuple(
            tuple(sorted(requirement or {})) for requirement in (security or []) if isinstance(requirement, dict)
        )
        return ir.Operation(
            operation_id=op_id or method_name,
            method_name=method_name,
            http_method=method.upper(),
            path=path,
            summary=clean_text(op.get("summary")),
            description=clean_text(op.get("description")),
            tags=tuple(str(t) for t in op.get("tags") or ()),
            deprecated=bool(op.get("deprecated")),
            parameters=parameters,
            parameters_model=parameters_model,
            body=body,
            responses=responses,
            security=alternatives,
        )

    def parameters(
        self, item: Target, document: Document, pointer: str, op: dict[str, Any]
    ) -> tuple[ir.Parameter, ...]:
        merged: dict[tuple[str, str], tuple[Document, str, dict[str, Any]]] = {}
        sources = [
            (item.document, join_pointer(item.pointer, "parameters"), item.value.get("parameters") or []),
            (document, join_pointer(pointer, "parameters"), op.get("parameters") or []),
        ]
        for doc, base, params in sources:
            for index, param in enumerate(params):
                target = self.follow(doc, join_pointer(base, index), param)
                value = target.value
                if isinstance(value, dict) and isinstance(value.get("name"), str) and value.get("in") in _LOCATIONS:
                    merged[(value["name"], value["in"])] = (target.document, target.pointer, value)
        scope = naming.Scope(METHOD_RESERVED)
        result: list[ir.Parameter] = []
        # path parameters first: they are the ones every call needs
        ordered = sorted(merged.values(), key=lambda entry: _LOCATIONS.index(entry[2]["in"]))
        for doc, ptr, value in ordered:
            location = value["in"]
            schema_node = value.get("schema")
            schema_ptr = join_pointer(ptr, "schema")
            if schema_node is None and isinstance(value.get("content"), dict) and value["content"]:
                media, media_obj = next(iter(value["content"].items()))
                schema_node = media_obj.get("schema") if isinstance(media_obj, dict) else None
                schema_ptr = join_pointer(ptr, "content", media, "schema")
            argument = scope.snake(value["name"], prefix="param")
            schema = self.models.convert(doc, schema_ptr, schema_node or {}, f"{argument} param")
            if not isinstance(schema, dict):
                schema = {}
            if value.get("description"):
                schema = {**schema, "description": clean_text(value["description"])}
            style = value.get("style") or ("form" if location in ("query", "cookie") else "simple")
            example, has_example = _example_of(value, schema_node)
            result.append(
                ir.Parameter(
                    name=value["name"],
                    argument=argument,
                    location=location,
                    required=bool(value.get("required")) or location == "path",
                    schema=schema,
                    description=clean_text(value.get("description")),
                    style=str(style),
                    explode=bool(value.get("explode", style == "form")),
                    deprecated=bool(value.get("deprecated")),
                    example=example,
                    has_example=has_example,
                )
            )
        return tuple(result)

    def body(self, document: Document, pointer: str, op: dict[str, Any], op_class: str) -> ir.Body | None:
        if "requestBody" not in op:
            return None
        target = self.follow(document, join_pointer(pointer, "requestBody"), op["requestBody"])
        value = target.value if isinstance(target.value, dict) else {}
        content = value.get("content") or {}
        if not isinstance(content, dict) or not content:
            return None
        media = _pick_media(content)
        media_obj = content[media] if isinstance(content[media], dict) else {}
        kind = _body_kind(media)
        model = None
        schema: dict[str, Any] = {}
        if "schema" in media_obj:
            media_ptr = join_pointer(target.pointer, "content", media)
            converted = self.models.convert(
                target.document, join_pointer(media_ptr, "schema"), media_obj["schema"], f"{op_class} Request"
            )
            schema = converted if isinstance(converted, dict) else {}
            if kind == "json":
                model = self._model_of(converted, f"{op_class} Request")
        example, has_example = _media_example(
            self.ws, target.document, join_pointer(target.pointer, "content", media), media_obj
        )
        return ir.Body(
            media_type=media,
            kind=kind,
            required=bool(value.get("required")),
            model=model,
            schema=schema,
            description=clean_text(value.get("description")),
            example=example,
            has_example=has_example,
        )

    def responses(self, document: Document, pointer: str, op: dict[str, Any], op_class: str) -> tuple[ir.Response, ...]:
        result: list[ir.Response] = []
        for status, response in (op.get("responses") or {}).items():
            target = self.follow(document, join_pointer(pointer, "responses", status), response)
            value = target.value if isinstance(target.value, dict) else {}
            content = value.get("content") or {}
            media = _pick_media(content) if isinstance(content, dict) and content else None
            model = None
            kind: ir.BodyKind | None = None
            if media is not None:
                kind = _body_kind(media)
                media_obj = content[media] if isinstance(content[media], dict) else {}
                if kind == "json" and "schema" in media_obj:
                    hint = f"{op_class} Response {status}" if status.startswith("2") else f"{op_class} Error {status}"
                    converted = self.models.convert(
                        target.document,
                        join_pointer(target.pointer, "content", media, "schema"),
                        media_obj["schema"],
                        hint,
                    )
                    model = self._model_of(converted, hint)
            result.append(
                ir.Response(
                    status=str(status).upper() if str(status).lower() != "default" else "default",
                    description=clean_text(value.get("description")),
                    media_type=media,
                    kind=kind,
                    model=model,
                )
            )
        return tuple(result)

    def _model_of(self, converted: Any, hint: str) -> str:
        """The class (or type alias) name for a body/response schema; inline ones get a name of their own."""
        if isinstance(converted, dict) and set(converted) <= {"$ref", "description"} and "$ref" in converted:
            return str(converted["$ref"]).rsplit("/", 1)[-1]
        name = self.models.scope.pascal(hint)
        self.models.schemas[name] = converted if isinstance(converted, dict) else {}
        return name


_LOCATIONS = ("path", "query", "header", "cookie")


def _used_schemes(spec: dict[str, Any]) -> set[str]:
    used: set[str] = set()
    for requirement in spec.get("security") or []:
        used.update(requirement or {})
    for item in (spec.get("paths") or {}).values():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                for requirement in op.get("security") or []:
                    used.update(requirement or {})
    return used


def _variable_argument(url: str, name: str) -> str:
    """A server variable that is the whole host of the URL is `host`; any other keeps its snake_case name."""
    host = urlsplit(url.replace("{", "%7B").replace("}", "%7D")).hostname or ""
    if host.lower() == f"%7b{name}%7d".lower():
        return "host"
    return naming.snake(name, prefix="server")


def _pick_media(content: dict[str, Any]) -> str:
    for media in content:
        base = media.split(";")[0].strip().lower()
        if base in JSON_MEDIA_TYPES or base.endswith("+json"):
            return str(media)
    return str(next(iter(content)))


def _body_kind(media: str) -> ir.BodyKind:
    base = media.split(";")[0].strip().lower()
    if base in JSON_MEDIA_TYPES or base.endswith("+json"):
        return "json"
    if base == "application/x-www-form-urlencoded":
        return "form"
    if base.startswith("text/"):
        return "text"
    return "binary"


def _example_of(param: dict[str, Any], schema: Any) -> tuple[Any, bool]:
    if "example" in param:
        return param["example"], True
    for example in (param.get("examples") or {}).values():
        if isinstance(example, dict) and "value" in example:
            return example["value"], True
    if isinstance(schema, dict):
        if "example" in schema:
            return schema["example"], True
        if isinstance(schema.get("examples"), list) and schema["examples"]:
            return schema["examples"][0], True
        if "default" in schema:
            return schema["default"], True
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return schema["enum"][0], True
    return None, False


def _media_example(ws: Workspace, document: Document, pointer: str, media_obj: dict[str, Any]) -> tuple[Any, bool]:
    if "example" in media_obj:
        return media_obj["example"], True
    for name, example in (media_obj.get("examples") or {}).items():
        target = ws.follow(document, join_pointer(pointer, "examples", name), example)
        if isinstance(target.value, dict) and "value" in target.value:
            return target.value["value"], True
    return None, False


def build_api(spec: Path, package: str, workspace: Workspace) -> ir.Api:
    """The IR of one (already validated) document."""
    root = workspace.load(spec)
    if not isinstance(root.data, dict):
        raise SpecError([root.diagnostic("", "not an OpenAPI document")])
    return _Builder(workspace, root, package).build()
