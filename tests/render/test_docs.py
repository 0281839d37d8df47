"""generator.render.docs: the HTML reference page (its content, escaping and self-containment; the browser test is in
tests/toolchains/test_docs_browser.py)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from generator.project.catalog import load_catalog
from generator.render.docs import page_view, render_page
from generator.spec.bundle import bundle
from tests.conftest import ROOT

APIS = {api.name: api for api in load_catalog(ROOT)}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if (value := dict(attrs).get("id")) is not None:
            self.ids.add(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def pages() -> dict[str, tuple[dict[str, Any], str]]:
    return {name: (doc := bundle(api.spec), render_page(doc)) for name, api in APIS.items()}


@pytest.mark.parametrize("api", sorted(APIS))
def test_page_shows_every_operation_parameter_response_and_schema(api: str, pages: dict[str, Any]) -> None:
    document, html = pages[api]
    parsed = _parse(html)
    text = " ".join(parsed.text)
    for path, item in document["paths"].items():
        for operation in item.values():
            op_id = operation["operationId"]
            assert f"op-{op_id}" in parsed.ids and path in text and op_id in text
            for status in operation["responses"]:
                assert f"op-{op_id}-{status}" in parsed.ids
            for parameter in operation.get("parameters") or []:
                name = document["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]["name"]
                assert name in text
    for name, schema in document["components"]["schemas"].items():
        assert f"schema-{name}" in parsed.ids
        for prop in schema.get("properties") or {}:
            assert prop in text, f"{name}.{prop} is not shown"
    for name in document["components"]["securitySchemes"]:
        assert f"security-{name}" in parsed.ids


def test_apig_content_models_and_their_selection(pages: dict[str, Any]) -> None:
    document, html = pages["apig"]
    view = page_view(document)
    models = {
        "CorsPluginContent",
        "SetRespHeadersContent",
        "KafkaLogContent",
        "BreakerContent",
        "RateLimitContent",
        "ThirdAuthContent",
    }
    assert models <= {s.name for s in view.content_models}
    assert {"CreatePluginRequest", "PluginType"} <= {s.name for s in view.schemas}
    by_owner = {(s.owner, s.property, s.selector): dict(s.choices) for s in view.selections}
    expected = {
        '"cors"': "CorsPluginContent",
        '"set_resp_headers"': "SetRespHeadersContent",
        '"kafka_log"': "KafkaLogContent",
        '"breaker"': "BreakerContent",
        '"rate_limit"': "RateLimitContent",
        '"third_auth"': "ThirdAuthContent",
    }
    assert by_owner[("CreatePluginRequest", "plugin_content", "plugin_type")] == expected
    # the response's content is described by the models of what the gateway returns (no request-only bounds)
    returned = {value: f"{model}Returned" for value, model in expected.items()}
    assert by_owner[("CreatePluginResponse", "plugin_content", "plugin_type")] == returned
    # the request examples show the embedded JSON decoded
    (body,) = next(op for op in view.operations).body
    assert all(example.embedded and example.embedded[0][0] == "plugin_content" for example in body.examples)
    assert 'id="content-models"' in html


def test_page_is_self_contained_and_deterministic(pages: dict[str, Any]) -> None:
    document, html = pages["apig"]
    assert html == render_page(document)
    assert html.startswith("<!DOCTYPE html>")
    parsed = _parse(html)
    assert not [t for t in parsed.tags if t[0] in ("script", "img", "iframe", "object")]
    assert not [a for tag, a in parsed.tags if tag == "link" and a.get("rel") != "icon"]
    csp = [a for tag, a in parsed.tags if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_spec_text_cannot_inject_markup() -> None:
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "<script>alert(1)</script>",
            "version": "1",
            "description": "Use `code` and <img src=x onerror=alert(1)>",
        },
        "paths": {
            "/x": {
                "get": {
                    "operationId": "getX",
                    "summary": '"><script>alert(2)</script>',
                    "responses": {"200": {"description": "[link](javascript:alert(3))"}},
                }
            }
        },
    }
    html = render_page(document)
    parsed = _parse(html)
    assert not [t for t in parsed.tags if t[0] in ("script", "img")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<code>code</code>" in html  # Markdown still works
    assert "javascript:" not in " ".join(str(a.get("href")) for _, a in parsed.tags)
