"""Parameters over real HTTP: every style and location read by the table the clients write with
(generator/runtime/styles.py), and path templates with literal text or several parameters in one segment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.runtime.styles import ParamStyle, join_cookies, join_query, serialize
from generator.serve.app import ReferenceServer, build_app
from generator.serve.runner import BackgroundServer
from generator.serve.validation import RawRequest, parameter_value
from tests.conftest import FIXTURES

SPEC = FIXTURES / "serve" / "styles.yaml"


class Capture:
    """The ASGI scopes the server received, to read them back with the server's own decoding."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.scopes: list[dict[str, Any]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.scopes.append(scope)
        await self.app(scope, receive, send)


class Served:
    def __init__(self, app: Any, capture: Capture, base_url: str) -> None:
        self.reference: ReferenceServer = app.state.reference
        self.capture = capture
        self.client = httpx.Client(base_url=base_url + "/api", timeout=10)

    def answered_by(self, method: str, path: str) -> str:
        """The operation that answered the request with a 200 (each success is recorded under its operationId)."""
        operations = [op.operation_id for op in self.reference.spec.operations]
        before = {name: len(self.reference.store.records(name)) for name in operations}
        response = self.client.request(method, path)
        assert response.status_code == 200, response.text
        grown = [name for name in operations if len(self.reference.store.records(name)) > before[name]]
        assert len(grown) == 1, grown
        return grown[0]

    def decoded(self, operation_id: str) -> dict[str, Any]:
        """What the server reads from the last request, parameter by parameter (absent ones left out)."""
        scope = self.capture.scopes[-1]
        raw_path = scope["raw_path"].decode("latin-1")
        op = next(o for o in self.reference.spec.operations if o.operation_id == operation_id)
        match = self.reference.router.match(op.method, raw_path)
        assert isinstance(match, tuple) and match[0] is op
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        request = RawRequest(match[1], scope["query_string"].decode("latin-1"), headers, None, b"")
        values = {}
        for param in op.params:
            others = frozenset(p.name for p in op.params if p.location == param.location) - {param.name}
            value = parameter_value(param, request, others)
            if value is not None and repr(value) != "MISSING":
                values[param.name] = value
        return values


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    app = build_app(SPEC)
    capture = Capture(app)
    with BackgroundServer(capture) as server:
        running = Served(app, capture, server.base_url)
        try:
            yield running
        finally:
            running.client.close()


def _message(response: httpx.Response) -> str:
    assert response.status_code == 400, response.text
    return str(response.json()["message"])


@pytest.mark.slow
def test_matrix_and_label_prefixes(served: Served) -> None:
    assert served.client.get("/matrix/;x=1;y=-2").status_code == 200
    assert served.decoded("matrixObject") == {"coords": {"x": 1, "y": -2}}
    assert "coords.y is required" in _message(served.client.get("/matrix/;x=1"))
    assert "must start with ';'" in _message(served.client.get("/matrix/x=1;y=2"))
    assert served.client.get("/matrix-list/;ids=3,4").status_code == 200
    assert served.decoded("matrixArray") == {"ids": [3, 4]}
    assert "at least 2 items" in _message(served.client.get("/matrix-list/;ids=3"))
    assert served.client.get("/label/.a%2Cb,c").status_code == 200
    assert served.decoded("labelArray") == {"tags": ["a,b", "c"]}
    assert "at most 3 items" in _message(served.client.get("/label/.a,b,c,d"))
    assert "must start with '.'" in _message(served.client.get("/label/a"))


def test_object_values_in_path_header_and_cookie(served: Served) -> None:
    response = served.client.get(
        "/simple/x,1,y,2", headers={"X-Point": "x=3,y=4", "Cookie": "prefs=theme,dark,size,3; other=1"}
    )
    assert response.status_code == 200, response.text
    assert served.decoded("simpleObject") == {
        "point": {"x": 1, "y": 2},
        "X-Point": {"x": 3, "y": 4},
        "prefs": {"theme": "dark", "size": 3},
    }
    assert "X-Point.x must be of type integer" in _message(
        served.client.get("/simple/x,1,y,2", headers={"X-Point": "x=a,y=4"})
    )
    assert "prefs.theme must be one of" in _message(
        served.client.get("/simple/x,1,y,2", headers={"Cookie": "prefs=theme,blue"})
    )
    assert "name,value pairs" in _message(served.client.get("/simple/x,1,y"))


def test_query_styles(served: Served) -> None:
    coordinates = quote(json.dumps({"lat": 52.5, "long": 13.4}), safe="")
    query = (
        f"tags=a%7Cb%2Cc&sizes=1%2099&filter%5Bmin%5D=3&filter%5Bmax%5D=9&number=2&size=10"
        f"&coordinates={coordinates}&next=https://example.test/a?b=c"
    )
    assert served.client.get(f"/search?{query}").status_code == 200
    assert served.decoded("search") == {
        "tags": ["a", "b,c"],
        "sizes": [1, 99],
        "filter": {"min": 3, "max": 9},
        "page": {"number": 2, "size": 10},
        "coordinates": {"lat": 52.5, "long": 13.4},
        "next": "https://example.test/a?b=c",
    }
    assert served.client.get("/search?tags=a|b").status_code == 200  # unencoded pipes are read too
    assert served.decoded("search") == {"tags": ["a", "b"]}
    assert "query parameter tags is required" in _message(served.client.get("/search"))
    assert "sizes[1] must be less than or equal to 99" in _message(served.client.get("/search?tags=a&sizes=1+100"))
    assert "filter.min must be of type integer" in _message(served.client.get("/search?tags=a&filter[min]=x"))
    assert "filter.other is not an allowed property" in _message(
        served.client.get("/search?tags=a&filter[min]=1&filter[other]=1")
    )
    assert "filter.min is required" in _message(served.client.get("/search?tags=a&filter[max]=1"))
    assert "page.size must be less than or equal to 50" in _message(served.client.get("/search?tags=a&size=51"))
    assert "coordinates must be a application/json document" in _message(
        served.client.get("/search?tags=a&coordinates=%7Bbad")
    )
    assert "coordinates.lat must be less than or equal to 90" in _message(
        served.client.get("/search?tags=a&coordinates=" + quote('{"lat":91,"long":0}', safe=""))
    )


