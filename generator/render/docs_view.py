"""The plain view objects of the HTML reference page: what `generator.render.docs` builds from the document model
and `generator/render/templates/docs/` presents."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SchemaView:
    """One schema as the page shows it: a link to a named schema, or its type, constraints and members."""

    ref: str | None = None  # component name when the schema is a `$ref`
    type: str = ""  # "string", "object", "string | integer", "" when unconstrained
    format: str | None = None
    nullable: bool = False
    description: str = ""
    constraints: list[str] = field(default_factory=list)
    enum: list[str] = field(default_factory=list)
    default: str | None = None
    items: SchemaView | None = None
    variants: list[SchemaView] = field(default_factory=list)
    variant_kind: str = ""  # "one of", "any of", "all of"
    properties: list[PropertyView] = field(default_factory=list)
    additional: str | None = None  # what additionalProperties says, when it says something
    content_media_type: str | None = None  # embedded document (contentMediaType) ...
    content_models: list[SchemaView] = field(default_factory=list)  # ... and the models it may follow
    negated: SchemaView | None = None
    conditions: list[ConditionView] = field(default_factory=list)
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False

    @property
    def is_complex(self) -> bool:
        """Whether the schema needs its own nested block (members), rather than a one-line type."""
        return bool(self.properties or self.conditions or (self.items and self.items.is_complex))


@dataclass
class PropertyView:
    name: str
    required: bool
    schema: SchemaView


@dataclass
class ConditionView:
    """`if <when> then <then>` from an allOf entry, in words, plus the content model it selects (if any)."""

    when: str
    then: str
    model: str | None = None
    property: str | None = None


@dataclass
class ExampleView:
    name: str
    summary: str
    json: str
    embedded: list[tuple[str, str]] = field(default_factory=list)  # (property, the decoded JSON document)


@dataclass
class MediaView:
    media_type: str
    schema: SchemaView | None
    examples: list[ExampleView]
    expanded: SchemaView | None = None  # the named schema behind `schema`, shown in place one level deep


@dataclass
class ParameterView:
    name: str
    location: str
    required: bool
    description: str
    schema: SchemaView | None
    example: str | None
    deprecated: bool


@dataclass
class ResponseView:
    status: str
    description: str
    media: list[MediaView]
    headers: list[ParameterView]


@dataclass
class OperationView:
    method: str
    path: str
    operation_id: str
    summary: str
    description: str
    tags: list[str]
    security: list[str]
    deprecated: bool
    parameters: list[ParameterView]
    body_required: bool
    body_description: str
    body: list[MediaView]
    responses: list[ResponseView]

    @property
    def anchor(self) -> str:
        return f"op-{self.operation_id}"


@dataclass
class NamedSchema:
    name: str
    schema: SchemaView
    examples: list[str]
    content_model: bool  # reached as the model of an embedded JSON document

    @property
    def anchor(self) -> str:
        return f"schema-{self.name}"


@dataclass
class ContentSelection:
    """Which model the embedded JSON of `owner.property` follows, keyed by the selector's value."""

    owner: str
    property: str
    selector: str
    choices: list[tuple[str, str]]  # (selector value, model name)


@dataclass
class SecurityView:
    name: str
    summary: str
    description: str


@dataclass
class PageView:
    title: str
    version: str
    description: str
    servers: list[tuple[str, str]]
    external_docs: tuple[str, str] | None
    operations: list[OperationView]
    schemas: list[NamedSchema]
    content_models: list[NamedSchema]
    selections: list[ContentSelection]
    security: list[SecurityView]
