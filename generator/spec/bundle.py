"""One self-contained OpenAPI document per API: every external `$ref` inlined into `components`.

Other teams' generators read these single files, so they must not depend on our folder layout:

- a `$ref` into another file becomes a component of the bundle (`#/components/<kind>/<name>`), named after the
  component it came from; a name that would collide with another component is prefixed with its file's name;
- a root component that is only an alias of an external one (`token: {$ref: ../common/...#/.../token}`) is
  replaced, in place and under its own name, by what it points to, so security requirements keep working;
- internal `$ref`s stay as they are; only components that are actually reached are copied in;
- key order follows the sources (bundled components are appended sorted by name), so output is deterministic.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.spec.diagnostics import SpecError, join_pointer, split_pointer
from generator.spec.load import Document, RefSite, Workspace
from generator.spec.terms import COMPONENT_KINDS

_COMPONENT_POINTER = re.compile(r"^/components/([^/]+)/([^/]+)(/.*)?$")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
# Keys whose values are literal JSON (examples, defaults, enums): a `{"$ref": ...}` inside them is data.
_LITERAL_KEYS = frozenset({"example", "default", "const", "enum"})
# Keys whose values map arbitrary names to schemas, so their keys are never keywords.
_NAME_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})


@dataclass(frozen=True)
class _Slot:
    """Where an external node lands in the bundle."""

    kind: str
    name: str


def _kind_from_site(tokens: list[str]) -> str:
    """The component kind a non-component `$ref` target must become, judged by where the `$ref` stands."""
    parent = tokens[-2] if len(tokens) >= 2 else ""
    grandparent = tokens[-3] if len(tokens) >= 3 else ""
    last = tokens[-1] if tokens else ""
    if grandparent in _NAME_MAPS or parent in _NAME_MAPS:
        return "schemas"
    if last == "requestBody":
        return "requestBodies"
    if parent == "paths":
        return "pathItems"
    by_parent = {
        "parameters": "parameters",
        "responses": "responses",
        "headers": "headers",
        "examples": "examples",
        "securitySchemes": "securitySchemes",
        "links": "links",
        "callbacks": "callbacks",
    }
    return by_parent.get(parent, "schemas")


def _file_label(path: Path) -> str:
    """`plugin-content.yaml` -> `PluginContent`; a generic `openapi.yaml` is named after its folder."""
    stem = path.stem if path.stem.lower() not in ("openapi", "swagger", "api", "index") else path.parent.name
    words = [w for w in re.split(r"[^A-Za-z0-9]+", stem) if w]
    return "".join(w[:1].upper() + w[1:] for w in words) or "External"


class _Bundler:
    def __init__(self, workspace: Workspace, root: Document) -> None:
        self.ws = workspace
        self.root = root
        self.slots: dict[tuple[Path, str], _Slot] = {}
        self.order: list[tuple[Path, str]] = []  # external component roots, in discovery order
        self.aliases: dict[tuple[str, str], tuple[Path, str]] = {}  # root component -> external node it becomes

    # ---- discovery -----------------------------------------------------------------------------------------

    def refs(self, document: Document, pointer: str, node: Any) -> list[RefSite]:
        return [RefSite(document, ptr, ref) for ptr, ref in walk_refs(node, pointer)]

    def component_root(self, document: Document, pointer: str, site_tokens: list[str]) -> tuple[str, str, str]:
        """(root pointer, kind, rest) of the component that holds `pointer` in an external document."""
        match = _COMPONENT_POINTER.match(pointer)
        if match:
            kind, _name, rest = match.groups()
            return f"/components/{kind}/{match.group(2)}", kind, rest or ""
        for known_doc, known_ptr in self.order:  # a pointer into a node already taken as a component
            if known_doc == document.path and pointer.startswith(known_ptr + "/"):
                return known_ptr, self.slots[(known_doc, known_ptr)].kind, pointer[len(known_ptr) :]
        return pointer, _kind_from_site(site_tokens), ""

    def discover(self) -> None:
        components = self.root.data.get("components")
        for kind, entries in (components or {}).items() if isinstance(components, dict) else []:
            for name, value in (entries or {}).items() if isinstance(entries, dict) else []:
                if isinstance(value, dict) and isinstance(value.get("$ref"), str):
                    pointer = join_pointer("/components", kind, name)
                    target = self.ws.follow(self.root, pointer, value)
                    if target.document.path != self.root.path and isinstance(target.value, dict):
                        key = (target.document.path, target.pointer)
                        if key not in self.slots:
                            self.slots[key] = _Slot(kind, name)
                            self.aliases[(kind, name)] = key
        pending: list[tuple[Document, str, Any]] = [(self.root, "", self.root.data)]
        pending += [(self.ws.load(path), ptr, self.ws.load(path).get(ptr)) for path, ptr in self.aliases.values()]
        while pending:
            document, pointer, node = pending.pop()
            for site in self.refs(document, pointer, node):
                target = self.ws.resolve(site)
                if target.document.path == self.root.path:
                    continue
                tokens = split_pointer(site.pointer)
                root_ptr, kind, _rest = self.component_root(target.document, target.pointer, tokens)
                key = (target.document.path, root_ptr)
                if key in self.slots or key in self.order:
                    continue
                self.order.append(key)
                self.slots[key] = _Slot(kind, "")  # named once every candidate is known
                pending.append((target.document, root_ptr, target.document.get(root_ptr)))
        self.name_slots()

    def name_slots(self) -> None:
        own: dict[str, set[str]] = {}
        components = self.root.data.get("components")
        if isinstance(components, dict):
            for kind, entries in components.items():
                if isinstance(entries, dict):
                    own[kind] = set(entries)
        unnamed = sorted(
            (k for k in self.order if not self.slots[k].name),
            key=lambda k: (self._relative(k[0]), k[1]),
        )
        wanted: dict[tuple[Path, str], str] = {}
        for path, pointer in unnamed:
            tokens = split_pointer(pointer)
            base = tokens[-1] if tokens else _file_label(path)
            wanted[(path, pointer)] = _UNSAFE_NAME.sub("_", base) or "Component"
        for key in unnamed:
            kind = self.slots[key].kind
            base = wanted[key]
            clashes = base in own.get(kind, set()) or any(
                other != key and wanted[other] == base and self.slots[other].kind == kind for other in unnamed
            )
            name = f"{_file_label(key[0])}{base}" if clashes else base
            taken = own.setdefault(kind, set())
            candidate, counter = name, 2
            while candidate in taken:
                candidate, counter = f"{name}_{counter}", counter + 1
            taken.add(candidate)
            self.slots[key] = _Slot(kind, candidate)

    def _relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root.path.parent).as_posix()
        except ValueError:
            return path.as_posix()

    # ---- copying -------------------------------------------------------------------------------------------

    def rewrite(self, document: Document, pointer: str, node: Any, *, in_name_map: bool = False) -> Any:
        """A copy of `node` (found at `pointer` of `document`) whose `$ref`s all point into the bundle."""
        if isinstance(node, list):
            return [self.rewrite(document, join_pointer(pointer, i), v) for i, v in enumerate(node)]
        if not isinstance(node, dict):
            return node
        result: dict[str, Any] = {}
        for key, value in node.items():
            child = join_pointer(pointer, key)
            literal = not in_name_map and (
                key in _LITERAL_KEYS
                or (key == "value" and _is_example(node))
                or (key == "examples" and isinstance(value, list))
            )
            if key == "$ref" and isinstance(value, str) and not in_name_map:
                inlined = self.local_ref(document, pointer, value)
                if isinstance(inlined, dict):  # a path item: inlined where it stands
                    result.update({k: v for k, v in inlined.items() if k not in result})
                    continue
                result[key] = inlined
            elif literal:
                result[key] = json.loads(json.dumps(value))  # a deep copy of plain JSON
            else:
                result[key] = self.rewrite(document, child, value, in_name_map=key in _NAME_MAPS and not in_name_map)
        return result

    def local_ref(self, document: Document, pointer: str, ref: str) -> str | dict[str, Any]:
        target = self.ws.resolve(RefSite(document, pointer, ref))
        if target.document.path == self.root.path:
            # an internal reference is kept exactly as written
            return ref if document.path == self.root.path and ref.startswith("#") else "#" + _fragment(target.pointer)
        root_ptr, _kind, rest = self.component_root(target.document, target.pointer, split_pointer(pointer))
        slot = self.slots[(target.document.path, root_ptr)]
        if slot.kind == "pathItems" and (slot.kind, slot.name) not in self.aliases:
            # OpenAPI 3.0 has no components/pathItems: a path item from another file is copied in place.
            value = self.rewrite(target.document, target.pointer, target.value)
            return value if isinstance(value, dict) else {}
        return "#" + _fragment(join_pointer("/components", slot.kind, slot.name) + rest)

    def build(self) -> dict[str, Any]:
        data = self.rewrite(self.root, "", self.root.data)
        if not isinstance(data, dict):
            raise SpecError([self.root.diagnostic("", "an OpenAPI document must be a mapping")])
        components: dict[str, Any] = data.setdefault("components", {})
        for (kind, name), (path, ptr) in self.aliases.items():
            document = self.ws.load(path)
            components[kind][name] = self.rewrite(document, ptr, document.get(ptr))
        added: dict[str, dict[str, Any]] = {}
        for path, ptr in self.order:
            slot = self.slots[(path, ptr)]
            if slot.kind == "pathItems":
                continue
            document = self.ws.load(path)
            added.setdefault(slot.kind, {})[slot.name] = self.rewrite(document, ptr, document.get(ptr))
        for kind in sorted(added, key=lambda k: (COMPONENT_KINDS.index(k) if k in COMPONENT_KINDS else 99, k)):
            section = components.setdefault(kind, {})
            for name in sorted(added[kind]):
                section[name] = added[kind][name]
        if not components:
            del data["components"]
        return data


def _is_example(node: dict[str, Any]) -> bool:
    """An Example Object: `value` beside `summary`/`description`/`externalValue` (or alone)."""
    return set(node) <= {"summary", "description", "value", "externalValue"} or "externalValue" in node


def _fragment(pointer: str) -> str:
    # Pointer tokens are already ~-escaped; only characters that are not allowed in a URI fragment are encoded.
    return re.sub(r"[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]", lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), pointer)


def bundle(spec: Path, workspace: Workspace | None = None) -> dict[str, Any]:
    """The single-file OpenAPI document of `spec`: same version, every external `$ref` made internal."""
    workspace = workspace or Workspace()
    # Every `$ref` is resolved while bundling (a dangling one is a located SpecError); literal example values
    # that happen to hold a "$ref" key are data and are not followed.
    root = workspace.load(spec)
    if not isinstance(root.data, dict):
        raise SpecError([root.diagnostic("", "an OpenAPI document must be a mapping")])
    bundler = _Bundler(workspace, root)
    bundler.discover()
    return bundler.build()


def walk_refs(node: Any, pointer: str = "") -> list[tuple[str, str]]:
    """(pointer of the holding object, value) of every `$ref` below `node`, skipping literal JSON (example
    values, defaults, enums, consts), where a "$ref" key is data."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, Any, bool]] = [(pointer, node, False)]
    while stack:
        ptr, value, in_name_map = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and not in_name_map:
                found.append((ptr, ref))
            for key, child in value.items():
                if not in_name_map and (
                    key in _LITERAL_KEYS
                    or (key == "value" and _is_example(value))
                    or (key == "examples" and isinstance(child, list))  # JSON Schema `examples`: literal values
                ):
                    continue
                stack.append((join_pointer(ptr, key), child, key in _NAME_MAPS and not in_name_map))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                stack.append((join_pointer(ptr, index), child, False))
    return found


