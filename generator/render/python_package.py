"""IR -> one installable client package project: pyproject.toml, README.md and the import package.

The package is the client runtime (`generator/runtime/`, copied verbatim) plus what is rendered from the spec:
`_api.py` (servers, security schemes, operation tables), `client.py` (one typed method per operation),
`models.py`, `__init__.py`, the README and pyproject.toml. This module prepares what the templates show (type
annotations, signatures, examples) from the IR; the templates under `generator/render/templates/python/` only lay
it out. Every file starts with the same provenance line. The pipeline formats the result with ruff afterwards.
"""

from __future__ import annotations

import json
import pprint
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import runtime
from generator.ir import model as ir
from generator.ir import naming
from generator.render.content_accessors import Accessor, add_accessors
from generator.render.environment import environment, remembered
from generator.render.models import ModelsModule, generate_models
from generator.render.samples import Samples
from generator.render.types import Annotator, union

# (template, output path relative to the project; `{package}` is the import package)
FILES = (
    ("python/pyproject.toml.jinja", "pyproject.toml"),
    ("python/README.md.jinja", "README.md"),
    ("python/package/__init__.py.jinja", "{package}/__init__.py"),
    ("python/package/models.py.jinja", "{package}/models.py"),
    ("python/package/_api.py.jinja", "{package}/_api.py"),
    ("python/package/client.py.jinja", "{package}/client.py"),
)


@dataclass(frozen=True)
class Arg:
    name: str
    annotation: str
    required: bool
    doc: str


@dataclass(frozen=True)
class ResponseView:
    status: str
    kind: str | None
    type: str  # runtime expression of what a JSON body is parsed into ("None": leave it as JSON)


@dataclass(frozen=True)
class OperationView:
    op: ir.Operation
    const: str
    args: tuple[Arg, ...]  # signature order: required first
    result: str
    params_model: str | None
    body_type: str | None
    body_rules: str | None  # class of `models.RULES` the body is checked from
    responses: tuple[ResponseView, ...]
    example: str  # Python code of a call, for the README
    accept: str  # the Accept header: every media type the operation's responses document


@dataclass(frozen=True)
class ContentRuleView:
    rule: ir.ContentRule
    model: str
    cases: tuple[tuple[Any, str], ...]


@dataclass(frozen=True)
class ContentGroup:
    """Content rules that only differ by the model holding them (request and response), for the README."""

    holders: tuple[str, ...]
    property: str
    selector: str
    max_length: int | None
    cases: tuple[tuple[Any, str], ...]
    example: str | None  # a request body built with the typed content model


@dataclass(frozen=True)
class Credentials:
    """What the constructors accept, derived from the security schemes."""

    tokens: tuple[ir.SecurityScheme, ...]  # apiKey and bearer schemes: one keyword each
    basic: ir.SecurityScheme | None
    signing: ir.SecurityScheme | None  # the scheme AK/SK signing replaces


class ModelsError(Exception):
    """datamodel-code-generator could not turn the IR's schemas into models; the caller locates it in the spec."""


def render_package(api: ir.Api, out: Path, *, provenance: str) -> None:
    """Write the project of the client package for `api` into the directory `out`; every file starts with the
    `provenance` line (see `generator.project.provenance`)."""
    try:
        models = generate_models(api)
    except Exception as exc:  # a schema the model generator cannot handle
        raise ModelsError(f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}") from exc
    context = _context(api, models)
    env = environment()
    package = api.package
    from generator.project.cache import cache_dir

    with remembered(cache_dir() / "fragments"):
        files = {
            target.format(package=package): env.get_template(template).render(**context) for template, target in FILES
        }
    for module in runtime_modules(api):
        files[f"{package}/{module}"] = (runtime.FOLDER / module).read_text(encoding="utf-8")
    files[f"{package}/py.typed"] = ""
    for name, text in sorted(files.items()):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        header = f"<!-- {provenance} -->" if name.endswith(".md") else f"# {provenance}"
        path.write_text(f"{header}\n{text}", encoding="utf-8", newline="\n")


def runtime_modules(api: ir.Api) -> tuple[str, ...]:
    """The runtime modules a package ships: the core, and the streaming, signing and OAuth helpers only where an
    operation or a scheme needs them."""
    signing = (runtime.SIGNING,) if any(s.signing for s in api.schemes) else ()
    oauth = (runtime.OAUTH,) if any(s.token_url for s in api.schemes) else ()
    streaming = (runtime.STREAMING,) if any(op.downloads for op in api.operations) else ()
    return (*runtime.CORE, *streaming, *signing, *oauth)


