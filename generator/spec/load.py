"""Load OpenAPI documents from JSON or YAML, bounded, with source positions, and resolve `$ref`s across files.

Everything downstream (validate, IR, bundle, serve) works on plain JSON-compatible data; positions are kept
beside it so that any problem can be reported as `file:line:col: /json/pointer: message`.

- JSON documents (the big generated ones, such as GitHub's 13 MB description) go through the standard library's
  JSON parser; their positions are found only when a problem has to be located (`generator.spec.positions`).
- YAML documents go through libyaml, whose node tree gives every position while it is checked.

Loading is bounded, whatever the input (see the README's "Limits on input documents"): documents larger than
`MAX_DOCUMENT_BYTES`, nested deeper than `MAX_DEPTH`, with numbers longer than `MAX_NUMBER_LENGTH` characters,
or whose YAML aliases would expand to more than `MAX_ALIAS_NODES` nodes beyond the text's own size, are refused
with one located line; so are recursive aliases and YAML tags that give no JSON value (`!!timestamp`,
`!!binary`, ...). A `$ref` reads only regular files below the spec's root folder (see `Workspace`).

Why one module (~480 lines): reading a file, bounding it and locating its nodes are one decision (what may be
read, and how far) that every `$ref` goes through; the position index for JSON lives apart in `positions`.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from generator.spec.diagnostics import Diagnostic, SpecError, display_path, join_pointer, split_pointer
from generator.spec.positions import JsonPositions, deepest_offset, offset_of_number

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_NUMBER_LENGTH = 100
MAX_ALIAS_NODES = 100_000

# Folders (os.pathsep-separated) a `$ref` may read from besides each spec's root folder; `--ref-root` adds more.
REF_ROOTS_ENV = "VENDOR_OPENAPI_REF_ROOTS"

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

_TAG = "tag:yaml.org,2002:"
# Tags whose values are JSON data; `merge` is the `<<` key, which the constructor folds into its mapping.
_JSON_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "merge")}
_NUMBER_TAGS = {_TAG + "int", _TAG + "float"}

Position = tuple[int, int]


def _nowhere(pointer: str) -> Position | None:
    return None


@dataclass
class Document:
    """One file: its data, and where each node is (1-based line and column, looked up by JSON pointer)."""

    path: Path
    data: Any
    locate: Callable[[str], Position | None] = field(default=_nowhere, repr=False)  # None: not in the text

    @property
    def uri(self) -> str:
        return self.path.as_uri()

    def position(self, pointer: str) -> Position:
        """The node's position, or its nearest ancestor's when the node itself does not exist."""
        while True:
            found = self.locate(pointer)
            if found is not None:
                return found
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


def _located(path: Path, line: int, col: int, message: str, pointer: str = "") -> SpecError:
    return SpecError([Diagnostic(path, line, col, pointer, message)])


# --- JSON ----------------------------------------------------------------------------------------------------


class _Refused(ValueError):
    """Raised from inside the JSON parser's hooks; `literal` is the offending text, found again to locate it."""

    def __init__(self, message: str, literal: str = "") -> None:
        super().__init__(message)
        self.literal = literal


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Refused("duplicate key")
    return result


def _number(kind: type[int] | type[float]) -> Callable[[str], int | float]:
    def parse(literal: str) -> int | float:
        if len(literal) > MAX_NUMBER_LENGTH:
            raise _Refused(f"number longer than {MAX_NUMBER_LENGTH} characters", literal)
        value = kind(literal)
        if value in (float("inf"), float("-inf")):
            raise _Refused("number out of the range of a double", literal)
        return value

    return parse


def _constant(literal: str) -> Any:
    raise _Refused(f"{literal} is not JSON", literal)


