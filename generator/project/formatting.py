"""ruff over the generated tree, each file's result cached by what decides it.

ruff's result for one file depends on the file's text, its place in the tree (import sorting tells first-party
modules by the tree's files), the settings it finds (the generated pyproject.toml's `[tool.ruff]`, the options
given here) and ruff itself. A file whose text, path and tree all hash as in an earlier run gets that run's
result without running ruff; the others are formatted together by one ruff process each pass, as before. On a
large document most files are the runtime's, unchanged between runs, and with the models or the client unchanged
nothing is left for ruff at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

# What ruff reads from a tree besides the files it formats (its configuration), and the files it formats and fixes
# (its default `include`: Markdown for the Python code blocks of the README)
_CONFIG_NAMES = frozenset({"pyproject.toml", "ruff.toml", ".ruff.toml"})
_FORMATTED = (".py", ".pyi", ".ipynb", ".md")
_CONFIG = ["--no-cache", "--config", "line-length=120"]
# The provenance line every generated file starts with (`generator.project.provenance`): a comment ruff leaves as it
# is and that decides nothing else, but that changes with any change to the spec (its digest). The cache keeps the
# rest of the file; a name that could spell a directive (`#`, `:`, a fence) keeps the line in the key.
_HEADER = re.compile(
    rb"\A(?:# |<!-- )Generated from [\w.@+/ -]+ \(sha256 [0-9a-f]{16}\) by vendor-openapi-toolchain [\w.+-]+:"
    rb" do not edit\.(?: -->)?\n"
)
# The cache folder's bound: least recently used results go first (GitHub's client module alone is 7 MB).
MAX_BYTES = 256 * 1024 * 1024


def format_python(directory: Path) -> None:
    """ruff (import sorting and unused imports, then the formatter) on every file below `directory` it formats."""
    from generator.project.cache import cache_dir, installed

    folder = cache_dir() / "formatted"
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    tree = hashlib.sha256(f"{installed('ruff')}\0{_CONFIG}\0{sys.version}\0".encode())
    for path in files:
        tree.update(path.relative_to(directory).as_posix().encode() + b"\0")
        if path.name in _CONFIG_NAMES:  # the provenance line is a comment there too
            tree.update(_HEADER.sub(b"", path.read_bytes(), count=1) + b"\0")
    keys: dict[Path, tuple[str, bytes]] = {}  # file -> its key, its provenance line
    pending: list[Path] = []
    for path in files:
        if not path.name.endswith(_FORMATTED):
            continue
        data = path.read_bytes()
        header = match.group(0) if (match := _HEADER.match(data)) else b""
        key = hashlib.sha256(tree.digest() + path.relative_to(directory).as_posix().encode() + b"\0")
        key.update(b"header\0" if header else b"whole\0")
        key.update(data[len(header) :])
        keys[path] = (key.hexdigest(), header)
        entry = folder / keys[path][0]
        try:
            path.write_bytes(header + entry.read_bytes())
            os.utime(entry)  # recently used: kept by the bound
        except OSError:
            pending.append(path)
    if pending:
        _ruff(pending)
        for path in pending:
            name, header = keys[path]
            data = path.read_bytes()
            if data.startswith(header):  # else ruff changed the line after all: not cached
                _store(folder / name, data[len(header) :])
        _bound(folder)


def _ruff(paths: list[Path]) -> None:
    ruff = _ruff_command()
    # `--force-exclude`: files named one by one are left out where ruff would leave them out of their folder
    # `format` without --quiet: on a syntax error in generated code, its message names the file, line and column
    # F401: the templates import what an API with operations needs; one with none (`paths: {}`) leaves some unused
    for args in (["check", "--select", "I,F401", "--fix", "--quiet", *_CONFIG], ["format", *_CONFIG]):
        command = [*ruff, *args, "--force-exclude", *map(str, paths)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode not in (0, 1) or (args[0] == "format" and result.returncode):
            raise RuntimeError(f"ruff {args[0]} failed on generated code:\n{result.stdout}{result.stderr}")


def _ruff_command() -> list[str]:
    """The ruff binary itself where the package can name it: `python -m ruff` starts an interpreter only to exec it."""
    try:
        from ruff import find_ruff_bin  # type: ignore[import-untyped]

        return [os.fsdecode(find_ruff_bin())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "ruff"]


def _store(entry: Path, data: bytes) -> None:
    from generator.project.cache import write_bytes

    write_bytes(entry, data)


def _bound(folder: Path, max_bytes: int = MAX_BYTES) -> None:
    with contextlib.suppress(OSError):
        entries = [(e.stat().st_mtime_ns, e.stat().st_size, e) for e in folder.iterdir() if e.is_file()]
        total = sum(size for _, size, _ in entries)
        for _, size, entry in sorted(entries, key=lambda e: (e[0], e[2].name)):
            if total <= max_bytes:
                break
            with contextlib.suppress(OSError):
                entry.unlink()
            total -= size