def _context(api: ir.Api, models: ModelsModule) -> dict[str, Any]:
    annotator = Annotator(api.schemas, models.final)
    credentials = Credentials(
        tokens=tuple(s for s in api.schemes if s.kind in ("apiKey", "bearer")),
        basic=next((s for s in api.schemes if s.kind == "basic"), None),
        signing=next((s for s in api.schemes if s.signing), None),
    )
    samples = Samples(api.schemas)
    operations = tuple(_operation_view(op, annotator, models, samples, api) for op in api.operations)
    rules = tuple(
        ContentRuleView(
            rule,
            models.final(rule.model) or rule.model,
            tuple((case.value, models.final(case.model) or case.model) for case in rule.cases),
        )
        for rule in api.content_rules
    )
    groups: dict[tuple[str, str, str], ContentGroup] = {}
    for view in rules:
        key = (view.rule.property, view.rule.selector, repr(view.cases))
        if key in groups:
            group = groups[key]
            groups[key] = ContentGroup(
                (*group.holders, view.model),
                group.property,
                group.selector,
                group.max_length,
                group.cases,
                group.example,
            )
        else:
            example = next((e for op in api.operations if (e := _content_example(op, view, models))), None)
            groups[key] = ContentGroup(
                (view.model,), view.rule.property, view.rule.selector, view.rule.max_length, view.cases, example
            )
    variables: dict[str, ir.ServerVariable] = {}
    for server in api.servers:
        for variable in server.variables:
            variables.setdefault(variable.argument, variable)
    # what `_api.py` (the operation tables) and `client.py` (the signatures) each spell out
    annotations = [v.result for v in operations] + [v.body_type or "" for v in operations]
    annotations += [r.type for v in operations for r in v.responses] + [v.params_model or "" for v in operations]
    client_annotations = [a.annotation for view in operations for a in view.args] + [v.result for v in operations]
    return {
        "typing_names": _typing_names(annotations),
        "client_typing_names": _typing_names(client_annotations),
        "has_params": any(op.parameters for op in api.operations),
        "has_forms": any(op.body is not None and op.body.fields for op in api.operations),
        "uses_models": any("models." in a for a in annotations),
        "client_uses_models": any("models." in a for a in client_annotations),
        "api": api,
        "package": api.package,
        "models_code": add_accessors(
            models.code, tuple(Accessor(v.model, v.rule.property, v.rule.selector, v.cases) for v in rules)
        ),
        "operations": operations,
        "content_rules": rules,
        "rules": _rules_code(api, models),
        "content_groups": tuple(groups.values()),
        "credentials": credentials,
        "variables": tuple(variables.values()),
        "token_env": naming.screaming(api.package) + "_TOKEN",
        "example_client": _example_client(api, credentials, tuple(variables.values())),
        "model_count": len(models.classes),
        "dependencies": tuple(dict.fromkeys(models.dependencies)),
    }


def _typing_names(annotations: list[str]) -> list[str]:
    return [n for n in ("Any", "Literal") if any(re.search(rf"\b{n}\b", a) for a in annotations)]


def _operation_view(
    op: ir.Operation, annotator: Annotator, models: ModelsModule, samples: Samples, api: ir.Api
) -> OperationView:
    args: list[Arg] = []
    for param in op.parameters:
        args.append(Arg(param.argument, annotator.annotation(param.schema), param.required, param.description))
    body_type = None
    if op.body is not None:
        body_type, body_annotation = _body_types(op.body, annotator, models)
        doc = op.body.description or (f"The request body ({op.body.media_type}).")
        args.append(Arg("body", body_annotation, op.body.required, doc))
    args.sort(key=lambda a: not a.required)  # stable: spec order within each group
    responses = tuple(
        ResponseView(r.status, r.kind, _response_type(r, annotator, models) if r.kind == "json" else "None")
        for r in op.responses
    )
    success = [r for r in op.responses if r.status.startswith("2") or r.status == "default"] or []
    results = [_result_annotation(r, annotator, models) for r in success if r.status != "default"]
    if not results:
        results = [_result_annotation(r, annotator, models) for r in success] or ["None"]
    return OperationView(
        op=op,
        const="OP_" + naming.screaming(op.method_name),
        args=tuple(args),
        result=union(results),
        params_model=f"models.{models.final(op.parameters_model)}" if op.parameters_model else None,
        body_type=body_type,
        body_rules=_body_rules(op, api, models),
        responses=responses,
        example=_example_call(op, samples),
        accept=", ".join(op.accept) or "*/*",
    )


def _final_rules(api: ir.Api, models: ModelsModule) -> dict[str, Any]:
    """`api.rules` with every class name as the models module spells it."""

    def rename(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: (models.final(v) or v) if k == "$ref" and isinstance(v, str) else rename(v) for k, v in value.items()
            }
        if isinstance(value, list):
            return [rename(v) for v in value]
        return value

    return {models.final(name) or name: rename(schema) for name, schema in api.rules.items()}


def _rules_code(api: ir.Api, models: ModelsModule) -> str:
    return _literal_code(_final_rules(api, models), 0) if api.rules else ""


def _body_rules(op: ir.Operation, api: ir.Api, models: ModelsModule) -> str | None:
    if op.body is None or op.body.kind != "json" or op.body.model is None or op.body.model not in api.rules:
        return None
    return models.final(op.body.model) or op.body.model


