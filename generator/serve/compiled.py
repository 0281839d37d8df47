"""An OpenAPI document compiled for serving: operations with their routes, parameters, body, responses and security.

Everything here is computed once at start-up (validators included); request handling only looks things up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.runtime.styles import ParamStyle, Shape
from generator.serve.forms import MULTIPART, URLENCODED, FormBody, compile_form
from generator.serve.parameters import content_schema, param_style, shape_of
from generator.serve.schemas import SchemaSet, Validator
from generator.spec.content import ContentRule, content_rules, json_content_properties
from generator.spec.diagnostics import SpecError, join_pointer
from generator.spec.load import Document, Target, Workspace
from generator.spec.terms import HTTP_METHODS
from generator.spec.terms import SCHEMA_LISTS as _SCHEMA_LISTS
from generator.spec.terms import SCHEMA_MAPS as _SCHEMA_MAPS
from generator.spec.terms import SCHEMA_VALUED as _SCHEMA_VALUED

JSON_MEDIA = re.compile(r"^application/(?:[\w.+-]+\+)?json$", re.IGNORECASE)
FORM_MEDIA = (URLENCODED, MULTIPART)


@dataclass(frozen=True)
class Param:
    name: str
    location: str  # path | query | header | cookie
    required: bool
    schema: Target | None
    validator: Validator | None
    types: frozenset[str]  # JSON types the raw text may be read as
    item_types: frozenset[str]  # for arrays: the types of the items
    explode: bool
    wire: ParamStyle | None = None  # how the value is written: style, explode, allowReserved, content media type
    shape: Shape = field(default_factory=Shape)  # how its text is split and read (generator.runtime.styles)


@dataclass(frozen=True)
class Body:
    required: bool
    media_types: tuple[str, ...]
    json_media: str | None  # the JSON media type whose schema is validated
    form: FormBody | None  # the urlencoded or multipart media type, read field by field and validated
    schema: Target | None
    validator: Validator | None
    content_rules: tuple[ContentRule, ...]
    content_properties: tuple[str, ...]
    secret_names: frozenset[str]  # property names that hold secrets (writeOnly or format: password)


@dataclass(frozen=True)
class Response:
    status: str  # "201", "4XX" or "default"
    media_type: str | None
    schema: Target | None
    validator: Validator | None
    examples: dict[str, Any]  # name -> value, in document order
    content_rules: tuple[ContentRule, ...]


@dataclass(frozen=True)
class SecurityScheme:
    name: str
    type: str  # apiKey | http | oauth2 | openIdConnect | mutualTLS
    location: str | None  # apiKey: header | query | cookie
    parameter: str | None  # apiKey: the header/query/cookie name
    http_scheme: str | None  # http: bearer | basic ...
    extensions: dict[str, Any]


@dataclass
class Operation:
    operation_id: str
    method: str  # upper case
    path: str  # the template, e.g. /v2/{project_id}/plugins
    segments: tuple[tuple[str, bool], ...]  # (literal, False) or (parameter name, True)
    params: tuple[Param, ...]
    body: Body | None
    responses: dict[str, Response]
    security: list[dict[str, list[str]]]
    document: Document
    pointer: str

    @property
    def success(self) -> Response | None:
        """The documented success: the lowest 2xx code, else `2XX`, else `default`."""
        codes = sorted(code for code in self.responses if code.startswith("2") and code.isdigit())
        if codes:
            return self.responses[codes[0]]
        return self.responses.get("2XX") or self.responses.get("default")

    def response_for(self, status: int) -> Response | None:
        """The documented response for a status: exact code, then its range (4XX), then `default`."""
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            if key in self.responses:
                return self.responses[key]
        return None


@dataclass
class CompiledSpec:
    path: Path
    title: str
    version: str
    operations: list[Operation]
    schemes: dict[str, SecurityScheme]
    base_paths: tuple[str, ...]  # path parts of the `servers` URLs, e.g. /commandcenter/api
    schemas: SchemaSet
    workspace: Workspace = field(repr=False)


def walk_schemas(workspace: Workspace, root: Target) -> Iterator[Target]:
    """Every schema reachable from `root` (following `$ref`s across files), each once."""
    seen: set[tuple[Path, str]] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        target = workspace.follow(node.document, node.pointer, node.value)
        key = (target.document.path, target.pointer)
        if key in seen or not isinstance(target.value, dict):
            continue
        seen.add(key)
        yield target
        value = target.value
        for kw in _SCHEMA_VALUED:
            if isinstance(value.get(kw), dict):
                stack.append(Target(target.document, join_pointer(target.pointer, kw), value[kw]))
        for kw in _SCHEMA_MAPS:
            if isinstance(value.get(kw), dict):
                for name, sub in value[kw].items():
                    stack.append(Target(target.document, join_pointer(target.pointer, kw, name), sub))
        for kw in _SCHEMA_LISTS:
            if isinstance(value.get(kw), list):
                for index, sub in enumerate(value[kw]):
                    stack.append(Target(target.document, join_pointer(target.pointer, kw, index), sub))


def is_secret_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("writeOnly") is True or schema.get("format") == "password")


def secret_property_names(workspace: Workspace, root: Target) -> frozenset[str]:
    names: set[str] = set()
    for target in walk_schemas(workspace, root):
        for name, sub in (target.value.get("properties") or {}).items():
            resolved = workspace.follow(target.document, join_pointer(target.pointer, "properties", name), sub)
            if is_secret_schema(resolved.value) or is_secret_schema(sub):
                names.add(name)
    return frozenset(names)


class _Compiler:
    def __init__(self, workspace: Workspace, root: Document) -> None:
        self.ws = workspace
        self.root = root
        self.version = str(root.data.get("openapi", ""))
        self.schemas = SchemaSet(workspace, self.version)

    def follow(self, document: Document, pointer: str, value: Any) -> Target:
        return self.ws.follow(document, pointer, value)

    def schema_target(self, holder: Target) -> Target | None:
        if not isinstance(holder.value, dict) or "schema" not in holder.value:
            return None
        return self.follow(holder.document, join_pointer(holder.pointer, "schema"), holder.value["schema"])

    def param(self, target: Target) -> Param:
        value = target.value
        wire = param_style(value)
        schema = self.schema_target(target)
        if schema is None and (media := content_schema(value, target)) is not None:
            schema = self.follow(target.document, *media)  # a `content` parameter: its media type's schema
        shape = shape_of(self.schemas, schema)
        return Param(
            name=wire.name,
            location=wire.location,
            required=bool(value.get("required", wire.location == "path")),
            schema=schema,
            validator=self.schemas.validator(schema) if schema is not None else None,
            types=shape.types if shape.kind == "primitive" else frozenset({shape.kind}),
            item_types=shape.types if shape.kind == "array" else frozenset(),
            explode=wire.exploded,
            wire=wire,
            shape=shape,
        )

    def body(self, target: Target) -> Body:
        content = target.value.get("content") or {}
        media_types = tuple(content)
        json_media = next((m for m in media_types if JSON_MEDIA.match(m.split(";")[0].strip())), None)
        schema = None
        if json_media is not None:
            media = Target(target.document, join_pointer(target.pointer, "content", json_media), content[json_media])
            schema = self.schema_target(media)
        form_media = next((m for m in media_types if m.split(";")[0].strip().lower() in FORM_MEDIA), None)
        form = None
        if form_media is not None:
            entry = Target(target.document, join_pointer(target.pointer, "content", form_media), content[form_media])
            form = compile_form(self.schemas, form_media.split(";")[0].strip().lower(), entry)
        return Body(
            required=bool(target.value.get("required", False)),
            media_types=media_types,
            json_media=json_media,
            form=form,
            schema=schema,
            validator=self.schemas.validator(schema) if schema is not None else None,
            content_rules=tuple(content_rules(schema.value)) if schema is not None else (),
            content_properties=tuple(json_content_properties(schema.value)) if schema is not None else (),
            secret_names=secret_property_names(self.ws, schema) if schema is not None else frozenset(),
        )

    def response(self, status: str, target: Target) -> Response:
        content = target.value.get("content") or {}
        media_type = next((m for m in content if JSON_MEDIA.match(m.split(";")[0].strip())), None)
        if media_type is None and content:
            media_type = next(iter(content))
        schema = None
        examples: dict[str, Any] = {}
        if media_type is not None:
            media = Target(target.document, join_pointer(target.pointer, "content", media_type), content[media_type])
            schema = self.schema_target(media)
            examples = self.examples(media)
            if not examples and schema is not None and isinstance(schema.value, dict):
                if isinstance(schema.value.get("examples"), list):
                    examples = {str(i): v for i, v in enumerate(schema.value["examples"])}
                elif "example" in schema.value:
                    examples = {"example": schema.value["example"]}
        return Response(
            status=status,
            media_type=media_type,
            schema=schema,
            validator=self.schemas.validator(schema) if schema is not None else None,
            examples=examples,
            content_rules=tuple(content_rules(schema.value)) if schema is not None else (),
        )

    def examples(self, media: Target) -> dict[str, Any]:
        value = media.value
        if "example" in value:
            return {"example": value["example"]}
        found: dict[str, Any] = {}
        for name, example in (value.get("examples") or {}).items():
            resolved = self.follow(media.document, join_pointer(media.pointer, "examples", name), example)
            if isinstance(resolved.value, dict) and "value" in resolved.value:
                found[name] = resolved.value["value"]
        return found

    def security_schemes(self) -> dict[str, SecurityScheme]:
        schemes: dict[str, SecurityScheme] = {}
        raw = (self.root.data.get("components") or {}).get("securitySchemes") or {}
        for name, node in raw.items():
            target = self.follow(self.root, join_pointer("/components/securitySchemes", name), node)
            value = target.value if isinstance(target.value, dict) else {}
            schemes[name] = SecurityScheme(
                name=name,
                type=str(value.get("type", "")),
                location=value.get("in"),
                parameter=value.get("name"),
                http_scheme=str(value["scheme"]).lower() if "scheme" in value else None,
                extensions={k: v for k, v in value.items() if k.startswith("x-")},
            )
        return schemes

    def operations(self) -> list[Operation]:
        result: list[Operation] = []
        global_security = self.root.data.get("security") or []
        for path, item in (self.root.data.get("paths") or {}).items():
            item_target = self.follow(self.root, join_pointer("/paths", path), item)
            if not isinstance(item_target.value, dict):
                continue
            shared = self._params(item_target, item_target.value.get("parameters") or [])
            for method in HTTP_METHODS:
                op = item_target.value.get(method)
                if not isinstance(op, dict):
                    continue
                pointer = join_pointer(item_target.pointer, method)
                op_target = Target(item_target.document, pointer, op)
                params = {**shared, **self._params(op_target, op.get("parameters") or [])}
                body = None
                if "requestBody" in op:
                    body = self.body(
                        self.follow(op_target.document, join_pointer(pointer, "requestBody"), op["requestBody"])
                    )
                responses: dict[str, Response] = {}
                for code, response in (op.get("responses") or {}).items():
                    target = self.follow(op_target.document, join_pointer(pointer, "responses", code), response)
                    if isinstance(target.value, dict):
                        key = "default" if str(code).lower() == "default" else str(code).upper()
                        responses[key] = self.response(key, target)
                result.append(
                    Operation(
                        operation_id=str(op.get("operationId") or f"{method.upper()} {path}"),
                        method=method.upper(),
                        path=path,
                        segments=_segments(path),
                        params=tuple(params.values()),
                        body=body,
                        responses=responses,
                        security=list(op.get("security", global_security) or []),
                        document=op_target.document,
                        pointer=pointer,
                    )
                )
        return result

    def _params(self, holder: Target, params: list[Any]) -> dict[tuple[str, str], Param]:
        found: dict[tuple[str, str], Param] = {}
        for index, node in enumerate(params):
            target = self.follow(holder.document, join_pointer(holder.pointer, "parameters", index), node)
            if isinstance(target.value, dict):
                param = self.param(target)
                key = (param.name.lower() if param.location == "header" else param.name, param.location)
                found[key] = param
        return found


def _segments(path: str) -> tuple[tuple[str, bool], ...]:
    parts: list[tuple[str, bool]] = []
    for segment in path.strip("/").split("/") if path.strip("/") else []:
        match = re.fullmatch(r"\{([^{}]+)\}", segment)
        parts.append((match.group(1), True) if match else (segment, False))
    return tuple(parts)


def _base_paths(root: Document) -> tuple[str, ...]:
    paths: list[str] = []
    for server in root.data.get("servers") or []:
        url = str(server.get("url", "")) if isinstance(server, dict) else ""
        path = urlsplit(url).path if "://" in url else url
        path = "/" + path.strip("/") if path.strip("/") else ""
        if path and "{" not in path and path not in paths:
            paths.append(path)
    return tuple(paths)


def compile_spec(spec: Path | str, workspace: Workspace | None = None) -> CompiledSpec:
    """Load, check (structure and `$ref`s only: any usable third-party document is served) and compile."""
    from generator.project.pipeline import validate_or_raise

    workspace = workspace or Workspace()
    spec = Path(spec)
    validate_or_raise([spec], workspace, project_rules=False)
    root = workspace.load(spec)
    compiler = _Compiler(workspace, root)
    operations = compiler.operations()
    if not operations:
        raise SpecError([root.diagnostic("/paths", "the document declares no operations to serve")])
    info = root.data.get("info") or {}
    return CompiledSpec(
        path=root.path,
        title=str(info.get("title", root.path.name)),
        version=str(info.get("version", "")),
        operations=operations,
        schemes=compiler.security_schemes(),
        base_paths=_base_paths(root),
        schemas=compiler.schemas,
        workspace=workspace,
    )
