"""Located problems: every message names the file, line, column and JSON pointer it is about."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def display_path(path: Path) -> str:
    """A path relative to the working directory when it lies below it, so messages stay short and clickable."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding. `rule` names the lint rule (see `generator.spec.lint.severity`); `severity` is `error` (the
    document cannot be used as it is) or `warning` (reported, nothing blocked). Neither takes part in equality
    or order, so the same finding reached twice is reported once."""

    file: Path
    line: int
    col: int
    pointer: str
    message: str
    rule: str = field(default="", compare=False)
    severity: str = field(default="error", compare=False)

    def format(self) -> str:
        where = f"{display_path(self.file)}:{self.line}:{self.col}: {self.pointer or '/'}"
        text = (
            f"{where}: warning: {self.message} [{self.rule}]"
            if self.severity == "warning"
            else f"{where}: {self.message}"
        )
        return printable(text)

    def with_rule(self, rule: str, severity: str | None = None) -> Diagnostic:
        return replace(self, rule=rule, severity=severity or self.severity)


def printable(text: str) -> str:
    """`text` for a terminal: control, format and separator characters from a spec (ESC sequences, U+202E, a
    newline that would forge another diagnostic) are shown as their escapes (`\\x1b`), never sent raw."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


class SpecError(Exception):
    """Raised when a document cannot be used at all; carries located diagnostics instead of a traceback."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))


def escape_pointer_token(token: str | int) -> str:
    text = token if type(token) is str else str(token)
    # most tokens need no escape: checking is cheaper than two replaces (the IR joins ~400,000 pointers on a
    # large document)
    return text.replace("~", "~0").replace("/", "~1") if "~" in text or "/" in text else text


def unescape_pointer_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(pointer: str, *tokens: str | int) -> str:
    for token in tokens:
        pointer = f"{pointer}/{escape_pointer_token(token)}"
    return pointer


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [unescape_pointer_token(t) for t in pointer[1:].split("/")]
