"""Item 9: a reference page links only to http(s), mailto and in-page or relative targets."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.render.docs import write_page
from generator.render.environment import safe_link
from generator.spec.load import Workspace
from tests.hostile.budget import HOSTILE, budget


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.values: list[str] = []  # every attribute value of every element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values += [value or "" for _, value in attrs]
        if tag == "a":
            self.hrefs += [value or "" for name, value in attrs if name == "href"]


def test_script_urls_never_become_links(tmp_path: Path) -> None:
    with budget(seconds=20, megabytes=200):
        write_page("links", HOSTILE / "i9-javascript-links.yaml", tmp_path, Workspace())
    html = next(tmp_path.glob("*.html")).read_text()
    parser = _Links()
    parser.feed(html)
    assert "https://example.com/guide" in parser.hrefs
    for href in parser.hrefs:
        assert href.startswith(("https://", "http://", "mailto:", "#")), href
    for value in parser.values:  # the hostile URLs appear, if at all, as escaped text, never in an attribute
        assert "script:" not in value.lower().replace("\t", "") and not value.lower().startswith("data:text"), value
    assert "Source: Vendor documentation" in html  # the description stays, as text


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", " JAVASCRIPT:x", "java\tscript:x", "java\nscript:x", "\x00javascript:x", "vbscript:x",
     "data:text/html,<script>", "file:///etc/passwd", "jar:x", "https://a\x01b"],
)  # fmt: skip
def test_unsafe_urls_are_dropped(url: str) -> None:
    assert safe_link(url) == ""


@pytest.mark.parametrize("url", ["https://example.com/x?y#z", "http://a", "mailto:a@b.c", "#op", "guide.html", "/a"])
def test_ordinary_urls_are_kept(url: str) -> None:
    assert safe_link(url) == url
