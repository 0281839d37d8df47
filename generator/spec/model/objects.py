"""The resolved OpenAPI objects: plain frozen dataclasses, every one carrying the `Node` it was read from.

Defaults are the OpenAPI specification's (3.0.3 and 3.1.0 agree on them): `style` is `form` for query and
cookie parameters and `simple` for path and header ones, `explode` is true for `form` and false otherwise, path
parameters are always required; an operation without `security` inherits the document's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from generator.runtime.styles import DEFAULT_STYLE
from generator.spec.diagnostics import Diagnostic, join_pointer
from generator.spec.load import Document, Target, Workspace
from generator.spec.model.media import first_json
from generator.spec.model.nodes import Node

ParameterLocation = Literal["path", "query", "header", "cookie"]
LOCATIONS: tuple[ParameterLocation, ...] = ("path", "query", "header", "cookie")


def default_style(location: str) -> str:
    """The specification's default style of a location, from the one parameter-style table."""
    return DEFAULT_STYLE.get(location, "simple")


def default_explode(style: str) -> bool:
    return style == "form"  # as `ParamStyle` defaults it


@dataclass(frozen=True)
class Example:
    """An `example` value (`name` None) or one entry of an `examples` map, resolved through its `$ref`."""

    name: str | None
    summary: str
    description: str
    value: Any  # None when the example has no inline value (an `externalValue`)
    has_value: bool
    node: Node  # the Example Object (or the `example` value itself)

    @property
    def value_at(self) -> Target:
        """Where the value is written, for reporting a problem with it."""
        if self.name is None:
            return self.node.target
        return Target(self.node.document, join_pointer(self.node.pointer, "value"), self.value)


@dataclass(frozen=True)
class Examples:
    """What a parameter, header or media type shows as examples."""

    example: Example | None  # the singular `example` field
    examples: tuple[Example, ...]  # the named `examples`, in document order

    def values(self) -> tuple[Example, ...]:
        """Every example with an inline value: `example` first, then the named ones."""
        found = ((self.example,) if self.example is not None else ()) + self.examples
        return tuple(e for e in found if e.has_value)


@dataclass(frozen=True)
class Encoding:
    """How one property of a `multipart` or form-urlencoded body is serialized."""

    property: str
    content_type: str | None
    headers: tuple[Header, ...]
    style: str
    explode: bool
    allow_reserved: bool
    node: Node


@dataclass(frozen=True)
class MediaType:
    name: str  # as written, e.g. `application/json; charset=utf-8`
    schema: Node | None
    examples: Examples
    encoding: tuple[Encoding, ...]
    node: Node


def _json(content: tuple[MediaType, ...]) -> MediaType | None:
    return first_json((m.name, m) for m in content)


def _preferred(content: tuple[MediaType, ...]) -> MediaType | None:
    return _json(content) or (content[0] if content else None)


@dataclass(frozen=True)
class Header:
    name: str
    description: str
    required: bool
    deprecated: bool
    style: str  # always `simple`
    explode: bool
    schema: Node | None
    content: tuple[MediaType, ...]
    examples: Examples
    node: Node


@dataclass(frozen=True)
class Parameter:
    name: str
    location: ParameterLocation
    description: str
    required: bool
    deprecated: bool
    style: str
    explode: bool
    allow_reserved: bool
    allow_empty_value: bool
    schema: Node | None
    content: tuple[MediaType, ...]  # instead of `schema`: exactly one media type
    examples: Examples
    node: Node
    declared_on: Literal["path", "operation"]  # the Path Item's list or the Operation's

    @property
    def key(self) -> tuple[str, str]:
        """What makes a parameter unique (RFC 9110: header names are case-insensitive)."""
        return (self.name.lower() if self.location == "header" else self.name, self.location)

    @property
    def value_schema(self) -> Node | None:
        """The schema of the value: `schema`, or the schema of its one `content` media type."""
        if self.schema is not None:
            return self.schema
        return self.content[0].schema if self.content else None


@dataclass(frozen=True)
class RequestBody:
    description: str
    required: bool
    content: tuple[MediaType, ...]
    node: Node

    @property
    def json(self) -> MediaType | None:
        return _json(self.content)

    @property
    def preferred(self) -> MediaType | None:
        """The JSON media type if there is one, else the first."""
        return _preferred(self.content)


