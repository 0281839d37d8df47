"""The judge of every witness: JSON Schema Draft 2020-12 validation of a concrete request or response.

A document's files are registered once (3.0 schemas rewritten to 2020-12: `nullable` as a type array, boolean
`exclusiveMinimum` as a number), and a schema is validated where it stands, by `$ref` to its URI and pointer, so
`$ref`s across files resolve exactly as the document says. A reported break is one whose witness the old
document accepts and the new one rejects (requests), or the new one allows and the old one rejects (responses).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import jsonschema_rs
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from generator.diff.schema import canonical
from generator.diff.source import LazyJsonDocument, Loc, Spec, as_dict
from generator.spec.diagnostics import join_pointer
from generator.spec.load import Document
from generator.spec.terms import HTTP_METHODS

Validate = Callable[[Loc, Any], bool]


def _convert_object(node: dict[str, Any]) -> dict[str, Any]:
    if node.get("nullable") is True and isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]
    for inclusive, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        flag = node.get(exclusive)
        if isinstance(flag, bool):
            del node[exclusive]
            if flag and inclusive in node:
                node[exclusive] = node.pop(inclusive)
    return node


def converted(document: Document, version: str) -> Any:
    """The document's data in 2020-12 spelling; a big JSON file is re-parsed with the rewrite as a hook (C speed)."""
    if version != "3.0":
        return document.data
    if isinstance(document, LazyJsonDocument):
        return json.loads(document.text, object_hook=_convert_object)
    return convert_30(document.data)


def convert_30(node: Any, done: dict[int, Any] | None = None) -> Any:
    """A 3.0 document's schemas in 2020-12 spelling (the rest of the document passes through unchanged).
    A node shared by YAML aliases is converted once and stays shared."""
    done = {} if done is None else done
    if id(node) in done:
        return done[id(node)]
    if isinstance(node, list):
        result: Any = [convert_30(item, done) for item in node]
        done[id(node)] = result
        return result
    if not isinstance(node, dict):
        return node
    out = {key: convert_30(value, done) for key, value in node.items()}
    done[id(node)] = out
    if out.get("nullable") is True and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    for inclusive, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        flag = out.get(exclusive)
        if isinstance(flag, bool):
            del out[exclusive]
            if flag and inclusive in out:
                out[exclusive] = out.pop(inclusive)
    return out


class Oracle:
    """Validates values against schema nodes of one side (`Spec`).

    jsonschema-rs does the work (GitHub's description has schemas of thousands of nodes, validated hundreds of
    times); a schema it cannot compile (a regular expression outside its dialect) falls back to jsonschema.
    """

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._known = -1
        self._fast: Any = None
        self._slow: Registry[Any] | None = None
        self._validators: dict[tuple[Any, str], Callable[[Any], bool]] = {}
        self._results: dict[tuple[tuple[Any, str], str], bool] = {}

    def _refresh(self) -> None:
        documents = self.spec.workspace.documents
        if len(documents) == self._known:
            return
        contents = [(document.uri, converted(document, self.spec.version)) for document in documents.values()]
        try:
            self._fast = jsonschema_rs.Registry(contents, draft=jsonschema_rs.Draft202012)
        except Exception:  # a document it cannot take: every schema goes the slow way
            self._fast = None
        self._slow = Registry().with_resources((uri, DRAFT202012.create_resource(data)) for uri, data in contents)
        self._known = len(documents)
        self._validators.clear()
        self._results.clear()

    def _validator(self, loc: Loc) -> Callable[[Any], bool]:
        ref = {"$ref": f"{loc.document.uri}#{quote(loc.pointer, safe='/~')}"}
        if self._fast is not None:
            try:
                fast = jsonschema_rs.Draft202012Validator(ref, registry=self._fast)
                return lambda value: bool(fast.is_valid(value))
            except Exception:
                pass
        slow = Draft202012Validator(ref, registry=self._slow or Registry())
        return lambda value: bool(slow.is_valid(value))

    def valid(self, loc: Loc, value: Any) -> bool:
        self._refresh()
        key = (loc.key, canonical(value))
        if key in self._results:
            return self._results[key]
        validator = self._validators.get(loc.key)
        if validator is None:
            validator = self._validators[loc.key] = self._validator(loc)
        try:
            result = validator(value)
        except Exception:  # an unresolvable or unsupported schema proves nothing either way
            result = True
        self._results[key] = result
        return result

    def all_valid(self, locs: tuple[Loc, ...] | list[Loc], value: Any) -> bool:
        return all(self.valid(loc, value) for loc in locs)


# ---- requests and responses ------------------------------------------------------------------------------


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^/{}]+\})", template)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "$")