def test_literal_text_and_several_parameters_in_one_segment(served: Served) -> None:
    assert served.answered_by("POST", "/v1/things/key-1:rotate") == "rotateThing"
    assert served.decoded("rotateThing") == {"name": "key-1"}
    assert served.answered_by("GET", "/v1/things/key-1:rotate") == "getThing"
    assert served.decoded("getThing") == {"name": "key-1:rotate"}
    assert "name does not match" in _message(served.client.post("/v1/things/Key_1:rotate"))
    response = served.client.delete("/v1/things/key-1:rotate")
    assert response.status_code == 405 and response.headers["Allow"] == "POST"
    system = "/subscriptions/s1/resourceGroups/System.westeurope/items"
    assert served.answered_by("GET", system) == "listSystemItems"
    assert served.decoded("listSystemItems") == {"sub": "s1", "location": "westeurope"}
    assert served.answered_by("GET", "/subscriptions/s1/resourceGroups/prod/items") == "listItems"
    assert "location must be one of" in _message(
        served.client.get("/subscriptions/s1/resourceGroups/System.mars/items")
    )
    assert served.answered_by("GET", "/files/report.tar.txt") == "getFile"
    assert served.decoded("getFile") == {"base": "report.tar", "ext": "txt"}
    assert served.answered_by("GET", "/users/me") == "getMe"
    assert served.answered_by("GET", "/users/7") == "getUser"
    # a concrete path is matched before any template: a method it lacks is its 405, not a bad `{id}` (400)
    response = served.client.delete("/users/me")
    assert response.status_code == 405 and response.headers["Allow"] == "GET"
    assert served.answered_by("DELETE", "/users/7") == "deleteUser"


def test_empty_path_parameter_is_refused(served: Served) -> None:
    assert "path parameter sub must not be empty" in _message(
        served.client.get("/subscriptions//resourceGroups/prod/items")
    )
    assert "path parameter name must not be empty" in _message(served.client.post("/v1/things/:rotate"))


# --- what the client runtime writes, the server reads: property test over real HTTP -------------------------

NAMES = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=8)
INTS = st.integers(-(10**6), 10**6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    tags=st.lists(NAMES, min_size=1, max_size=4),
    sizes=st.lists(st.integers(0, 99), max_size=4),
    bounds=st.fixed_dictionaries({"min": INTS}, optional={"max": INTS}),
    page=st.fixed_dictionaries({}, optional={"number": st.integers(1, 10**6), "size": st.integers(0, 50)}),
    point=st.fixed_dictionaries({"x": INTS, "y": INTS}),
    header_point=st.fixed_dictionaries({"x": INTS, "y": INTS}),
)
def test_what_the_client_writes_the_server_reads(
    served: Served,
    tags: list[str],
    sizes: list[int],
    bounds: dict[str, int],
    page: dict[str, int],
    point: dict[str, int],
    header_point: dict[str, int],
) -> None:
    search = {
        "tags": (ParamStyle("tags", "query", style="pipeDelimited"), tags),
        "sizes": (ParamStyle("sizes", "query", style="spaceDelimited"), sizes),
        "filter": (ParamStyle("filter", "query", style="deepObject", explode=True), bounds),
        "page": (ParamStyle("page", "query"), page),
    }
    fragments = []
    for param, value in search.values():
        try:
            fragments.append(serialize(param, value))
        except ValueError:
            return  # a tag with `|` in it: the client refuses to send what would be misread
    # an exploded empty object writes no pair of its own, so `page` is then absent
    expected = {name: value for name, (_, value) in search.items() if value or name != "page"}
    response = served.client.get("/search?" + join_query(fragments))
    assert response.status_code == 200, response.text
    assert served.decoded("search") == expected
    path = serialize(ParamStyle("coords", "path", style="matrix", explode=True), point)
    assert served.client.get(f"/matrix/{path}").status_code == 200
    assert served.decoded("matrixObject") == {"coords": point}
    header = serialize(ParamStyle("X-Point", "header", explode=True), header_point)
    cookie = join_cookies([serialize(ParamStyle("prefs", "cookie", explode=False), {"theme": "dark"})])
    simple = serialize(ParamStyle("point", "path"), point)
    response = served.client.get(f"/simple/{simple}", headers={"X-Point": header, "Cookie": cookie})
    assert response.status_code == 200, response.text
    assert served.decoded("simpleObject") == {"point": point, "X-Point": header_point, "prefs": {"theme": "dark"}}


def test_the_bundled_document_is_served_under_the_base_path(served: Served) -> None:
    document = served.client.get("/openapi.json").json()  # the client's base URL ends with the servers' /api
    assert document["info"]["title"] == "Styles"
    assert "/v1/things/{name}:rotate" in document["paths"]