@dataclass(frozen=True)
class Response:
    status: str  # normalised: "201", "4XX", "default"
    key: str  # as written under `responses`
    description: str
    headers: tuple[Header, ...]
    content: tuple[MediaType, ...]
    node: Node

    @property
    def json(self) -> MediaType | None:
        return _json(self.content)

    @property
    def preferred(self) -> MediaType | None:
        return _preferred(self.content)


@dataclass(frozen=True)
class SecurityRequirement:
    """One alternative: every scheme named must be satisfied (an empty one means anonymous access)."""

    schemes: dict[str, tuple[str, ...]]  # scheme name -> scopes
    at: Target = field(repr=False)  # the requirement object, in the operation's or the document's `security`


@dataclass(frozen=True)
class ServerVariable:
    name: str
    default: str | None
    enum: tuple[str, ...]
    description: str
    node: Node


@dataclass(frozen=True)
class Server:
    url: str  # template with `{name}` placeholders
    description: str
    variables: tuple[ServerVariable, ...]
    node: Node


@dataclass(frozen=True)
class SecurityScheme:
    name: str  # key under components/securitySchemes
    type: str  # apiKey | http | oauth2 | openIdConnect | mutualTLS
    location: str | None  # apiKey: header | query | cookie
    parameter: str | None  # apiKey: the header, query or cookie name
    scheme: str | None  # http: as written (`Bearer`, `basic`); compare lower-cased
    bearer_format: str | None
    description: str
    extensions: dict[str, Any]
    node: Node

    @property
    def http_scheme(self) -> str | None:
        return self.scheme.lower() if self.scheme is not None else None


@dataclass(frozen=True)
class Operation:
    method: str  # lower case, as the Path Item key
    path: str  # the template, e.g. /v2/{project_id}/plugins
    operation_id: str | None
    summary: str
    description: str
    tags: tuple[str, ...]
    deprecated: bool
    parameters: tuple[Parameter, ...]  # path-level and operation-level merged; the operation's win
    request_body: RequestBody | None
    responses: tuple[Response, ...]
    security: tuple[SecurityRequirement, ...]  # the operation's own, else the document's
    security_declared: bool  # the operation has its own `security` (possibly empty)
    servers: tuple[Server, ...]  # the operation's, else the Path Item's, else the document's
    node: Node

    def response(self, status: str) -> Response | None:
        return next((r for r in self.responses if r.status == status), None)


@dataclass(frozen=True)
class PathItem:
    path: str
    parameters: tuple[Parameter, ...]  # declared on the Path Item itself
    operations: tuple[Operation, ...]
    node: Node


@dataclass
class Spec:
    """One document with every `$ref` resolved: what the IR, the server, the docs page and the linter read."""

    workspace: Workspace = field(repr=False)
    root: Document = field(repr=False)
    openapi: str
    info: dict[str, Any]
    servers: tuple[Server, ...]  # as declared (OpenAPI's default `/` server is not added)
    security: tuple[SecurityRequirement, ...]  # the document's default requirements
    security_schemes: dict[str, SecurityScheme]
    paths: tuple[PathItem, ...]
    schemas: dict[str, Node]  # components/schemas of the root document
    tags: tuple[str, ...]  # declared top-level tag names
    # $refs that could not be followed (only when built with strict=False; the nodes behind them are left out)
    problems: tuple[Diagnostic, ...] = field(default=())

    def deref(self, value: Any, document: Document | None = None, pointer: str = "") -> Any:
        """What `value` (written at `pointer` of `document`, the root by default) stands for, `$ref`s followed.

        The one dereference of the project is `Workspace.follow`: a dangling `$ref` raises a SpecError located at
        the reference, and so does a cycle of references."""
        return self.workspace.follow(document or self.root, pointer, value).value

    @property
    def operations(self) -> tuple[Operation, ...]:
        return tuple(op for item in self.paths for op in item.operations)

    def used_security_schemes(self) -> set[str]:
        """Names of the schemes some requirement (the document's or an operation's) refers to."""
        used = {name for requirement in self.security for name in requirement.schemes}
        for op in self.operations:
            if op.security_declared:
                used.update(name for requirement in op.security for name in requirement.schemes)
        return used
