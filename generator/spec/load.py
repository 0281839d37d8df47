"""Load OpenAPI documents from YAML/JSON with source positions, and resolve `$ref`s across files.

Everything downstream (validate, IR, bundle, serve) works on plain JSON-compatible data; the positions are
kept beside it so that any problem can be reported as `file:line:col: /json/pointer: message`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from generator.spec.diagnostics import Diagnostic, SpecError, join_pointer, split_pointer

try:  # the C parser is several times faster on big specs; positions are the same
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - libyaml missing
    _BaseLoader = yaml.SafeLoader


class _JsonCompatibleLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """YAML 1.1 would turn `2022-11-02T12:31:23Z` into a datetime and `yes` into True: OpenAPI wants JSON."""


_JsonCompatibleLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp",)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# Only true/false are booleans in JSON; YAML 1.1's yes/no/on/off stay strings.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
for _first in list(_JsonCompatibleLoader.yaml_implicit_resolvers):
    _JsonCompatibleLoader.yaml_implicit_resolvers[_first] = [
        (tag, regexp)
        for tag, regexp in _JsonCompatibleLoader.yaml_implicit_resolvers[_first]
        if tag != "tag:yaml.org,2002:bool"
    ]
for _first in "tTfF":
    _JsonCompatibleLoader.yaml_implicit_resolvers.setdefault(_first, []).insert(0, ("tag:yaml.org,2002:bool", _BOOL))

Position = tuple[int, int]


@dataclass
class Document:
    """One file: its data and the 1-based (line, column) of every node, keyed by JSON pointer."""

    path: Path
    data: Any
    positions: dict[str, Position] = field(repr=False)

    @property
    def uri(self) -> str:
        return self.path.as_uri()

    def position(self, pointer: str) -> Position:
        """The node's position, or its nearest ancestor's when the node itself does not exist."""
        while True:
            if pointer in self.positions:
                return self.positions[pointer]
            if not pointer:
                return (1, 1)
            pointer = pointer.rsplit("/", 1)[0]

    def diagnostic(self, pointer: str, message: str) -> Diagnostic:
        line, col = self.position(pointer)
        return Diagnostic(self.path, line, col, pointer, message)

    def get(self, pointer: str) -> Any:
        node = self.data
        for token in split_pointer(pointer):
            if isinstance(node, dict):
                node = node[token]
            elif isinstance(node, list):
                node = node[int(token)]
            else:
                raise KeyError(token)
        return node


def _walk(node: yaml.Node, pointer: str, positions: dict[str, Position], problems: list[tuple[str, str]]) -> None:
    positions[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = join_pointer(pointer, key)
            if key in seen:
                positions.setdefault(child, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
                problems.append((child, f"duplicate key {key!r}"))
                continue
            seen.add(key)
            _walk(value_node, child, positions, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, join_pointer(pointer, index), positions, problems)


def _stringify_keys(value: Any) -> Any:
    # OpenAPI keys are strings; unquoted `200:` in YAML would otherwise arrive as an int.
    if isinstance(value, dict):
        return {str(k): _stringify_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_keys(v) for v in value]
    return value


def parse_document(path: Path, text: str) -> Document:
    """Parse YAML (JSON is YAML) text into a Document; syntax errors become a located SpecError."""
    loader = _JsonCompatibleLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise SpecError([Diagnostic(path, line, col, "", f"YAML syntax error: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Diagnostic(path, 1, 1, "", f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()
    positions: dict[str, Position] = {}
    problems: list[tuple[str, str]] = []
    if node is not None:
        _walk(node, "", positions, problems)
    document = Document(path=path, data=_stringify_keys(data), positions=positions)
    if problems:
        raise SpecError([document.diagnostic(p, m) for p, m in problems])
    return document


def read_document(path: Path) -> Document:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError([Diagnostic(path, 1, 1, "", "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError([Diagnostic(path, 1, 1, "", f"cannot read file: {exc}")]) from None
    return parse_document(path, text)


@dataclass(frozen=True)
class RefSite:
    """Where a `$ref` stands: the document, the pointer of the object holding it, and its value."""

    document: Document
    pointer: str
    ref: str


@dataclass(frozen=True)
class Target:
    document: Document
    pointer: str
    value: Any


def iter_refs(document: Document) -> Iterator[RefSite]:
    stack: list[tuple[str, Any]] = [("", document.data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                yield RefSite(document, pointer, ref)
            for key in reversed(list(node)):
                stack.append((join_pointer(pointer, key), node[key]))
        elif isinstance(node, list):
            for index in range(len(node) - 1, -1, -1):
                stack.append((join_pointer(pointer, index), node[index]))


class Workspace:
    """Documents loaded so far, by absolute path; a `$ref` into another file loads it once."""

    def __init__(self) -> None:
        self.documents: dict[Path, Document] = {}

    def load(self, path: Path | str) -> Document:
        resolved = Path(path).resolve()
        if resolved not in self.documents:
            self.documents[resolved] = read_document(resolved)
        return self.documents[resolved]

    def by_uri(self, uri: str) -> Document:
        parts = urlsplit(uri)
        if parts.scheme not in ("", "file"):
            raise SpecError([Diagnostic(Path(uri), 1, 1, "", "only local file references are supported")])
        return self.load(Path(unquote(parts.path)))

    def resolve(self, site: RefSite) -> Target:
        """Follow one `$ref`; a missing file or pointer becomes a diagnostic located at the `$ref` itself."""
        ref_pointer = join_pointer(site.pointer, "$ref")
        base = site.document.uri
        uri, _, fragment = urljoin(base, site.ref).partition("#")
        if urlsplit(uri).scheme not in ("", "file"):
            raise SpecError([site.document.diagnostic(ref_pointer, f"remote $ref {site.ref!r} is not allowed")])
        try:
            target_doc = self.by_uri(uri)
        except SpecError as exc:
            reason = exc.diagnostics[0].message
            raise SpecError(
                [site.document.diagnostic(ref_pointer, f"$ref {site.ref!r} cannot be resolved: {reason}")]
                + [d for d in exc.diagnostics if d.message != "file not found"]
            ) from None
        pointer = unquote(fragment)
        if pointer and not pointer.startswith("/"):
            raise SpecError([site.document.diagnostic(ref_pointer, f"$ref {site.ref!r}: anchors are not supported")])
        try:
            value = target_doc.get(pointer)
        except (KeyError, IndexError, ValueError):
            raise SpecError(
                [site.document.diagnostic(ref_pointer, f"$ref {site.ref!r} does not resolve: no such node")]
            ) from None
        return Target(target_doc, pointer, value)

    def follow(self, document: Document, pointer: str, value: Any, limit: int = 64) -> Target:
        """Resolve a chain of `$ref` objects until a non-reference node (bounded: cycles are an error)."""
        for _ in range(limit):
            if not (isinstance(value, dict) and isinstance(value.get("$ref"), str)):
                return Target(document, pointer, value)
            target = self.resolve(RefSite(document, pointer, value["$ref"]))
            document, pointer, value = target.document, target.pointer, target.value
        raise SpecError([document.diagnostic(pointer, "$ref chain too long (a reference cycle?)")])

    def load_closure(self, root: Path | str) -> tuple[Document | None, list[Diagnostic]]:
        """Load the root and every file it reaches by `$ref`, checking that every `$ref` resolves."""
        try:
            root_doc = self.load(root)
        except SpecError as exc:
            return None, exc.diagnostics
        problems: list[Diagnostic] = []
        pending = [root_doc]
        visited: set[Path] = set()
        while pending:
            document = pending.pop()
            if document.path in visited:
                continue
            visited.add(document.path)
            for site in iter_refs(document):
                try:
                    target = self.resolve(site)
                except SpecError as exc:
                    problems.extend(exc.diagnostics)
                    continue
                if target.document.path not in visited:
                    pending.append(target.document)
        return root_doc, sorted(set(problems))