def _body_types(body: ir.Body, annotator: Annotator, models: ModelsModule) -> tuple[str | None, str]:
    """(runtime type the body is validated into, the `body=` annotation)."""
    if body.kind == "json":
        final = models.final(body.model) if body.model else None
        if final is not None and final in models.classes:
            return f"models.{final}", f"models.{final} | Mapping[str, Any]"
        annotation = annotator.annotation(body.schema)
        return (annotation if annotation != "Any" else None), annotation
    if body.kind in ("form", "multipart"):
        final = models.final(body.model) if body.model else None
        if final is not None and final in models.classes:
            return f"models.{final}", f"models.{final} | Mapping[str, Any]"
        return None, "Mapping[str, Any]"
    if body.kind == "text":
        return None, "str"
    return None, "bytes"


def _response_type(response: ir.Response, annotator: Annotator, models: ModelsModule) -> str:
    if response.model is None:
        return "None"
    final = models.final(response.model)
    if final is not None:
        return f"models.{final}"
    annotation = annotator.annotation({"$ref": f"#/components/schemas/{response.model}"})
    return annotation if annotation != "Any" else "None"


def _result_annotation(response: ir.Response, annotator: Annotator, models: ModelsModule) -> str:
    if response.kind is None:
        return "None"
    if response.kind == "json":
        parsed = _response_type(response, annotator, models)
        return "Any" if parsed == "None" else parsed
    return "str" if response.kind == "text" else "bytes"


def _literal_code(value: Any, indent: int) -> str:
    text = pprint.pformat(value, width=100 - indent, sort_dicts=False)
    pad = " " * indent
    return text.replace("\n", "\n" + pad)


def _example_call(op: ir.Operation, samples: Samples) -> str:
    """A call with every required argument, each value fitting its schema (the README runs as written)."""
    lines = [f"result = client.{op.method_name}("]
    for param in op.parameters:
        if not param.required:
            continue
        value = samples.value(param.schema, param.example, param.has_example)
        lines.append(f"    {param.argument}={_literal_code(value, 4)},")
    body = op.body
    if body is not None:
        value = _example_body(body, samples)
        lines.append(f"    body={_literal_code(value, 4)},")
    lines.append(")")
    return "\n".join(lines)


def _example_body(body: ir.Body, samples: Samples) -> Any:
    if body.kind == "json":
        return samples.value(body.schema, body.example, body.has_example)
    if body.kind == "text":
        text = samples.value(body.schema, body.example, body.has_example and isinstance(body.example, str))
        return text if isinstance(text, str) else "text"
    if body.kind == "binary":
        return b"file content"
    value = samples.value(body.schema)
    fields = dict(value) if isinstance(value, dict) else {}
    properties = samples.properties(body.schema)
    for field in body.fields:
        if field.binary:  # a file: (filename, content, content type), or plain bytes
            kind = field.content_type if field.content_type and "*" not in field.content_type else "text/plain"
            file = ("example.txt", b"file content", kind.split(",")[0].strip())
            many = properties.get(field.name, {}).get("type") == "array"
            fields[field.name] = [file] if many else file
    return fields


def _content_example(op: ir.Operation, view: ContentRuleView, models: ModelsModule) -> str | None:
    """`body=` of the operation's example with its JSON text turned into the typed content model."""
    body = op.body
    if body is None or body.model is None or (models.final(body.model) or body.model) != view.model:
        return None
    example = body.example if isinstance(body.example, dict) else None
    if example is None or not isinstance(example.get(view.rule.property), str):
        return None
    model = dict(view.cases).get(example.get(view.rule.selector))
    try:
        content = json.loads(example[view.rule.property])
    except ValueError:
        return None
    if model is None or not isinstance(content, dict):
        return None
    lines = [f"body = models.{view.model}.model_validate(", "    {"]
    for key, value in example.items():
        if key == view.rule.property:
            lines.append(f"        {key!r}: models.{model}.model_validate(")
            lines.append(f"            {_literal_code(content, 12)}")
            lines.append("        ),")
        else:
            lines.append(f"        {key!r}: {_literal_code(value, 8)},")
    lines += ["    }", ")"]
    return "\n".join(lines)


def _example_client(api: ir.Api, credentials: Credentials, variables: tuple[ir.ServerVariable, ...]) -> str:
    args = [f"{v.argument}={v.default!r}" for v in variables if v.default]
    env = naming.screaming(api.package)
    if credentials.tokens:
        args.append(f'{credentials.tokens[0].argument}=os.environ["{env}_TOKEN"]')
    elif credentials.basic is not None:
        args.append(f'username=os.environ["{env}_USERNAME"], password=os.environ["{env}_PASSWORD"]')
    first = api.servers[0].url if api.servers else "/"
    if not variables and not first.startswith(("http://", "https://")):
        # a server relative to where the document is served: the client needs the host
        args.insert(0, f"base_url={('https://HOST' + ('' if first == '/' else '/' + first.strip('/')))!r}")
    return f"Client({', '.join(args)})"