def _depth_exceeded(data: Any) -> bool:
    """Whether containers nest deeper than MAX_DEPTH (iterative: the data may be as deep as the parser allowed)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(node, dict):
            stack.extend((value, depth + 1) for value in node.values() if isinstance(value, dict | list))
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node if isinstance(value, dict | list))
    return False


def _too_deep(path: Path, text: str) -> SpecError:
    line, col = _line_col(text, deepest_offset(text, MAX_DEPTH))
    return _located(path, line, col, f"nested deeper than {MAX_DEPTH} levels")


def _line_col(text: str, offset: int) -> Position:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _parse_json(path: Path, text: str) -> Document:
    try:
        data = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_number(int),
            parse_float=_number(float),
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        raise _located(path, exc.lineno, exc.colno, f"JSON syntax error: {exc.msg}") from None
    except RecursionError:
        raise _too_deep(path, text) from None
    except _Refused as exc:
        if not exc.literal:  # a duplicate key: the YAML reader finds and locates every one
            return _parse_yaml(path, text)
        line, col = _line_col(text, offset_of_number(text, exc.literal))
        raise _located(path, line, col, str(exc)) from None
    if _depth_exceeded(data):
        raise _too_deep(path, text)
    return Document(path=path, data=data, locate=JsonPositions(text).locate)


# --- YAML ----------------------------------------------------------------------------------------------------


def _check_yaml(root: yaml.Node, path: Path, budget: int) -> tuple[dict[str, Position], list[tuple[str, str]]]:
    """Walk the node tree as the data will be (aliases expanded): every node's position, duplicate keys, and
    the bounds. Iterative, and it stops at the first bound exceeded, so hostile input costs at most `budget`
    node visits."""
    positions: dict[str, Position] = {}
    duplicates: list[tuple[str, str]] = []
    # (node, pointer, depth, the chain of ancestors as a linked tuple, for telling a recursive alias apart)
    stack: list[tuple[yaml.Node, str, int, tuple[Any, ...] | None]] = [(root, "", 1, None)]
    visits = 0

    def fail(node: yaml.Node, pointer: str, message: str) -> SpecError:
        return _located(path, node.start_mark.line + 1, node.start_mark.column + 1, message, pointer)

    while stack:
        node, pointer, depth, ancestors = stack.pop()
        visits += 1
        if visits > budget:
            raise fail(node, pointer, f"YAML aliases expand to more than {MAX_ALIAS_NODES:,} extra nodes")
        positions.setdefault(pointer, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _JSON_TAGS:
            raise fail(node, pointer, f"YAML tag {node.tag.replace(_TAG, '!!')!r} gives no JSON value")
        if isinstance(node, yaml.ScalarNode):
            if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_LENGTH:
                raise fail(node, pointer, f"number longer than {MAX_NUMBER_LENGTH} characters")
            continue
        if depth > MAX_DEPTH:
            chain, first = ancestors, None
            while chain is not None:  # reported where the node first stands, not 64 levels down
                if chain[0] is node:
                    first = chain[1]
                chain = chain[2]
            if first is not None:
                raise fail(node, first, "recursive YAML alias: the node contains itself")
            raise fail(node, pointer, f"nested deeper than {MAX_DEPTH} levels")
        link = (node, pointer, ancestors)
        children: list[tuple[yaml.Node, str, int, tuple[Any, ...] | None]] = []
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = str(key_node.value)
                child = join_pointer(pointer, key)
                if key in seen:
                    positions.setdefault(child, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
                    duplicates.append((child, f"duplicate key {key!r}"))
                    continue
                seen.add(key)
                positions.setdefault(child, (value_node.start_mark.line + 1, value_node.start_mark.column + 1))
                if key_node.tag not in _JSON_TAGS:
                    raise fail(key_node, child, f"YAML tag {key_node.tag.replace(_TAG, '!!')!r} gives no JSON key")
                children.append((value_node, child, depth + 1, link))
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, join_pointer(pointer, i), depth + 1, link) for i, item in enumerate(node.value)]
        stack.extend(reversed(children))
    return positions, duplicates


def _stringify_keys(value: Any) -> Any:
    # OpenAPI keys are strings; unquoted `200:` in YAML would otherwise arrive as an int. The walk before bounded
    # the depth, so recursion is safe; aliased nodes are copied, so no two places share one object.
    if isinstance(value, dict):
        return {str(k): _stringify_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_keys(v) for v in value]
    return value


def _parse_yaml(path: Path, text: str) -> Document:
    loader = _JsonCompatibleLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(path=path, data=None, locate={"": (1, 1)}.get)
        positions, duplicates = _check_yaml(node, path, budget=len(text) + MAX_ALIAS_NODES)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise _located(path, line, col, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise _located(path, 1, 1, f"YAML error: {exc}") from None
    finally:
        loader.dispose()
    document = Document(path=path, data=_stringify_keys(data), locate=positions.get)
    if duplicates:
        raise SpecError([document.diagnostic(p, m) for p, m in duplicates])
    return document


def parse_document(path: Path, text: str) -> Document:
    """Parse JSON or YAML text into a Document; every problem becomes a located SpecError."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise _located(path, 1, 1, f"document larger than {MAX_DOCUMENT_BYTES // 2**20} MiB")
    if text.lstrip(" \t\r\n\ufeff")[:1] in ("{", "["):  # JSON (which is also YAML): the fast parser
        return _parse_json(path, text.lstrip("\ufeff"))
    return _parse_yaml(path, text)


def _read_text(path: Path) -> str:
    """The file's text, read only if it is a regular file of bounded size: a device (`/dev/zero`) or a FIFO
    would never end, so the kind is checked on the opened descriptor (no race) before a byte is read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise _located(path, 1, 1, "file not found") from None
    except OSError as exc:
        raise _located(path, 1, 1, f"cannot read file: {exc.strerror or type(exc).__name__}") from None
    with os.fdopen(fd, "rb") as file:
        mode = os.fstat(file.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise _located(path, 1, 1, "cannot read file: not a regular file")
        raw = file.read(MAX_DOCUMENT_BYTES + 1)
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise _located(path, 1, 1, f"document larger than {MAX_DOCUMENT_BYTES // 2**20} MiB")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise _located(path, line, 1, f"cannot read file: not UTF-8 (byte {exc.start})") from None


def read_text(path: Path) -> str:
    """A file's text under the loader's bounds (a regular file, at most MAX_DOCUMENT_BYTES, UTF-8), or a located
    SpecError: for readers that parse the text themselves."""
    return _read_text(path)


def read_document(path: Path) -> Document:
    return parse_document(path, _read_text(path))


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


_NESTED = (dict, list)


def iter_refs(document: Document) -> Iterator[RefSite]:
    """Every `$ref` of the document, in document order."""
    # A node's place is kept as (parent's place, key) and spelled as a pointer only where a `$ref` is: most nodes
    # hold none, and joining a pointer for each of them was most of the walk (a million nodes for GitHub's).
    Place = tuple[Any, str | int] | None
    stack: list[tuple[Place, Any]] = [(None, document.data)]
    while stack:
        place, node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                yield RefSite(document, pointer_of(place), ref)
            stack.extend(((place, key), value) for key, value in reversed(node.items()) if isinstance(value, _NESTED))
        elif isinstance(node, list):
            stack.extend(((place, i), node[i]) for i in range(len(node) - 1, -1, -1) if isinstance(node[i], _NESTED))


def pointer_of(place: Any) -> str:
    """The JSON pointer of a place kept as (parent's place, key) pairs, the root being None."""
    tokens: list[str | int] = []
    while place is not None:
        place, token = place
        tokens.append(token)
    return join_pointer("", *reversed(tokens))


def spec_root(spec: Path) -> Path:
    """The root folder of a spec: the nearest folder above it holding a `catalog.yaml` (the specs of a catalog
    share files, e.g. `specs/common/`), else the spec's own folder."""
    for folder in spec.parents:
        if (folder / "catalog.yaml").is_file():
            return folder
    return spec.parent


def _env_roots() -> list[Path]:
    return [Path(p).resolve() for p in os.environ.get(REF_ROOTS_ENV, "").split(os.pathsep) if p]


class Workspace:
    """Documents loaded so far, by absolute path; a `$ref` into another file loads it once.

    A `$ref` may only read files below a root folder: the root folder of every spec loaded directly (see
    `spec_root`), the folders in `ref_roots`, and those of $VENDOR_OPENAPI_REF_ROOTS. Links are resolved before
    the check, so a symlink cannot lead out; a file outside is refused without being opened, so its contents
    can never reach a message or a bundle.
    """

    def __init__(self, ref_roots: Iterable[Path | str] = ()) -> None:
        self.documents: dict[Path, Document] = {}
        self.roots: set[Path] = {Path(r).resolve() for r in ref_roots} | set(_env_roots())
        # (document path, $ref) -> (the document, its target): a large document repeats each `$ref` many times,
        # and resolving one (URI joins, path look-ups, the pointer walk) is most of what following it costs
        self._resolved: dict[tuple[Path, str], tuple[Document, Target]] = {}

    def load(self, path: Path | str) -> Document:
        """A document the user named (a spec): its root folder becomes one `$ref`s may read below."""
        resolved = Path(path).resolve()
        if resolved not in self.documents:
            self.roots.add(spec_root(resolved))
            self.documents[resolved] = read_document(resolved)
        return self.documents[resolved]

    def _load_referenced(self, path: Path) -> Document:
        known = self.documents.get(path)  # the common case, a $ref into a loaded file: no filesystem look-up
        if known is not None and known.path == path:
            return known
        resolved = path.resolve()
        if resolved not in self.documents:
            if not any(resolved.is_relative_to(root) for root in self.roots):
                roots = ", ".join(sorted(display_path(r) for r in self.roots)) or "none"
                raise _located(
                    path, 1, 1, f"outside the spec's root folder ({roots}); --ref-root allows another folder"
                )
            self.documents[resolved] = read_document(resolved)
        return self.documents[resolved]

    def by_uri(self, uri: str) -> Document:
        parts = urlsplit(uri)
        if parts.scheme not in ("", "file") or parts.netloc not in ("", "localhost"):
            raise SpecError([Diagnostic(Path(uri), 1, 1, "", "only local file references are supported")])
        return self._load_referenced(Path(unquote(parts.path)))

    def resolve(self, site: RefSite) -> Target:
        """Follow one `$ref`; a missing file or pointer becomes a diagnostic located at the `$ref` itself."""
        key = (site.document.path, site.ref)
        known = self._resolved.get(key)
        # the same documents as then (a loaded document is never changed, but may be replaced in `documents`)
        if known is not None and known[0] is site.document:
            target = known[1]
            if self.documents.get(target.document.path) is target.document:
                return target
        target = self._resolve(site)
        self._resolved[key] = (site.document, target)
        return target

    def _resolve(self, site: RefSite) -> Target:
        ref_pointer = join_pointer(site.pointer, "$ref")
        base = site.document.uri
        uri, _, fragment = urljoin(base, site.ref).partition("#")
        if urlsplit(uri).scheme not in ("", "file"):
            raise SpecError([site.document.diagnostic(ref_pointer, f"remote $ref {site.ref!r} is not allowed")])
        try:
            target_doc = self.by_uri(uri)
        except SpecError as exc:
            reason = exc.diagnostics[0].message
            foreign = "outside the spec's root folder" in reason
            raise SpecError(
                [site.document.diagnostic(ref_pointer, f"$ref {site.ref!r} cannot be resolved: {reason}")]
                + [d for d in exc.diagnostics if d.message != "file not found" and not foreign]
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
