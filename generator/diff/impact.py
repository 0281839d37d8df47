"""What each change touches in the generated Python package, named by the IR (`generator.ir.build`).

The names come from the same code that renders the package: the client method (snake_case operationId, made
unique), the keyword argument of a parameter, the model class of a body or response and its field. Renamed
methods and keyword arguments are breaks of their own: a call site written against the old package fails.
"""

from __future__ import annotations

import re
from typing import Any

from generator.diff.operations import RawChange, normalise_template
from generator.diff.source import Loc, Spec
from generator.ir import model as ir
from generator.ir.build import build_api
from generator.spec.diagnostics import SpecError


def build_ir(spec: Spec, package: str) -> ir.Api | None:
    """The IR the generator would render, or None when the document is outside what the generator takes."""
    try:
        return build_api(spec.path, package, spec.workspace)
    except (SpecError, ValueError, KeyError, TypeError, RecursionError):
        return None


def _ops(api: ir.Api) -> dict[tuple[str, str], ir.Operation]:
    return {(op.http_method, normalise_template(op.path)): op for op in api.operations}


class Impact:
    def __init__(self, old: ir.Api | None, new: ir.Api | None) -> None:
        self.old, self.new = old, new
        self.old_ops = _ops(old) if old else {}
        self.new_ops = _ops(new) if new else {}

    def method(self, change: RawChange) -> tuple[str, str] | None:
        """(package, method name) of the operation a change is about, in the old package."""
        if change.operation is None or self.old is None:
            return None
        op = self.old_ops.get((change.operation[0], normalise_template(change.operation[1])))
        return (self.old.package, op.method_name) if op else None

    def name(self, change: RawChange) -> str | None:
        if change.operation is None:
            return None
        key = (change.operation[0], normalise_template(change.operation[1]))
        op = self.old_ops.get(key) or self.new_ops.get(key)
        api = self.old if key in self.old_ops else self.new
        if op is None or api is None:
            return None
        method = f"Client.{op.method_name}"
        kind = change.target[0] if change.target else "operation"
        if kind == "parameter":
            where, wire = change.target[1], change.target[2]
            for param in op.parameters:
                if param.location == where and (param.name == wire or param.name.lower() == str(wire).lower()):
                    return f"{method}({param.argument}=...)"
            return method
        if kind == "body" and op.body is not None:
            field = _field(api, op.body.model, change.target[1])
            return f"{method}(body=...) {field}" if field else f"{method}(body=...)"
        if kind == "response":
            status, path = change.target[1], change.target[2]
            response = next((r for r in op.responses if r.status == status), None)
            if response is not None and response.model:
                field = _field(api, response.model, path)
                return f"{method} -> {field or 'models.' + response.model}"
        return method

    def sdk_changes(self) -> list[RawChange]:
        """Call sites of the old package that the new one no longer serves: renamed methods, lost keywords."""
        changes: list[RawChange] = []
        if not self.old or not self.new:
            return changes
        for key, old_op in self.old_ops.items():
            new_op = self.new_ops.get(key)
            if new_op is None:
                continue
            name = (old_op.http_method, old_op.path)
            # a changed operationId is reported (for every language) by the comparison; this is the rest: a method
            # renamed because another operation now claims its name
            if new_op.method_name != old_op.method_name and new_op.operation_id == old_op.operation_id:
                changes.append(
                    RawChange(
                        "sdk-method-renamed",
                        "breaking",
                        name,
                        "operationId",
                        f"method `{old_op.method_name}` is now `{new_op.method_name}` (operationId "
                        f"{old_op.operation_id!r} -> {new_op.operation_id!r})",
                        None,
                        None,
                        {
                            "sdk": {
                                "package": self.old.package,
                                "method": old_op.method_name,
                                "replacement": new_op.method_name,
                            }
                        },
                        ("operation",),
                    )
                )
            new_args = {p.argument for p in new_op.parameters}
            for param in old_op.parameters:
                if param.argument in new_args:
                    continue
                renamed = next(
                    (
                        p
                        for p in new_op.parameters
                        if p.location == param.location == "path"
                        and p.argument not in {q.argument for q in old_op.parameters}
                    ),
                    None,
                )
                detail = f"is now `{renamed.argument}`" if renamed else "no longer exists"
                changes.append(
                    RawChange(
                        "sdk-keyword-argument-removed",
                        "breaking",
                        name,
                        f"{param.location} parameter {param.name!r}",
                        f"keyword argument `{param.argument}` of `{new_op.method_name}` {detail}",
                        None,
                        None,
                        {"sdk": {"package": self.old.package, "method": old_op.method_name, "keyword": param.argument}},
                        ("parameter", param.location, param.name),
                    )
                )
            if old_op.body is not None and new_op.body is None:
                changes.append(
                    RawChange(
                        "sdk-keyword-argument-removed",
                        "breaking",
                        name,
                        "request body",
                        f"keyword argument `body` of `{new_op.method_name}` no longer exists",
                        None,
                        None,
                        {"sdk": {"package": self.old.package, "method": old_op.method_name, "keyword": "body"}},
                        ("body", ()),
                    )
                )
        return changes


def _field(api: ir.Api, model: str | None, path: tuple[str, ...]) -> str | None:
    """`models.Class.field` for an instance path below a model, following the IR's `$ref`s."""
    if model is None:
        return None
    current, schema, field = model, api.schemas.get(model), None
    for index, token in enumerate(path):
        schema = _deref(api, schema)
        if not isinstance(schema, dict):
            break
        if token == "[]":
            schema = schema.get("items")
            continue
        props = schema.get("properties")
        if not isinstance(props, dict) or token not in props:
            break
        field = token
        if index < len(path) - 1:
            ref = _ref_name(props[token])
            if ref:
                current, schema, field = ref, api.schemas.get(ref), None
            else:
                schema = props[token]
    return f"models.{current}.{field}" if field else f"models.{current}"


def _deref(api: ir.Api, schema: Any) -> Any:
    for _ in range(8):
        name = _ref_name(schema)
        if not name:
            return schema
        schema = api.schemas.get(name)
    return schema


def _ref_name(schema: Any) -> str | None:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        match = re.match(r"#/components/schemas/(.+)$", schema["$ref"])
        return match.group(1) if match else None
    return None


__all__ = ["Impact", "Loc", "build_ir"]
