"""A self-contained HTML reference page per API, rendered from its 3.1 bundle with a Jinja2 template.

This module turns the document model of the bundle (`generator.spec.model`) into the plain view objects of
`docs_view` (operations, parameters, bodies, responses, schemas, the embedded-JSON content models and the rules
that select them); generator/render/templates/docs/ only presents them.
The page loads nothing from elsewhere (its Content-Security-Policy forbids it), has no script, and is
deterministic, so it can be committed under generated/docs/ and opened from disk.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from generator.render.docs_view import (
    ConditionView,
    ContentSelection,
    ExampleView,
    MediaView,
    NamedSchema,
    OperationView,
    PageView,
    ParameterView,
    PropertyView,
    ResponseView,
    SchemaView,
    SecurityView,
)
from generator.render.environment import safe_link
from generator.spec import model
from generator.spec.content import content_rules, json_content_properties
from generator.spec.diagnostics import split_pointer
from generator.spec.load import Workspace

_BUNDLE = Path("bundle.openapi.yaml")
_CONSTRAINTS = (
    ("minLength", "min length {}"),
    ("maxLength", "max length {}"),
    ("minItems", "min items {}"),
    ("maxItems", "max items {}"),
    ("minProperties", "min properties {}"),
    ("maxProperties", "max properties {}"),
    ("multipleOf", "multiple of {}"),
)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _literal(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


class _Builder:
    def __init__(self, spec: model.Spec) -> None:
        self.spec = spec
        # component schemas as written: a `$ref` among them is shown as a link, not inlined
        self.components = {name: node.site.value for name, node in spec.schemas.items()}

    def deref(self, node: Any) -> Any:
        return self.spec.deref(node)

    @staticmethod
    def ref_name(ref: str) -> str:
        return split_pointer(ref[1:])[-1] if ref.startswith("#/") else ref

    # ---- schemas -------------------------------------------------------------------------------------------

    def schema(self, node: Any, depth: int = 0) -> SchemaView:
        if not isinstance(node, dict):
            return SchemaView(type="any" if node in (True, None) else "nothing")
        if isinstance(node.get("$ref"), str):
            view = SchemaView(ref=self.ref_name(node["$ref"]), description=_text(node.get("description")))
            return view
        types = node.get("type")
        listed = types if isinstance(types, list) else [types] if isinstance(types, str) else []
        view = SchemaView(
            type=" | ".join(t for t in listed if t != "null"),
            format=node.get("format") if isinstance(node.get("format"), str) else None,
            nullable="null" in listed,
            description=_text(node.get("description")),
            read_only=node.get("readOnly") is True,
            write_only=node.get("writeOnly") is True,
            deprecated=node.get("deprecated") is True,
        )
        if "const" in node:
            view.enum = [_literal(node["const"])]
        elif isinstance(node.get("enum"), list):
            view.enum = [_literal(v) for v in node["enum"]]
        if "default" in node:
            view.default = _literal(node["default"])
        view.constraints = self.constraints(node)
        for kind, label in (("oneOf", "one of"), ("anyOf", "any of")):
            if isinstance(node.get(kind), list):
                branches = node[kind]
                if any(isinstance(b, dict) and b.get("type") == "null" for b in branches):
                    view.nullable = True
                    branches = [b for b in branches if not (isinstance(b, dict) and b.get("type") == "null")]
                view.variants = [self.schema(b, depth + 1) for b in branches]
                view.variant_kind = label
        plain_all_of = [e for e in node.get("allOf") or [] if not (isinstance(e, dict) and ("if" in e or "then" in e))]
        if plain_all_of and not view.variants:
            view.variants = [self.schema(e, depth + 1) for e in plain_all_of]
            view.variant_kind = "all of"
        if isinstance(node.get("items"), (dict, bool)):
            view.items = self.schema(node["items"], depth + 1)
        if isinstance(node.get("not"), dict):
            view.negated = self.schema(node["not"], depth + 1)
        required = set(node.get("required") or [])
        for name, sub in (node.get("properties") or {}).items():
            view.properties.append(PropertyView(name, name in required, self.schema(sub, depth + 1)))
        extra = node.get("additionalProperties")
        if extra is False:
            view.additional = "no other properties"
        elif isinstance(extra, dict) and extra:
            view.additional = "other properties: " + self.label(self.schema(extra, depth + 1))
        if isinstance(node.get("contentMediaType"), str):
            view.content_media_type = node["contentMediaType"]
            model = node.get("contentSchema")
            if isinstance(model, dict):
                choices = model.get("oneOf") or model.get("anyOf") or [model]
                view.content_models = [self.schema(c, depth + 1) for c in choices if isinstance(c, dict)]
        view.conditions = self.conditions(node)
        return view

    @staticmethod
    def constraints(node: dict[str, Any]) -> list[str]:
        found = [label.format(node[key]) for key, label in _CONSTRAINTS if key in node]
        for key, inclusive, exclusive in (("minimum", "≥", ">"), ("maximum", "≤", "<")):
            strict = node.get("exclusiveMinimum" if key == "minimum" else "exclusiveMaximum")
            if isinstance(strict, (int, float)) and not isinstance(strict, bool):
                found.append(f"{exclusive} {strict}")
            if key in node:
                found.append(f"{exclusive if strict is True else inclusive} {node[key]}")
        if isinstance(node.get("pattern"), str):
            found.append(f"pattern {node['pattern']}")
        if node.get("uniqueItems") is True:
            found.append("unique items")
        if isinstance(node.get("contentEncoding"), str):
            found.append(f"{node['contentEncoding']}-encoded")
        return found

    def label(self, view: SchemaView) -> str:
        """A one-line plain-text type, for the few places where a link is not possible."""
        if view.ref:
            return view.ref
        if view.items is not None:
            return f"array of {self.label(view.items)}"
        return view.type or "any"

    def condition_text(self, node: Any) -> str:
        node = self.deref(node)
        if not isinstance(node, dict):
            return _literal(node)
        parts: list[str] = []
        for name, sub in (node.get("properties") or {}).items():
            sub = sub if isinstance(sub, dict) else {}
            if "const" in sub:
                parts.append(f"{name} = {_literal(sub['const'])}")
            elif isinstance(sub.get("enum"), list):
                parts.append(f"{name} in {', '.join(_literal(v) for v in sub['enum'])}")
            elif isinstance(sub.get("pattern"), str):
                parts.append(f"{name} matches {sub['pattern']}")
            elif "contentSchema" in sub:
                model = sub["contentSchema"]
                parts.append(f"{name} holds {self.label(self.schema(model))}")
            else:
                parts.append(f"{name}: {_literal(sub)}")
        if node.get("required"):
            parts.append("required: " + ", ".join(str(r) for r in node["required"]))
        return "; ".join(parts) or _literal(node)

    def conditions(self, node: dict[str, Any]) -> list[ConditionView]:
        entries = [e for e in node.get("allOf") or [] if isinstance(e, dict) and "if" in e]
        if "if" in node:
            entries.append(node)
        selected = {(r.selector, _literal(r.value)): r for r in content_rules(node)}
        views: list[ConditionView] = []
        for entry in entries:
            view = ConditionView(self.condition_text(entry["if"]), self.condition_text(entry.get("then", {})))
            for (selector, value), rule in selected.items():
                if view.when.startswith(f"{selector} = {value}") and isinstance(rule.schema, dict):
                    view.model = self.label(self.schema(rule.schema))
                    view.property = rule.property
            views.append(view)
        return views

    # ---- operations ----------------------------------------------------------------------------------------

    def examples(self, examples: model.Examples, schema: model.Node | None) -> list[ExampleView]:
        embedded_props = json_content_properties(schema.value if schema is not None else None)
        views = []
        for example in examples.values():
            view = ExampleView(example.name or "example", example.summary, _pretty(example.value))
            for prop in embedded_props:
                text = example.value.get(prop) if isinstance(example.value, dict) else None
                if isinstance(text, str):
                    try:
                        view.embedded.append((prop, _pretty(json.loads(text))))
                    except json.JSONDecodeError:
                        continue
            views.append(view)
        return views

    def media(self, content: tuple[model.MediaType, ...]) -> list[MediaView]:
        views = []
        for media in content:
            shown = self.schema(media.schema.site.value) if media.schema is not None else None
            view = MediaView(media.name, shown, self.examples(media.examples, media.schema))
            if view.schema is not None and view.schema.ref and media.schema is not None:
                view.expanded = self.schema(media.schema.value)
            views.append(view)
        return views

    def parameter(self, param: model.Parameter | model.Header) -> ParameterView:
        shown = param.examples.example or next(iter(param.examples.examples), None)
        example = shown.value if shown is not None else None
        return ParameterView(
            name=param.name,
            location=param.location if isinstance(param, model.Parameter) else "header",
            required=param.required,
            description=param.description,
            schema=self.schema(param.schema.site.value) if param.schema is not None else None,
            example=_literal(example) if example is not None else None,
            deprecated=param.deprecated,
        )

    def operations(self) -> list[OperationView]:
        views = []
        for op in self.spec.operations:
            body = op.request_body
            responses = [
                ResponseView(
                    status=response.key,
                    description=response.description,
                    media=self.media(response.content),
                    headers=[self.parameter(h) for h in response.headers],
                )
                for response in op.responses
            ]
            views.append(
                OperationView(
                    method=op.method.upper(),
                    path=op.path,
                    operation_id=op.operation_id or f"{op.method}-{op.path}",
                    summary=op.summary,
                    description=op.description,
                    tags=list(op.tags),
                    security=sorted({name for requirement in op.security for name in requirement.schemes}),
                    deprecated=op.deprecated,
                    parameters=[self.parameter(p) for p in op.parameters],
                    body_required=body is not None and body.required,
                    body_description=body.description if body is not None else "",
                    body=self.media(body.content) if body is not None else [],
                    responses=responses,
                )
            )
        return views

    # ---- components ----------------------------------------------------------------------------------------

    def content_model_names(self) -> set[str]:
        """Schemas named as the contentSchema of an embedded JSON document (and what they reference)."""
        names: set[str] = set()
        stack: list[Any] = []
        for schema in self.components.values():
            for prop in json_content_properties(schema):
                stack.append(schema["properties"][prop].get("contentSchema"))
            stack.extend(rule.schema for rule in content_rules(schema))
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, dict):
                ref = node.get("$ref")
                if isinstance(ref, str) and ref.startswith("#/components/schemas/") and self.ref_name(ref) not in names:
                    names.add(self.ref_name(ref))
                    stack.append(self.deref(node))
                stack.extend(v for k, v in node.items() if k not in ("example", "examples", "default", "enum"))
            elif isinstance(node, list):
                stack.extend(node)
        return names

    def selections(self) -> list[ContentSelection]:
        found = []
        for owner, schema in self.components.items():
            by_property: dict[tuple[str, str], list[tuple[str, str]]] = {}
            for rule in content_rules(schema):
                model = self.label(self.schema(rule.schema))
                by_property.setdefault((rule.property, rule.selector), []).append((_literal(rule.value), model))
            for (prop, selector), choices in by_property.items():
                found.append(ContentSelection(owner, prop, selector, choices))
        return found

    def named_schemas(self) -> tuple[list[NamedSchema], list[NamedSchema]]:
        models = self.content_model_names()
        plain: list[NamedSchema] = []
        content: list[NamedSchema] = []
        for name, node in self.components.items():
            examples = []
            if isinstance(node, dict):
                if isinstance(node.get("examples"), list):
                    examples = [_pretty(e) for e in node["examples"]]
                elif "example" in node:
                    examples = [_pretty(node["example"])]
            view = NamedSchema(name, self.schema(node), examples, name in models)
            (content if name in models else plain).append(view)
        return plain, content

    def security(self) -> list[SecurityView]:
        views = []
        for name, scheme in self.spec.security_schemes.items():
            if scheme.type == "apiKey":
                summary = f"API key in the {scheme.location} `{scheme.parameter}`"
            elif scheme.type == "http":
                summary = f"HTTP {scheme.scheme} authentication"
            else:
                summary = scheme.type
            views.append(SecurityView(name, summary, scheme.description))
        return views

    def page(self) -> PageView:
        info = self.spec.info
        servers = []
        for server in self.spec.servers:
            url = server.url
            for var in server.variables:
                url = url.replace("{" + var.name + "}", var.default if var.default is not None else var.name)
            servers.append((url, server.description))
        docs = self.spec.root.data.get("externalDocs")
        plain, content = self.named_schemas()
        return PageView(
            title=_text(info.get("title")),
            version=str(info.get("version", "")),
            description=_text(info.get("description")),
            servers=servers,
            external_docs=(safe_link(_text(docs.get("url"))), _text(docs.get("description")))
            if isinstance(docs, dict)
            else None,
            operations=self.operations(),
            schemas=plain,
            content_models=content,
            selections=self.selections(),
            security=self.security(),
        )


def page_view(bundle: dict[str, Any], source: Path = _BUNDLE) -> PageView:
    """The page of a bundled (self-contained) document; `source` names it in error messages."""
    return _Builder(model.spec_of_data(bundle, source)).page()


@cache
def _environment() -> Any:
    import jinja2
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    # CommonMark without raw HTML: spec text is data, and must never inject markup into the page.
    markdown = MarkdownIt("commonmark", {"html": False})
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates/docs"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = lambda text: Markup(markdown.render(text or ""))
    return env


def render_page(bundle: dict[str, Any], source: Path = _BUNDLE) -> str:
    """The HTML reference page of one bundled OpenAPI 3.1 document."""
    html = _environment().get_template("page.html.j2").render(page=page_view(bundle, source))
    return str(html).lstrip()


def write_page(name: str, spec: Path, out_dir: Path, workspace: Workspace) -> Path:
    """generated/docs/<name>.html from the bundle of `spec`."""
    from generator.spec.bundle import bundle

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.html"
    path.write_text(render_page(bundle(spec, workspace), spec), encoding="utf-8")
    return path
