"""Read the two documents through the project's loader (`generator.spec.load.Workspace`).

A thin adapter, so that the resolved document model can replace it later: `Spec` holds a workspace and a root
document, follows `$ref`s across files and turns (document, pointer) into a reported location.

Big JSON documents (GitHub's REST description is 13 MB) are parsed with the `json` module and located lazily:
positions are only looked up for the few nodes a change is reported at, by walking the text along the pointer.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from json.decoder import JSONDecodeError
from pathlib import Path
from typing import Any

from generator.spec.diagnostics import Diagnostic, SpecError, split_pointer
from generator.spec.load import (
    Document,
    Position,
    RefSite,
    Target,
    Workspace,
    iter_refs,
    read_document,
    read_text,
    spec_root,
)

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
MAX_BYTES = 256 * 1024 * 1024


class LazyJsonDocument(Document):
    """A JSON file: data from the C parser; a node's position is found on demand by walking the text."""

    def __init__(self, path: Path, text: str, data: Any, refs: set[str]) -> None:
        super().__init__(path=path, data=data)
        self._found: dict[str, Position] = {}
        self.text = text
        self.refs = refs  # every `$ref` string in the file, collected while parsing
        self._text = text
        self._lines = [m.end() for m in re.finditer("\n", text)]
        self._members: dict[int, dict[str, int] | list[int]] = {}
        # `json.dumps(indent=N)` output: a container closes on the first line indented like the one it opened on
        self._pretty = re.match(r'\{\n( +)"', text) is not None

    def _children(self, offset: int) -> dict[str, int] | list[int]:
        """Offsets of the values of the object or array starting at `offset` (one pass, C-speed skipping)."""
        if offset in self._members:
            return self._members[offset]
        text, opener = self._text, self._text[offset]
        result: dict[str, int] | list[int] = {} if opener == "{" else []
        index = _WS.match(text, offset + 1).end()  # type: ignore[union-attr]
        closer = "}" if opener == "{" else "]"
        while index < len(text) and text[index] != closer:
            if isinstance(result, dict):
                key, index = json.decoder.scanstring(text, index + 1)  # type: ignore[attr-defined]
                index = _WS.match(text, index).end() + 1  # type: ignore[union-attr]  # past ':'
                index = _WS.match(text, index).end()  # type: ignore[union-attr]
                result.setdefault(key, index)
            else:
                result.append(index)
            index = self._skip(index)
            index = _WS.match(text, index).end()  # type: ignore[union-attr]
            if text[index] == ",":
                index = _WS.match(text, index + 1).end()  # type: ignore[union-attr]
        self._members[offset] = result
        return result

    def _skip(self, index: int) -> int:
        """The offset just past the value starting at `index`."""
        text = self._text
        opener = text[index]
        if self._pretty and opener in "{[":
            closer = "}" if opener == "{" else "]"
            if text[index + 1] == closer:
                return index + 2
            line = text.rfind("\n", 0, index) + 1
            indent = len(text[line : line + 256]) - len(text[line : line + 256].lstrip(" "))
            end = text.find("\n" + " " * indent + closer, index)
            if end != -1:
                return end + indent + 2
        return int(_DECODER.raw_decode(text, index)[1])

    def position(self, pointer: str) -> Position:
        if pointer in self._found:
            return self._found[pointer]
        offset = _WS.match(self._text, 0).end()  # type: ignore[union-attr]
        try:
            for token in split_pointer(pointer):
                if self._text[offset] not in "{[":
                    break
                children = self._children(offset)
                if isinstance(children, dict):
                    if token not in children:
                        break
                    offset = children[token]
                else:
                    if not token.isdigit() or int(token) >= len(children):
                        break
                    offset = children[int(token)]
        except (ValueError, IndexError, JSONDecodeError):
            pass
        line = bisect.bisect_right(self._lines, offset)
        start = self._lines[line - 1] if line else 0
        position = (line + 1, offset - start + 1)
        self._found[pointer] = position
        return position


def read_fast(path: Path) -> Document:
    """JSON through the C parser (positions on demand); YAML, or JSON with a problem, through the located loader."""
    text = read_text(path)  # the loader's bounds: a regular file (never a device or FIFO), bounded size
    if text.lstrip()[:1] == "{":
        refs: set[str] = set()

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            result = dict(items)
            if len(result) != len(items):
                raise _DuplicateKey
            ref = result.get("$ref")
            if isinstance(ref, str):
                refs.add(ref)
            return result

        try:
            data = json.loads(text, object_pairs_hook=pairs)
        except (JSONDecodeError, _DuplicateKey, RecursionError):
            pass  # the YAML loader reports it with its position
        else:
            return LazyJsonDocument(path, text, data, refs)
    return read_document(path)


def as_dict(value: Any) -> dict[str, Any]:
    """A mapping of the document, or an empty one where the document has something else (tolerant reading)."""
    return value if isinstance(value, dict) else {}


class _DuplicateKey(ValueError):
    pass


