"""The parameter-style table (generator/runtime/styles.py) against the OpenAPI Specification's own examples.

`SPEC_3_1_2` is the "Style Examples" table of OpenAPI 3.1.2 (versions/3.1.2.md of OAI/OpenAPI-Specification),
copied cell by cell: `color` is "blue", ["blue", "black", "brown"] or {"R": 100, "G": 200, "B": 150}, and the
`undefined` column is a value of None. Every cell is checked both ways: `serialize` writes exactly the cell, and
the parser reads the cell back to the value. `SPEC_3_1_0` is the same table as 3.1.0 printed it, before the
3.1.1 corrections; its cells that a 3.1.1+ parser still reads mean the same value.
"""

from __future__ import annotations

import contextlib
import math
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.runtime.styles import (
    MISSING,
    ParamStyle,
    Shape,
    StyleError,
    expand_path,
    join_cookies,
    join_query,
    parse_cookie,
    parse_header,
    parse_path,
    parse_query,
    serialize,
    split_cookies,
    split_query,
)

NA = None  # a cell the specification marks n/a (undefined behaviour): not checked
STRING = "blue"
ARRAY = ["blue", "black", "brown"]
OBJECT = {"R": 100, "G": 200, "B": 150}
VALUES = {"undefined": None, "string": STRING, "array": ARRAY, "object": OBJECT}
SHAPES = {
    "undefined": Shape("primitive", frozenset({"null"})),
    "string": Shape("primitive"),
    "array": Shape("array"),
    "object": Shape("object", additional=Shape("primitive", frozenset({"integer"}))),
}