def _segments(path: str) -> tuple[int, str]:
    parts = path.split("/")
    return len(parts), parts[1] if len(parts) > 1 else ""


def _templates(spec: Spec) -> dict[tuple[int, str], list[tuple[str, re.Pattern[str]]]]:
    """Path templates bucketed by segment count and first segment (a templated first segment goes under "")."""
    cached: dict[tuple[int, str], list[tuple[str, re.Pattern[str]]]] | None = getattr(spec, "_templates", None)
    if cached is None:
        cached = {}
        for template in spec.data.get("paths") or {}:
            count, first = _segments(template)
            key = (count, "" if "{" in first else first)
            cached.setdefault(key, []).append((template, _template_regex(template)))
        spec._templates = cached  # type: ignore[attr-defined]
    return cached


def find_operation(spec: Spec, method: str, path: str) -> tuple[str, Loc, Loc] | None:
    """(template, path item, operation) for a concrete path; literal segments win over templated ones."""
    matches = []
    count, first = _segments(path)
    buckets = _templates(spec)
    for template, regex in [*buckets.get((count, first), []), *buckets.get((count, ""), [])]:
        if regex.match(path):
            item_loc, item = spec.follow(Loc(spec.root, join_pointer("/paths", template)))
            op = item.get(method.lower()) if isinstance(item, dict) else None
            if isinstance(op, dict):
                matches.append((template.count("{"), template, item_loc, item_loc.child(method.lower())))
    if not matches:
        return None
    matches.sort(key=lambda m: m[0])
    return matches[0][1], matches[0][2], matches[0][3]


def parameters(spec: Spec, item_loc: Loc, op_loc: Loc) -> dict[tuple[str, str], tuple[Loc, dict[str, Any]]]:
    """Effective parameters of an operation by (in, name); header names compare case-insensitively."""
    merged: dict[tuple[str, str], tuple[Loc, dict[str, Any]]] = {}
    for base in (item_loc, op_loc):
        listed = base.value().get("parameters") if isinstance(base.value(), dict) else None
        if not isinstance(listed, list):
            continue
        for index in range(len(listed)):
            loc, value = spec.follow(base.child("parameters", index))
            if isinstance(value, dict) and isinstance(value.get("name"), str) and isinstance(value.get("in"), str):
                merged[param_key(value)] = (loc, value)
    return merged


def param_key(param: dict[str, Any]) -> tuple[str, str]:
    name = str(param["name"])
    return (str(param["in"]), name.lower() if param["in"] == "header" else name)


def param_schema(loc: Loc, param: dict[str, Any]) -> Loc | None:
    if "schema" in param:
        return loc.child("schema")
    content = param.get("content")
    if isinstance(content, dict) and content:
        media = next(iter(content))
        if isinstance(content[media], dict) and "schema" in content[media]:
            return loc.child("content", media, "schema")
    return None


def media_match(content: dict[str, Any], media: str) -> str | None:
    """The content key serving `media`: exact, then `type/*`, then `*/*` (parameters ignored)."""
    base = media.split(";")[0].strip().lower()
    keys = {str(k).split(";")[0].strip().lower(): str(k) for k in content}
    for candidate in (base, base.split("/")[0] + "/*", "*/*"):
        if candidate in keys:
            return keys[candidate]
    return None


def security_of(spec: Spec, op: dict[str, Any]) -> list[dict[str, Any]] | None:
    security = op.get("security", spec.data.get("security"))
    return security if isinstance(security, list) else None


def scheme_descriptor(spec: Spec, name: str) -> dict[str, Any] | None:
    """What a client must present for a security scheme: its type and where the credential goes."""
    schemes = (spec.data.get("components") or {}).get("securitySchemes") or {}
    if name not in schemes:
        return None
    _, scheme = spec.follow(Loc(spec.root, join_pointer("/components/securitySchemes", name)))
    if not isinstance(scheme, dict):
        return None
    kind = scheme.get("type")
    if kind == "apiKey":
        header = scheme.get("in") == "header"
        return {
            "type": "apiKey",
            "in": scheme.get("in"),
            "name": str(scheme.get("name", "")).lower() if header else scheme.get("name"),
        }
    if kind == "http":
        return {"type": "http", "scheme": str(scheme.get("scheme", "")).lower()}
    return {"type": kind}


def security_satisfied(spec: Spec, op: dict[str, Any], presented: list[dict[str, Any]]) -> bool:
    requirements = security_of(spec, op)
    if not requirements:
        return True
    for alternative in requirements:
        if not isinstance(alternative, dict):
            continue
        if all(_presented(spec, name, scopes, presented) for name, scopes in alternative.items()):
            return True
    return False


