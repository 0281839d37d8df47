"""A validated OpenAPI 3.0/3.1 document (plus the files it references) -> `generator.ir.Api`.

It reads the document model (`generator.spec.model`): operations, parameters, bodies, responses, security and
servers, with every name made a safe identifier; the schemas they use are collected by `generator.ir.schemas`.

Why one module (~500 lines): `_Builder` is one pass over the document model that names every class and method in
one scope (a name taken by one operation is not free for the next); its helpers read the same model and scope.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from packaging.version import InvalidVersion, Version

from generator.ir import model as ir
from generator.ir import naming
from generator.ir.directions import RequestModels, request_models
from generator.ir.rules import extract_rules
from generator.ir.schemas import SchemaSet, clean_text, hint_of
from generator.ir.unions import tag_unions
from generator.spec import model
from generator.spec.diagnostics import SpecError, join_pointer
from generator.spec.load import Target, Workspace
from generator.spec.model import is_json_media, media_essence

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


def package_version(api_version: str) -> str:
    """A PEP 440 version for the generated package: info.version when valid, else its digit groups (2025-08-11 ->
    2025.8.11), else 0.1.0."""
    try:
        return str(Version(api_version))
    except InvalidVersion:
        groups = [str(int(g)) for g in re.findall(r"\d+", api_version)][:4]
        return ".".join(groups) if groups else "0.1.0"


# ---- operations ------------------------------------------------------------------------------------------


class _Builder:
    """The IR of one document model: names made safe identifiers, schemas collected into the SchemaSet."""

    def __init__(self, spec: model.Spec, package: str) -> None:
        self.spec = spec
        self.package = package
        self.models = SchemaSet(spec.workspace)
        self.methods = naming.Scope(CLIENT_RESERVED)

    def build(self) -> ir.Api:
        info = self.spec.info
        api_version = str(info.get("version", ""))
        schemes = self.security_schemes()
        operations = tuple(self.operation(op) for op in self.spec.operations)
        # every component schema is part of the public models, used by an operation or not
        for name, node in self.spec.schemas.items():
            self.models.name_for(node.target, hint_of(node.target.pointer, name))
        self.models.drain()
        copies = tag_unions(self.models, fixed=self.fixed_classes())
        requests = self.request_models(operations)
        rules = extract_rules(self.models)
        rules.update({name: rules[source] for name, source in copies.items() if source in rules})
        rules.update({target: rules[name] for name, target in requests.variants.items() if name in rules})
        return ir.Api(
            package=self.package,
            distribution=self.package.replace("_", "-"),
            version=package_version(api_version),
            title=clean_text(info.get("title")) or self.package,
            api_version=clean_text(api_version),
            description=clean_text(info.get("description")),
            openapi=self.spec.openapi or "3.1.0",
            servers=self.servers(schemes),
            schemes=schemes,
            operations=requests.operations,
            schemas=requests.schemas,
            content_rules=tuple(self.models.content_rules),
            rules=rules,
            read_only=requests.read_only,
            source=self.spec.root.path.name,
        )

    def fixed_classes(self) -> frozenset[str]:
        """Classes that must stay one: content-rule holders and the models of their documents."""
        rules = self.models.content_rules
        return frozenset({rule.model for rule in rules} | {case.model for rule in rules for case in rule.cases})

    def request_models(self, operations: tuple[ir.Operation, ...]) -> RequestModels:
        models = self.models
        public = {name for name, source in models.sources.items() if source.pointer.startswith("/components/")}
        return request_models(
            models.schemas,
            operations,
            models.one_way,
            public=frozenset(public),
            fixed=self.fixed_classes(),
            claim=models.scope.pascal,
        )

    # ---- servers and security ---------------------------------------------------------------------------

    def servers(self, schemes: tuple[ir.SecurityScheme, ...]) -> tuple[ir.Server, ...]:
        constructor = naming.Scope(CONSTRUCTOR_RESERVED)
        for scheme in schemes:
            constructor.claim(scheme.argument)
        arguments: dict[str, str] = {}
        result: list[ir.Server] = []
        for server in self.spec.servers:
            variables: list[ir.ServerVariable] = []
            for var in server.variables:
                if var.name not in arguments:
                    arguments[var.name] = constructor.claim(_variable_argument(server.url, var.name))
                variables.append(
                    ir.ServerVariable(
                        name=var.name,
                        argument=arguments[var.name],
                        default=var.default or "",
                        enum=var.enum,
                        description=clean_text(var.description),
                    )
                )
            result.append(
                ir.Server(url=server.url, description=clean_text(server.description), variables=tuple(variables))
            )
        # OpenAPI's default when no server is declared: the document's own location, i.e. relative to `/`
        return tuple(result) or (ir.Server(url="/", description="", variables=()),)

    def security_schemes(self) -> tuple[ir.SecurityScheme, ...]:
        used = self.spec.used_security_schemes()
        found = [
            s
            for key, s in self.spec.security_schemes.items()
            if isinstance(s.node.value, dict) and (not used or key in used)
        ]
        token_like = [
            s.name
            for s in found
            if s.type in ("apiKey", "oauth2", "openIdConnect") or (s.type == "http" and s.http_scheme == "bearer")
        ]
        scope = naming.Scope(("base_url", "timeout", "max_retries", "headers", "http_client", "ak", "sk", "self"))
        result: list[ir.SecurityScheme] = []
        for s in found:
            description = clean_text(s.description)
            if s.type == "http" and s.http_scheme == "basic":
                result.append(
                    ir.SecurityScheme(s.name, "basic", "header", "Authorization", "username", None, description)
                )
                continue
            if s.name not in token_like:
                continue  # mutualTLS and unknown schemes: configure the httpx client instead
            argument = scope.claim("token") if len(token_like) == 1 else scope.snake(s.name, prefix="token")
            if s.type == "apiKey":
                location: Literal["header", "query", "cookie"] = "header"
                if s.location in ("query", "cookie"):
                    location = "query" if s.location == "query" else "cookie"
                signing = s.extensions.get("x-aksk-signing")
                result.append(
                    ir.SecurityScheme(
                        s.name,
                        "apiKey",
                        location,
                        s.parameter or "Authorization",
                        argument,
                        signing if isinstance(signing, str) else None,
                        description,
                    )
                )
            else:  # http bearer, oauth2, openIdConnect: a bearer token
                result.append(
                    ir.SecurityScheme(
                        s.name,
                        "bearer",
                        "header",
                        "Authorization",
                        argument,
                        None,
                        description,
                        token_url=_client_credentials_url(s) if s.type == "oauth2" else None,
                    )
                )
        return tuple(result)

    # ---- operations -------------------------------------------------------------------------------------

    def operation(self, op: model.Operation) -> ir.Operation:
        label = op.operation_id or f"{op.method} {op.path}"
        method_name = self.methods.snake(label, prefix="call")
        op_class = naming.pascal(label, prefix="Op")
        parameters = self.parameters(op)
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
        return ir.Operation(
            operation_id=op.operation_id or method_name,
            method_name=method_name,
            http_method=op.method.upper(),
            path=op.path,
            summary=clean_text(op.summary),
            description=clean_text(op.description),
            tags=op.tags,
            deprecated=op.deprecated,
            parameters=parameters,
            parameters_model=parameters_model,
            body=self.body(op.request_body, op_class) if op.request_body is not None else None,
            responses=tuple(self.response(r, op_class) for r in op.responses),
            security=tuple(tuple(sorted(r.schemes)) for r in op.security),
            accept=tuple(dict.fromkeys(m.name for r in op.responses for m in r.content)),
        )

    def parameters(self, op: model.Operation) -> tuple[ir.Parameter, ...]:
        scope = naming.Scope(METHOD_RESERVED)
        result: list[ir.Parameter] = []
        # path parameters first: they are the ones every call needs
        for param in sorted(op.parameters, key=lambda p: model.LOCATIONS.index(p.location)):
            argument = scope.snake(param.name, prefix="param")
            node = param.value_schema
            schema: Any = {}
            if node is not None:
                schema = self.models.convert(
                    node.site.document, node.site.pointer, node.site.value, f"{argument} param"
                )
            if not isinstance(schema, dict):
                schema = {}
            if param.description:
                schema = {**schema, "description": clean_text(param.description)}
            example, has_example = _example_of(param, node)
            result.append(
                ir.Parameter(
                    name=param.name,
                    argument=argument,
                    location=param.location,
                    required=param.required,
                    schema=schema,
                    description=clean_text(param.description),
                    style=param.style,
                    explode=param.explode,
                    deprecated=param.deprecated,
                    example=example,
                    has_example=has_example,
                    allow_reserved=param.allow_reserved and param.location == "query",
                    content_type=param.content[0].name if param.schema is None and param.content else None,
                )
            )
        return tuple(result)

    def body(self, body: model.RequestBody, op_class: str) -> ir.Body | None:
        media = body.preferred
        if media is None:
            return None
        kind = _body_kind(media.name)
        model_name = None
        schema: dict[str, Any] = {}
        fields: tuple[ir.FormField, ...] = ()
        if media.schema is not None:
            site = media.schema.site
            converted = self.models.convert(site.document, site.pointer, site.value, f"{op_class} Request")
            schema = converted if isinstance(converted, dict) else {}
            if kind == "json":
                model_name = self._model_of(converted, f"{op_class} Request")
            elif kind in ("form", "multipart"):
                fields = self.form_fields(media, kind)
                if _is_object(self.spec, media.schema.target):
                    model_name = self._model_of(converted, f"{op_class} Request")
        example = next(iter(media.examples.values()), None)
        return ir.Body(
            media_type=media.name,
            kind=kind,
            required=body.required,
            model=model_name,
            schema=schema,
            description=clean_text(body.description),
            example=example.value if example is not None else None,
            has_example=example is not None,
            fields=fields,
        )

    def form_fields(self, media: model.MediaType, kind: str) -> tuple[ir.FormField, ...]:
        """Each property of a form or multipart body with its Encoding Object (OpenAPI 3.1.2 "Encoding Object":
        multipart objects are JSON parts by default; `style`/`explode`/`allowReserved` write a field like a
        query parameter)."""
        assert media.schema is not None
        encoding = {e.property: e for e in media.encoding}
        result: list[ir.FormField] = []
        for name, prop in _properties(self.spec, media.schema.target).items():
            rules = encoding.get(name)
            raw = rules.node.value if rules is not None and isinstance(rules.node.value, dict) else {}
            by_style = any(key in raw for key in ("style", "explode", "allowReserved"))
            binary = _is_binary(self.spec, prop)
            items = prop.value.get("items") if isinstance(prop.value, dict) else None
            item_target = None
            if isinstance(items, dict):
                item_target = self.spec.workspace.follow(prop.document, join_pointer(prop.pointer, "items"), items)
            if not binary and item_target is not None:
                binary = _is_binary(self.spec, item_target)
            content_type = rules.content_type if rules is not None else None
            holds_objects = _is_object(self.spec, prop) or (
                item_target is not None and _is_object(self.spec, item_target)
            )
            if content_type is None and kind == "multipart" and not by_style and holds_objects:
                content_type = "application/json"
            result.append(
                ir.FormField(
                    name=name,
                    style=str(raw["style"]) if isinstance(raw.get("style"), str) and by_style else "",
                    explode=raw["explode"] if isinstance(raw.get("explode"), bool) else None,
                    allow_reserved=raw.get("allowReserved") is True,
                    content_type=None if by_style and not binary else content_type,
                    binary=binary,
                )
            )
        return tuple(result)

    def response(self, response: model.Response, op_class: str) -> ir.Response:
        media = response.preferred
        model_name = None
        kind: ir.BodyKind | None = None
        if media is not None:
            kind = _body_kind(media.name)
            if kind == "json" and media.schema is not None:
                status = response.key
                hint = f"{op_class} Response {status}" if status.startswith("2") else f"{op_class} Error {status}"
                site = media.schema.site
                model_name = self._model_of(self.models.convert(site.document, site.pointer, site.value, hint), hint)
        return ir.Response(
            status=response.status,
            description=clean_text(response.description),
            media_type=media.name if media is not None else None,
            kind=kind,
            model=model_name,
        )

    def _model_of(self, converted: Any, hint: str) -> str:
        """The class (or type alias) name for a body/response schema; inline ones get a name of their own."""
        if isinstance(converted, dict) and set(converted) <= {"$ref", "description"} and "$ref" in converted:
            return str(converted["$ref"]).rsplit("/", 1)[-1]
        name = self.models.scope.pascal(hint)
        self.models.schemas[name] = converted if isinstance(converted, dict) else {}
        return name


def _client_credentials_url(scheme: model.SecurityScheme) -> str | None:
    flows = scheme.node.value.get("flows") if isinstance(scheme.node.value, dict) else None
    flow = flows.get("clientCredentials") if isinstance(flows, dict) else None
    url = flow.get("tokenUrl") if isinstance(flow, dict) else None
    return url if isinstance(url, str) and url else None


def _variable_argument(url: str, name: str) -> str:
    """A server variable that is the whole host of the URL is `host`; any other keeps its snake_case name."""
    host = urlsplit(url.replace("{", "%7B").replace("}", "%7D")).hostname or ""
    if host.lower() == f"%7b{name}%7d".lower():
        return "host"
    return naming.snake(name, prefix="server")


def _body_kind(media: str) -> ir.BodyKind:
    if is_json_media(media):
        return "json"
    base = media_essence(media)
    if base == "application/x-www-form-urlencoded":
        return "form"
    if base == "multipart/form-data":
        return "multipart"
    if base.startswith("text/"):
        return "text"
    return "binary"


def _resolved(spec: model.Spec, target: Target) -> Target:
    return spec.workspace.follow(target.document, target.pointer, target.value)


def _is_object(spec: model.Spec, target: Target) -> bool:
    value = _resolved(spec, target).value
    if not isinstance(value, dict):
        return False
    kind = value.get("type")
    return kind == "object" or (isinstance(kind, list) and "object" in kind) or "properties" in value


def _is_binary(spec: model.Spec, target: Target) -> bool:
    """A file: `format: binary`/`byte` (3.0), `contentMediaType`/`contentEncoding` (3.1) or an empty schema."""
    value = _resolved(spec, target).value
    if not isinstance(value, dict):
        return False
    if not value or value.get("format") in ("binary", "byte") or "contentEncoding" in value:
        return True
    media = value.get("contentMediaType")
    return isinstance(media, str) and not media.startswith("text/") and not is_json_media(media)


def _properties(spec: model.Spec, schema: Target, depth: int = 0) -> dict[str, Target]:
    """The properties of an object schema, those of its `allOf` members included."""
    schema = _resolved(spec, schema)
    value = schema.value
    if not isinstance(value, dict) or depth > 16:
        return {}
    found: dict[str, Target] = {}
    for index, member in enumerate(value.get("allOf") or []):
        found.update(_properties(spec, Target(schema.document, f"{schema.pointer}/allOf/{index}", member), depth + 1))
    for name, sub in (value.get("properties") or {}).items():
        pointer = join_pointer(schema.pointer, "properties", str(name))
        found[str(name)] = _resolved(spec, Target(schema.document, pointer, sub))
    return found


def _example_of(param: model.Parameter, schema: model.Node | None) -> tuple[Any, bool]:
    """What the README shows for a parameter: its own example, else its schema's example, default or enum."""
    example = next(iter(param.examples.values()), None)
    if example is not None:
        return example.value, True
    value = schema.site.value if schema is not None else None
    if isinstance(value, dict):
        if "example" in value:
            return value["example"], True
        if isinstance(value.get("examples"), list) and value["examples"]:
            return value["examples"][0], True
        if "default" in value:
            return value["default"], True
        if isinstance(value.get("enum"), list) and value["enum"]:
            return value["enum"][0], True
    return None, False


# Request-signing algorithms the client runtime implements (`generator/runtime/signing.py`).
SIGNING_ALGORITHMS = ("SDK-HMAC-SHA256",)


def build_api(spec: Path, package: str, workspace: Workspace) -> ir.Api:
    """The IR of one (already validated) document."""
    api = _Builder(model.load_spec(spec, workspace), package).build()
    for scheme in api.schemes:
        if scheme.signing is not None and scheme.signing not in SIGNING_ALGORITHMS:
            document = workspace.load(spec)
            pointer = f"/components/securitySchemes/{scheme.key}/x-aksk-signing"
            supported = ", ".join(SIGNING_ALGORITHMS)
            message = f"unsupported signing algorithm {scheme.signing!r} (supported: {supported})"
            raise SpecError([document.diagnostic(pointer, message)])
    return api
