"""An independent judge of witnesses: the raw documents (PyYAML), openapi-schema-validator's OAS 3.0 / 3.1
validators (3.0 `nullable` read by the validator itself, not by our conversion) and a registry of every file.

It answers one question per document: would a server implementing it accept this request, may it send this
response. It shares no code with `generator.diff` beyond reading YAML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from openapi_schema_validator import OAS30Validator, OAS31Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4, DRAFT202012

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class Document:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.files: dict[Path, Any] = {}
        for path in sorted(self.root.parent.rglob("*")):
            if path.suffix in (".yaml", ".yml", ".json"):
                self.files[path.resolve()] = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.data = self.files[self.root]
        self.v30 = str(self.data["openapi"]).startswith("3.0")
        spec = DRAFT4 if self.v30 else DRAFT202012
        self.registry = Registry().with_resources(
            (path.as_uri(), spec.create_resource(data)) for path, data in self.files.items()
        )

    def deref(self, base: Path, node: Any) -> tuple[Path, str, Any]:
        pointer = ""
        for _ in range(20):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                return base, pointer, node
            file, _, fragment = node["$ref"].partition("#")
            base = (base.parent / file).resolve() if file else base
            pointer = fragment
            node = self.files[base]
            for token in fragment.split("/")[1:]:
                node = node[token.replace("~1", "/").replace("~0", "~")]
        raise AssertionError("reference chain too long")

    def valid(self, base: Path, pointer: str, value: Any) -> bool:
        validator = OAS30Validator if self.v30 else OAS31Validator
        ref = {"$ref": f"{base.as_uri()}#{quote(pointer, safe='/~')}"}
        return bool(validator(ref, registry=self.registry).is_valid(value))

    def operation(self, method: str, path: str) -> tuple[Path, str, dict[str, Any], dict[str, Any]] | None:
        candidates = []
        for template, item in (self.data.get("paths") or {}).items():
            regex = "^" + re.sub(r"\\\{[^/{}]+\\\}", "[^/]+", re.escape(template)) + "$"
            if re.match(regex, path):
                base, pointer, item = self.deref(self.root, item)
                if method.lower() in item:
                    candidates.append((template.count("{"), base, pointer or _ptr("paths", template), item))
        if not candidates:
            return None
        _, base, pointer, item = min(candidates, key=lambda c: c[0])
        return base, pointer, item, item[method.lower()]


def _ptr(*tokens: str) -> str:
    return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)


def _media(content: dict[str, Any], media: str) -> str | None:
    base = media.split(";")[0].strip().lower()
    for key in content:
        if key.split(";")[0].strip().lower() in (base, base.split("/")[0] + "/*", "*/*"):
            return str(key)
    return None


def _security_met(doc: Document, op: dict[str, Any], presented: list[dict[str, Any]]) -> bool:
    requirements = op.get("security", doc.data.get("security"))
    if not requirements:
        return True
    schemes = (doc.data.get("components") or {}).get("securitySchemes") or {}
    for alternative in requirements:
        ok = True
        for name, scopes in alternative.items():
            _, _, scheme = doc.deref(doc.root, schemes.get(name))
            if scheme is None:
                ok = False
                break
            if scheme["type"] == "apiKey":
                header = scheme["in"] == "header"
                want = {
                    "type": "apiKey",
                    "in": scheme["in"],
                    "name": scheme["name"].lower() if header else scheme["name"],
                }
            elif scheme["type"] == "http":
                want = {"type": "http", "scheme": scheme["scheme"].lower()}
            else:
                want = {"type": scheme["type"]}
            if not any(
                {k: v for k, v in p.items() if k != "scopes"} == want and set(scopes) <= set(p.get("scopes", []))
                for p in presented
            ):
                ok = False
                break
        if ok:
            return True
    return False


def accepts_request(doc: Document, witness: dict[str, Any]) -> bool:
    found = doc.operation(witness["method"], witness["path"])
    if found is None:
        return False
    base, pointer, item, op = found
    method = witness["method"].lower()
    params: dict[tuple[str, str], tuple[Path, str, dict[str, Any]]] = {}
    for where, listed in (
        (_ptr_join(pointer, "parameters"), item.get("parameters") or []),
        (_ptr_join(pointer, method, "parameters"), op.get("parameters") or []),
    ):
        for index, raw in enumerate(listed):
            p_base, p_pointer, param = doc.deref(base, raw)
            p_pointer = p_pointer or f"{where}/{index}"
            key = param["name"].lower() if param["in"] == "header" else param["name"]
            params[(param["in"], key)] = (p_base, p_pointer, param)
    given = witness.get("parameters") or {}
    for (where, key), (p_base, p_pointer, param) in params.items():
        values = {(k.lower() if where == "header" else k): v for k, v in (given.get(where) or {}).items()}
        if key not in values:
            if param.get("required") or where == "path":
                return False
            continue
        if "schema" in param and not doc.valid(p_base, p_pointer + "/schema", values[key]):
            return False
    if not _security_met(doc, op, witness.get("security") or []):
        return False
    if "requestBody" in op:
        b_base, b_pointer, body = doc.deref(base, op["requestBody"])
        b_pointer = b_pointer or _ptr_join(pointer, method, "requestBody")
        if "body" not in witness:
            return not body.get("required")
        key = _media(body.get("content") or {}, witness.get("media_type", "application/json"))
        if key is None:
            return False
        if "schema" in body["content"][key]:
            return doc.valid(b_base, _ptr_join(b_pointer, "content", key, "schema"), witness["body"])
    return True


def allows_response(doc: Document, witness: dict[str, Any]) -> bool:
    found = doc.operation(witness["method"], witness["path"])
    if found is None:
        return False
    base, pointer, _, op = found
    responses = op.get("responses") or {}
    status = str(witness["status"])
    key = next((k for k in (status, status[0] + "XX", status[0] + "xx", "default") if k in responses), None)
    if key is None:
        return False
    r_base, r_pointer, response = doc.deref(base, responses[key])
    r_pointer = r_pointer or _ptr_join(pointer, witness["method"].lower(), "responses", key)
    sent = {k.lower(): v for k, v in (witness.get("headers") or {}).items()}
    for name, raw in (response.get("headers") or {}).items():
        h_base, h_pointer, header = doc.deref(r_base, raw)
        h_pointer = h_pointer or _ptr_join(r_pointer, "headers", name)
        if name.lower() not in sent:
            if header.get("required"):
                return False
            continue
        if "schema" in header and not doc.valid(h_base, h_pointer + "/schema", sent[name.lower()]):
            return False
    if "body" in witness and response.get("content"):
        media = _media(response["content"], witness.get("media_type", "application/json"))
        if media is None:
            return False
        if "schema" in response["content"][media]:
            return doc.valid(r_base, _ptr_join(r_pointer, "content", media, "schema"), witness["body"])
    return True


def _ptr_join(pointer: str, *tokens: str) -> str:
    return pointer + _ptr(*tokens)
