"""The intermediate representation between a loaded spec and the renderers: plain, frozen dataclasses.

Built by `generator.ir.build` from a validated document; every name in it is already a safe, unique Python
identifier (see `generator.ir.naming`), every schema is self-contained (its `$ref`s point into `Api.schemas`), and
every string is still the spec's text: escaping it is the renderer's job (repr/json/docstring filters).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ParameterLocation = Literal["path", "query", "header", "cookie"]
BodyKind = Literal["json", "form", "multipart", "text", "binary"]


@dataclass(frozen=True)
class ServerVariable:
    name: str  # as written in the URL template
    argument: str  # the client constructor's keyword for it
    default: str
    enum: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Server:
    url: str  # template, `{name}` placeholders
    description: str
    variables: tuple[ServerVariable, ...]


@dataclass(frozen=True)
class SecurityScheme:
    key: str  # name under components/securitySchemes
    kind: Literal["apiKey", "bearer", "basic"]
    location: Literal["header", "query", "cookie"]
    parameter: str  # header, query or cookie name that carries the credential
    argument: str  # the client constructor's keyword for the credential
    signing: str | None  # `x-aksk-signing`: the request-signing algorithm accepted instead of the credential
    description: str
    token_url: str | None = None  # oauth2 `clientCredentials` flow: where a token is obtained


@dataclass(frozen=True)
class Parameter:
    name: str  # wire name
    argument: str  # Python keyword argument
    location: ParameterLocation
    required: bool
    schema: dict[str, Any]
    description: str
    style: str
    explode: bool
    deprecated: bool
    example: Any = None
    has_example: bool = False
    allow_reserved: bool = False
    content_type: str | None = None  # a `content` parameter: its media type


@dataclass(frozen=True)
class FormField:
    """How one property of a form or multipart body is written: its Encoding Object, defaults filled in."""

    name: str  # wire name
    style: str  # "" = form
    explode: bool | None  # None = the style's default
    allow_reserved: bool
    content_type: str | None  # a part of this media type (JSON for multipart objects by default)
    binary: bool  # a file (or an array of files)


@dataclass(frozen=True)
class Body:
    media_type: str
    kind: BodyKind
    required: bool
    model: str | None  # class in models.py (JSON, form and multipart bodies with a schema)
    schema: dict[str, Any]
    description: str
    example: Any = None
    has_example: bool = False
    fields: tuple[FormField, ...] = ()  # form and multipart bodies


@dataclass(frozen=True)
class Response:
    status: str  # "201", "4XX", "default"
    description: str
    media_type: str | None
    kind: BodyKind | None
    model: str | None  # class in models.py (JSON responses with a schema)


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method_name: str  # snake_case operationId, unique among the client's attributes
    http_method: str  # upper case
    path: str
    summary: str
    description: str
    tags: tuple[str, ...]
    deprecated: bool
    parameters: tuple[Parameter, ...]
    parameters_model: str | None  # class validating the keyword arguments
    body: Body | None
    responses: tuple[Response, ...]
    security: tuple[tuple[str, ...], ...]  # alternatives, each a set of scheme keys; () = no requirement
    accept: tuple[str, ...] = ()  # every media type the documented responses have

    @property
    def success(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r.status.startswith("2") or r.status == "2XX")

    @property
    def downloads(self) -> bool:
        """A success answer is binary content: the client also offers it streamed (`with_streaming_response`)."""
        return any(r.kind == "binary" for r in self.success)

    @property
    def errors(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r not in self.success)


@dataclass(frozen=True)
class ContentCase:
    value: Any  # value of the selector property
    model: str  # content model class


@dataclass(frozen=True)
class ContentRule:
    """`model.property` is a JSON document in a string whose model is chosen by `model.selector`."""

    model: str
    property: str  # wire name
    selector: str  # wire name
    cases: tuple[ContentCase, ...]
    max_length: int | None  # of the JSON text


@dataclass
class Api:
    package: str
    distribution: str
    version: str  # PEP 440 version of the generated package
    title: str
    api_version: str  # info.version as written
    description: str
    openapi: str  # the document's `openapi` version
    servers: tuple[Server, ...]
    schemes: tuple[SecurityScheme, ...]
    operations: tuple[Operation, ...]
    # Every model as a self-contained JSON schema keyed by class name, in a stable order: the input of
    # datamodel-code-generator. `$ref`s inside point to `#/components/schemas/<class name>`.
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    content_rules: tuple[ContentRule, ...] = ()
    # Conditional rules (`if`/`then`/`else`, `not`, `dependentRequired`) the models cannot express: class name ->
    # the class's schema pruned to the paths that lead to a rule (see `generator.ir.rules`).
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str = ""  # spec file name, for headers
    # Request classes that lack readOnly properties (`generator.ir.directions`) -> the wire names they refuse.
    read_only: dict[str, tuple[str, ...]] = field(default_factory=dict)
