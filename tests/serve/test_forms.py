"""Form request bodies over real HTTP: urlencoded fields by style and multipart parts (files, JSON parts,
repeated parts) validated against their schemas, and bodies documented in several media types."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from generator.serve.app import ReferenceServer, build_app
from generator.serve.runner import BackgroundServer
from tests.conftest import FIXTURES

SPEC = FIXTURES / "serve" / "forms.yaml"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Served:
    def __init__(self, reference: ReferenceServer, client: httpx.Client) -> None:
        self.reference = reference
        self.client = client

    def body_of_last(self, operation_id: str) -> object:
        return self.reference.store.records(operation_id)[-1].request


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    app = build_app(SPEC)
    with BackgroundServer(app) as server, httpx.Client(base_url=server.base_url, timeout=10) as client:
        yield Served(app.state.reference, client)


def _message(response: httpx.Response) -> str:
    assert response.status_code == 400, response.text
    return str(response.json()["message"])


def test_urlencoded_fields_are_read_by_style_and_validated(served: Served) -> None:
    good = "grant_type=password&username=ada&password=correct+horse&scope=read,write&remember=true"
    assert served.client.post("/token", content=good, headers=FORM).status_code == 200
    assert served.body_of_last("token") == {
        "grant_type": "password",
        "username": "ada",
        "password": "correct horse",
        "scope": ["read", "write"],
        "remember": True,
    }
    missing = served.client.post("/token", data={"grant_type": "password", "username": "ada"})
    assert "password is required" in _message(missing)
    short = served.client.post("/token", data={"grant_type": "password", "username": "ada", "password": "short"})
    message = _message(short)
    assert "password must be at least 8 characters long" in message and "short" not in message
    wrong_scope = "grant_type=password&username=ada&password=12345678&scope=read,admin"
    assert "scope[1] must be one of" in _message(served.client.post("/token", content=wrong_scope, headers=FORM))
    extra = "grant_type=password&username=ada&password=12345678&debug=1"
    assert "debug is not an allowed property" in _message(served.client.post("/token", content=extra, headers=FORM))
    as_json = served.client.post("/token", json={"grant_type": "password"})
    assert "Content-Type must be application/x-www-form-urlencoded" in _message(as_json)


def test_urlencoded_exploded_arrays_and_deep_objects(served: Served) -> None:
    body = "tags=1&tags=2&filter%5Bmin%5D=3&filter[max]=4"
    assert served.client.post("/search", content=body, headers=FORM).status_code == 200
    assert served.body_of_last("searchForm") == {"tags": [1, 2], "filter": {"min": 3, "max": 4}}
    assert "tags[1] must be of type integer" in _message(
        served.client.post("/search", content="tags=1&tags=x", headers=FORM)
    )
    assert "filter.mid is not an allowed property" in _message(
        served.client.post("/search", content="filter[mid]=1", headers=FORM)
    )


def test_multipart_files_json_parts_and_repeated_parts(served: Served) -> None:
    files = [
        ("file", ("report.bin", b"\x00\x01binary\xff", "application/octet-stream")),
        ("meta", (None, json.dumps({"title": "Q3"}), "application/json")),
        ("tags", (None, "a")),
        ("tags", (None, "b")),
        ("count", (None, "2")),
    ]
    response = served.client.post("/upload", files=files)
    assert response.status_code == 200, response.text
    body = served.body_of_last("upload")
    assert isinstance(body, dict)
    assert body["meta"] == {"title": "Q3"} and body["tags"] == ["a", "b"] and body["count"] == 2
    assert len(body["file"]) == len(b"\x00\x01binary\xff")
    no_file = served.client.post("/upload", files=[("meta", (None, '{"title": "x"}', "application/json"))])
    assert "file is required" in _message(no_file)
    big = served.client.post("/upload", files=[("file", ("big", b"x" * 1001)), ("meta", (None, '{"title": "x"}'))])
    assert "file must be at most 1000 characters long" in _message(big)
    bad_meta = served.client.post("/upload", files=[("file", ("f", b"x")), ("meta", (None, "{not json"))])
    assert "meta must be a application/json document" in _message(bad_meta)
    untitled = served.client.post("/upload", files=[("file", ("f", b"x")), ("meta", (None, "{}"))])
    assert "meta.title is required" in _message(untitled)
    zero = [("file", ("f", b"x")), ("meta", (None, '{"title": "x"}')), ("count", (None, "0"))]
    bad_count = served.client.post("/upload", files=zero)
    assert "count must be greater than or equal to 1" in _message(bad_count)


def test_multipart_several_files_in_one_field(served: Served) -> None:
    two = [("photos", ("a.png", b"\x89PNG1", "image/png")), ("photos", ("b.png", b"\x89PNG22", "image/png"))]
    assert served.client.post("/photos", files=two).status_code == 200
    assert [len(p) for p in served.body_of_last("photos")["photos"]] == [5, 6]  # type: ignore[index]
    assert "photos must have at least 2 items" in _message(served.client.post("/photos", files=two[:1]))


def test_multipart_without_boundary_is_refused(served: Served) -> None:
    response = served.client.post("/upload", content=b"--x\r\n", headers={"Content-Type": "multipart/form-data"})
    assert "needs a boundary" in _message(response)


def test_a_body_documented_in_several_media_types(served: Served) -> None:
    assert served.client.post("/notes", json={"text": "hi"}).status_code == 200
    assert served.client.post("/notes", data={"text": "hi"}).status_code == 200
    assert "text must be at most 10 characters long" in _message(served.client.post("/notes", data={"text": "x" * 11}))
    assert served.client.post("/notes", content="free text", headers={"Content-Type": "text/plain"}).status_code == 200
    wrong = served.client.post("/notes", content=b"x", headers={"Content-Type": "application/xml"})
    assert "Content-Type must be" in _message(wrong)
