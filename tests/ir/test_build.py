"""generator.ir.build: the IR of small specs written for each rule (names, parameters, bodies, responses,
security, servers, and the schema set handed to datamodel-code-generator)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.ir import model as ir
from generator.ir.build import build_api, package_version
from generator.ir.schemas import clean_text
from generator.spec.diagnostics import SpecError
from generator.spec.load import Workspace

HEAD = """\
openapi: 3.1.0
info: {title: "Widgets\\u0000 API", version: 2025-08-11, description: "line one\\r\\nline two"}
"""


def _api(tmp_path: Path, text: str, **others: str) -> ir.Api:
    for name, content in others.items():
        (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(content), encoding="utf-8")
    root = tmp_path / "openapi.yaml"
    root.write_text(HEAD + textwrap.dedent(text), encoding="utf-8")
    return build_api(root, "widgets", Workspace())


def _op(api: ir.Api, operation_id: str) -> ir.Operation:
    return next(op for op in api.operations if op.operation_id == operation_id)


def test_api_metadata(tmp_path: Path) -> None:
    api = _api(tmp_path, "paths: {}\n")
    assert (api.package, api.distribution, api.version) == ("widgets", "widgets", "2025.8.11")
    assert (api.title, api.api_version, api.openapi, api.source) == (
        "Widgets  API",
        "2025-08-11",
        "3.1.0",
        "openapi.yaml",
    )
    assert api.description == "line one\nline two"
    assert api.servers == (ir.Server(url="/", description="", variables=()),)  # OpenAPI's default server


@pytest.mark.parametrize(
    ("given", "expected"), [("1.2.3", "1.2.3"), ("v2", "2"), ("2025-08-11", "2025.8.11"), ("beta", "0.1.0")]
)
def test_package_version(given: str, expected: str) -> None:
    assert package_version(given) == expected


def test_clean_text_drops_control_characters() -> None:
    assert clean_text("a\x00b\u2028c\r\nd ") == "a b c\nd"
    assert clean_text(None) == "" and clean_text(3) == ""


def test_method_names_are_safe_unique_and_never_shadow_the_client(tmp_path: Path) -> None:
    api = _api(
        tmp_path,
        """
        paths:
          /a:
            get: {operationId: getItem, responses: {'204': {description: ok}}}
            put: {operationId: get_item, responses: {'204': {description: ok}}}
            post: {operationId: close, responses: {'204': {description: ok}}}
            delete: {responses: {'204': {description: ok}}}
          /b/{id}:
            get: {operationId: class, responses: {'204': {description: ok}}}
        """,
    )
    names = [(op.operation_id, op.method_name, op.http_method) for op in api.operations]
    assert names == [
        ("getItem", "get_item", "GET"),
        ("get_item", "get_item_2", "PUT"),
        ("close", "close_", "POST"),
        ("delete_a", "delete_a", "DELETE"),  # no operationId: named after the method and path
        ("class", "class_", "GET"),
    ]


def test_parameters_merged_ordered_and_named(tmp_path: Path) -> None:
    api = _api(
        tmp_path,
        """
        paths:
          /items/{item-id}:
            parameters:
              - {name: item-id, in: path, required: true, schema: {type: string, maxLength: 8}}
              - {name: limit, in: query, schema: {type: integer}}
            get:
              operationId: listThings
              parameters:
                - {name: X-Trace-Id, in: header, schema: {type: string}, example: abc}
                - {name: limit, in: query, required: true, schema: {type: integer, default: 10}, description: Page size}
                - {name: tags, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
                - {name: body, in: query, schema: {type: string, enum: [x, y]}}
                - {name: session, in: cookie, deprecated: true, schema: {type: string}}
              responses: {'204': {description: ok}}
        """,
    )
    op = _op(api, "listThings")
    rows = [(p.name, p.argument, p.location, p.required, p.style, p.explode, p.deprecated) for p in op.parameters]
    assert rows == [
        ("item-id", "item_id", "path", True, "simple", False, False),
        ("limit", "limit", "query", True, "form", True, False),  # the operation's overrides the path item's
        ("tags", "tags", "query", False, "pipeDelimited", False, False),
        ("body", "body_", "query", False, "form", True, False),  # `body` is the method's own keyword
        ("X-Trace-Id", "x_trace_id", "header", False, "simple", False, False),
        ("session", "session", "cookie", False, "form", True, True),
    ]
    examples = {p.argument: (p.example, p.has_example) for p in op.parameters}
    assert examples["x_trace_id"] == ("abc", True)
    assert examples["limit"] == (10, True)  # the schema default
    assert examples["body_"] == ("x", True)  # the first enum value
    assert examples["session"] == (None, False)
    limit = next(p for p in op.parameters if p.name == "limit")
    assert limit.schema == {"type": "integer", "default": 10, "description": "Page size"}
    assert op.parameters_model == "ListThingsParameters"
    model = api.schemas["ListThingsParameters"]
    assert list(model["properties"]) == ["item_id", "limit", "tags", "body_", "x_trace_id", "session"]
    assert model["required"] == ["item_id", "limit"] and model["additionalProperties"] is False


def test_bodies_by_media_type(tmp_path: Path) -> None:
    api = _api(
        tmp_path,
        """
        paths:
          /json:
            post:
              operationId: sendJson
              requestBody:
                required: true
                description: The widget
                content:
                  text/plain: {schema: {type: string}}
                  application/json:
                    schema: {$ref: '#/components/schemas/Widget'}
                    examples:
                      one: {$ref: '#/components/examples/One'}
              responses: {'204': {description: ok}}
          /inline:
            post:
              operationId: sendInline
              requestBody:
                content:
                  application/vnd.widget+json: {schema: {type: object, properties: {n: {type: integer}}}}
              responses: {'204': {description: ok}}
          /form:
            post:
              operationId: sendForm
              requestBody:
                content:
                  application/x-www-form-urlencoded: {schema: {type: object, properties: {name: {type: string}}}}
              responses: {'204': {description: ok}}
          /raw:
            put:
              operationId: sendRaw
              requestBody: {content: {application/octet-stream: {}}}
              responses: {'204': {description: ok}}
          /empty:
            put:
              operationId: sendNothing
              requestBody: {content: {}}
              responses: {'204': {description: ok}}
        components:
          schemas:
            Widget: {type: object, properties: {name: {type: string}}}
          examples:
            One: {value: {name: gear}}
        """,
    )
    json_body = _op(api, "sendJson").body
    assert json_body is not None
    assert (json_body.media_type, json_body.kind, json_body.required, json_body.model) == (
        "application/json",
        "json",
        True,
        "Widget",
    )
    assert json_body.schema == {"$ref": "#/components/schemas/Widget"} and json_body.description == "The widget"
    assert (json_body.example, json_body.has_example) == ({"name": "gear"}, True)  # through the example's $ref
    inline = _op(api, "sendInline").body
    assert inline is not None and (inline.kind, inline.model) == ("json", "SendInlineRequest")
    assert api.schemas["SendInlineRequest"]["properties"] == {"n": {"type": "integer"}}
    form = _op(api, "sendForm").body
    assert form is not None and (form.kind, form.model) == (
        "form",
        "SendFormRequest",
    )  # form bodies are typed like JSON ones
    assert form.schema == {"$ref": "#/components/schemas/SendFormRequest"}  # inline object: a class of its own
    raw = _op(api, "sendRaw").body
    assert raw is not None and (raw.kind, raw.model, raw.schema, raw.has_example) == ("binary", None, {}, False)
    assert _op(api, "sendNothing").body is None


def test_responses_status_media_and_models(tmp_path: Path) -> None:
    api = _api(
        tmp_path,
        """
        paths:
          /w:
            post:
              operationId: makeWidget
              responses:
                '201':
                  description: Created
                  content:
                    application/json: {schema: {type: object, properties: {id: {type: string}}}}
                4xx:
                  description: Client error
                  content:
                    application/problem+json: {schema: {$ref: '#/components/schemas/Problem'}}
                '503':
                  description: Down
                  content:
                    text/html: {schema: {type: string}}
                default: {description: Other}
        components:
          schemas:
            Problem: {type: object, properties: {code: {type: string}}}
        """,
    )
    op = _op(api, "makeWidget")
    rows = [(r.status, r.media_type, r.kind, r.model) for r in op.responses]
    assert rows == [
        ("201", "application/json", "json", "MakeWidgetResponse201"),
        ("4XX", "application/problem+json", "json", "Problem"),
        ("503", "text/html", "text", None),
        ("default", None, None, None),
    ]
    assert [r.status for r in op.success] == ["201"]
    assert api.schemas["MakeWidgetResponse201"]["properties"] == {"id": {"type": "string"}}


def test_security_schemes_and_requirements(tmp_path: Path) -> None:
    api = _api(
        tmp_path,
        """
        security: [{token: []}]
        paths:
          /a:
            get:
              operationId: a
              security: [{token: [], basic: []}, {bearer: []}]
              responses: {'204': {description: ok}}
          /b:
            get: {operationId: b, responses: {'204': {description: ok}}}
          /c:
            get: {operationId: c, security: [], responses: {'204': {description: ok}}}
        components:
          securitySchemes:
            token: {type: apiKey, in: header, name: X-Auth-Token, x-aksk-signing: SDK-HMAC-SHA256}
            basic: {type: http, scheme: Basic}
            bearer: {type: http, scheme: bearer, description: "A\\u0000 JWT"}
            unused: {type: apiKey, in: query, name: key}
            mtls: {type: mutualTLS}
        """,
    )
    assert [op.security for op in api.operations] == [(("basic", "token"), ("bearer",)), (("token",),), ()]
    assert api.schemes == (
        ir.SecurityScheme("token", "apiKey", "header", "X-Auth-Token", "token", "SDK-HMAC-SHA256", ""),
        ir.SecurityScheme("basic", "basic", "header", "Authorization", "username", None, ""),
        ir.SecurityScheme("bearer", "bearer", "header", "Authorization", "bearer", None, "A  JWT"),
    )  # never-required schemes are left out; with two token-like schemes each gets its own argument


def test_one_token_scheme_is_the_token_argument(tmp_path: Path) -> None:
    api = _api(
        tmp_path,
        """
        security: [{key: []}]
        paths:
          /a:
            get: {operationId: a, responses: {'204': {description: ok}}}
        components:
          securitySchemes:
            key: {type: apiKey, in: query, name: api_key}
        """,
    )
    assert api.schemes == (ir.SecurityScheme("key", "apiKey", "query", "api_key", "token", None, ""),)


def test_server_variables_become_constructor_arguments(tmp_path: Path) -> None:
    api = _api(
        tmp_path,
        """
        servers:
          - url: https://{endpoint}/v1
            variables:
              endpoint: {default: api.example.com, description: The host}
          - url: https://{region}.example.com/{base_path}
            description: Regional
            variables:
              region: {default: eu, enum: [eu, us]}
              base_path: {default: v1}
              timeout: {default: '1'}
        paths: {}
        """,
    )
    first, second = api.servers
    assert first.variables == (ir.ServerVariable("endpoint", "host", "api.example.com", (), "The host"),)
    assert second.description == "Regional"
    assert [(v.name, v.argument, v.default, v.enum) for v in second.variables] == [
        ("region", "region", "eu", ("eu", "us")),
        ("base_path", "base_path", "v1", ()),
        ("timeout", "timeout_", "1", ()),  # `timeout` is a constructor argument already
    ]


def test_schema_set_names_hoists_and_rewrites_refs_across_files(tmp_path: Path) -> None:
    api = _api(
        tmp_path,
        """
        paths:
          /p:
            post:
              operationId: createPet
              requestBody:
                content:
                  application/json: {schema: {$ref: '#/components/schemas/Pet'}}
              responses:
                '400':
                  description: bad
                  content:
                    application/json: {schema: {$ref: 'common.yaml#/components/schemas/Error'}}
        components:
          schemas:
            Pet:
              type: object
              example: {name: x}
              x-internal: true
              properties:
                name: {type: string, pattern: '^[a-z]+$'}
                secret: {type: string, format: password}
                owner:
                  type: object
                  properties:
                    id: {type: integer}
            pet: {type: string}
            Unused: {type: integer}
        """,
        common="""\
        components:
          schemas:
            Error:
              type: object
              properties:
                code: {type: string}
        """,
    )
    # operations first, then the remaining components, then what converting them hoisted
    assert list(api.schemas) == ["Pet", "Error", "Pet2", "Unused", "PetOwner"]
    pet = api.schemas["Pet"]
    assert "example" not in pet and "x-internal" not in pet
    assert pet["properties"]["owner"] == {"$ref": "#/components/schemas/PetOwner"}
    assert pet["properties"]["secret"] == {"type": "string", "x-repr": False}
    assert api.schemas["PetOwner"]["properties"] == {"id": {"type": "integer"}}
    assert api.schemas["Pet2"] == {"type": "string"}  # `pet` and `Pet` differ only in case: numbered
    assert api.schemas["Unused"] == {"type": "integer"}  # every component schema is public
    assert _op(api, "createPet").responses[0].model == "Error"


def test_json_text_properties_become_content_rules(tmp_path: Path) -> None:
    api = _api(
        tmp_path,
        """
        paths: {}
        components:
          schemas:
            Plugin:
              type: object
              properties:
                kind: {type: string}
                content: {type: string, maxLength: 100, contentMediaType: application/json}
              allOf:
                - if: {properties: {kind: {const: cors}}, required: [kind]}
                  then: {properties: {content: {contentSchema: {$ref: '#/components/schemas/Cors'}}}}
            Cors: {type: object, properties: {origin: {type: string}}}
        """,
    )
    (rule,) = api.content_rules
    assert (rule.model, rule.property, rule.selector, rule.max_length) == ("Plugin", "content", "kind", 100)
    assert rule.cases == (ir.ContentCase("cors", "Cors"),)
    assert api.schemas["Plugin"]["properties"]["content"] == {
        "anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/Cors"}]
    }


def test_invalid_pattern_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=r"openapi\.yaml:7:63: /components/schemas/A/properties/n/pattern: pattern"):
        _api(
            tmp_path,
            """
            paths: {}
            components:
              schemas:
                A: {type: object, properties: {n: {type: string, pattern: '(unclosed'}}}
            """,
        )


def test_dangling_ref_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match=r"openapi\.yaml:\d+:\d+: /paths/~1a/get/parameters/0/\$ref: \$ref"):
        _api(
            tmp_path,
            """
            paths:
              /a:
                get:
                  parameters: [{$ref: '#/components/parameters/Gone'}]
                  responses: {'204': {description: ok}}
            """,
        )


def test_an_unsupported_signing_algorithm_is_located_at_its_node(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        _api(
            tmp_path,
            """\
            paths: {}
            security: [{token: []}]
            components:
              securitySchemes:
                token: {type: apiKey, in: header, name: X-Auth-Token, x-aksk-signing: HMAC-MD5}
            """,
        )
    (problem,) = caught.value.diagnostics
    assert problem.pointer == "/components/securitySchemes/token/x-aksk-signing"
    assert (problem.line, problem.col) == (7, 75)  # the value itself
    assert "unsupported signing algorithm 'HMAC-MD5' (supported: SDK-HMAC-SHA256)" in problem.message


def test_discriminator_mapping_by_schema_name_and_one_way_properties(tmp_path: Path) -> None:
    """A mapping value may name a schema instead of a `$ref` (OpenAPI 3.0.3/3.1 "Discriminator Object");
    readOnly/writeOnly properties are not required of the one model that reads answers and checks requests;
    a 3.0-style boolean exclusive bound keeps its 3.0 meaning; `format: email` stays an annotation."""
    spec = tmp_path / "pets.yaml"
    spec.write_text(
        """
openapi: 3.1.0
info: {title: Pets, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      oneOf: [{$ref: '#/components/schemas/Dog'}, {$ref: '#/components/schemas/Cat'}]
      discriminator: {propertyName: kind, mapping: {dog: Dog, cat: '#/components/schemas/Cat'}}
    Dog:
      type: object
      required: [kind, id, secret, email]
      properties:
        kind: {type: string}
        id: {type: integer, readOnly: true, maximum: 10, exclusiveMaximum: true}
        secret: {type: string, writeOnly: true}
        email: {type: string, format: email}
    Cat:
      type: object
      properties: {kind: {type: string}}
""",
        encoding="utf-8",
    )
    api = build_api(spec, "pets", Workspace())
    assert api.schemas["Pet"]["discriminator"]["mapping"] == {
        "dog": "#/components/schemas/Dog",
        "cat": "#/components/schemas/Cat",
    }
    dog = api.schemas["Dog"]
    assert dog["required"] == ["kind", "email"]
    assert dog["properties"]["id"] == {"type": "integer", "readOnly": True, "exclusiveMaximum": 10}
    assert dog["properties"]["email"] == {"type": "string", "x-format": "email"}  # kept for README values