# style, explode, undefined, string, array, object
SPEC_3_1_2: list[tuple[str, bool, str | None, str | None, str | None, str | None]] = [
    ("matrix", False, ";color", ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"),
    ("matrix", True, ";color", ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"),
    ("label", False, ".", ".blue", ".blue,black,brown", ".R,100,G,200,B,150"),
    ("label", True, ".", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"),
    ("simple", False, "", "blue", "blue,black,brown", "R,100,G,200,B,150"),
    ("simple", True, "", "blue", "blue,black,brown", "R=100,G=200,B=150"),
    ("form", False, "color=", "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"),
    ("form", True, "color=", "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"),
    ("spaceDelimited", False, NA, NA, "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"),
    ("spaceDelimited", True, NA, NA, NA, NA),
    ("pipeDelimited", False, NA, NA, "color=blue%7Cblack%7Cbrown", "color=R%7C100%7CG%7C200%7CB%7C150"),
    ("pipeDelimited", True, NA, NA, NA, NA),
    ("deepObject", False, NA, NA, NA, NA),
    ("deepObject", True, NA, NA, NA, "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"),
]

# The 3.1.0 printing (`empty` column). Where 3.1.1 corrected a cell, the 3.1.2 value is given after it.
SPEC_3_1_0: list[tuple[str, bool, str | None, str | None, str | None, str | None]] = [
    ("matrix", False, ";color", ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"),
    ("matrix", True, ";color", ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"),
    ("label", False, ".", ".blue", ".blue.black.brown", ".R.100.G.200.B.150"),
    ("label", True, ".", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"),
    ("form", False, "color=", "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"),
    ("form", True, "color=", "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"),
    ("simple", False, NA, "blue", "blue,black,brown", "R,100,G,200,B,150"),
    ("simple", True, NA, "blue", "blue,black,brown", "R=100,G=200,B=150"),
    ("spaceDelimited", False, NA, NA, "blue%20black%20brown", "R%20100%20G%20200%20B%20150"),
    ("pipeDelimited", False, NA, NA, "blue|black|brown", "R|100|G|200|B|150"),
    ("deepObject", True, NA, NA, NA, "color[R]=100&color[G]=200&color[B]=150"),
]
# The 3.1.0 cells that 3.1.1 corrected: label joined non-exploded items with "." (RFC 6570 uses ","); the
# query-string styles left out the `color=` name and the percent-encoding of `|`, `[` and `]`.
CORRECTED_IN_3_1_1 = {
    ("label", False, "array"),
    ("label", False, "object"),
    ("spaceDelimited", False, "array"),
    ("spaceDelimited", False, "object"),
    ("pipeDelimited", False, "array"),
    ("pipeDelimited", False, "object"),
    ("deepObject", True, "object"),
}
LOCATIONS_OF = {
    "matrix": ("path",),
    "label": ("path",),
    "simple": ("path", "header"),
    "form": ("query", "cookie"),
    "spaceDelimited": ("query",),
    "pipeDelimited": ("query",),
    "deepObject": ("query",),
}


def _cells(table: list[tuple[str, bool, str | None, str | None, str | None, str | None]]) -> list[Any]:
    cells = []
    for style, explode, *texts in table:
        for column, text in zip(VALUES, texts, strict=True):
            if text is None:
                continue
            for location in LOCATIONS_OF[style]:
                if location == "path" and style == "simple" and column == "undefined":
                    continue  # an empty path segment is refused (see test_empty_path_parameter)
                if location == "cookie" and (column in ("array", "object") and explode):
                    continue  # cookies separate pairs with "; " (appendix D), checked in test_cookie_pairs
                cells.append(
                    pytest.param(style, explode, column, location, text, id=f"{style}-{explode}-{column}-{location}")
                )
    return cells


def _parse(param: ParamStyle, text: str, shape: Shape) -> Any:
    if param.location == "path":
        return parse_path(param, text, shape)
    if param.location == "header":
        return parse_header(param, text, shape)
    if param.location == "cookie":
        return parse_cookie(param, split_cookies(text), shape)
    return parse_query(param, split_query(text), shape)


@pytest.mark.parametrize(("style", "explode", "column", "location", "text"), _cells(SPEC_3_1_2))
def test_spec_style_examples_both_ways(style: str, explode: bool, column: str, location: str, text: str) -> None:
    param = ParamStyle("color", location, style=style, explode=explode)
    assert serialize(param, VALUES[column]) == text
    assert _parse(param, text, SHAPES[column]) == VALUES[column]


@pytest.mark.parametrize(("style", "explode", "column", "location", "text"), _cells(SPEC_3_1_0))
def test_spec_3_1_0_printing(style: str, explode: bool, column: str, location: str, text: str) -> None:
    param = ParamStyle("color", location, style=style, explode=explode)
    if (style, explode, column) not in CORRECTED_IN_3_1_1:
        assert serialize(param, VALUES[column]) == text
        return
    if style in ("pipeDelimited", "deepObject"):
        # unencoded `|`, `[`, `]` are still read (appendix E: "seem to work in some environments")
        with_name = text if style == "deepObject" else f"color={text}"
        assert _parse(param, with_name, SHAPES[column]) == VALUES[column]
    assert serialize(param, VALUES[column]) != text


def test_undefined_reads_as_empty_string_for_string_schemas() -> None:
    for style, text in (("matrix", ";color"), ("label", ".")):
        assert parse_path(ParamStyle("color", "path", style=style), text, Shape()) == ""
    assert parse_query(ParamStyle("color", "query"), split_query("color="), Shape()) == ""
    assert parse_query(ParamStyle("color", "query"), split_query("color="), Shape("array")) == []


def test_defaults_follow_the_location() -> None:
    assert ParamStyle("a", "path").style == "simple" and ParamStyle("a", "path").explode is False
    assert ParamStyle("a", "query").style == "form" and ParamStyle("a", "query").explode is True
    assert ParamStyle("a", "cookie").style == "form"
    assert ParamStyle("a", "header").style == "simple"
    assert ParamStyle("a", "query", style="pipeDelimited").explode is False


@pytest.mark.parametrize(
    ("style", "location"), [("matrix", "query"), ("form", "path"), ("deepObject", "header"), ("tabs", "query")]
)
def test_style_outside_its_locations_is_refused(style: str, location: str) -> None:
    with pytest.raises(StyleError, match="style"):
        ParamStyle("a", location, style=style)


def test_cookie_pairs() -> None:
    param = ParamStyle("color", "cookie")
    assert serialize(param, ARRAY) == "color=blue; color=black; color=brown"
    assert serialize(param, OBJECT) == "R=100; G=200; B=150"
    header = join_cookies([serialize(param, ARRAY), serialize(ParamStyle("session", "cookie"), "a b;c")])
    assert header == "color=blue; color=black; color=brown; session=a%20b%3Bc"
    assert parse_cookie(param, split_cookies(header), Shape("array")) == ARRAY
    assert parse_cookie(ParamStyle("session", "cookie"), split_cookies(header), Shape()) == "a b;c"
    free = Shape("object", additional=Shape("primitive", frozenset({"integer"})))
    assert parse_cookie(param, split_cookies("R=100; G=200; B=150"), free) == OBJECT


def test_encoded_delimiters_stay_inside_their_item() -> None:
    param = ParamStyle("q", "query", explode=False)
    text = serialize(param, ["a,b", "c&d", "e=f", "g h+i"])
    assert text == "q=a%2Cb,c%26d,e%3Df,g%20h%2Bi"
    assert parse_query(param, split_query(text), Shape("array")) == ["a,b", "c&d", "e=f", "g h+i"]
    path = ParamStyle("id", "path")
    assert serialize(path, "a/b?c#d") == "a%2Fb%3Fc%23d"
    assert parse_path(path, "a%2Fb%3Fc%23d", Shape()) == "a/b?c#d"


def test_query_plus_is_a_space_but_path_plus_is_a_plus() -> None:
    assert parse_query(ParamStyle("q", "query"), split_query("q=a+b"), Shape()) == "a b"
    assert parse_path(ParamStyle("p", "path"), "a+b", Shape()) == "a+b"


def test_values_that_contain_their_delimiter_are_refused() -> None:
    with pytest.raises(StyleError, match="delimiter"):
        serialize(ParamStyle("c", "query", style="pipeDelimited"), ["a|b", "c"])
    with pytest.raises(StyleError, match="delimiter"):
        serialize(ParamStyle("c", "query", style="spaceDelimited"), ["a b"])
    with pytest.raises(StyleError, match="delimiter"):
        serialize(ParamStyle("c", "path", style="label", explode=True), ["v1.2", "v2"])
    with pytest.raises(StyleError, match="delimiter"):
        serialize(ParamStyle("c", "header"), ["a,b"])
    with pytest.raises(StyleError, match=r"'\[' or '\]'"):
        serialize(ParamStyle("c", "query", style="deepObject", explode=True), {"a[0]": 1})


def test_header_values_are_never_percent_encoded_and_must_be_printable() -> None:
    param = ParamStyle("X-Tags", "header", explode=True)
    assert serialize(param, {"a": "x y", "b": "1/2"}) == "a=x y,b=1/2"
    assert parse_header(param, "a=x y, b=1/2", Shape("object", additional=Shape())) == {"a": "x y", "b": "1/2"}
    for bad in ("line\nbreak", "é", " padded"):
        with pytest.raises(StyleError, match="printable ASCII") as caught:
            serialize(ParamStyle("X-Secret", "header"), bad)
        assert bad not in str(caught.value)
    assert parse_header(param, None, Shape()) is MISSING


def test_allow_reserved_keeps_reserved_characters_and_percent_triples() -> None:
    param = ParamStyle("url", "query", allow_reserved=True)
    assert serialize(param, "https://x.test/a?b=c,d;e@f!$'()*") == "url=https://x.test/a?b=c,d;e@f!$'()*"
    assert serialize(param, "50%25 & #1+[x]") == "url=50%25%20%26%20%231%2B%5Bx%5D"
    assert parse_query(param, split_query("url=https://x.test/a?b=c,d;e@f"), Shape()) == "https://x.test/a?b=c,d;e@f"
    assert serialize(ParamStyle("url", "query"), "a/b:c") == "url=a%2Fb%3Ac"
    with pytest.raises(StyleError, match="delimiter"):  # an unencoded "," would split the item
        serialize(ParamStyle("u", "query", explode=False, allow_reserved=True), ["a,b", "c"])


def test_content_parameters_carry_json() -> None:
    coordinates = {"lat": 52.5, "long": 13.4}
    query = ParamStyle("coordinates", "query", content_type="application/json")
    text = serialize(query, coordinates)
    assert text == "coordinates=%7B%22lat%22%3A52.5%2C%22long%22%3A13.4%7D"
    assert parse_query(query, split_query(text), Shape("primitive")) == coordinates
    header = ParamStyle("X-Filter", "header", content_type="application/json")
    assert serialize(header, {"name": "Zoë"}) == '{"name":"Zo\\u00eb"}'
    assert parse_header(header, '{"name":"Zo\\u00eb"}', Shape()) == {"name": "Zoë"}
    path = ParamStyle("doc", "path", content_type="application/vnd.api+json")
    assert parse_path(path, serialize(path, [1, 2]), Shape()) == [1, 2]
    with pytest.raises(StyleError, match="must be a application/json document"):
        parse_query(query, split_query("coordinates=%7Bnot"), Shape())
    with pytest.raises(StyleError):
        parse_query(query, split_query("coordinates=NaN"), Shape())
    text_param = ParamStyle("note", "query", content_type="text/plain")
    assert parse_query(text_param, split_query(serialize(text_param, "a,b")), Shape()) == "a,b"


def test_deep_object_nesting_and_arrays() -> None:
    param = ParamStyle("filter", "query", style="deepObject", explode=True)
    value = {"name": "x", "range": {"min": 1, "max": 5}, "tags": ["a", "b"]}
    text = serialize(param, value)
    assert text == (
        "filter%5Bname%5D=x&filter%5Brange%5D%5Bmin%5D=1&filter%5Brange%5D%5Bmax%5D=5"
        "&filter%5Btags%5D=a&filter%5Btags%5D=b"
    )
    integer = Shape("primitive", frozenset({"integer"}))
    shape = Shape(
        "object",
        properties={
            "name": Shape(),
            "range": Shape("object", properties={"min": integer, "max": integer}),
            "tags": Shape("array"),
        },
    )
    assert parse_query(param, split_query(text), shape) == value
    assert parse_query(param, split_query("filter[name]=x&other=1"), shape) == {"name": "x"}
    assert parse_query(param, split_query("other=1"), shape) is MISSING
    with pytest.raises(StyleError, match="more than once"):
        parse_query(param, split_query("filter[name]=x&filter[name]=y"), shape)
    with pytest.raises(StyleError, match="not a deepObject key"):
        parse_query(param, split_query("filter[a]x=1"), shape)
    with pytest.raises(StyleError, match="deeper"):
        parse_query(param, split_query("filter" + "[a]" * 40 + "=1"), shape)


def test_form_exploded_object_takes_only_its_keys() -> None:
    param = ParamStyle("point", "query")
    declared = Shape(
        "object",
        properties={"x": Shape("primitive", frozenset({"integer"})), "y": Shape("primitive", frozenset({"integer"}))},
    )
    pairs = split_query("x=1&y=2&limit=10")
    assert parse_query(param, pairs, declared) == {"x": 1, "y": 2}
    free = Shape("object", additional=Shape())
    assert parse_query(param, pairs, free, other_names={"limit"}) == {"x": "1", "y": "2"}
    assert parse_query(param, split_query("limit=10"), declared) is MISSING


def test_wrong_prefixes_and_broken_text_are_errors() -> None:
    with pytest.raises(StyleError, match="must start with ';'"):
        parse_path(ParamStyle("id", "path", style="matrix"), "5", Shape())
    with pytest.raises(StyleError, match=r"';id=\.\.\.'"):
        parse_path(ParamStyle("id", "path", style="matrix"), ";other=5", Shape())
    with pytest.raises(StyleError, match=r"must start with '\.'"):
        parse_path(ParamStyle("id", "path", style="label"), "5", Shape())
    with pytest.raises(StyleError, match="one value is missing"):
        parse_path(ParamStyle("o", "path"), "R,100,G", Shape("object", additional=Shape()))
    with pytest.raises(StyleError, match="UTF-8"):
        parse_path(ParamStyle("id", "path"), "%FF", Shape())


def test_empty_path_parameter() -> None:
    with pytest.raises(StyleError, match="must not be empty"):
        serialize(ParamStyle("id", "path"), "")
    with pytest.raises(StyleError, match="must not be empty"):
        parse_path(ParamStyle("id", "path"), "", Shape())


def test_encoded_commas_are_read_as_the_delimiter_of_form_encoders() -> None:
    param = ParamStyle("scope", "query", explode=False)
    assert parse_query(param, split_query("scope=read%2Cwrite"), Shape("array")) == ["read", "write"]
    assert parse_query(param, split_query("scope=a%2Cb,c"), Shape("array")) == ["a,b", "c"]
    with pytest.raises(StyleError, match="one-item array"):
        serialize(param, ["read,write"])  # it would be read back as two items
    assert parse_path(ParamStyle("p", "path"), "a%2Cb", Shape("array")) == ["a,b"]  # paths are not form-encoded


def test_one_empty_item_is_not_an_empty_array() -> None:
    with pytest.raises(StyleError, match="empty array"):
        serialize(ParamStyle("a", "query"), [""])
    assert serialize(ParamStyle("a", "query"), []) == "a="


def test_helpers() -> None:
    assert expand_path("/v1/things/{name}:rotate", {"name": "a%2Fb"}) == "/v1/things/a%2Fb:rotate"
    assert expand_path("/g/System.{location}/{a}.{b}", {"location": "eu", "a": "1", "b": "2"}) == "/g/System.eu/1.2"
    assert join_query(["a=1", "", "b=2"]) == "a=1&b=2"
    assert split_query("a=1&&b&c=") == [("a", "1"), ("b", ""), ("c", "")]


def test_non_finite_numbers_are_refused() -> None:
    for bad in (math.inf, math.nan):
        with pytest.raises(StyleError, match="not a JSON number"):
            serialize(ParamStyle("n", "query"), bad)


# --- round trip: whatever the serializer accepts, the parser reads back unchanged ----------------------------

SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "string": st.text(st.characters(codec="utf-8"), max_size=12),
    "integer": st.integers(-(10**12), 10**12),
    "number": st.floats(allow_nan=False, allow_infinity=False),
    "boolean": st.booleans(),
}
COMBINATIONS = [
    (style, location, explode)
    for style, locations in LOCATIONS_OF.items()
    for location in locations
    for explode in (False, True)
    if not (style == "deepObject" and not explode)
]


@st.composite
def cases(draw: st.DrawFn) -> tuple[ParamStyle, Any, Shape]:
    style, location, explode = draw(st.sampled_from(COMBINATIONS))
    allow_reserved = location == "query" and draw(st.booleans())
    param = ParamStyle("p", location, style=style, explode=explode, allow_reserved=allow_reserved)
    scalar = draw(st.sampled_from(sorted(SCALARS)))
    types = frozenset({scalar})
    kinds = ["object"] if style == "deepObject" else ["primitive", "array", "object"]
    kind = draw(st.sampled_from(kinds))
    if kind == "primitive":
        return param, draw(SCALARS[scalar]), Shape("primitive", types)
    if kind == "array":
        return param, draw(st.lists(SCALARS[scalar], max_size=4)), Shape("array", types)
    keys = st.text(st.characters(codec="utf-8"), min_size=1, max_size=6)
    if param.exploded and style != "deepObject" and location in ("query", "cookie"):
        # an exploded object's keys are query/cookie names of their own (form, the default style, and the
        # delimited styles, which explode like form)
        keys = keys.filter(lambda k: k != "p")
    value = draw(st.dictionaries(keys, SCALARS[scalar], max_size=4))
    return param, value, Shape("object", additional=Shape("primitive", types))


def _has_percent_triple(value: Any) -> bool:
    texts = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    if isinstance(value, dict):
        texts = [*value, *value.values()]
    return any(isinstance(t, str) and re.search(r"%[0-9A-Fa-f]{2}", t) for t in texts)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(cases())
def test_round_trip(case: tuple[ParamStyle, Any, Shape]) -> None:
    param, value, shape = case
    if param.allow_reserved and _has_percent_triple(value):
        return  # reserved expansion (RFC 6570 `+`) passes an existing `%XX` through: it is sent as written
    try:
        text = serialize(param, value)
    except StyleError:
        return  # a value the style cannot carry unambiguously is refused before anything is sent
    if param.location == "query":
        wire = join_query([text, "other=1"])
        parsed = parse_query(param, split_query(wire), shape, other_names={"other"})
    elif param.location == "cookie":
        parsed = parse_cookie(param, split_cookies(join_cookies(["other=1", text])), shape, other_names={"other"})
    else:
        parsed = _parse(param, text, shape)
    if parsed is MISSING:  # an exploded empty object writes nothing of its own
        assert value == {} and param.exploded and param.location in ("query", "cookie")
        return
    assert parsed == value
    assert type(parsed) is type(value) or isinstance(value, float)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_serialized_text_is_safe_for_its_location(case: tuple[ParamStyle, Any, Shape]) -> None:
    param, value, _ = case
    try:
        text = serialize(param, value)
    except StyleError:
        return
    text.encode("ascii")
    if param.location == "path":
        assert "/" not in text and "?" not in text and "#" not in text
    if param.location == "query":
        assert "#" not in text and " " not in text and "+" not in text
    if param.location == "header":
        assert "\n" not in text and "\r" not in text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.sampled_from(COMBINATIONS), st.sampled_from(["primitive", "array", "object"]))
def test_parsers_never_crash_on_hostile_text(text: str, combination: tuple[str, str, bool], kind: str) -> None:
    style, location, explode = combination
    param = ParamStyle("p", location, style=style, explode=explode)
    with contextlib.suppress(StyleError):
        _parse(param, text, Shape(kind, additional=Shape()))
