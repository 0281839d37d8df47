"""schemathesis hooks: embedded JSON documents (APIG `plugin_content`) generated from the content schema that the
spec selects for them, so positive cases reach the server's content validation instead of bouncing off it.

schemathesis ignores `contentSchema` (an annotation in JSON Schema 2020-12) and sends any string. For each
positive case whose body has such a property, the hooks put a JSON document valid against the schema selected
by the sibling property (`plugin_type: cors` -> CorsPluginContent):

- fuzzing phase (`flatmap_case`): a document drawn by schemathesis itself from that schema;
- coverage phase (`map_case`, no Hypothesis draws there): the schema's own example;
- examples phase (`before_add_examples`, which skips map_case): the same, for any example left invalid.

In the fuzzing phase, most positive cases of an operation with a vendor uniqueness rule (APIG plug-in names per
gateway) also get a container of their own (see flatmap_case), so they reach the success path.
Negative cases are left alone: they must be rejected for their own mutation. The spec is found from the schema
schemathesis loaded (`schema.location`), so the hooks work for any spec with content rules. The CLI loads this
module through `hooks` in schemathesis.toml; pytest code calls `register(schema)`.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import schemathesis
from hypothesis import strategies as st

from generator.serve.compiled import CompiledSpec, Operation, compile_spec
from generator.serve.schemas import target_uri
from generator.spec.content import ContentRule

_lock = threading.Lock()
_registered: set[int] = set()  # id() of the schemas (0: global) that already have the hooks


@dataclass(frozen=True)
class _Filler:
    """The content rules of one operation, with a validator and an example document per rule."""

    spec: CompiledSpec
    op: Operation

    def rules(self) -> tuple[ContentRule, ...]:
        return self.op.body.content_rules if self.op.body is not None else ()

    def applicable(self, body: Any) -> list[ContentRule]:
        if not isinstance(body, dict):
            return []
        return [r for r in self.rules() if body.get(r.selector) == r.value and isinstance(body.get(r.property), str)]

    def target(self, rule: ContentRule) -> Any:
        assert self.op.body is not None and self.op.body.schema is not None
        return self.spec.schemas.resolve(self.op.body.schema, rule.schema)

    def is_valid(self, rule: ContentRule, text: str) -> bool:
        try:
            document = json.loads(text)
        except ValueError:
            return False
        return bool(self.spec.schemas.validator(self.target(rule)).is_valid(document))

    def example(self, rule: ContentRule) -> str:
        from generator.serve.synthesis import build_instance

        return json.dumps(build_instance(self.spec.schemas, self.target(rule)), separators=(",", ":"))

    def fixed(self, body: dict[str, Any]) -> dict[str, Any]:
        fixed = dict(body)
        for rule in self.applicable(body):
            if not self.is_valid(rule, fixed[rule.property]):
                fixed[rule.property] = self.example(rule)
        return fixed

    def strategy(self, rule: ContentRule) -> st.SearchStrategy[str]:
        return _document_strategy(target_uri(self.target(rule))).map(
            lambda document: json.dumps(document, separators=(",", ":"))
        )


def _registered_checks() -> set[str]:
    from schemathesis.checks import CHECKS

    return set(CHECKS.get_all_names())


@cache
def _document_strategy(schema_uri: str) -> st.SearchStrategy[Any]:
    """schemathesis's own positive generator for one JSON schema (through a one-operation OpenAPI document)."""
    from schemathesis.generation import GenerationMode

    document = {
        "openapi": "3.1.0",
        "info": {"title": "embedded document", "version": "1"},
        "paths": {
            "/document": {
                "post": {
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": schema_uri}}},
                    },
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
    }
    operation = schemathesis.openapi.from_dict(document)["/document"]["POST"]
    return operation.as_strategy(generation_mode=GenerationMode.POSITIVE).map(lambda case: case.body)


@cache
def _compiled(spec_path: str) -> CompiledSpec | None:
    try:
        return compile_spec(spec_path)
    except Exception:  # not a document the server can use: the hooks stay out of the way
        return None


def _filler(operation: Any) -> _Filler | None:
    location = getattr(operation.schema, "location", None)
    if not isinstance(location, str) or not location.startswith("file:"):
        return None
    path = Path(unquote(urlsplit(location).path))
    with _lock:
        spec = _compiled(str(path))
    if spec is None:
        return None
    method = str(operation.method).upper()
    op = next((o for o in spec.operations if o.method == method and o.path == operation.path), None)
    if op is None or op.body is None or not op.body.content_rules:
        return None
    return _Filler(spec, op)


def _is_positive(case: Any) -> bool:
    meta = getattr(case, "meta", None)
    return meta is not None and bool(meta.generation.mode.is_positive)


def map_case(context: Any, case: Any) -> Any:
    filler = _filler(case.operation)
    if filler is not None and _is_positive(case) and filler.applicable(case.body):
        case.body = filler.fixed(case.body)
    return case


def flatmap_case(context: Any, case: Any) -> st.SearchStrategy[Any]:
    if not _is_positive(case):
        return st.just(case)
    filler = _filler(case.operation)
    rules = filler.applicable(case.body) if filler is not None else []
    documents: st.SearchStrategy[str | None] = (
        filler.strategy(rules[0]) if filler is not None and rules else st.just(None)
    )
    scopes = sorted({name for rule in _unique_rules(case.operation) for name in rule.scope})
    # schemathesis draws few distinct values for short patterns (APIG: `A00` for most plug-in names), so most
    # creates would repeat a name and stop at the uniqueness rule. Most cases move to a container (gateway) of
    # their own, drawn by Hypothesis so the seed still fixes the run; the rest (Hypothesis favours 0: about two
    # in five) keep the generated one, which keeps the repeats and the `unique_rule_conflict` check in play.
    containers = st.tuples(st.integers(0, 9), st.binary(min_size=16, max_size=16)) if scopes else st.just((0, b""))

    def apply(drawn: tuple[str | None, tuple[int, bytes]]) -> Any:
        text, (choice, token) = drawn
        if text is not None and rules:
            case.body = {**case.body, rules[0].property: text}
        if choice and case.path_parameters is not None:
            case.path_parameters = {**case.path_parameters, **{name: token.hex() for name in scopes}}
        return case

    return st.tuples(documents, containers).map(apply)


def before_add_examples(context: Any, examples: list[Any]) -> None:
    for case in examples:
        filler = _filler(case.operation)
        if filler is not None and filler.applicable(case.body):
            case.body = filler.fixed(case.body)


def register(schema: Any | None = None) -> None:
    """Register the hooks on one loaded schema (pytest), or globally when `schema` is None (the CLI).

    Global hooks already apply to every schema, so registering on a schema after that is a no-op.
    """
    if 0 in _registered or (schema is not None and id(schema) in _registered):
        return
    _registered.add(0 if schema is None else id(schema))
    if unique_rule_conflict.__name__ not in _registered_checks():
        schemathesis.check(unique_rule_conflict)
    for hook in (map_case, flatmap_case, before_add_examples):
        if schema is None:
            schemathesis.hook(hook)
        else:
            schema.hook(hook)


class unique_rule_conflict:
    """A schema-valid request refused by a vendor uniqueness rule (APIG.3326) must really be a repeat.

    The only valid request the reference server may refuse is one whose unique fields (plug-in name per gateway)
    were already taken, so schemathesis.toml lets positive_data_acceptance accept that status for the operation.
    This check keeps the tuning honest: such a refusal must carry the rule's vendor code, and when the run owns a
    fresh server (`VENDOR_OPENAPI_FUZZ_FRESH_SERVER=1`, set by `python -m generator fuzz`) the same unique
    values must have been sent earlier in this run.
    """

    def __init__(self) -> None:
        self.sent: set[tuple[str, str]] = set()

    def after_response(self, ctx: Any, response: Any, case: Any) -> None:
        import os

        rules = _unique_rules(case.operation)
        if not rules or not _is_positive(case) or not isinstance(case.body, dict):
            return
        for rule in rules:
            key = (case.operation.label, json.dumps([_scope(case, rule), [case.body.get(f) for f in rule.fields]]))
            if response.status_code == rule.status:
                try:
                    code = _code_of(json.loads(response.content))
                except ValueError:
                    code = None
                if code != str(rule.code):
                    raise AssertionError(
                        f"valid data refused with {response.status_code} but not for the uniqueness rule "
                        f"({rule.code}): got code {code!r}"
                    )
                fresh = os.environ.get("VENDOR_OPENAPI_FUZZ_FRESH_SERVER") == "1"
                if fresh and key not in self.sent:
                    raise AssertionError(
                        f"{rule.code} ({rule.message}) for {', '.join(rule.fields)} never sent before in this run"
                    )
            self.sent.add(key)


def _scope(case: Any, rule: Any) -> list[Any]:
    params = case.path_parameters or {}
    return [params.get(name) for name in rule.scope]


def _code_of(body: Any) -> str | None:
    if isinstance(body, dict):
        for key in ("error_code", "errorCode", "code"):
            if key in body:
                return str(body[key])
    return None


@cache
def _rules_for(spec_path: str) -> tuple[Any, ...]:
    from generator.project.catalog import resolve_api
    from generator.serve.vendors import vendor_for

    try:
        _spec, api_name = resolve_api(spec_path)
    except Exception:
        return ()
    return tuple(vendor_for(api_name).unique)


def _unique_rules(operation: Any) -> list[Any]:
    location = getattr(operation.schema, "location", None)
    if not isinstance(location, str) or not location.startswith("file:"):
        return []
    op_id = operation.definition.raw.get("operationId")
    return [r for r in _rules_for(unquote(urlsplit(location).path)) if r.operation_id == op_id]
