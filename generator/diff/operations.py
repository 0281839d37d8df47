"""Operation by operation: paths, parameters, request bodies, responses, headers and security.

Operations are matched by method and path template with parameter names blanked (`/pets/{id}` and
`/pets/{petId}` are one operation; the renamed path parameter is an SDK change, not a wire change). Every
schema-level finding is wrapped into a whole request or response and proved by the oracle against both documents;
a finding whose witness is not proved is reported as a warning, never as a break.

Why one module (~800 lines): every check is a small method of `Comparison`, which holds the matched operations of
both documents, the proof routine and the budget; splitting them by location (parameters, bodies, responses,
security) into mixins is possible but would scatter that shared state.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.diff.instances import Sampler
from generator.diff.narrowing import NO_VALUE, Finding, Narrowing, Side
from generator.diff.oracle import (
    Oracle,
    accepts_request,
    allows_response,
    credentials,
    media_match,
    methods,
    param_schema,
    parameters,
    scheme_descriptor,
    security_of,
    security_satisfied,
)
from generator.diff.report import Level
from generator.diff.schema import Shapes
from generator.diff.source import Loc, Spec, as_dict
from generator.spec.diagnostics import join_pointer

MAX_PROOFS = 5000  # a hostile document (YAML aliases) can yield millions of findings: the proofs are bounded


@dataclass
class RawChange:
    rule: str
    level: Level
    operation: tuple[str, str] | None  # (METHOD, old path template or new when added)
    subject: str
    message: str
    old: Loc | None
    new: Loc | None
    witness: dict[str, Any] | None = None
    # what the change touches, for naming its impact: ("parameter", in, name) / ("body"|"response", status, path)
    target: tuple[Any, ...] = field(default_factory=tuple)


@dataclass
class Side_:
    spec: Spec
    shapes: Shapes
    oracle: Oracle
    sampler: Sampler


def _side(spec: Spec) -> Side_:
    shapes = Shapes(spec)
    return Side_(spec, shapes, Oracle(spec), Sampler(shapes))


def normalise_template(path: str) -> str:
    return re.sub(r"\{[^/{}]+\}", "{}", path)


def index_operations(spec: Spec) -> dict[tuple[str, str], tuple[str, Loc, Loc]]:
    found: dict[tuple[str, str], tuple[str, Loc, Loc]] = {}
    for template in spec.data.get("paths") or {}:
        item_loc, item = spec.follow(Loc(spec.root, join_pointer("/paths", template)))
        if not isinstance(item, dict):
            continue
        for method in methods(item):
            found[(method.upper(), normalise_template(template))] = (template, item_loc, item_loc.child(method))
    return found


class Comparison:
    def __init__(self, old: Spec, new: Spec) -> None:
        self.old, self.new = _side(old), _side(new)
        self.request = Narrowing("request", self.old.shapes, self.new.shapes, self.old.oracle, self.new.oracle)
        self.response = Narrowing("response", self.new.shapes, self.old.shapes, self.new.oracle, self.old.oracle)
        self.changes: list[RawChange] = []
        self.proofs = 0

    def run(self) -> list[RawChange]:
        old_ops, new_ops = index_operations(self.old.spec), index_operations(self.new.spec)
        for key, (template, item_loc, op_loc) in old_ops.items():
            op_name = (key[0], template)
            if key not in new_ops:
                witness = self.base_request(key[0], template, item_loc, op_loc)
                self.prove_request(
                    RawChange(
                        "operation-removed",
                        "breaking",
                        op_name,
                        "",
                        "operation removed",
                        op_loc,
                        Loc(self.new.spec.root, "/paths"),
                        witness,
                        ("operation",),
                    )
                )
                continue
            self.operation(op_name, (item_loc, op_loc), new_ops[key])
        for key, (template, _, op_loc) in new_ops.items():
            if key not in old_ops:
                self.changes.append(
                    RawChange(
                        "operation-added",
                        "info",
                        (key[0], template),
                        "",
                        "operation added",
                        None,
                        op_loc,
                        target=("operation",),
                    )
                )
        return self.changes

    # ---- base instances -------------------------------------------------------------------------------------

    def _presented(self, old_op: dict[str, Any], new_op: dict[str, Any] | None) -> list[dict[str, Any]]:
        """Credentials for an old alternative that the new document also accepts (else the first one)."""
        options = []
        for alternative in security_of(self.old.spec, old_op) or [{}]:
            if isinstance(alternative, dict):
                options.append(credentials(self.old.spec, alternative))
        for presented in options:
            if new_op is None or security_satisfied(self.new.spec, new_op, presented):
                return presented
        return options[0] if options else []

    def base_request(
        self,
        method: str,
        template: str,
        item_loc: Loc,
        op_loc: Loc,
        new_op: dict[str, Any] | None = None,
        *,
        with_body: bool = False,
    ) -> dict[str, Any]:
        """The least request the old document accepts for this operation."""
        side = self.old
        op = op_loc.value()
        values: dict[str, dict[str, Any]] = {}
        path = template
        for (where, _), (loc, param) in parameters(side.spec, item_loc, op_loc).items():
            if not (param.get("required") is True or where == "path"):
                continue
            schema = param_schema(loc, param)
            value = side.sampler.sample(side.shapes.of(schema)) if schema else "a"
            if where == "path":
                value = value if value not in (None, "", [], {}) else "a"
                path = path.replace("{" + param["name"] + "}", str(value))
            values.setdefault(where, {})[param["name"]] = value
        path = re.sub(r"\{[^/{}]+\}", "a", path)
        request: dict[str, Any] = {
            "method": method,
            "path": path,
            "parameters": values,
            "security": self._presented(op, new_op),
        }
        if "requestBody" in op:
            body_loc, body = side.spec.follow(op_loc.child("requestBody"))
            content = as_dict(body.get("content") if isinstance(body, dict) else None)
            if content and (with_body or body.get("required") is True):
                media = next(iter(content))
                request["media_type"] = media
                if isinstance(content[media], dict) and "schema" in content[media]:
                    request["body"] = side.sampler.sample(side.shapes.of(body_loc.child("content", media, "schema")))
                else:
                    request["body"] = ""
        return request

    def base_response(self, method: str, template: str, status: str, response_loc: Loc) -> dict[str, Any]:
        """The least response the new document allows for this status."""
        side = self.new
        response = response_loc.value()
        concrete = status if status.isdigit() else (status[0] + "00" if status[0] in "12345" else "599")
        headers = {}
        for name in response.get("headers") or {}:
            loc, header = side.spec.follow(response_loc.child("headers", name))
            if isinstance(header, dict) and header.get("required") is True:
                schema = param_schema(loc, header)
                headers[name] = side.sampler.sample(side.shapes.of(schema)) if schema else "a"
        witness: dict[str, Any] = {
            "method": method,
            "path": re.sub(r"\{[^/{}]+\}", "a", template),
            "status": concrete,
            "headers": headers,
        }
        content = response.get("content")
        if isinstance(content, dict) and content:
            media = next(iter(content))
            witness["media_type"] = media
            if isinstance(content[media], dict) and "schema" in content[media]:
                witness["body"] = side.sampler.sample(side.shapes.of(response_loc.child("content", media, "schema")))
        return witness

    # ---- proof ---------------------------------------------------------------------------------------------

    def prove_request(self, change: RawChange) -> None:
        """A request break holds when the old document accepts the witness and the new one rejects it."""
        self._prove(change, "request", accepts_request, (self.old, "old"), (self.new, "new"), "accepts")

    def prove_response(self, change: RawChange) -> None:
        """A response break holds when the new document allows the witness and the old one rejects it."""
        self._prove(change, "response", allows_response, (self.new, "new"), (self.old, "old"), "allows")

    def _prove(
        self,
        change: RawChange,
        what: str,
        check: Any,
        holds: tuple[Any, str],
        breaks: tuple[Any, str],
        verb: str,
    ) -> None:
        self.proofs += 1
        if self.proofs > MAX_PROOFS and change.level == "breaking":
            change.level, change.witness = "warning", None
            change.message += f" (not proved: more than {MAX_PROOFS} changes)"
        if change.level == "breaking" and change.witness is None:
            change.level = "warning"
            change.message += " (unproved: no concrete value could be built for it)"
        if change.level == "breaking" and change.witness is not None:
            (side, side_name), (other, other_name) = holds, breaks
            ok_side, why = check(side.spec, change.witness, side.oracle.valid)
            ok_other, _ = check(other.spec, change.witness, other.oracle.valid)
            if not ok_side or ok_other:
                reason = (
                    f"the {side_name} document rejects it too: {why}"
                    if not ok_side
                    else f"the {other_name} one {verb} it"
                )
                change.level, change.witness = "warning", None
                change.message += f" (unproved: the candidate {what} fails, {reason})"
        elif change.level != "breaking":
            change.witness = None
        self.changes.append(change)

    # ---- one operation -------------------------------------------------------------------------------------

    def operation(self, name: tuple[str, str], old: tuple[Loc, Loc], new: tuple[str, Loc, Loc]) -> None:
        method, template = name
        old_item, old_op_loc = old
        _, new_item, new_op_loc = new
        old_op, new_op = old_op_loc.value(), new_op_loc.value()
        made: list[dict[str, Any]] = []

        def base() -> dict[str, Any]:  # sampled only when a change needs a witness
            if not made:
                made.append(self.base_request(method, template, old_item, old_op_loc, new_op))
            return made[0]

        self.security(name, old_op_loc, new_op_loc, base)
        self.parameters(name, old, (new_item, new_op_loc), base, new[0])
        self.request_body(name, old, new_op_loc, new_op)
        self.responses(name, old_op_loc, new_op_loc)
        old_id, new_id = old_op.get("operationId"), new_op.get("operationId")
        if old_id != new_id and isinstance(old_id, str):
            # clients generated in other languages name their methods after it, whatever our snake_case makes of it
            self.changes.append(
                RawChange(
                    "operation-id-changed",
                    "breaking",
                    name,
                    "operationId",
                    f"operationId {old_id!r} is now {new_id!r}",
                    old_op_loc.child("operationId"),
                    new_op_loc.child("operationId") if new_id is not None else new_op_loc,
                    {"sdk": {"operationId": old_id, "replacement": new_id}},
                    ("operation",),
                )
            )
        if old_op.get("deprecated") is not True and new_op.get("deprecated") is True:
            self.changes.append(
                RawChange(
                    "operation-deprecated",
                    "info",
                    name,
                    "",
                    "operation deprecated",
                    old_op_loc,
                    new_op_loc.child("deprecated"),
                    target=("operation",),
                )
            )

    def security(self, name: tuple[str, str], old_op_loc: Loc, new_op_loc: Loc, base: Callable[[], Any]) -> None:
        old_op, new_op = old_op_loc.value(), new_op_loc.value()
        old_security = security_of(self.old.spec, old_op) or [{}]
        for index, alternative in enumerate(old_security):
            if not isinstance(alternative, dict):
                continue
            presented = credentials(self.old.spec, alternative)
            if security_satisfied(self.new.spec, new_op, presented):
                continue
            old_loc = _security_loc(self.old.spec, old_op_loc, index)
            new_loc = _security_loc(self.new.spec, new_op_loc, None)
            for scheme in alternative:  # a scheme whose definition changed: point at the definitions
                pointer = join_pointer("/components/securitySchemes", scheme)
                old_def, new_def = Loc(self.old.spec.root, pointer), Loc(self.new.spec.root, pointer)
                if scheme not in as_dict(as_dict(self.new.spec.data.get("components")).get("securitySchemes")):
                    continue
                if scheme_descriptor(self.old.spec, scheme) != scheme_descriptor(self.new.spec, scheme):
                    old_loc, new_loc = self.old.spec.follow(old_def)[0], self.new.spec.follow(new_def)[0]
                    break
            names = ", ".join(sorted(alternative)) or "no credentials"
            self.prove_request(
                RawChange(
                    "security-requirement-changed",
                    "breaking",
                    name,
                    "security",
                    f"a request with {names} (accepted before) no longer meets any security requirement",
                    old_loc,
                    new_loc,
                    {**base(), "security": presented},
                    ("security",),
                )
            )

    def parameters(
        self,
        name: tuple[str, str],
        old: tuple[Loc, Loc],
        new: tuple[Loc, Loc],
        base: Callable[[], Any],
        new_template: str,
    ) -> None:
        old_params = parameters(self.old.spec, *old)
        new_params = parameters(self.new.spec, *new)
        old_path = _path_names(name[1])
        rename = dict(zip(_path_names(new_template), old_path, strict=False))
        by_old_key = {}
        for (where, pname), entry in new_params.items():
            key = (where, rename.get(entry[1]["name"], pname)) if where == "path" else (where, pname)
            by_old_key[key] = entry
        for key, (loc, param) in old_params.items():
            where = key[0]
            subject = f"{where} parameter {param['name']!r}"
            moved = [w for (w, n), _ in new_params.items() if n == key[1] and w != where and (w, n) not in old_params]
            if key not in by_old_key and moved:
                self.changes.append(
                    RawChange(
                        "parameter-moved",
                        "warning",
                        name,
                        subject,
                        f"now sent in the {moved[0]} (a client sending it in the {where} is not understood)",
                        loc,
                        new_params[(moved[0], key[1])][0].child("in"),
                        target=("parameter", where, param["name"]),
                    )
                )
                continue
            if key not in by_old_key:
                self.changes.append(
                    RawChange(
                        "parameter-removed",
                        "info" if where != "path" else "warning",
                        name,
                        subject,
                        "parameter removed (servers ignore unknown parameters)",
                        loc,
                        new[1],
                        target=("parameter", where, param["name"]),
                    )
                )
                continue
            new_loc, new_param = by_old_key[key]
            if param.get("required") is not True and new_param.get("required") is True and where != "path":
                lacking = {**base(), "parameters": _without(base()["parameters"], where, param["name"])}
                self.prove_request(
                    RawChange(
                        "parameter-required",
                        "breaking",
                        name,
                        subject,
                        "parameter is now required",
                        loc,
                        new_loc.child("required"),
                        lacking,
                        ("parameter", where, param["name"]),
                    )
                )
            for attribute in ("style", "explode", "allowReserved"):
                if param.get(attribute) != new_param.get(attribute):
                    self.changes.append(
                        RawChange(
                            "parameter-serialization-changed",
                            "warning",
                            name,
                            subject,
                            f"{attribute} changed from {param.get(attribute)!r} to {new_param.get(attribute)!r}",
                            loc,
                            new_loc,
                            target=("parameter", where, param["name"]),
                        )
                    )
            old_schema, new_schema = param_schema(loc, param), param_schema(new_loc, new_param)
            if old_schema is None or new_schema is None:
                continue
            findings = self.request.compare_locs([old_schema], [new_schema])
            for finding in findings:
                witness: dict[str, Any] | None = None
                if finding.witness is not NO_VALUE:
                    params = {k: dict(v) for k, v in base()["parameters"].items()}
                    params.setdefault(where, {})[param["name"]] = finding.witness
                    witness = {**base(), "parameters": params}
                    if where == "path":
                        witness["path"] = _put_path(name[1], param["name"], finding.witness, base())
                self.prove_request(
                    self._from_finding(
                        finding, "request", name, subject, witness, ("parameter", where, param["name"], finding.path)
                    )
                )
        for key, (loc, param) in new_params.items():
            old_key = (key[0], rename.get(param["name"], key[1])) if key[0] == "path" else key
            if old_key in old_params:
                continue
            subject = f"{key[0]} parameter {param['name']!r}"
            if param.get("required") is True or key[0] == "path":
                self.prove_request(
                    RawChange(
                        "required-parameter-added",
                        "breaking",
                        name,
                        subject,
                        "new required parameter",
                        old[1],
                        loc,
                        base(),
                        ("parameter", key[0], param["name"]),
                    )
                )
            else:
                self.changes.append(
                    RawChange(
                        "parameter-added",
                        "info",
                        name,
                        subject,
                        "new optional parameter",
                        None,
                        loc,
                        target=("parameter", key[0], param["name"]),
                    )
                )

    def request_body(
        self, name: tuple[str, str], old: tuple[Loc, Loc], new_op_loc: Loc, new_op: dict[str, Any]
    ) -> None:
        old_item, old_op_loc = old
        old_op = old_op_loc.value()
        new_body_loc, new_body = (
            self.new.spec.follow(new_op_loc.child("requestBody")) if "requestBody" in new_op else (None, None)
        )
        if "requestBody" not in old_op:
            if isinstance(new_body, dict) and new_body.get("required") is True:
                base = self.base_request(name[0], name[1], old_item, old_op_loc, new_op)
                self.prove_request(
                    RawChange(
                        "request-body-required",
                        "breaking",
                        name,
                        "request body",
                        "a request body is now required",
                        old_op_loc,
                        new_body_loc,
                        base,
                        ("body", ()),
                    )
                )
            return
        old_body_loc, old_body = self.old.spec.follow(old_op_loc.child("requestBody"))
        if not isinstance(old_body, dict):
            return
        if new_body_loc is None or not isinstance(new_body, dict):
            self.changes.append(
                RawChange(
                    "request-body-removed",
                    "warning",
                    name,
                    "request body",
                    "the request body was removed",
                    old_body_loc,
                    new_op_loc,
                    target=("body", ()),
                )
            )
            return
        if old_body.get("required") is not True and new_body.get("required") is True:
            base = self.base_request(name[0], name[1], old_item, old_op_loc, new_op)
            self.prove_request(
                RawChange(
                    "request-body-required",
                    "breaking",
                    name,
                    "request body",
                    "the request body is now required",
                    old_body_loc,
                    new_body_loc.child("required"),
                    base,
                    ("body", ()),
                )
            )
        old_content = as_dict(old_body.get("content"))
        new_content = as_dict(new_body.get("content"))
        for media, media_obj in old_content.items():
            subject = f"request body {media}"
            old_schema_loc = old_body_loc.child("content", media, "schema")
            has_old_schema = isinstance(media_obj, dict) and "schema" in media_obj

            def body_base(
                media: str = media, has_old_schema: bool = has_old_schema, schema: Loc = old_schema_loc
            ) -> Any:
                request = self.base_request(name[0], name[1], old_item, old_op_loc, new_op, with_body=True)
                request["media_type"] = media
                request["body"] = self.old.sampler.sample(self.old.shapes.of(schema)) if has_old_schema else ""
                return request

            key = media_match(new_content, media)
            if key is None:
                self.prove_request(
                    RawChange(
                        "request-media-type-removed",
                        "breaking",
                        name,
                        subject,
                        "media type no longer accepted",
                        old_body_loc.child("content", media),
                        new_body_loc.child("content"),
                        body_base(),
                        ("body", ()),
                    )
                )
                continue
            new_media = new_content[key]
            if not (has_old_schema and isinstance(new_media, dict) and "schema" in new_media):
                continue
            new_schema_loc = new_body_loc.child("content", key, "schema")
            findings = self.request.compare_locs([old_schema_loc], [new_schema_loc])
            for finding in findings:
                witness = None if finding.witness is NO_VALUE else {**body_base(), "body": finding.witness}
                self.prove_request(
                    self._from_finding(finding, "request", name, "request body", witness, ("body", finding.path))
                )

    def responses(self, name: tuple[str, str], old_op_loc: Loc, new_op_loc: Loc) -> None:
        old_responses = old_op_loc.value().get("responses") or {}
        new_responses = new_op_loc.value().get("responses") or {}
        if not isinstance(old_responses, dict) or not isinstance(new_responses, dict):
            return
        old_keys = {str(k).upper() if str(k).lower() != "default" else "default": str(k) for k in old_responses}
        new_keys = {str(k).upper() if str(k).lower() != "default" else "default": str(k) for k in new_responses}
        for status, key in new_keys.items():
            new_loc, _ = self.new.spec.follow(new_op_loc.child("responses", key))
            covering = _covering(status, old_keys)
            if covering is None:
                success = status.startswith("2")
                witness = self.base_response(name[0], name[1], key, new_loc) if success else None
                self.prove_response(
                    RawChange(
                        "response-status-added",
                        "breaking" if success else "info",
                        name,
                        f"response {status}",
                        "new success status (the old client does not expect it)"
                        if success
                        else "new documented status",
                        old_op_loc.child("responses"),
                        new_loc,
                        witness,
                        ("response", status, ()),
                    )
                )
                continue
            old_loc, _ = self.old.spec.follow(old_op_loc.child("responses", old_keys[covering]))
            self.response_pair(name, status, old_loc, new_loc)
        for status, key in old_keys.items():
            if status in new_keys:
                continue
            old_loc, _ = self.old.spec.follow(old_op_loc.child("responses", key))
            covering = _covering(status, new_keys)
            if covering is not None:  # now inside a range or `default`: the contents still compare
                new_loc, _ = self.new.spec.follow(new_op_loc.child("responses", new_keys[covering]))
                self.response_pair(name, status, old_loc, new_loc)
                continue
            success = status.startswith("2")
            # No response can prove this one (a server implementing the new document simply never sends it); what
            # breaks is the generated method, whose return type was built from it.
            self.changes.append(
                RawChange(
                    "response-status-removed",
                    "breaking" if success else "warning",
                    name,
                    f"response {status}",
                    "success status removed (the generated method no longer returns its model)"
                    if success
                    else "status no longer documented",
                    old_loc,
                    new_op_loc.child("responses"),
                    {"sdk": {"status": status}} if success else None,
                    target=("response", status, ()),
                )
            )

    def response_pair(self, name: tuple[str, str], status: str, old_loc: Loc, new_loc: Loc) -> None:
        old, new = old_loc.value(), new_loc.value()
        if not isinstance(old, dict) or not isinstance(new, dict):
            return
        made: list[dict[str, Any]] = []

        def base_of() -> dict[str, Any]:  # sampled only when a change needs a witness
            if not made:
                made.append(self.base_response(name[0], name[1], status, new_loc))
            return made[0]

        old_headers = {str(k).lower(): str(k) for k in (old.get("headers") or {})}
        new_headers = {str(k).lower(): str(k) for k in (new.get("headers") or {})}
        for lower, header_name in old_headers.items():
            if lower == "content-type":
                continue
            old_h_loc, old_header = self.old.spec.follow(old_loc.child("headers", header_name))
            if not isinstance(old_header, dict):
                continue
            subject = f"response {status} header {header_name!r}"
            if lower not in new_headers:
                level: Level = "breaking" if old_header.get("required") is True else "info"
                self.prove_response(
                    RawChange(
                        "response-header-removed",
                        level,
                        name,
                        subject,
                        "header no longer documented",
                        old_h_loc,
                        new_loc,
                        base_of(),
                        ("response", status, ()),
                    )
                )
                continue
            new_h_loc, new_header = self.new.spec.follow(new_loc.child("headers", new_headers[lower]))
            if not isinstance(new_header, dict):
                continue
            if old_header.get("required") is True and new_header.get("required") is not True:
                without = {
                    **base_of(),
                    "headers": {k: v for k, v in base_of()["headers"].items() if k.lower() != lower},
                }
                self.prove_response(
                    RawChange(
                        "response-header-optional",
                        "breaking",
                        name,
                        subject,
                        "header is no longer required",
                        old_h_loc,
                        new_h_loc,
                        without,
                        ("response", status, ()),
                    )
                )
            old_schema, new_schema = param_schema(old_h_loc, old_header), param_schema(new_h_loc, new_header)
            if old_schema and new_schema:
                for finding in self.response.compare_locs([new_schema], [old_schema]):
                    witness: dict[str, Any] | None = None
                    if finding.witness is not NO_VALUE:
                        witness = {
                            **base_of(),
                            "headers": {**base_of()["headers"], new_headers[lower]: finding.witness},
                        }
                    self.prove_response(
                        self._from_finding(finding, "response", name, subject, witness, ("response", status, ()))
                    )
        old_content = as_dict(old.get("content"))
        new_content = as_dict(new.get("content"))
        if not old_content:
            return
        replaced = not any(media_match(new_content, m) for m in old_content)
        for media, media_obj in new_content.items():
            subject = f"response {status} {media}"
            key = media_match(old_content, media)
            schema_loc = new_loc.child("content", media, "schema")
            has_schema = isinstance(media_obj, dict) and "schema" in media_obj
            if key is None:
                witness = {**base_of(), "media_type": media}
                if has_schema:
                    witness["body"] = self.new.sampler.sample(self.new.shapes.of(schema_loc))
                self.prove_response(
                    RawChange(
                        "response-media-type-added",
                        "breaking" if replaced else "warning",
                        name,
                        subject,
                        "the response may now be of a media type the old document does not list",
                        old_loc.child("content"),
                        new_loc.child("content", media),
                        witness,
                        ("response", status, ()),
                    )
                )
                continue
            old_media = old_content[key]
            if not (has_schema and isinstance(old_media, dict) and "schema" in old_media):
                continue
            old_schema_loc = old_loc.child("content", key, "schema")
            findings = self.response.compare_locs([schema_loc], [old_schema_loc])
            for finding in findings:
                witness = None
                if finding.witness is not NO_VALUE:
                    witness = {**base_of(), "media_type": media, "body": finding.witness}
                self.prove_response(
                    self._from_finding(
                        finding,
                        "response",
                        name,
                        f"response {status} body",
                        witness,
                        ("response", status, finding.path),
                    )
                )

    def _from_finding(
        self,
        finding: Finding,
        side: Side,
        name: tuple[str, str],
        subject: str,
        witness: dict[str, Any] | None,
        target: tuple[Any, ...],
    ) -> RawChange:
        old, new = (finding.loc_a, finding.loc_b) if side == "request" else (finding.loc_b, finding.loc_a)
        where = "/" + "/".join(finding.path) if finding.path else ""
        rule = f"{side}-{finding.rule}"
        return RawChange(
            rule,
            finding.level,
            name,
            f"{subject}{' ' + where if where else ''}",
            finding.message,
            old,
            new,
            witness,
            target,
        )


def _security_loc(spec: Spec, op_loc: Loc, index: int | None) -> Loc:
    """The requirement in force: the operation's own `security`, else the document's, else the operation."""
    for holder in (op_loc, Loc(spec.root, "")):
        listed = as_dict(holder.value()).get("security")
        if isinstance(listed, list):
            return (
                holder.child("security", index)
                if index is not None and index < len(listed)
                else holder.child("security")
            )
    return op_loc


def _covering(status: str, keys: dict[str, str]) -> str | None:
    if status in keys:
        return status
    if status != "default" and f"{status[0]}XX" in keys:
        return f"{status[0]}XX"
    return "default" if "default" in keys else None


def _path_names(template: str) -> list[str]:
    return re.findall(r"\{([^/{}]+)\}", template)


def _without(params: dict[str, dict[str, Any]], where: str, name: str) -> dict[str, dict[str, Any]]:
    result = {k: dict(v) for k, v in params.items()}
    lowered = name.lower() if where == "header" else name
    result[where] = {
        k: v for k, v in result.get(where, {}).items() if (k.lower() if where == "header" else k) != lowered
    }
    return result


def _put_path(template: str, param: str, value: Any, base: dict[str, Any]) -> str:
    path = template
    for key, current in (base["parameters"].get("path") or {}).items():
        shown = value if key == param else current
        path = path.replace("{" + key + "}", str(shown) if shown not in ("", None) else "a")
    return re.sub(r"\{[^/{}]+\}", "a", path)