class DiffWorkspace(Workspace):
    """The loader's workspace with the fast JSON path and a memo of resolved `$ref`s (big documents repeat
    the same few thousand references tens of thousands of times)."""

    def __init__(self) -> None:
        super().__init__()
        self._by_uri: dict[str, Document] = {}
        self._targets: dict[tuple[Path, str], Target] = {}

    def load(self, path: Path | str) -> Document:
        resolved = Path(path).resolve()
        if resolved not in self.documents:
            self.roots.add(spec_root(resolved))  # the loader's rule: `$ref`s read only below the spec's root folder
            self.documents[resolved] = read_fast(resolved)
        return self.documents[resolved]

    def by_uri(self, uri: str) -> Document:
        if uri not in self._by_uri:
            self._by_uri[uri] = super().by_uri(uri)
        return self._by_uri[uri]

    def resolve(self, site: RefSite) -> Target:
        # where the `$ref` stands only matters for the error of a dangling one, and errors are not cached
        key = (site.document.path, site.ref)
        target = self._targets.get(key)
        if target is None:
            target = self._targets[key] = super().resolve(site)
        return target


@dataclass(frozen=True)
class Loc:
    """A node in one of the documents."""

    document: Document
    pointer: str

    def value(self) -> Any:
        cache: dict[str, Any] | None = self.document.__dict__.get("_values")
        if cache is None:
            cache = self.document.__dict__["_values"] = {}
        if self.pointer not in cache:
            parent, _, token = self.pointer.rpartition("/")
            if self.pointer and (parent in cache or parent.count("/") > 0):
                # from the parent's value: one step instead of a walk from the root for every deep node
                node = Loc(self.document, parent).value()
                token = token.replace("~1", "/").replace("~0", "~")
                if isinstance(node, dict):
                    cache[self.pointer] = node[token]
                elif isinstance(node, list) and token.isdigit():
                    cache[self.pointer] = node[int(token)]
                else:
                    raise KeyError(token)
            else:
                cache[self.pointer] = self.document.get(self.pointer)
        return cache[self.pointer]

    def child(self, *tokens: str | int) -> Loc:
        from generator.spec.diagnostics import join_pointer

        return Loc(self.document, join_pointer(self.pointer, *tokens))

    @property
    def key(self) -> tuple[Path, str]:
        return (self.document.path, self.pointer)


class Spec:
    """One side of a diff: the root document, its OpenAPI version and `$ref` resolution across its files."""

    def __init__(self, path: Path, workspace: Workspace | None = None) -> None:
        self.workspace = workspace or DiffWorkspace()
        self.root = self.workspace.load(path)
        self.problems = _structure(self.root) or self._dangling()
        if self.problems:
            raise SpecError(self.problems)
        self.data: dict[str, Any] = self.root.data
        self.version = "3.0" if str(self.data.get("openapi", "")).startswith("3.0") else "3.1"

    @property
    def path(self) -> Path:
        return self.root.path

    def _dangling(self) -> list[Diagnostic]:
        """Every `$ref` of every file reached must resolve. Distinct references are resolved once; only when one
        fails is the file walked again with pointers, to locate each place it is written."""
        problems: list[Diagnostic] = []
        pending, seen = [self.root], set()
        while pending:
            document = pending.pop()
            if document.path in seen:
                continue
            seen.add(document.path)
            bad = set()
            for ref in document.refs if isinstance(document, LazyJsonDocument) else _refs(document.data):
                try:
                    target = self.workspace.resolve(RefSite(document, "", ref))
                except SpecError:
                    bad.add(ref)
                    continue
                pending.append(target.document)
            for site in iter_refs(document) if bad else ():
                if site.ref in bad:
                    try:
                        self.workspace.resolve(site)
                    except SpecError as exc:
                        problems.extend(exc.diagnostics)
        return sorted(set(problems))

    def follow(self, loc: Loc, value: Any = None) -> tuple[Loc, Any]:
        """Resolve a `$ref` chain starting at `loc`; a dangling or cyclic one is a located SpecError."""
        node = loc.value() if value is None else value
        target: Target = self.workspace.follow(loc.document, loc.pointer, node)
        return Loc(target.document, target.pointer), target.value


def _refs(data: Any) -> set[str]:
    found: set[str] = set()
    stack = [data]
    seen: set[int] = set()  # YAML aliases share nodes: each is walked once
    while stack:
        node = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                continue
            seen.add(id(node))
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                found.add(ref)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _structure(root: Document) -> list[Diagnostic]:
    """Just enough to compare: a mapping with a 3.0/3.1 `openapi` version and `paths` (or 3.1 `webhooks`)."""
    data = root.data
    if not isinstance(data, dict):
        return [root.diagnostic("", "not an OpenAPI document: the root is not a mapping")]
    version = data.get("openapi")
    if not isinstance(version, str) or not re.match(r"^3\.[01]\.\d+", version):
        where = "/openapi" if "openapi" in data else ""
        return [root.diagnostic(where, f"not an OpenAPI 3.0/3.1 document (openapi: {version!r})")]
    problems = []
    if not isinstance(data.get("info"), dict):
        problems.append(root.diagnostic("/info" if "info" in data else "", "`info` must be a mapping"))
    paths = data.get("paths", {})
    if not isinstance(paths, dict):
        problems.append(root.diagnostic("/paths", "`paths` must be a mapping"))
    elif "paths" not in data and version.startswith("3.0"):
        problems.append(root.diagnostic("", "an OpenAPI 3.0 document needs `paths`"))
    else:
        for path in paths:
            if not path.startswith("/"):
                problems.append(
                    root.diagnostic(
                        f"/paths/{path.replace('~', '~0').replace('/', '~1')}", f"path {path!r} must start with '/'"
                    )
                )
    return problems
