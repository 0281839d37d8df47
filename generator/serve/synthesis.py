"""Success bodies: the documented example, with request fields echoed, new ids and the current time.

Starting from the spec's own example keeps every field the vendor documents (in its shape); the vendor module says
which fields are generated per request and which repeat the request. A spec without examples (or whose examples
break their schema: those are never served) gets an instance of its schema: a small readable one when that
satisfies the schema, else one drawn for its patterns, formats and bounds (`generation`). A body that echoing or
generated ids made invalid is replaced by that plain valid body.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from generator.serve import ids
from generator.serve.compiled import CompiledSpec, Operation, Response, is_secret_schema
from generator.serve.generation import satisfying
from generator.serve.profile import Factory, SuccessContext, Vendor
from generator.serve.schemas import SchemaSet, target_uri
from generator.spec.diagnostics import join_pointer, split_pointer
from generator.spec.load import Target

log = logging.getLogger("generator.serve")
_ID_KEY = re.compile(r"(?:^id$|_id$|[a-z]Id$)")


class Synthesizer:
    def __init__(self, spec: CompiledSpec, vendor: Vendor) -> None:
        self.spec = spec
        self.schemas = spec.schemas
        self.vendor = vendor
        self._instances: dict[int, tuple[Response, Any]] = {}
        # Plans are made on first use: drawing a body for a schema with patterns can take a moment, and a large
        # document should not wait for all of them before serving. Broken examples are reported at once.
        self._plans: dict[tuple[str, str], _Plan] = {}
        for op in spec.operations:
            for response in op.responses.values():
                report_broken_examples(op, response)

    def instance(self, response: Response) -> Any:
        """A body for a documented response that its schema accepts: its first example that does, else a value
        built from the schema (readable defaults first, then schemathesis' generator for pattern, format and
        bounds). An example that breaks its schema is never served."""
        cached = self._instances.get(id(response))
        if cached is not None and cached[0] is response:
            return copy.deepcopy(cached[1])
        value = valid_instance(self.schemas, response)
        self._instances[id(response)] = (response, value)
        return copy.deepcopy(value)

    def success(self, op: Operation, ctx: SuccessContext, status: str | None = None) -> tuple[int, str | None, Any]:
        """(status, media type, body) of the success answer; `status` picks one of several documented 2xx."""
        response = op.responses.get(status) if status else op.success
        if response is None:
            return 204, None, None
        key = (op.operation_id, response.status)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = _Plan(self.schemas, op, response, self.vendor, self.instance)
        status_code = int(response.status) if response.status.isdigit() else 200  # `2XX` or `default`
        if response.schema is None and not response.examples:
            return status_code, response.media_type, None
        body = plan.build(ctx)
        if self.vendor.finish is not None:
            body = self.vendor.finish(ctx, body)
        if response.validator is not None and not response.validator.is_valid(body):
            # echoed request fields or generated ids broke the schema: answer with the plain valid body
            problem = next(iter(response.validator.iter_errors(body)))
            log.warning(
                "%s: the %s body broke its schema (%s); sent as documented",
                op.operation_id,
                response.status,
                problem.message,
            )
            body = plan.base_copy()
        return status_code, response.media_type, body


class _Plan:
    """How to build one success body, worked out once per operation."""

    def __init__(
        self,
        schemas: SchemaSet,
        op: Operation,
        response: Response,
        vendor: Vendor,
        instance: Callable[[Response], Any],
    ) -> None:
        self.schemas = schemas
        self.op = op
        self.response = response
        self.vendor = vendor
        self.base = instance(response)
        self.generated: dict[str, Factory] = dict(vendor.generated or {})
        if vendor.generated is None:  # no vendor module: guess from the example which fields are ids
            for pointer, value in _leaves(self.base):
                key = split_pointer(pointer)[-1] if pointer else ""
                maker = ids.like(value) if _ID_KEY.search(key) else None
                if maker is not None:
                    self.generated[pointer] = _ignore_context(maker)
        self.timestamps = tuple(vendor.timestamps) or tuple(p for p, v in _leaves(self.base) if ids.is_timestamp(v))
        self.echo = dict(vendor.echo)
        request_props = _properties(schemas, op.body.schema) if op.body is not None and op.body.schema else {}
        response_props = _properties(schemas, response.schema) if response.schema is not None else {}
        self.same_named = [name for name in response_props if name in request_props]
        self.required = set(response.schema.value.get("required") or []) if response.schema is not None else set()
        self.content_props = {rule.property for rule in response.content_rules}
        self.write_only = response.schema is not None and has_write_only(schemas, response.schema)

    def base_copy(self) -> Any:
        return copy.deepcopy(self.base)

    def build(self, ctx: SuccessContext) -> Any:
        body = copy.deepcopy(self.base)
        request = ctx.body if isinstance(ctx.body, dict) else {}
        if isinstance(body, dict):
            for name in self.same_named:
                if name in request:
                    body[name] = request[name]
                elif name not in self.required:
                    body.pop(name, None)
            for target, source in self.echo.items():
                found, value = _get(ctx.body, source)
                if found:
                    _set(body, target, value)
                else:
                    _delete(body, target)
            for prop in self.content_props & set(body):
                body[prop] = self._without_secrets(body, prop)
        for pointer, factory in self.generated.items():
            _set(body, pointer, factory(ctx))
        now = datetime.now(UTC)
        for pointer in self.timestamps:
            found, example = _get(self.base, pointer)
            _set(body, pointer, ids.timestamp(example if found else None, now))
        if self.write_only and self.response.schema is not None:
            # writeOnly values (a card's cvc, a password), echoed or in the documented example: never answered
            strip_write_only(self.schemas, self.response.schema, body)
        return body

    def _without_secrets(self, body: dict[str, Any], prop: str) -> Any:
        """An echoed embedded document loses its writeOnly fields (APIG does not return the Kafka password)."""
        text = body[prop]
        if not isinstance(text, str) or self.response.schema is None:
            return text
        for rule in self.response.content_rules:
            if rule.property != prop or body.get(rule.selector) != rule.value:
                continue
            try:
                document = json.loads(text)
            except ValueError:
                return text
            target = self.schemas.resolve(self.response.schema, rule.schema)
            if strip_write_only(self.schemas, target, document):
                return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        return text


def report_broken_examples(op: Operation, response: Response) -> None:
    """Log each documented example of a response that its own schema rejects (it will never be served)."""
    if response.validator is None:
        return
    for name, example in response.examples.items():
        problem = next(iter(response.validator.iter_errors(example)), None)
        if problem is not None:
            log.warning(
                "%s: the %s response example %r breaks its schema and is not served: %s",
                op.operation_id,
                response.status,
                name,
                problem.message,
            )


def valid_instance(schemas: SchemaSet, response: Response) -> Any:
    """See `Synthesizer.instance`."""
    validator = response.validator
    for example in response.examples.values():
        if validator is None or validator.is_valid(example):
            return example
    if response.schema is None:
        return None
    built = build_instance(schemas, response.schema)
    if validator is None or validator.is_valid(built):
        return built
    found, value = satisfying(schemas, response.schema, validator)
    if found:
        trimmed = copy.deepcopy(value)
        # writeOnly properties are never answered (the response validator does not require them)
        strip_write_only(schemas, response.schema, trimmed)
        return trimmed if validator.is_valid(trimmed) else value
    log.warning("no body satisfying the %s response schema at %s was found", response.status, response.schema.pointer)
    return built


def _ignore_context(maker: Callable[[], Any]) -> Factory:
    return lambda _ctx: maker()


def has_write_only(schemas: SchemaSet, target: Target) -> bool:
    """Whether any property reachable from the schema (properties, items, allOf/anyOf/oneOf, `$ref`s) is writeOnly."""
    pending = [target]
    seen: set[str] = set()
    while pending and len(seen) < 10_000:
        node = pending.pop()
        node = schemas.workspace.follow(node.document, node.pointer, node.value)
        uri = target_uri(node)
        if uri in seen or not isinstance(node.value, dict):
            continue
        seen.add(uri)
        if node.value.get("writeOnly") is True:
            return True
        for name, sub in (node.value.get("properties") or {}).items():
            pending.append(Target(node.document, join_pointer(node.pointer, "properties", name), sub))
        if isinstance(node.value.get("items"), dict):
            pending.append(Target(node.document, join_pointer(node.pointer, "items"), node.value["items"]))
        for keyword in ("allOf", "anyOf", "oneOf"):
            for index, sub in enumerate(node.value.get(keyword) or []):
                pending.append(Target(node.document, join_pointer(node.pointer, keyword, index), sub))
    return False


def strip_write_only(schemas: SchemaSet, target: Target, instance: Any, depth: int = 0) -> bool:
    """Remove writeOnly properties from `instance` in place, following properties, items and allOf/anyOf/oneOf."""
    target = schemas.workspace.follow(target.document, target.pointer, target.value)
    schema = target.value
    if not isinstance(schema, dict) or depth > 32:
        return False
    removed = False
    if isinstance(instance, dict):
        for name, sub in (schema.get("properties") or {}).items():
            if name not in instance:
                continue
            sub_target = schemas.workspace.follow(
                target.document, join_pointer(target.pointer, "properties", name), sub
            )
            if isinstance(sub_target.value, dict) and sub_target.value.get("writeOnly") is True:
                del instance[name]
                removed = True
            else:
                removed = strip_write_only(schemas, sub_target, instance[name], depth + 1) or removed
    if isinstance(instance, list) and isinstance(schema.get("items"), dict):
        items = Target(target.document, join_pointer(target.pointer, "items"), schema["items"])
        for item in instance:
            removed = strip_write_only(schemas, items, item, depth + 1) or removed
    for keyword in ("allOf", "anyOf", "oneOf"):
        for index, sub in enumerate(schema.get(keyword) or []):
            sub_target = Target(target.document, join_pointer(target.pointer, keyword, index), sub)
            removed = strip_write_only(schemas, sub_target, instance, depth + 1) or removed
    return removed


def _properties(schemas: SchemaSet, target: Target) -> dict[str, Any]:
    target = schemas.workspace.follow(target.document, target.pointer, target.value)
    props = dict(target.value.get("properties") or {}) if isinstance(target.value, dict) else {}
    for index, sub in enumerate(target.value.get("allOf") or [] if isinstance(target.value, dict) else []):
        props.update(_properties(schemas, Target(target.document, join_pointer(target.pointer, "allOf", index), sub)))
    return props


def _leaves(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _leaves(sub, join_pointer(pointer, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _leaves(sub, join_pointer(pointer, index))
    else:
        yield pointer, value


def _get(document: Any, pointer: str) -> tuple[bool, Any]:
    node = document
    for token in split_pointer(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False, None
    return True, node


def _set(document: Any, pointer: str, value: Any) -> None:
    tokens = split_pointer(pointer)
    node = document
    for token in tokens[:-1]:
        if isinstance(node, dict):
            node = node.setdefault(token, {})
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return
    if isinstance(node, dict) and tokens:
        node[tokens[-1]] = value
    elif isinstance(node, list) and tokens and tokens[-1].isdigit() and int(tokens[-1]) < len(node):
        node[int(tokens[-1])] = value


def _delete(document: Any, pointer: str) -> None:
    tokens = split_pointer(pointer)
    found, parent = _get(document, "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens[:-1]))
    if found and isinstance(parent, dict) and tokens:
        parent.pop(tokens[-1], None)


def build_instance(schemas: SchemaSet, target: Target, depth: int = 0) -> Any:
    """A small instance of a schema without examples: examples, defaults and bounds first, required fields only."""
    target = schemas.workspace.follow(target.document, target.pointer, target.value)
    schema = target.value
    if not isinstance(schema, dict) or depth > 16:
        return None
    for keyword in ("const", "default"):
        if keyword in schema:
            return copy.deepcopy(schema[keyword])
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return copy.deepcopy(schema["examples"][0])
    if "example" in schema:
        return copy.deepcopy(schema["example"])
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return copy.deepcopy(schema["enum"][0])
    for keyword in ("allOf", "anyOf", "oneOf"):
        subs = schema.get(keyword)
        if isinstance(subs, list) and subs:
            if keyword != "allOf":
                return build_instance(
                    schemas, Target(target.document, join_pointer(target.pointer, keyword, 0), subs[0]), depth + 1
                )
            merged: dict[str, Any] = {}
            for index, sub in enumerate(subs):
                part = build_instance(
                    schemas, Target(target.document, join_pointer(target.pointer, keyword, index), sub), depth + 1
                )
                if isinstance(part, dict):
                    merged.update(part)
            if merged or "type" not in schema:
                return merged
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), kind[0] if kind else None)
    if kind == "object" or (kind is None and "properties" in schema):
        result: dict[str, Any] = {}
        for name in schema.get("required") or []:
            sub = (schema.get("properties") or {}).get(name, {})
            sub_target = Target(target.document, join_pointer(target.pointer, "properties", name), sub)
            if not is_secret_schema(schemas.workspace.follow(target.document, sub_target.pointer, sub).value):
                result[name] = build_instance(schemas, sub_target, depth + 1)
        return result
    if kind == "array":
        count = int(schema.get("minItems", 0))
        items = schema.get("items", {})
        return [
            build_instance(schemas, Target(target.document, join_pointer(target.pointer, "items"), items), depth + 1)
            for _ in range(count)
        ]
    if kind in ("integer", "number"):
        return _number(schema, integer=kind == "integer")
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    fmt = schema.get("format")
    if fmt == "date-time":
        return ids.timestamp()
    if fmt == "date":
        return datetime.now(UTC).date().isoformat()
    if fmt == "uuid":
        return ids.uuid4()
    if fmt == "email":
        return "user@example.com"
    if fmt in ("uri", "url"):
        return "https://example.com/"
    text = "string"
    minimum, maximum = int(schema.get("minLength", 0)), schema.get("maxLength")
    text = (text * (minimum // len(text) + 1))[: max(minimum, len(text))]
    return text[: int(maximum)] if maximum is not None else text


def _number(schema: dict[str, Any], *, integer: bool) -> int | float:
    """The smallest non-negative value the bounds allow (or the bound itself when they exclude 0)."""
    low = schema.get("minimum")
    if "exclusiveMinimum" in schema and isinstance(schema["exclusiveMinimum"], int | float):
        low = schema["exclusiveMinimum"] + (1 if integer else 0.5)
    value = max(low, 0) if low is not None else 0
    high = schema.get("maximum")
    if high is not None and value > high:
        value = high
    return int(value) if integer else value
