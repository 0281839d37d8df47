"""An OpenAPI document compiled for serving: operations with their routes, parameters, body, responses and security.

Built from the document model (`generator.spec.model`), which has already merged the parameters, followed the
`$ref`s and picked the JSON media types; this adds what serving needs: validators (compiled once, at start-up),
how each parameter is read (its style and shape). Request handling only looks things up; the router compiles
the path templates itself (`router.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.runtime.styles import ParamStyle, Shape
from generator.serve.forms import MULTIPART, URLENCODED, FormBody, compile_form
from generator.serve.parameters import DEEP_FREE, param_style, shape_of
from generator.serve.schemas import SchemaSet, Validator
from generator.serve.xml_body import XmlBody, is_xml_media
from generator.spec import model
from generator.spec.content import ContentRule, content_rules, json_content_properties
from generator.spec.diagnostics import SpecError, join_pointer
from generator.spec.lint import validate_or_raise
from generator.spec.load import Document, Target, Workspace
from generator.spec.model import JSON_MEDIA, SecurityScheme
from generator.spec.model.schemas import walk_schemas

__all__ = ["JSON_MEDIA", "Body", "CompiledSpec", "Operation", "Param", "Response", "SecurityScheme", "compile_spec"]
FORM_MEDIA = (URLENCODED, MULTIPART)


@dataclass(frozen=True)
class Param:
    name: str
    location: str  # path | query | header | cookie
    required: bool
    schema: Target | None
    validator: Validator | None
    wire: ParamStyle  # how the value is written: style, explode, allowReserved, content media type
    shape: Shape  # how its text is split and which JSON types the pieces are read as (generator.runtime.styles)


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
    read_only_names: frozenset[str] = frozenset()  # readOnly property names: required ones may be left out
    xml: XmlBody | None = None  # the XML media type, read by the XML Object and validated


@dataclass(frozen=True)
class Response:
    status: str  # "201", "4XX" or "default"
    media_type: str | None
    schema: Target | None
    validator: Validator | None
    examples: dict[str, Any]  # name -> value, in document order
    content_rules: tuple[ContentRule, ...]


@dataclass
class Operation:
    operation_id: str
    method: str  # upper case
    path: str  # the template, e.g. /v2/{project_id}/plugins
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


def is_secret_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and (schema.get("writeOnly") is True or schema.get("format") == "password")


def secret_property_names(workspace: Workspace, root: Target) -> frozenset[str]:
    return property_names(workspace, root, is_secret_schema)


def is_read_only_schema(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("readOnly") is True


def property_names(workspace: Workspace, root: Target, test: Callable[[Any], bool]) -> frozenset[str]:
    """Names of the properties, anywhere below `root`, whose schema (or its `$ref` target) passes `test`."""
    names: set[str] = set()
    for target in walk_schemas(workspace, root):
        for name, sub in (target.value.get("properties") or {}).items():
            resolved = workspace.follow(target.document, join_pointer(target.pointer, "properties", name), sub)
            if test(resolved.value) or test(sub):
                names.add(name)
    return frozenset(names)


class _Compiler:
    """The serving view of a document model: validators compiled, schemas resolved to their targets."""

    def __init__(self, spec: model.Spec) -> None:
        self.spec = spec
        self.ws = spec.workspace
        self.schemas = SchemaSet(self.ws, spec.openapi)

    def param(self, param: model.Parameter) -> Param:
        declared = param.node.value if isinstance(param.node.value, dict) else {}
        wire = param_style(declared)
        value_schema = param.value_schema  # `schema`, or the schema of a `content` parameter's media type
        schema = value_schema.target if value_schema is not None else None
        shape = shape_of(self.schemas, schema, free=DEEP_FREE if wire.style == "deepObject" else None)
        return Param(
            name=param.name,
            location=param.location,
            required=param.required,
            schema=schema,
            validator=self.schemas.validator(schema) if schema is not None else None,
            wire=wire,
            shape=shape,
        )

    def body(self, body: model.RequestBody) -> Body:
        media = body.json
        schema = media.schema.target if media is not None and media.schema is not None else None
        form_media = next((m for m in body.content if model.media_essence(m.name) in FORM_MEDIA), None)
        form = None
        if form_media is not None:
            form = compile_form(self.schemas, model.media_essence(form_media.name), form_media.node.target)
            if form.schema is not None:
                form = replace(form, read_only_names=property_names(self.ws, form.schema, is_read_only_schema))
        xml_media = next((m for m in body.content if is_xml_media(m.name)), None)
        xml = None
        if xml_media is not None:
            xml_schema = xml_media.schema.target if xml_media.schema is not None else None
            xml = XmlBody(
                media=xml_media.name,
                schema=xml_schema,
                validator=self.schemas.validator(xml_schema) if xml_schema is not None else None,
                read_only_names=property_names(self.ws, xml_schema, is_read_only_schema) if xml_schema else frozenset(),
            )
        return Body(
            xml=xml,
            required=body.required,
            media_types=tuple(m.name for m in body.content),
            json_media=media.name if media is not None else None,
            form=form,
            schema=schema,
            validator=self.schemas.validator(schema) if schema is not None else None,
            content_rules=tuple(content_rules(schema.value)) if schema is not None else (),
            content_properties=tuple(json_content_properties(schema.value)) if schema is not None else (),
            secret_names=secret_property_names(self.ws, schema) if schema is not None else frozenset(),
            read_only_names=property_names(self.ws, schema, is_read_only_schema) if schema else frozenset(),
        )

    def response(self, response: model.Response) -> Response:
        media = response.preferred
        schema = media.schema.target if media is not None and media.schema is not None else None
        examples: dict[str, Any] = {}
        if media is not None:
            examples = _examples(media.examples)
            if not examples and schema is not None and isinstance(schema.value, dict):
                if isinstance(schema.value.get("examples"), list):
                    examples = {str(i): v for i, v in enumerate(schema.value["examples"])}
                elif "example" in schema.value:
                    examples = {"example": schema.value["example"]}
        return Response(
            status=response.status,
            media_type=media.name if media is not None else None,
            schema=schema,
            validator=self.schemas.validator(schema, "response") if schema is not None else None,
            examples=examples,
            content_rules=tuple(content_rules(schema.value)) if schema is not None else (),
        )

    def operation(self, op: model.Operation) -> Operation:
        return Operation(
            operation_id=op.operation_id or f"{op.method.upper()} {op.path}",
            method=op.method.upper(),
            path=op.path,
            params=tuple(self.param(p) for p in op.parameters),
            body=self.body(op.request_body) if op.request_body is not None else None,
            responses={r.status: self.response(r) for r in op.responses if isinstance(r.node.value, dict)},
            security=[{name: list(scopes) for name, scopes in r.schemes.items()} for r in op.security],
            document=op.node.document,
            pointer=op.node.pointer,
        )


def _examples(examples: model.Examples) -> dict[str, Any]:
    """The `example` of a media type, else its named examples (name -> value, in document order)."""
    if examples.example is not None:
        return {"example": examples.example.value}
    return {e.name or "example": e.value for e in examples.examples if e.has_value}


def _base_paths(spec: model.Spec) -> tuple[str, ...]:
    """The path parts of every server URL (document, path item and operation level), with each variable's
    default and enum values filled in: a client may call any of them."""
    paths: list[str] = []
    servers = list(spec.servers) + [s for op in spec.operations for s in op.servers]
    for server in servers:
        urls = [server.url]
        for variable in server.variables:
            values = dict.fromkeys([variable.default or "", *variable.enum])
            urls = [u.replace("{" + variable.name + "}", v) for u in urls for v in values][:64]
        for url in urls:
            path = urlsplit(url).path if "://" in url else url
            path = "/" + path.strip("/") if path.strip("/") else ""
            if path and "{" not in path and path not in paths:
                paths.append(path)
    return tuple(paths)


def compile_spec(spec: Path | str, workspace: Workspace | None = None) -> CompiledSpec:
    """Load, check (structure and `$ref`s only: any usable third-party document is served) and compile."""
    workspace = workspace or Workspace()
    validate_or_raise([Path(spec)], workspace, project_rules=False, strict=False)
    document = model.load_spec(spec, workspace)
    compiler = _Compiler(document)
    operations = [compiler.operation(op) for op in document.operations]
    if not operations:
        raise SpecError([document.root.diagnostic("/paths", "the document declares no operations to serve")])
    info = document.info
    return CompiledSpec(
        path=document.root.path,
        title=str(info.get("title", document.root.path.name)),
        version=str(info.get("version", "")),
        operations=operations,
        schemes=document.security_schemes,
        base_paths=_base_paths(document),
        schemas=compiler.schemas,
        workspace=workspace,
    )
