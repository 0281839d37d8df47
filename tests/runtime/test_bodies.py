"""Request bodies on the wire (`generator/runtime/_bodies.py`): what the client writes is read back, by the
standard library's MIME parser and by the shared style table, as the value that was given."""

from __future__ import annotations

import io
import json
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import pydantic
import pytest

from generator.runtime import styles
from generator.runtime._bodies import Field, Form, encode
from generator.runtime._operations import Operation
from generator.runtime.errors import RequestValidationError


class Upload(pydantic.BaseModel):
    file: bytes
    title: str = pydantic.Field(min_length=1, max_length=10)
    count: int | None = None
    labels: list[str] | None = None
    meta: dict[str, Any] | None = None


class Login(pydantic.BaseModel):
    username: str
    password: str = pydantic.Field(min_length=8)
    scope: list[str] | None = None
    filter: dict[str, Any] | None = None
    tags: list[str] | None = None


MULTIPART = Operation[Any](
    name="upload",
    method="POST",
    path="/upload",
    body_type=Upload,
    body_kind="multipart",
    body_media_type="multipart/form-data",
    body_form=Form(
        (
            Field("file", content_type="image/png", binary=True),
            Field("labels", style="form", explode=True),
            Field("meta", content_type="application/json"),
        )
    ),
)
MULTIPART_TYPE = "multipart/form-data"
FORM = Operation[Any](
    name="login",
    method="POST",
    path="/login",
    body_type=Login,
    body_kind="form",
    body_media_type="application/x-www-form-urlencoded",
    body_form=Form((Field("filter", style="deepObject", explode=True), Field("tags", style="form", explode=False))),
)


def parts(content: bytes, content_type: str) -> list[EmailMessage]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + content)
    assert isinstance(message, EmailMessage) and message.is_multipart()
    return [p for p in message.iter_parts() if isinstance(p, EmailMessage)]


def test_multipart_files_json_parts_and_arrays_by_style() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\xff"
    content, content_type = encode(
        MULTIPART,
        {"file": png, "title": "cat", "count": 3, "labels": ["a", "b c"], "meta": {"k": [1, None]}},
    )
    assert content is not None and content_type is not None
    assert content_type.startswith("multipart/form-data; boundary=")  # the boundary is httpx's
    found = [(p.get_param("name", header="content-disposition"), p) for p in parts(content, content_type)]
    names = [name for name, _ in found]
    assert sorted(names) == ["count", "file", "labels", "labels", "meta", "title"]
    by_name = {name: part for name, part in found}
    assert by_name["file"].get_payload(decode=True) == png
    assert by_name["file"].get_content_type() == "image/png"
    assert by_name["file"].get_filename() == "file"
    assert json.loads(by_name["meta"].get_payload(decode=True)) == {"k": [1, None]}
    assert by_name["meta"].get_content_type() == "application/json"
    assert [p.get_payload(decode=True) for n, p in found if n == "labels"] == [b"a", b"b c"]
    assert by_name["count"].get_payload(decode=True) == b"3"


@pytest.mark.parametrize(
    "given",
    [
        io.BytesIO(b"data"),
        ("report.csv", b"data", "text/csv"),
        ("report.csv", io.BytesIO(b"data")),
        "data",
    ],
    ids=["file-object", "tuple", "tuple-of-file-object", "text"],
)
def test_a_file_is_bytes_a_file_object_or_a_tuple(given: Any) -> None:
    content, content_type = encode(MULTIPART, {"file": given, "title": "t"})
    assert content is not None and content_type is not None
    file = next(p for p in parts(content, content_type) if p.get_param("name", header="content-disposition") == "file")
    assert file.get_payload(decode=True) == b"data"
    if isinstance(given, tuple):
        assert file.get_filename() == "report.csv"
        assert file.get_content_type() == (given[2] if len(given) > 2 else "image/png")


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"title": "t"}, "file"),  # a required file is missing
        ({"file": b"x", "title": ""}, "title"),  # minLength
        ({"file": 12, "title": "t"}, "file"),  # a number is not a file
        ({"file": b"x", "title": "t", "count": "many"}, "count"),
    ],
)
def test_multipart_bodies_are_validated_before_sending(body: dict[str, Any], where: str) -> None:
    with pytest.raises(RequestValidationError) as caught:
        encode(MULTIPART, body)
    assert where in str(caught.value)


