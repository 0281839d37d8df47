"""The generation cache: content hashes that let `make generate` skip work whose inputs did not change.

Several uses, one folder (`cache_dir()`: $VENDOR_OPENAPI_CACHE, else $XDG_CACHE_HOME or ~/.cache, then
`vendor-openapi-toolchain/`; deleting it is always safe):

- `stamps/`: for each output folder, the hashes of the inputs of its last complete run (every document loaded,
  the toolchain itself) and of every file it wrote. A run whose inputs and output files all still hash the same
  has nothing to do, and writes nothing (`Stamp`).
- `models/`: the models module of each part of a schema graph, by a hash of the part and of the toolchain
  (`generator.render.models`).
- `formatted/`: ruff's result for each generated file (`generator.project.formatting`); `outlines/`: the
  top-level outline of each models module (`generator.render.outline`); `fragments/`: rendered docstrings
  (`generator.render.environment.remembered`).
- `pieces/`: the linter's findings per path item (`generator.spec.lint.pieces`), so that a change to one
  operation of a large document re-checks that path item only (`PieceFiles`).
- `rendered/`: the rendered client package of each spec and package name, with the hashes of every file the run
  read (`Rendered`): a re-run over unchanged documents writes it back without loading, building or rendering.
- `verdicts/`: the validation problems of each spec, with the hashes of every file read to find them
  (`Verdict`): validating an unchanged GitHub description again would cost more than generating from it.

Every entry is written to a temporary file and renamed into place; an entry that cannot be read or does not have
the expected shape is treated as absent (and overwritten), so a corrupt cache costs time, never correctness.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

CACHE_ENV = "VENDOR_OPENAPI_CACHE"
_REF_ROOTS = "VENDOR_OPENAPI_REF_ROOTS"
_GENERATOR = Path(__file__).resolve().parent.parent
# Libraries whose version changes what is generated (models, formatting).
_LIBRARIES = ("datamodel_code_generator", "ruff", "pydantic", "pydantic_core")


def cache_dir() -> Path:
    if env := os.environ.get(CACHE_ENV):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vendor-openapi-toolchain"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


@cache
def toolchain_fingerprint() -> str:
    """A hash of everything besides the specs that decides the output: this package's files and the versions of
    the libraries and Python that generate and format."""
    hasher = hashlib.sha256()
    for path in sorted(_GENERATOR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(_GENERATOR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in _LIBRARIES:
        hasher.update(f"{library}={installed(library)}\0".encode())
    hasher.update(sys.version.encode())
    return hasher.hexdigest()


def installed(module: str) -> str:
    """Where a library is installed and when: any reinstall or upgrade changes it (without importing the library
    or scanning package metadata, which would cost more than the whole no-op run)."""
    spec = find_spec(module)
    if spec is None or spec.origin is None:
        return "absent"
    info = os.stat(spec.origin)
    return f"{spec.origin}:{info.st_size}:{info.st_mtime_ns}"


def read_json(path: Path) -> Any:
    """A cache entry, or None if it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path, value: Any) -> None:
    """A cache entry (see `write_bytes`)."""
    write_bytes(path, json.dumps(value, separators=(",", ":")).encode())


