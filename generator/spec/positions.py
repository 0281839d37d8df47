"""Source positions in JSON text, found only when a problem has to be located.

Parsing a 13 MB JSON document with the standard library's C parser takes a fraction of a second; keeping the
position of each of its ~250,000 nodes would take far longer than the parse. So a JSON document keeps its text,
and a pointer is located on demand: the members of each object or array on the way are scanned once, skipping
their values with the same C decoder, and what was learned is cached for the next lookup.
"""

from __future__ import annotations

import bisect
import json
import re

from generator.spec.diagnostics import split_pointer

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_SCANSTRING = json.decoder.scanstring  # type: ignore[attr-defined]
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class JsonPositions:
    """1-based (line, column) of the node at a JSON pointer in valid JSON text, or None if there is none."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._offsets: dict[str, int] = {}
        self._scanned: set[str] = set()
        self._lines: list[int] | None = None

    def locate(self, pointer: str) -> tuple[int, int] | None:
        offset = self._offset(pointer)
        return None if offset is None else self._line_col(offset)

    def _offset(self, pointer: str) -> int | None:
        if pointer in self._offsets:
            return self._offsets[pointer]
        try:
            tokens = split_pointer(pointer)
        except ValueError:
            return None
        current, offset = "", self._skip(0)
        self._offsets[""] = offset
        for token in tokens:
            if current not in self._scanned:
                self._scan(current, offset)
            current = f"{current}/{token.replace('~', '~0').replace('/', '~1')}"
            if current not in self._offsets:
                return None
            offset = self._offsets[current]
        return offset

    def _skip(self, offset: int) -> int:
        match = _WHITESPACE.match(self.text, offset)
        return match.end() if match else offset

    def _scan(self, pointer: str, offset: int) -> None:
        """Record the offset of every direct member of the container at `offset`."""
        self._scanned.add(pointer)
        text, opener = self.text, self.text[offset : offset + 1]
        if opener not in ("{", "["):
            return
        closer = "}" if opener == "{" else "]"
        position, index = self._skip(offset + 1), 0
        while position < len(text) and text[position] != closer:
            if opener == "{":
                key, position = _SCANSTRING(text, position + 1)
                position = self._skip(self._skip(position) + 1)  # past the colon
                name = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
            else:
                name = f"{pointer}/{index}"
                index += 1
            self._offsets.setdefault(name, position)
            _, position = _DECODER.raw_decode(text, position)
            position = self._skip(position)
            if text[position : position + 1] == ",":
                position = self._skip(position + 1)

    def _line_col(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = [match.end() for match in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._lines, offset)
        start = self._lines[line - 1] if line else 0
        return line + 1, offset - start + 1


def deepest_offset(text: str, limit: int) -> int:
    """The offset of the first bracket that opens a container nested deeper than `limit` (0 if none)."""
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in ("{", "["):
            depth += 1
            if depth > limit:
                return match.start()
        elif token in ("}", "]"):
            depth -= 1
    return 0


def offset_of_number(text: str, literal: str) -> int:
    """The offset of a number literal standing alone (not part of a longer number or a string's word)."""
    match = re.search(r"(?<![\w.+-])" + re.escape(literal) + r"(?![\w.])", text)
    return match.start() if match else 0
