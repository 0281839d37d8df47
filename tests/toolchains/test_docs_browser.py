"""The generated API reference pages in a real headless Chromium (Debian's `chromium`, driven by Playwright).

Each page is served from 127.0.0.1 and must load with no console error, page error or failed request, and show
every operation (method, path, operationId, parameters, responses), every schema, and for APIG the plug-in
content models with the table that selects them. A screenshot of the APIG page is kept under
build/screenshots/ and checked to be a real, non-blank picture.
"""

from __future__ import annotations

import shutil
import struct
import threading
import zlib
from collections import Counter
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.project.catalog import load_catalog
from generator.render.docs import write_page
from generator.spec.load import Workspace
from tests.toolchains._tools import API_NAMES, ROOT, Bundle

# Flags for a headless Chromium on a machine without a network (see the machine notes): no background
# connections, no sandbox (CI runs as root), a fresh profile (Playwright makes one per launch).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
SCREENSHOT = ROOT / "build" / "screenshots" / "apig-docs.png"
APIG_CONTENT_MODELS = (
    "CorsPluginContent",
    "SetRespHeadersContent",
    "KafkaLogContent",
    "BreakerContent",
    "RateLimitContent",
    "ThirdAuthContent",
)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def docs_url(workdir: Path) -> Iterator[str]:
    folder = workdir / "docs"
    workspace = Workspace()
    for api in load_catalog(ROOT):
        write_page(api.name, api.spec, folder, workspace)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("chromium is missing: run `make toolchains` (installs Debian's chromium)", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class _Page:
    """A page with every console error, uncaught exception and failed request recorded."""

    def __init__(self, browser: Any) -> None:
        self.page = browser.new_page(viewport=VIEWPORT)
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))


@pytest.mark.parametrize("api", API_NAMES)
def test_reference_page_shows_everything(api: str, bundles: dict[str, Bundle], docs_url: str, browser: Any) -> None:
    from playwright.sync_api import expect

    document = yaml.safe_load(bundles[f"{api}-3.1-yaml"].path.read_text(encoding="utf-8"))
    viewer = _Page(browser)
    page = viewer.page
    try:
        response = page.goto(f"{docs_url}/{api}.html", wait_until="load")
        assert response is not None and response.ok
        expect(page.locator("h1")).to_have_text(document["info"]["title"])
        for path, item in document["paths"].items():
            for method, operation in item.items():
                if not isinstance(operation, dict) or "operationId" not in operation:
                    continue
                block = page.locator(f"#op-{operation['operationId']}")
                expect(block).to_be_visible()
                expect(block.locator("h3")).to_contain_text(method.upper())
                expect(block.locator("code.path")).to_have_text(path)
                for parameter in operation.get("parameters") or []:
                    ref = parameter.get("$ref", "")
                    name = (document["components"]["parameters"][ref.rsplit("/", 1)[1]] if ref else parameter)["name"]
                    expect(block.locator("tr.parameter td.name code", has_text=name).first).to_be_visible()
                for status in operation["responses"]:
                    expect(block.locator(f"#op-{operation['operationId']}-{status} .status")).to_have_text(str(status))
        for name in document["components"]["schemas"]:
            expect(page.locator(f"#schema-{name} h3")).to_contain_text(name)
        if api == "apig":
            models = page.locator("#content-models")
            for name in APIG_CONTENT_MODELS:
                expect(models.locator(f"article#schema-{name}")).to_be_visible()
                expect(models.locator("table.selection a", has_text=name).first).to_be_visible()
        assert viewer.problems == []
    finally:
        page.close()


def _png_pixels_look_real(data: bytes) -> tuple[int, int, float, int]:
    """(width, height, share of the most common byte, number of distinct bytes) of the decompressed image data.

    The data is PNG-filtered, so a blank page is almost nothing but one byte value, while a page of text and
    tables uses nearly all 256 values."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, idat, width, height = 8, b"", 0, 0
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind, body = data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    raw = zlib.decompress(idat)
    counts = Counter(raw)
    return width, height, counts.most_common(1)[0][1] / len(raw), len(counts)


def test_screenshot(docs_url: str, browser: Any) -> None:
    viewer = _Page(browser)
    try:
        viewer.page.goto(f"{docs_url}/apig.html#op-CreatePlugin", wait_until="load")
        data = viewer.page.screenshot(type="png")
    finally:
        viewer.page.close()
    width, height, blank_share, distinct = _png_pixels_look_real(data)
    assert (width, height) == (VIEWPORT["width"], VIEWPORT["height"])
    assert len(data) > 20_000, "suspiciously small screenshot"
    assert blank_share < 0.98 and distinct > 128, f"{blank_share:.1%} one byte value, {distinct} values: blank?"
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    partial_file = SCREENSHOT.with_suffix(f".{threading.get_ident()}.tmp")
    partial_file.write_bytes(data)
    partial_file.replace(SCREENSHOT)


def test_a_blank_page_is_recognised(browser: Any) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.set_content("<html><body></body></html>")
        _, _, blank_share, distinct = _png_pixels_look_real(page.screenshot(type="png"))
    finally:
        page.close()
    assert blank_share >= 0.98 or distinct <= 128


def test_console_errors_are_seen(browser: Any) -> None:
    """The recording catches what it is meant to catch (so an empty list above means something)."""
    viewer = _Page(browser)
    try:
        viewer.page.set_content("<script>console.error('deliberate'); undefinedFunction();</script>")
        viewer.page.wait_for_timeout(100)
    finally:
        viewer.page.close()
    assert any("deliberate" in p for p in viewer.problems)
    assert any("undefinedFunction" in p for p in viewer.problems)