def write_bytes(path: Path, data: bytes) -> None:
    """Atomically, and silently not at all where the cache folder cannot be written (read-only home, full disk):
    a cache that cannot be written costs time only."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


def tree_digests(folder: Path) -> dict[str, str]:
    """Every file below `folder` (relative POSIX path -> content hash)."""
    found: dict[str, str] = {}
    for directory, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(directory) / name
            found[path.relative_to(folder).as_posix()] = digest(path.read_bytes())
    return found


class Stamp:
    """The record of the last complete run into one output folder."""

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        self.path = cache_dir() / "stamps" / f"{digest(str(self.output).encode())[:32]}.json"

    def _key(self) -> str:
        return digest(f"{toolchain_fingerprint()}\0{os.environ.get(_REF_ROOTS, '')}".encode())

    def up_to_date(self) -> bool:
        """Whether the inputs and the output are exactly as the last complete run left them."""
        recorded = read_json(self.path)
        if not isinstance(recorded, dict) or recorded.get("key") != self._key():
            return False
        inputs, outputs = recorded.get("inputs"), recorded.get("outputs")
        if not isinstance(inputs, dict) or not isinstance(outputs, dict) or not self.output.is_dir():
            return False
        if any(file_digest(Path(path)) != hashed for path, hashed in inputs.items()):
            return False
        return tree_digests(self.output) == outputs

    def record(self, inputs: Iterable[Path]) -> None:
        hashed = {str(path): file_digest(path) for path in sorted({p.resolve() for p in inputs})}
        write_json(self.path, {"key": self._key(), "inputs": hashed, "outputs": tree_digests(self.output)})


class Verdict:
    """The problems validation found in one spec, valid while every file it read still hashes the same."""

    def __init__(self, spec: Path, project_rules: bool, settings: str = "") -> None:
        # `settings`: whatever else decides the verdict (strictness, the project's rule levels)
        key = (
            f"{toolchain_fingerprint()}\0{spec.resolve()}\0{project_rules}\0{settings}"
            f"\0{os.environ.get(_REF_ROOTS, '')}"
        )
        self.path = cache_dir() / "verdicts" / f"{digest(key.encode())[:32]}.json"

    def lookup(self) -> list[tuple[str, int, int, str, str, str, str]] | None:
        recorded = read_json(self.path)
        if not isinstance(recorded, dict):
            return None
        files, problems = recorded.get("files"), recorded.get("problems")
        if not isinstance(files, dict) or not files or not isinstance(problems, list):
            return None
        if any(file_digest(Path(path)) != hashed for path, hashed in files.items()):
            return None
        if not all(isinstance(p, list) and len(p) == 7 for p in problems):
            return None
        return [
            (str(f), int(line), int(col), str(ptr), str(msg), str(rule), str(severity))
            for f, line, col, ptr, msg, rule, severity in problems
        ]

    def record(self, files: Iterable[Path], problems: Iterable[tuple[str, int, int, str, str, str, str]]) -> None:
        hashed = {str(path): file_digest(path) for path in sorted({p.resolve() for p in files})}
        write_json(self.path, {"files": hashed, "problems": [list(p) for p in problems]})


class PieceFiles:
    """The linter's per-path-item entries (`generator.spec.lint.pieces.PieceStore`): one file per document
    skeleton and checker, holding the entries of the last run that used it (so it never outgrows one document)."""

    def _path(self, name: str) -> Path:
        key = f"{toolchain_fingerprint()}\0{name}"
        return cache_dir() / "pieces" / f"{digest(key.encode())[:32]}.json"

    def load(self, name: str) -> dict[str, Any]:
        entries = read_json(self._path(name))
        return entries if isinstance(entries, dict) else {}

    def save(self, name: str, entries: dict[str, Any]) -> None:
        write_json(self._path(name), entries)


class Rendered:
    """The files `render_python` wrote for one spec and package, valid while every document it read, the
    toolchain and the provenance line still hash the same. One entry per spec path and package (the last run's):
    a line of JSON (the key, the hashes of the documents, each file's name and size), then the files' bytes."""

    def __init__(self, spec: Path, package: str, provenance: str, roots: Iterable[Path]) -> None:
        key = (
            f"{toolchain_fingerprint()}\0{spec.resolve()}\0{package}\0{provenance}"
            f"\0{sorted(map(str, roots))}\0{os.environ.get(_REF_ROOTS, '')}"
        )
        self.key = digest(key.encode())
        # named by the spec's path and the package only: a new run over the same spec replaces its entry, so
        # the folder holds one entry per spec and package however often they change
        name = digest(f"{spec.resolve()}\0{package}".encode())[:32]
        self.path = cache_dir() / "rendered" / f"{name}.bin"

    def fresh(self) -> bool:
        """Whether `restore` would find the entry valid (its first line only: a miss reads no file's bytes)."""
        return self._head() is not None

    def restore(self, out: Path) -> bool:
        """Write the recorded files below `out`; False (nothing written) on a miss."""
        head = self._head()
        if head is None:
            return False
        sizes, start = head
        try:
            with self.path.open("rb") as file:
                file.seek(start)
                body = file.read()
        except OSError:
            return False
        if sum(size for _, size in sizes) != len(body):
            return False
        offset = 0
        for name, size in sizes:
            target = out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body[offset : offset + size])
            offset += size
        return True

    def _head(self) -> tuple[list[tuple[str, int]], int] | None:
        """The files' names and sizes, and where their bytes start, if the entry is this run's."""
        try:
            with self.path.open("rb") as file:
                line = file.readline(_MAX_HEAD)
            recorded = json.loads(line)
        except (OSError, ValueError):
            return None
        if not line.endswith(b"\n") or not isinstance(recorded, dict) or recorded.get("key") != self.key:
            return None
        files, sizes = recorded.get("files"), recorded.get("sizes")
        if not isinstance(files, dict) or not files or not isinstance(sizes, list):
            return None
        if not all(isinstance(e, list) and len(e) == 2 and isinstance(e[0], str) and type(e[1]) is int for e in sizes):
            return None
        if any(size < 0 or not _relative(name) for name, size in sizes):
            return None
        if any(file_digest(Path(path)) != hashed for path, hashed in files.items()):
            return None
        return [(name, size) for name, size in sizes], len(line)

    def record(self, files: Iterable[Path], out: Path, before: dict[str, str]) -> None:
        """Record what was written below `out` since it held `before` (`tree_digests`: the ownership marker)."""
        hashed = {str(path): file_digest(path) for path in sorted({p.resolve() for p in files})}
        sizes: list[tuple[str, int]] = []
        chunks: list[bytes] = []
        for directory, _dirs, names in os.walk(out):
            for name in sorted(names):
                path = Path(directory) / name
                relative = path.relative_to(out).as_posix()
                if relative not in before:
                    chunks.append(path.read_bytes())
                    sizes.append((relative, len(chunks[-1])))
        head = json.dumps({"key": self.key, "files": hashed, "sizes": sizes}, separators=(",", ":")).encode()
        write_bytes(self.path, b"\n".join([head, b"".join(chunks)]))


# The first line of an entry: the key, the documents' hashes, the files' names and sizes (a few KiB; a line longer
# than this is no entry of ours).
_MAX_HEAD = 16 * 1024 * 1024


def _relative(name: str) -> bool:
    """A name that stays below the folder it is written into (an entry is ours, but a cache folder is shared)."""
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts
