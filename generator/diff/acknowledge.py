"""Acknowledged breaking changes: `specs/CHANGELOG.md` entries naming a change id with a reason.

An entry is a list item `` - `<change id>` (<api>): <reason> ``; the id is the one `diff` prints (stable across
runs and line moves: it hashes the rule, operation, subject and message). An id without a reason acknowledges
nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

CHANGELOG = Path("specs") / "CHANGELOG.md"
_ENTRY = re.compile(r"^\s*[-*]\s+`(?P<id>[a-z][a-z0-9-]*-[0-9a-f]{8})`[^:\n]*:\s*(?P<reason>\S.*)$", re.MULTILINE)


def acknowledged(root: Path) -> dict[str, str]:
    """Change id -> reason."""
    path = root / CHANGELOG
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8")
    return {m.group("id"): m.group("reason").strip() for m in _ENTRY.finditer(text)}