def _presented(spec: Spec, name: str, scopes: Any, presented: list[dict[str, Any]]) -> bool:
    descriptor = scheme_descriptor(spec, name)
    if descriptor is None:
        return False
    needed = set(scopes) if isinstance(scopes, list) else set()
    return any(
        {k: v for k, v in p.items() if k != "scopes"} == descriptor and needed <= set(p.get("scopes") or ())
        for p in presented
    )


def credentials(spec: Spec, alternative: dict[str, Any]) -> list[dict[str, Any]]:
    """What a client meeting one security requirement presents: each scheme's descriptor and its scopes."""
    found = []
    for name, scopes in alternative.items():
        descriptor = scheme_descriptor(spec, name)
        if descriptor is not None:
            found.append({**descriptor, "scopes": sorted(str(s) for s in scopes) if isinstance(scopes, list) else []})
    return found


def accepts_request(spec: Spec, witness: dict[str, Any], valid: Validate) -> tuple[bool, str]:
    """Would a server implementing `spec` accept this request? (False, reason) when it would not."""
    found = find_operation(spec, witness["method"], witness["path"])
    if found is None:
        return False, f"no operation {witness['method']} {witness['path']}"
    _, item_loc, op_loc = found
    op = op_loc.value()
    given: dict[str, dict[str, Any]] = witness.get("parameters") or {}
    for (where, name), (loc, param) in parameters(spec, item_loc, op_loc).items():
        values = {(k.lower() if where == "header" else k): v for k, v in (given.get(where) or {}).items()}
        if name not in values:
            if param.get("required") is True or where == "path":
                return False, f"{where} parameter {param['name']!r} is required"
            continue
        schema = param_schema(loc, param)
        if schema is not None and not valid(schema, values[name]):
            return False, f"{where} parameter {param['name']!r} does not match its schema"
    if not security_satisfied(spec, op, witness.get("security") or []):
        return False, "no security requirement is met"
    if "requestBody" in op:
        body_loc, body = spec.follow(op_loc.child("requestBody"))
        body = body if isinstance(body, dict) else {}
        if "body" not in witness:
            if body.get("required") is True:
                return False, "the request body is required"
        else:
            content = as_dict(body.get("content"))
            key = media_match(content, witness.get("media_type", "application/json"))
            if key is None:
                return False, f"media type {witness.get('media_type')!r} is not accepted"
            media = content[key]
            schema = body_loc.child("content", key, "schema")
            if isinstance(media, dict) and "schema" in media and not valid(schema, witness["body"]):
                return False, "the body does not match its schema"
    return True, ""


def response_for(spec: Spec, op_loc: Loc, status: str) -> tuple[Loc, dict[str, Any]] | None:
    responses = op_loc.value().get("responses") or {}
    for key in (status, f"{status[0]}XX", f"{status[0]}xx", "default"):
        if key in responses:
            loc, value = spec.follow(op_loc.child("responses", key))
            return loc, value if isinstance(value, dict) else {}
    return None


def allows_response(spec: Spec, witness: dict[str, Any], valid: Validate) -> tuple[bool, str]:
    """Does `spec` allow a server to send this response? (False, reason) when it does not."""
    found = find_operation(spec, witness["method"], witness["path"])
    if found is None:
        return False, f"no operation {witness['method']} {witness['path']}"
    found_response = response_for(spec, found[2], str(witness["status"]))
    if found_response is None:
        return False, f"status {witness['status']} is not documented"
    loc, response = found_response
    sent = {str(k).lower(): v for k, v in (witness.get("headers") or {}).items()}
    headers = as_dict(response.get("headers"))
    for name in headers:
        header_loc, header = spec.follow(loc.child("headers", name))
        if not isinstance(header, dict) or name.lower() == "content-type":
            continue
        if name.lower() not in sent:
            if header.get("required") is True:
                return False, f"header {name!r} is required"
            continue
        schema = param_schema(header_loc, header)
        if schema is not None and not valid(schema, sent[name.lower()]):
            return False, f"header {name!r} does not match its schema"
    if "body" in witness:
        content = as_dict(response.get("content"))
        if content:
            key = media_match(content, witness.get("media_type", "application/json"))
            if key is None:
                return False, f"media type {witness.get('media_type')!r} is not documented"
            media = content[key]
            schema = loc.child("content", key, "schema")
            if isinstance(media, dict) and "schema" in media and not valid(schema, witness["body"]):
                return False, "the body does not match its schema"
    return True, ""


def methods(item: dict[str, Any]) -> list[str]:
    return [m for m in HTTP_METHODS if isinstance(item.get(m), dict)]