def test_urlencoded_fields_by_style_read_back_by_the_same_table() -> None:
    content, content_type = encode(
        FORM,
        {
            "username": "ann",
            "password": "s3cret&=+x",
            "scope": ["read", "write"],
            "filter": {"color": "red", "size": 2},
            "tags": ["x", "y"],
        },
    )
    assert content_type == "application/x-www-form-urlencoded" and content is not None
    text = content.decode("ascii")
    assert "scope=read&scope=write" in text  # form + explode: repeated, never JSON
    assert "filter%5Bcolor%5D=red" in text and "tags=x,y" in text
    pairs = styles.split_query(text)
    read = styles.parse_query(styles.ParamStyle("password", "query"), pairs, styles.Shape())
    assert read == "s3cret&=+x"
    scope = styles.parse_query(styles.ParamStyle("scope", "query"), pairs, styles.Shape("array"))
    assert scope == ["read", "write"]
    shape = styles.Shape("object", properties={"size": styles.Shape(types=frozenset({"integer"}))})
    deep = styles.parse_query(styles.ParamStyle("filter", "query", "deepObject", True), pairs, shape)
    assert deep == {"color": "red", "size": 2}


def test_urlencoded_body_missing_a_required_field_is_refused() -> None:
    with pytest.raises(RequestValidationError, match="password"):
        encode(FORM, {"username": "ann"})


def test_a_model_instance_is_accepted_like_a_dict() -> None:
    content, _ = encode(FORM, Login(username="ann", password="long-enough"))
    assert content == b"username=ann&password=long-enough"


def test_text_and_binary_bodies() -> None:
    text = Operation[Any](name="t", method="POST", path="/t", body_kind="text", body_media_type="text/plain")
    raw = Operation[Any](name="r", method="PUT", path="/r", body_kind="binary", body_media_type="image/png")
    assert encode(text, "héllo") == ("héllo".encode(), "text/plain")
    assert encode(raw, b"\x00\xff") == (b"\x00\xff", "image/png")
    assert encode(raw, io.BytesIO(b"\x01")) == (b"\x01", "image/png")
    with pytest.raises(RequestValidationError, match="text"):
        encode(text, b"bytes")
    with pytest.raises(RequestValidationError, match="bytes"):
        encode(raw, 12)


def test_an_empty_multipart_form_still_has_a_boundary() -> None:
    from generator.serve.forms import _multipart_pairs

    optional = Operation[Any](name="o", method="PUT", path="/o", body_kind="multipart", body_media_type=MULTIPART_TYPE)
    content, content_type = encode(optional, {})
    assert content is not None and content_type is not None and "boundary=" in content_type
    assert _multipart_pairs(content_type, content) == ([], {})  # the reference server reads it as no fields


def test_a_field_of_any_type_takes_a_file_or_a_value() -> None:
    """`file: {}` is a file part by default, and also takes any other value (written as text or JSON)."""
    anything = Operation[Any](
        name="a",
        method="POST",
        path="/a",
        body_kind="multipart",
        body_media_type=MULTIPART_TYPE,
        body_form=Form((Field("file", binary=True),)),
    )
    for given, payload in ((b"\x00raw", b"\x00raw"), ({"k": 1}, b'{"k":1}'), (7, b"7")):
        content, content_type = encode(anything, {"file": given})
        assert content is not None and content_type is not None
        (part,) = parts(content, content_type)
        assert part.get_payload(decode=True) == payload


def test_an_object_in_a_declared_field_of_open_type_is_one_json_part() -> None:
    """A declared field whose schema sets no type, given an object: one JSON part (multipart's default for an
    object), not form fields named after its keys (the public readme.yaml's `POST /validate/api` showed it)."""
    open_field = Operation[Any](
        name="a",
        method="POST",
        path="/a",
        body_kind="multipart",
        body_media_type=MULTIPART_TYPE,
        body_form=Form((Field("spec"), Field("tags", style="form", explode=True))),
    )
    content, content_type = encode(open_field, {"spec": {"openapi": "3.1.0", "paths": {}}, "tags": ["a", "b"]})
    assert content is not None and content_type is not None
    found = [(p.get_param("name", header="content-disposition"), p) for p in parts(content, content_type)]
    assert [name for name, _ in found] == ["spec", "tags", "tags"]
    spec = found[0][1]
    assert spec.get_content_type() == "application/json"
    assert json.loads(spec.get_payload(decode=True)) == {"openapi": "3.1.0", "paths": {}}
    assert [p.get_payload(decode=True) for _, p in found[1:]] == [b"a", b"b"]  # an array of scalars keeps its style
