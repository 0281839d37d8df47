"""Which folders the toolchain may replace: only its own output, never a user's files.

Every output folder (`generated/`, `generate --out`, `bundle --out/--docs`) is replaced as a whole, so before a
byte is touched the target must be absent, an empty folder, or carry the marker file this module writes into the
tool's own output (`.generated-by`), itself or in one of the two folders above it (`generated/openapi` and
`generated/python/<package>` belong to `make generate`, whose marker is in `generated/`). Anything else - a
working directory with a `.git` folder, a folder of the user's files, a file, a folder holding the spec being
read - is refused with `NotOwned` (the command line turns it into exit 2).
"""

from __future__ import annotations

import stat
from collections.abc import Iterable
from pathlib import Path

MARKER = ".generated-by"
TOOL = "vendor-openapi-toolchain"
MARKER_TEXT = (
    f"{TOOL}\n"
    "This folder is written by `python -m generator` and replaced as a whole on every run: do not keep files here.\n"
)


class NotOwned(Exception):
    """The output target holds something this tool did not write."""


def _has_marker(folder: Path) -> bool:
    marker = folder / MARKER
    try:
        info = marker.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size > 4096:
        return False
    try:
        first = marker.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
    except OSError:
        return False
    return first.strip() == TOOL


# How far below a marked folder output still counts as the tool's: generated/openapi, generated/python/<package>.
ANCESTOR_LEVELS = 2


def marked_ancestor(target: Path) -> Path | None:
    """The nearest folder at most ANCESTOR_LEVELS above `target` that carries the marker, if any."""
    for folder in list(target.parents)[:ANCESTOR_LEVELS]:
        if _has_marker(folder):
            return folder
    return None


def needs_marker(target: Path) -> bool:
    """Whether output staged for `target` must carry its own marker (not when a folder above already does)."""
    return marked_ancestor(target.resolve()) is None


def check_owned(target: Path, *, inputs: Iterable[Path] = ()) -> None:
    """Raise NotOwned unless replacing `target` can only destroy output of this tool."""
    shown = str(target)
    resolved = target.resolve()
    for source in inputs:
        source = source.resolve()
        if source == resolved or resolved in source.parents:
            raise NotOwned(f"refusing to write {shown}: it holds the input {source}, which would be replaced")
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        raise NotOwned(f"refusing to replace {shown}: choose a new or empty folder for the output")
    if not resolved.exists() and not resolved.is_symlink():
        return
    if not resolved.is_dir():
        raise NotOwned(f"refusing to replace {shown}: it is not a folder")
    if _has_marker(resolved):
        return
    try:
        entries = sorted(entry.name for entry in resolved.iterdir())
    except OSError as exc:
        raise NotOwned(f"refusing to replace {shown}: it cannot be read ({exc.strerror})") from None
    # inside a marked folder, but never a repository someone put there
    if not entries or (".git" not in entries and marked_ancestor(resolved) is not None):
        return
    what = "a .git folder" if ".git" in entries else f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}"
    raise NotOwned(
        f"refusing to replace {shown}: it holds {what} and no {MARKER} marker, so it was not written by this "
        "tool; choose a new or empty folder (this tool replaces its output folder as a whole)"
    )


def write_marker(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
