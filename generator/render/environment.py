"""The Jinja2 environment of the code templates, and the one escaping layer between spec text and code.

Templates never paste spec text raw: identifiers come from `generator.ir.naming`, literals go through `py` (repr) or
`toml` (JSON string syntax, which TOML accepts), prose through `docstring`, `comment` or `md`.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import textwrap
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

WIDTH = 100


# Characters that must never reach generated text as they are: C0/C1 controls (terminal escapes such as ESC and
# OSC, NUL, which Python refuses in source), format characters (U+202E and the other bidi overrides reorder what
# a reader sees: "Trojan Source"; zero-width characters), lone surrogates (not encodable) and line separators.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


@cache
def _dropping(keep: str) -> dict[int, None]:
    return dict.fromkeys(map(ord, keep))


def visible(text: str, *, keep: str = "\n\t") -> str:
    """`text` with every invisible or control character (except those in `keep`) spelled as its escape: the
    ESC of a terminal sequence becomes the four characters `\\x1b`, U+202E the six characters `\\u202e`."""
    # the common case: `isprintable` is False for every character replaced below, and the text's own line breaks
    # (kept) would otherwise send every multi-line description through the loop
    if text.isprintable() or text.translate(_dropping(keep)).isprintable():
        return text
    out: list[str] = []
    for char in text:
        if char not in keep and unicodedata.category(char) in INVISIBLE_CATEGORIES:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def py(value: Any) -> str:
    """A Python literal for a JSON value (str, number, bool, null, list, dict)."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return f"float({str(value)!r})"
    return repr(value)


def toml(value: Any) -> str:
    # JSON escapes the controls; the format characters and separators it leaves are escaped the same way (\\uXXXX,
    # which TOML reads too): a TOML string cannot hold a lone surrogate, the others would show as nothing.
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in INVISIBLE_CATEGORIES and ord(c) < 0x10000 else c
        for c in json.dumps(value, ensure_ascii=False)
    )


def wrap(text: str, width: int = WIDTH) -> list[str]:
    """Lines of at most `width` characters; the text's own line breaks are kept."""
    lines: list[str] = []
    for line in text.splitlines() or [""]:
        lead = line[: len(line) - len(line.lstrip(" "))]
        follow = lead + "    " if lead else ""  # an indented item (`Args:`) continues further in
        wrapped = textwrap.wrap(
            line, width=width, subsequent_indent=follow, break_long_words=False, break_on_hyphens=False
        )
        lines.extend(wrapped or [""])
    return lines


# `docstring` results remembered between runs while `remembered` is active (key: a digest of the arguments):
# wrapping every operation's description again was a tenth of regenerating a large document.
_memo: dict[str, str] | None = None
_memo_used: dict[str, str] = {}
_SOURCE = Path(__file__)


@contextmanager
def remembered(folder: Path) -> Iterator[None]:
    """Within the block, `docstring` reads and adds results to a file below `folder` (one per version of this
    module and of Python; it keeps the results the last block used, so it never outgrows one output)."""
    global _memo, _memo_used
    key = hashlib.sha256(_SOURCE.read_bytes() + sys.version.encode()).hexdigest()[:32]
    path = folder / f"docstrings-{key}.json"
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        loaded = None
    _memo = {k: v for k, v in loaded.items() if isinstance(v, str)} if isinstance(loaded, dict) else {}
    _memo_used = {}
    try:
        yield
        if _memo_used.keys() != _memo.keys():
            _write_atomically(path, json.dumps(_memo_used))
    finally:
        _memo, _memo_used = None, {}


def _write_atomically(path: Path, text: str) -> None:
    from generator.project.cache import write_bytes

    write_bytes(path, text.encode())


def docstring(text: str, indent: int = 4, width: int = WIDTH) -> str:
    """Escaped, wrapped and indented text to put between triple quotes: backslashes are doubled, a `\"\"\"` and a
    final quote are escaped, so the text can neither end the string nor form an escape sequence."""
    if _memo is None:
        return _docstring(text, indent, width)
    key = hashlib.sha256(f"{indent}\0{width}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    result = _memo.get(key)
    if result is None:
        result = _docstring(text, indent, width)
    _memo_used[key] = result
    return result


def _docstring(text: str, indent: int, width: int) -> str:
    body = "\n".join(wrap(visible(text), width)).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    pad = " " * indent
    return "\n".join((pad + line if line else "") for line in body.split("\n"))


def doc_line(text: str) -> str:
    """One line of text inside a docstring (escaped like `docstring`)."""
    return docstring(" ".join(visible(str(text)).split()), indent=0, width=10**6)


def comment(text: str) -> str:
    """One line, for a `#` comment."""
    return " ".join(visible(str(text)).split())


def md(text: str) -> str:
    """Prose for Markdown: no raw HTML, and a backslash is a backslash (not an escape of what follows)."""
    return visible(str(text)).replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")


def md_cell(text: str) -> str:
    """Prose for one Markdown table cell: one line, `|` escaped."""
    return md(" ".join(str(text).split())).replace("|", "\\|")


def md_code(text: str) -> str:
    """Inline code span that a backtick in the text cannot end."""
    text = " ".join(visible(str(text)).split())
    longest = 0
    current = 0
    for char in text:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between runs in the generation cache (`templates/`): compiling them all again was
    a tenth of a second of every run. Jinja2 checks each entry against its template's source and the Python
    version; one that cannot be read is compiled again (and rewritten)."""

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        from generator.project.cache import cache_dir  # read each time: the folder is the environment's choice

        return cache_dir() / "templates" / f"{bucket.key}.jinja-code"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            bucket.bytecode_from_string(self._path(bucket).read_bytes())
        except Exception:  # missing, truncated, from another version: compiled from the source instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from generator.project.cache import write_bytes

        write_bytes(self._path(bucket), bucket.bytecode_to_string())


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
        bytecode_cache=_CompiledTemplates(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Python, TOML and Markdown: escaping is explicit, by filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        py=py,
        toml=toml,
        docstring=docstring,
        doc_line=doc_line,
        comment=comment,
        md=md,
        md_cell=md_cell,
        md_code=md_code,
        wrap=wrap,
    )
    return env


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def safe_link(url: str) -> str:
    """`url` if following it can only navigate (http, https, mailto, or a relative reference), else "".

    Browsers drop tabs and newlines anywhere in a URL and control characters and spaces around it before they
    read the scheme (`java\\tscript:` is `javascript:`), so the scheme is judged on the URL cleaned the same way;
    javascript:, vbscript:, data: and anything else unknown never become a link.
    """
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21))))
    match = _SCHEME.match(cleaned)
    if match is None:
        # no scheme: relative, unless a colon comes before any `/`, `?` or `#` (then it is no URL we understand)
        head = re.split(r"[/?#]", cleaned, maxsplit=1)[0]
        return cleaned if ":" not in head and not any(ord(c) < 0x20 or c == "\x7f" for c in cleaned) else ""
    if match.group(1).lower() not in LINK_SCHEMES or any(ord(c) < 0x20 or c == "\x7f" for c in cleaned):
        return ""
    return cleaned
