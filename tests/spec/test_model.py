"""generator.spec.model: the one resolved model of a document, on small specs written for each rule."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.spec.diagnostics import SpecError
from generator.spec.load import Document, Workspace
from generator.spec.model import Spec, build_spec, is_json_media, load_spec, spec_of_data

HEAD = """\
openapi: 3.1.0
info: {title: T, version: '1'}
"""


def _write(tmp_path: Path, text: str, **others: str) -> Path:
    for name, content in others.items():
        (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(content), encoding="utf-8")
    root = tmp_path / "openapi.yaml"
    root.write_text(HEAD + textwrap.dedent(text), encoding="utf-8")
    return root


def _spec(tmp_path: Path, text: str, **others: str) -> Spec:
    return load_spec(_write(tmp_path, text, **others), Workspace())


# ---- parameters ------------------------------------------------------------------------------------------


def test_operation_parameters_override_path_parameters_in_place(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """
        paths:
          /items/{id}:
            parameters:
              - {name: id, in: path, required: true, description: shared, schema: {type: string}}
              - {name: X-Trace, in: header, description: shared}
              - {name: limit, in: query, description: shared}
            get:
              parameters:
                - {name: x-trace, in: header, description: own}
                - {name: id, in: query, description: own}
                - {name: limit, in: query, description: own, schema: {type: integer}}
              responses: {'200': {description: ok}}
        """,
    )
    (item,) = spec.paths
    (op,) = item.operations
    assert [(p.name, p.location, p.description, p.declared_on) for p in op.parameters] == [
        ("id", "path", "shared", "path"),
        # header names are case-insensitive: the operation's `x-trace` replaces the path item's `X-Trace`
        ("x-trace", "header", "own", "operation"),
        ("limit", "query", "own", "operation"),  # replaced where it stood
        ("id", "query", "own", "operation"),  # same name, another location: a parameter of its own
    ]
    assert [p.name for p in item.parameters] == ["id", "X-Trace", "limit"]
    limit = op.parameters[2]
    assert limit.schema is not None and limit.schema.value == {"type": "integer"}


@pytest.mark.parametrize(
    ("declared", "style", "explode"),
    [
        ("{name: p, in: query}", "form", True),
        ("{name: p, in: cookie}", "form", True),
        ("{name: p, in: path, required: true}", "simple", False),
        ("{name: p, in: header}", "simple", False),
        ("{name: p, in: query, style: pipeDelimited}", "pipeDelimited", False),
        ("{name: p, in: query, style: deepObject, explode: true}", "deepObject", True),
        ("{name: p, in: query, explode: false}", "form", False),
        ("{name: p, in: path, required: true, style: matrix}", "matrix", False),
        ("{name: p, in: path, required: true, style: label, explode: true}", "label", True),
    ],
)
def test_style_and_explode_defaults_are_the_specifications(
    tmp_path: Path, declared: str, style: str, explode: bool
) -> None:
    path = "/x/{p}" if "in: path" in declared else "/x"
    spec = _spec(
        tmp_path,
        f"""
        paths:
          {path}:
            get:
              parameters: [{declared}]
              responses: {{'200': {{description: ok}}}}
        """,
    )
    (param,) = spec.operations[0].parameters
    assert (param.style, param.explode) == (style, explode)


def test_parameter_flags_and_content(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """
        paths:
          /x/{id}:
            get:
              parameters:
                - {name: id, in: path, schema: {type: string}}
                - {name: q, in: query, allowReserved: true, allowEmptyValue: true, deprecated: true}
                - name: filter
                  in: query
                  content:
                    application/json: {schema: {type: object}}
              responses: {'200': {description: ok}}
        """,
    )
    path_param, q, filter_ = spec.operations[0].parameters
    assert path_param.required  # a path parameter is required whatever the document says
    assert (q.required, q.allow_reserved, q.allow_empty_value, q.deprecated) == (False, True, True, True)
    assert filter_.schema is None and [m.name for m in filter_.content] == ["application/json"]
    assert filter_.value_schema is not None and filter_.value_schema.value == {"type": "object"}


# ---- $refs and locations ---------------------------------------------------------------------------------


def test_refs_across_files_keep_both_locations(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        """
        paths:
          /x:
            get:
              parameters:
                - $ref: 'common.yaml#/components/parameters/Lang'
              responses:
                '400': {$ref: 'common.yaml#/components/responses/Problem'}
        """,
        common="""\
        components:
          parameters:
            Lang:
              name: X-Language
              in: header
              schema: {$ref: '#/components/schemas/Lang'}
          schemas:
            Lang: {type: string, enum: [en-us, zh-cn]}
          responses:
            Problem:
              description: bad
              content:
                application/json:
                  schema: {type: object}
        """,
    )
    spec = load_spec(root, Workspace())
    op = spec.operations[0]
    (param,) = op.parameters
    common = (tmp_path / "common.yaml").resolve()
    assert param.node.is_ref
    assert (param.node.site.document.path, param.node.site.pointer) == (root.resolve(), "/paths/~1x/get/parameters/0")
    assert (param.node.document.path, param.node.pointer) == (common, "/components/parameters/Lang")
    assert param.schema is not None
    assert (param.schema.site.pointer, param.schema.pointer) == (
        "/components/parameters/Lang/schema",
        "/components/schemas/Lang",
    )
    assert param.schema.value["enum"] == ["en-us", "zh-cn"]
    (response,) = op.responses
    assert response.node.document.path == common and response.description == "bad"
    message = param.schema.diagnostic("not a language").format()
    assert message.endswith("common.yaml:8:11: /components/schemas/Lang: not a language")


def test_dangling_ref_is_a_located_error(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        """
        paths:
          /x:
            get:
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Missing'}
                '404': {$ref: 'other.yaml#/nothing'}
        """,
        other="a: 1\n",
    )
    workspace = Workspace()
    with pytest.raises(SpecError) as caught:
        build_spec(workspace, workspace.load(root))
    lines = [d.format() for d in caught.value.diagnostics]
    assert len(lines) == 2
    assert lines[0].endswith(
        "openapi.yaml:12:30: /paths/~1x/get/responses/200/content/application~1json/schema/$ref: "
        "$ref '#/components/schemas/Missing' does not resolve: no such node"
    )
    assert "openapi.yaml:13:23: /paths/~1x/get/responses/404/$ref: $ref 'other.yaml#/nothing'" in lines[1]

    tolerant = build_spec(workspace, workspace.load(root), strict=False)
    assert [d.format() for d in tolerant.problems] == lines
    (ok,) = tolerant.operations[0].responses  # the 404 is left out; the 200 stays, without its schema
    assert ok.status == "200" and ok.content[0].schema is None


def test_deref_follows_a_chain_and_locates_a_dangling_ref(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """
        paths: {}
        components:
          schemas:
            A: {$ref: '#/components/schemas/B'}
            B: {type: string}
        """,
    )
    assert spec.deref({"$ref": "#/components/schemas/A"}) == {"type": "string"}
    assert spec.schemas["A"].value == {"type": "string"} and spec.schemas["A"].is_ref
    with pytest.raises(SpecError, match=r"openapi\.yaml:1:1: /\$ref: \$ref '#/nope' does not resolve"):
        spec.deref({"$ref": "#/nope"})


def test_a_reference_cycle_is_an_error_not_a_hang(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        """
        paths:
          /x:
            get:
              parameters: [{$ref: '#/components/parameters/A'}]
              responses: {'200': {description: ok}}
        components:
          parameters:
            A: {$ref: '#/components/parameters/B'}
            B: {$ref: '#/components/parameters/A'}
        """,
    )
    with pytest.raises(SpecError, match="reference cycle"):
        load_spec(root, Workspace())


# ---- media types, bodies, responses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("media", "expected"),
    [
        ("application/json", True),
        ("Application/JSON", True),
        ("application/json; charset=utf-8", True),
        ("application/problem+json", True),
        ("application/vnd.api+json;version=2", True),
        ("text/x-custom+json", True),
        ("text/json", False),
        ("application/jsonl", False),
        ("application/json-seq", False),
        ("application/x-www-form-urlencoded", False),
        ("text/plain", False),
        ("*/*", False),
    ],
)
def test_json_media_types(media: str, expected: bool) -> None:
    assert is_json_media(media) is expected


def test_body_and_response_media_selection(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """
        paths:
          /x:
            post:
              requestBody:
                required: true
                description: the thing
                content:
                  text/plain: {schema: {type: string}}
                  application/merge-patch+json; charset=utf-8: {schema: {type: object}}
                  multipart/form-data:
                    schema: {type: object}
                    encoding:
                      file: {contentType: image/png}
                      meta: {style: deepObject}
              responses:
                2xx: {description: fine}
                4xx:
                  description: bad
                  headers:
                    Retry-After: {required: true, schema: {type: integer}}
                  content:
                    text/html: {}
                Default: {description: other}
        """,
    )
    op = spec.operations[0]
    body = op.request_body
    assert body is not None and body.required and body.description == "the thing"
    assert [m.name for m in body.content] == [
        "text/plain",
        "application/merge-patch+json; charset=utf-8",
        "multipart/form-data",
    ]
    assert body.json is not None and body.json.name == "application/merge-patch+json; charset=utf-8"
    assert body.preferred is body.json
    file, meta = body.content[2].encoding
    assert (file.property, file.content_type, file.style, file.explode) == ("file", "image/png", "form", True)
    assert (meta.property, meta.content_type, meta.style, meta.explode) == ("meta", None, "deepObject", False)
    assert [(r.status, r.key) for r in op.responses] == [("2XX", "2xx"), ("4XX", "4xx"), ("default", "Default")]
    bad = op.response("4XX")
    assert bad is not None and bad.json is None and bad.preferred is not None and bad.preferred.name == "text/html"
    (header,) = bad.headers
    assert (header.name, header.required, header.style, header.explode) == ("Retry-After", True, "simple", False)
    fine = op.response("2XX")
    assert fine is not None and fine.preferred is None


def test_examples_named_referenced_and_external(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """
        paths:
          /x:
            get:
              parameters:
                - name: q
                  in: query
                  example: plain
                  examples:
                    other: {value: another}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      examples:
                        first: {summary: The first, value: {a: 1}}
                        shared: {$ref: '#/components/examples/Shared'}
                        remote: {externalValue: 'https://example.com/x.json'}
        components:
          examples:
            Shared: {summary: Shared one, value: {a: 2}}
        """,
    )
    op = spec.operations[0]
    (param,) = op.parameters
    assert [(e.name, e.value) for e in param.examples.values()] == [(None, "plain"), ("other", "another")]
    assert param.examples.example is not None
    assert param.examples.example.value_at.pointer == "/paths/~1x/get/parameters/0/example"
    media = op.responses[0].content[0]
    first, shared, remote = media.examples.examples
    assert (first.name, first.summary, first.value) == ("first", "The first", {"a": 1})
    assert (shared.summary, shared.value, shared.node.pointer) == (
        "Shared one",
        {"a": 2},
        "/components/examples/Shared",
    )
    assert shared.value_at.pointer == "/components/examples/Shared/value"
    assert (remote.has_value, remote.value) == (False, None)
    assert [e.name for e in media.examples.values()] == ["first", "shared"]


# ---- security and servers --------------------------------------------------------------------------------


def test_security_is_inherited_overridden_or_removed(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """
        security:
          - token: []
        paths:
          /inherit:
            get: {responses: {'200': {description: ok}}}
          /override:
            get:
              security: [{oauth: [read, write]}, {}]
              responses: {'200': {description: ok}}
          /public:
            get:
              security: []
              responses: {'200': {description: ok}}
        components:
          securitySchemes:
            token: {type: apiKey, in: header, name: X-Auth-Token, x-aksk-signing: SDK-HMAC-SHA256}
            oauth: {type: oauth2, flows: {}}
            basic: {type: http, scheme: Basic}
        """,
    )
    inherit, override, public = spec.operations
    assert [r.schemes for r in inherit.security] == [{"token": ()}] and not inherit.security_declared
    assert inherit.security[0].at.pointer == "/security/0"
    assert [r.schemes for r in override.security] == [{"oauth": ("read", "write")}, {}]
    assert override.security[0].at.pointer == "/paths/~1override/get/security/0"
    assert public.security == () and public.security_declared
    assert spec.used_security_schemes() == {"token", "oauth"}
    token, _oauth, basic = spec.security_schemes.values()
    assert (token.type, token.location, token.parameter) == ("apiKey", "header", "X-Auth-Token")
    assert token.extensions == {"x-aksk-signing": "SDK-HMAC-SHA256"}
    assert (basic.scheme, basic.http_scheme) == ("Basic", "basic")


def test_servers_of_the_operation_path_item_or_document(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """
        servers:
          - url: https://{region}.example.com/v1
            description: main
            variables:
              region: {default: eu, enum: [eu, us]}
        paths:
          /a:
            get: {responses: {'200': {description: ok}}}
          /b:
            servers: [{url: /b-root}]
            get: {responses: {'200': {description: ok}}}
            put:
              servers: [{url: /own}]
              responses: {'200': {description: ok}}
        """,
    )
    (server,) = spec.servers
    (region,) = server.variables
    assert (server.url, server.description) == ("https://{region}.example.com/v1", "main")
    assert (region.name, region.default, region.enum) == ("region", "eu", ("eu", "us"))
    a, b_get, b_put = spec.operations
    assert [s.url for s in a.servers] == ["https://{region}.example.com/v1"]
    assert [s.url for s in b_get.servers] == ["/b-root"]
    assert [s.url for s in b_put.servers] == ["/own"]


# ---- building ----------------------------------------------------------------------------------------------


def test_operations_in_document_order_with_their_fields(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        """
        paths:
          /x:
            $ref: 'items.yaml#/X'
          /y:
            delete: {operationId: drop, deprecated: true, responses: {'204': {description: gone}}}
        """,
        items="""\
        X:
          post: {operationId: make, summary: Make, tags: [a, b], responses: {'201': {description: made}}}
          get: {operationId: '', responses: {'200': {description: ok}}}
        """,
    )
    ops = [(op.method, op.path, op.operation_id, op.summary, op.tags, op.deprecated) for op in spec.operations]
    assert ops == [
        ("get", "/x", None, "", (), False),  # HTTP_METHODS order, not the file's; an empty id is no id
        ("post", "/x", "make", "Make", ("a", "b"), False),
        ("delete", "/y", "drop", "", (), True),
    ]
    assert spec.operations[0].node.document.path.name == "items.yaml"


def test_model_is_built_once_per_workspace(tmp_path: Path) -> None:
    root = _write(tmp_path, "paths: {}\n")
    workspace = Workspace()
    assert load_spec(root, workspace) is load_spec(str(root), workspace)
    assert load_spec(root, Workspace()) is not load_spec(root, workspace)


def test_model_of_an_in_memory_bundle() -> None:
    bundle = {
        "openapi": "3.1.0",
        "info": {"title": "B", "version": "1"},
        "paths": {"/x": {"get": {"responses": {"200": {"$ref": "#/components/responses/Ok"}}}}},
        "components": {"responses": {"Ok": {"description": "fine"}}},
    }
    spec = spec_of_data(bundle, Path("bundle.yaml"))
    assert spec.operations[0].responses[0].description == "fine"
    with pytest.raises(SpecError, match=r"bundle\.yaml:1:1: /: not an OpenAPI document"):
        build_spec(Workspace(), Document(Path("bundle.yaml").resolve(), []))


def test_hostile_shapes_are_skipped_when_tolerant(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        """
        security: {a: 1}
        servers: [1, {url: 3}, {url: /ok, variables: []}]
        tags: [1, {name: t}]
        paths:
          /x:
            parameters: {a: 1}
            get:
              parameters: [1, {name: 2, in: query}, {name: q, in: body}, {name: ok, in: query}]
              requestBody: null
              responses: [1]
              security: [null, {s: 3}]
              tags: x
          /y: 3
        components: {schemas: [1], securitySchemes: {bad: 1}}
        """,
    )
    workspace = Workspace()
    spec = build_spec(workspace, workspace.load(root), strict=False)
    (op,) = spec.operations
    assert [p.name for p in op.parameters] == ["ok"]
    assert op.request_body is None and op.responses == () and op.tags == ()
    assert [r.schemes for r in op.security] == [{"s": ()}]
    assert [s.url for s in spec.servers] == ["/ok"] and spec.tags == ("t",) and spec.security == ()
    assert spec.schemas == {} and spec.security_schemes["bad"].type == ""


def test_every_walker_dereferences_the_same_way() -> None:
    """The docs page and the 3.0 downgrade follow a bundle's `$ref`s with the model's one dereference: a
    dangling one is the same located SpecError (it used to be a KeyError in one and a silent None in the other)."""
    from generator.render.docs import page_view
    from generator.spec.downgrade import downgrade

    bundle = {
        "openapi": "3.1.0",
        "info": {"title": "B", "version": "1"},
        "paths": {"/x": {"get": {"responses": {"200": {"$ref": "#/components/responses/Gone"}}}}},
        "components": {"schemas": {"A": {"anyOf": [{"$ref": "#/components/schemas/Gone"}, {"type": "null"}]}}},
    }
    with pytest.raises(SpecError, match=r"bundle\.openapi\.yaml:1:1: /paths/~1x/get/responses/200/\$ref: \$ref '#/"):
        page_view(bundle)
    with pytest.raises(SpecError, match=r"bundle\.openapi\.yaml:1:1: /\$ref: \$ref '#/components/schemas/Gone' does"):
        downgrade(bundle)


@pytest.mark.parametrize(("media", "embedded"), [("application/json", True), ("text/plain", False)])
def test_embedded_json_uses_the_same_media_predicate(media: str, embedded: bool) -> None:
    from generator.spec.content import json_content_properties

    schema = {"properties": {"doc": {"type": "string", "contentMediaType": media}}}
    assert json_content_properties(schema) == (["doc"] if embedded else [])


def test_the_linters_tolerant_model_is_reused_only_when_it_found_nothing(tmp_path: Path) -> None:
    root = _write(tmp_path, "paths: {/x: {get: {responses: {'200': {$ref: '#/nope'}}}}}\n")
    workspace = Workspace()
    tolerant = load_spec(root, workspace, strict=False)
    assert len(tolerant.problems) == 1
    with pytest.raises(SpecError, match="does not resolve"):
        load_spec(root, workspace)
    assert load_spec(root, workspace, strict=False) is tolerant


def test_walk_schemas_visits_each_schema_once_across_files(tmp_path: Path) -> None:
    from generator.spec.load import Target
    from generator.spec.model.schemas import walk_schemas

    root = _write(
        tmp_path,
        """
        paths: {}
        components:
          schemas:
            Tree:
              type: object
              properties:
                children: {type: array, items: {$ref: '#/components/schemas/Tree'}}
                leaf: {$ref: 'leaf.yaml#/Leaf'}
            Broken:
              anyOf: [{type: string}, {$ref: '#/components/schemas/Gone'}]
        """,
        leaf="Leaf: {type: string, enum: [a]}\n",
    )
    workspace = Workspace()
    document = workspace.load(root)
    tree = Target(document, "/components/schemas/Tree", document.data["components"]["schemas"]["Tree"])
    seen: set[tuple[Path, str]] = set()
    found = [(t.document.path.name, t.pointer) for t in walk_schemas(workspace, tree, seen)]
    assert sorted(found) == [
        ("leaf.yaml", "/Leaf"),
        ("openapi.yaml", "/components/schemas/Tree"),
        ("openapi.yaml", "/components/schemas/Tree/properties/children"),
    ]  # the recursive `items` is the Tree itself: visited once
    assert list(walk_schemas(workspace, tree, seen)) == []  # a shared `seen` spans walks
    broken = Target(document, "/components/schemas/Broken", document.data["components"]["schemas"]["Broken"])
    tolerant = [t.pointer for t in walk_schemas(workspace, broken, strict=False)]
    assert sorted(tolerant) == ["/components/schemas/Broken", "/components/schemas/Broken/anyOf/0"]
    with pytest.raises(SpecError, match=r"/components/schemas/Broken/anyOf/1/\$ref: \$ref '#/components/schemas/Gone'"):
        list(walk_schemas(workspace, broken))


def test_defaults_agree_with_the_parameter_style_table() -> None:
    from generator.runtime.styles import STYLE_LOCATIONS, ParamStyle
    from generator.spec.model import default_explode, default_style

    for location in ("path", "query", "header", "cookie"):
        table = ParamStyle("p", location)
        assert (default_style(location), default_explode(default_style(location))) == (table.style, table.explode)
    for style, locations in STYLE_LOCATIONS.items():
        for location in locations:
            assert default_explode(style) == ParamStyle("p", location, style).explode