def external_refs(document: Any) -> list[str]:
    """Every `$ref` of a document that does not point into the document itself (empty for a good bundle)."""
    return sorted(ref for _pointer, ref in walk_refs(document) if not ref.startswith("#"))


# ---- serialisation ---------------------------------------------------------------------------------------------


try:  # libyaml's emitter: the same text (the drift check of generated/ would show a difference), ~6x faster
    _BaseDumper: type[yaml.SafeDumper] = yaml.CSafeDumper  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseDumper = yaml.SafeDumper


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Block style, source key order, and multi-line strings as `|` blocks so descriptions stay readable."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def to_yaml(document: Any, header: str = "") -> str:
    text = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 20,  # no folding: long strings stay on one line, so diffs and grep see them whole
    )
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comments + text


def to_json(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# ---- the files under generated/openapi/ ------------------------------------------------------------------------

BUNDLE_SUFFIXES = (".openapi.yaml", ".openapi.json", ".openapi-3.0.yaml")


def bundle_paths(name: str, out_dir: Path) -> tuple[Path, Path, Path]:
    """`<name>.openapi.yaml` and `.openapi.json` (3.1), `<name>.openapi-3.0.yaml` (the 3.0.3 downgrade)."""
    yaml_path, json_path, v30_path = (out_dir / f"{name}{suffix}" for suffix in BUNDLE_SUFFIXES)
    return yaml_path, json_path, v30_path


def check_openapi(document: dict[str, Any], path: Path, text: str) -> None:
    """openapi-spec-validator on a produced document; problems are located in the text about to be written."""
    from openapi_spec_validator.validation import OpenAPIV30SpecValidator

    from generator.spec.lint import fast_spec_validator_31
    from generator.spec.load import parse_document

    version = str(document.get("openapi", ""))
    # 3.1: the linter's jsonschema-rs fast path for the meta-schema check of each schema (same verdicts)
    validator_cls: Any = OpenAPIV30SpecValidator if version.startswith("3.0") else fast_spec_validator_31()
    errors = list(validator_cls(document).iter_errors())
    if errors:
        located = parse_document(path, text)
        raise SpecError(
            [
                located.diagnostic(
                    join_pointer("", *getattr(error, "absolute_path", ())),
                    f"generated OpenAPI {version} document is invalid: {getattr(error, 'message', error)!s}",
                )
                for error in errors
            ]
        )


def write_bundles(name: str, spec: Path, out_dir: Path, workspace: Workspace, source: str) -> list[Path]:
    """Bundle `spec`, downgrade it, check both with openapi-spec-validator and write the three files."""
    from generator.spec.downgrade import downgrade

    document = bundle(spec, workspace)
    stray = external_refs(document)
    if stray:  # would be a bug of the bundler, not of the spec
        raise RuntimeError(f"bundle of {source} still has external $refs: {', '.join(stray)}")
    v30 = downgrade(document)
    yaml_path, json_path, v30_path = bundle_paths(name, out_dir)
    header = f"Generated by `python -m generator bundle` from {source}: do not edit.\n"
    texts = {
        yaml_path: to_yaml(document, header + f"OpenAPI {document.get('openapi')}, every $ref internal."),
        json_path: to_json(document),
        v30_path: to_yaml(v30, header + "OpenAPI 3.0.3 downgrade of the 3.1 bundle (see generator/spec/downgrade.py)."),
    }
    check_openapi(document, yaml_path, texts[yaml_path])
    check_openapi(v30, v30_path, texts[v30_path])
    out_dir.mkdir(parents=True, exist_ok=True)
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    return list(texts)
