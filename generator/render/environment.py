"""The Jinja2 environment of the code templates, and the one escaping layer between spec text and code.

Templates never paste spec text raw: identifiers come from `generator.ir.naming`, literals go through `py` (repr) or
`toml` (JSON string syntax, which TOML accepts), prose through `docstring`, `comment` or `md`.
"""

from __future__ import annotations

import json
import re
import textwrap
from functools import cache
from typing import Any

import jinja2

WIDTH = 100


def py(value: Any) -> str:
    """A Python literal for a JSON value (str, number, bool, null, list, dict)."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return f"float({str(value)!r})"
    return repr(value)


def toml(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


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


def docstring(text: str, indent: int = 4, width: int = WIDTH) -> str:
    """Escaped, wrapped and indented text to put between triple quotes: backslashes are doubled, a `\"\"\"` and a
    final quote are escaped, so the text can neither end the string nor form an escape sequence."""
    body = "\n".join(wrap(text, width)).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    pad = " " * indent
    return "\n".join((pad + line if line else "") for line in body.split("\n"))


def doc_line(text: str) -> str:
    """One line of text inside a docstring (escaped like `docstring`)."""
    return docstring(" ".join(str(text).split()), indent=0, width=10**6)


def comment(text: str) -> str:
    """One line, for a `#` comment."""
    return " ".join(str(text).split())


def md(text: str) -> str:
    """Prose for Markdown: no raw HTML, and a backslash is a backslash (not an escape of what follows)."""
    return str(text).replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")


def md_cell(text: str) -> str:
    """Prose for one Markdown table cell: one line, `|` escaped."""
    return md(" ".join(str(text).split())).replace("|", "\\|")


def md_code(text: str) -> str:
    """Inline code span that a backtick in the text cannot end."""
    text = " ".join(str(text).split())
    longest = 0
    current = 0
    for char in text:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.render", "templates"),
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
