"""The examples of the four vendor pages, read from their captures as the pages show them.

The captures live in the shared folder beside the repository (`shared/seeds/`, see its README); nothing here is
copied from the specs, so the page-example tests compare the specs and the generated clients with the pages
themselves. APIG examples 2-6 carry `plugin_content` escaped twice (`{\\"a\\":1}` inside the JSON string): it is
decoded once more, which is what the gateway really sends and receives.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

# The shared folder sits beside the checkout (CI) or beside the folder of worktrees; VENDOR_SEEDS overrides.
SEEDS_CANDIDATES = (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds")


def seeds() -> Path:
    override = os.environ.get("VENDOR_SEEDS")
    for folder in (*([Path(override)] if override else []), *SEEDS_CANDIDATES):
        if (folder / "README.md").is_file():
            return folder
    raise FileNotFoundError(f"the vendor pages are not beside the checkout (looked in {SEEDS_CANDIDATES})")


# How specs/ERRATA.md names each page in its table of examples.
TITLES = {"apig": "APIG", "dbss": "DBSS", "gaussdb-opengauss": "GaussDB", "commvault": "Commvault"}


@dataclass(frozen=True)
class Example:
    api: str
    kind: str  # "request" or "response"
    status: int | None  # responses only
    name: str  # position on the page, e.g. "request 2" or "201 example 6"
    value: Any


def _json_blocks(text: str) -> list[tuple[int, Any]]:
    """Every top-level JSON object in `text`, with its offset (the pages put prose between them)."""
    decoder = json.JSONDecoder()
    found: list[tuple[int, Any]] = []
    index = 0
    while (start := text.find("{", index)) != -1:
        try:
            value, end = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            index = start + 1
            continue
        if isinstance(value, dict):
            found.append((start, value))
        index = end
    return found


def _decode_content_once(body: dict[str, Any]) -> dict[str, Any]:
    content = body.get("plugin_content")
    if isinstance(content, str) and content.startswith('{\\"'):
        body = {**body, "plugin_content": json.loads(f'"{content}"')}
    return body


def apig(folder: Path) -> list[Example]:
    raw = (folder / "apig_create-plugin.html.txt").read_text(encoding="utf-8")
    blocks = [html.unescape(b) for b in re.findall(r'<pre class="screen">(.*?)</pre>', raw, flags=re.S)]
    values = [_decode_content_once(json.loads(b)) for b in blocks]
    examples_section = raw[raw.index("Example Responses") :]
    statuses = [int(s) for s in re.findall(r"<strong>Status code: (\d+)</strong>", examples_section)]
    requests, rest = values[:6], values[6:]
    examples = [Example("apig", "request", None, f"request {i + 1}", v) for i, v in enumerate(requests)]
    created, errors = rest[:6], rest[6:]
    examples += [Example("apig", "response", 201, f"201 example {i + 1}", v) for i, v in enumerate(created)]
    examples += [
        Example("apig", "response", status, f"{status} example", v)
        for status, v in zip(statuses[1:], errors, strict=True)
    ]
    return examples


def gaussdb(folder: Path) -> list[Example]:
    text = (folder / "gaussdb-opengauss_install-kernel-plugin.txt").read_text(encoding="utf-8")
    (_, request), (_, response) = _json_blocks(text)
    return [
        Example("gaussdb-opengauss", "request", None, "request", request),
        Example("gaussdb-opengauss", "response", 200, "200 example", response),
    ]


def dbss(folder: Path) -> list[Example]:
    text = (folder / "dbss_add-self-built-database.txt").read_text(encoding="utf-8")
    (_, request), (_, response) = _json_blocks(text)
    return [
        Example("dbss", "request", None, "request", request),
        Example("dbss", "response", 200, "200 example", response),
    ]


def commvault(folder: Path) -> list[Example]:
    """The body sample and the curl example's body (the same object twice); the page has no response example."""
    text = (folder / "commvault_create-postgresql-instance.txt").read_text(encoding="utf-8")
    blocks = [value for _, value in _json_blocks(text)]
    return [Example("commvault", "request", None, f"request {i + 1}", v) for i, v in enumerate(blocks)]


def commvault_curl_path(folder: Path) -> str:
    text = (folder / "commvault_create-postgresql-instance.txt").read_text(encoding="utf-8")
    match = re.search(r"curl -L -X POST '([^']+)'", text)
    assert match is not None
    return match.group(1)


def commvault_uri_line(folder: Path) -> str:
    text = (folder / "commvault_create-postgresql-instance.txt").read_text(encoding="utf-8")
    match = re.search(r"^POST (\S+)", text, flags=re.M)
    assert match is not None
    return match.group(1)


def all_examples(folder: Path) -> list[Example]:
    return [*gaussdb(folder), *dbss(folder), *apig(folder), *commvault(folder)]
