"""The spec's conditional rules in the generated clients: refused before sending, worded as the server words them.

Each case breaks one `if`/`then` or `not` of the APIG content models. The generated client must refuse it without
sending anything, and the reference server (the real one, on 127.0.0.1) must refuse the same body with the same
located message. Below, the checker (`generator/runtime/rules.py`) on its own: the keywords it evaluates.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from generator.project.catalog import find_api
from generator.runtime import rules
from generator.serve.app import ServeOptions, build_app
from generator.serve.auth import Credentials
from generator.serve.runner import BackgroundServer
from tests.conftest import ROOT

TOKEN = "rules-test-token"
PROJECT = "0c8243400d37468bb4aed3cc94c2911d"
GATEWAY = "eddc4d25480b4cd6b512f270a1b8b341"
SUFFIX = "(in the JSON document of plugin_content, for plugin_type {kind})"

# name: (plugin_type, content, the message)
CASES: dict[str, tuple[str, dict[str, Any], str]] = {
    "SASL_SSL without a CA certificate": (
        "kafka_log",
        {
            "broker_list": ["10.0.0.1:9092"],
            "topic": "logs",
            "sasl_config": {"security_protocol": "SASL_SSL", "sasl_username": "u", "sasl_password": "p"},
        },
        "plugin_content.sasl_config.ssl_ca_content is required",
    ),
    "SASL_PLAINTEXT without a user name": (
        "kafka_log",
        {"broker_list": ["10.0.0.1:9092"], "topic": "logs", "sasl_config": {"security_protocol": "SASL_PLAINTEXT"}},
        "plugin_content.sasl_config.sasl_username is required",
    ),
    "rule_enabled without rule_type": (
        "third_auth",
        {"rule_enabled": True},
        "plugin_content.rule_type is required",
    ),
    "percentage mode without thresholds": (
        "breaker",
        {"breaker_condition": {"breaker_type": "timeout", "breaker_mode": "percentage", "time_window": 15}},
        "plugin_content.breaker_condition.min_call_threshold is required",
    ),
    "counter mode inside a downgrade rule": (
        "breaker",
        {
            "breaker_condition": {
                "breaker_type": "timeout",
                "breaker_mode": "counter",
                "unhealthy_threshold": 3,
                "time_window": 15,
            },
            "downgrade_rules": [
                {
                    "rule_name": "r",
                    "match_regex": "[]",
                    "breaker_condition": {"breaker_type": "timeout", "breaker_mode": "counter", "time_window": 1},
                }
            ],
        },
        "plugin_content.downgrade_rules[0].breaker_condition.unhealthy_threshold is required",
    ),
    "vpc_channel_enabled false without url_domain": (
        "third_auth",
        {"auth_request": {"method": "GET", "protocol": "HTTPS", "path": "/check", "vpc_channel_enabled": False}},
        "plugin_content.auth_request.url_domain is required",
    ),
    "system_parameter with override": (
        "set_resp_headers",
        {
            "response_headers": [
                {
                    "name": "x-cache",
                    "value_type": "system_parameter",
                    "value": "$context.cacheStatus",
                    "action": "override",
                }
            ]
        },
        "plugin_content.response_headers[0].action does not match the pattern "
        "^([Aa][Pp][Pp][Ee][Nn][Dd]|[Aa][Dd][Dd])$",
    ),
    "api_limit 0": (
        "rate_limit",
        {"api_limit": 0},
        "plugin_content.api_limit has a value that is not allowed",
    ),
}
# the same documents, fixed: the rules let them through
FIXED: dict[str, dict[str, Any]] = {
    "kafka_log": {
        "broker_list": ["10.0.0.1:9092"],
        "topic": "logs",
        "sasl_config": {
            "security_protocol": "SASL_SSL",
            "sasl_username": "u",
            "sasl_password": "p",
            "ssl_ca_content": "CA",
        },
    },
    "third_auth": {
        "rule_enabled": True,
        "rule_type": "allow",
        "auth_request": {"method": "GET", "protocol": "HTTPS", "path": "/c", "vpc_channel_enabled": True},
    },
    "breaker": {
        "breaker_condition": {
            "breaker_type": "timeout",
            "breaker_mode": "percentage",
            "time_window": 15,
            "min_call_threshold": 5,
            "unhealthy_percentage": 50,
        }
    },
    "set_resp_headers": {
        "response_headers": [
            {"name": "x-cache", "value_type": "system_parameter", "value": "$context.cacheStatus", "action": "Append"}
        ]
    },
    "rate_limit": {"api_limit": -1, "app_limit": 0, "user_limit": 0, "ip_limit": 0},
}


def _body(kind: str, content: dict[str, Any]) -> dict[str, Any]:
    return {
        "plugin_name": "rules_case",
        "plugin_type": kind,
        "plugin_scope": "global",
        "plugin_content": json.dumps(content),
    }


@pytest.fixture(scope="module")
def apig() -> Any:
    folder = str(ROOT / "generated" / "python" / "huaweicloud_apig")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module("huaweicloud_apig")


@pytest.fixture(scope="module")
def server() -> Iterator[BackgroundServer]:
    app = build_app(
        find_api("apig", ROOT).spec, api_name="apig", options=ServeOptions(credentials=Credentials(token=TOKEN))
    )
    with BackgroundServer(app) as running:
        yield running


@pytest.mark.parametrize("name", list(CASES))
def test_client_refuses_before_sending_with_the_servers_message(name: str, apig: Any, server: BackgroundServer) -> None:
    kind, content, message = CASES[name]
    expected = f"{message} {SUFFIX.format(kind=json.dumps(kind))}"
    body = _body(kind, content)
    with httpx.Client(base_url=server.base_url, timeout=10) as raw:
        answer = raw.post(
            f"/v2/{PROJECT}/apigw/instances/{GATEWAY}/plugins", json=body, headers={"X-Auth-Token": TOKEN}
        )
    assert answer.status_code == 400
    assert expected in answer.json()["error_msg"], answer.json()

    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    client = apig.Client(
        base_url="http://127.0.0.1:9",
        token=TOKEN,
        max_retries=0,
        http_client=httpx.Client(transport=httpx.MockTransport(record)),
    )
    with client, pytest.raises(apig.RequestValidationError) as caught:
        client.create_plugin(project_id=PROJECT, instance_id=GATEWAY, body=body)
    assert sent == []
    messages = [e["msg"] for e in caught.value.errors]
    assert messages[0] == expected
    assert expected in str(caught.value)


@pytest.mark.parametrize("kind", list(FIXED))
def test_documents_that_keep_the_rules_are_sent(kind: str, apig: Any, server: BackgroundServer) -> None:
    with apig.Client(base_url=server.base_url, token=TOKEN, max_retries=0) as client:
        created = client.create_plugin(
            project_id=PROJECT, instance_id=GATEWAY, body=_body(kind, FIXED[kind]) | {"plugin_name": f"fixed_{kind}"}
        )
    assert created.plugin_type == kind
    returned = created.plugin_content_as(kind).model_dump(mode="json", exclude_unset=True, by_alias=True)
    expected = json.loads(json.dumps(FIXED[kind]))
    expected.get("sasl_config", {}).pop("sasl_password", None)  # write-only: the gateway does not return it
    assert returned == expected


# ---- the checker on its own ---------------------------------------------------------------------------------


def _check(schemas: dict[str, Any], body: Any, root: str = "Root") -> list[str]:
    return [p.message for p in rules.check(rules.RuleSet(schemas, root), body)]


def test_dependent_required_else_and_nested_references() -> None:
    schemas = {
        "Root": {
            "type": "object",
            "properties": {"child": {"$ref": "Child"}, "items": {"type": "array", "items": {"$ref": "Child"}}},
            "dependentRequired": {"a": ["b"]},
        },
        "Child": {
            "type": "object",
            "if": {"properties": {"x": {"const": 1}}, "required": ["x"]},
            "then": {"required": ["y"]},
            "else": {"required": ["z"]},
        },
    }
    assert _check(schemas, {"a": 1}) == ["the request body is invalid (dependentRequired)"]
    assert _check(schemas, {"a": 1, "b": 2}) == []
    assert _check(schemas, {"child": {"x": 1}}) == ["child.y is required"]
    assert _check(schemas, {"child": {"x": 2}}) == ["child.z is required"]
    assert _check(schemas, {"items": [{"x": 1, "y": 0}, {"z": 0}, {"x": 1}]}) == ["items[2].y is required"]


def test_json_equality_keeps_booleans_and_numbers_apart() -> None:
    schemas = {
        "Root": {"type": "object", "properties": {"n": {"not": {"const": 0}}, "flag": {"not": {"const": False}}}}
    }
    assert _check(schemas, {"n": False, "flag": 0}) == []
    assert _check(schemas, {"n": 0, "flag": False}) == [
        "n has a value that is not allowed",
        "flag has a value that is not allowed",
    ]


def test_values_of_another_type_are_left_to_the_models() -> None:
    schemas = {
        "Root": {"type": "object", "properties": {"child": {"anyOf": [{"$ref": "Child"}]}}},
        "Child": {"type": "object", "not": {"required": ["x"]}},
    }
    assert _check(schemas, {"child": None}) == []
    assert _check(schemas, {"child": "text"}) == []
    assert _check(schemas, [1, 2]) == []
    assert _check(schemas, {"child": {"x": 1}}) == ["child has a value that is not allowed"]


def test_patterns_with_braces_and_unknown_roots() -> None:
    schemas = {
        "Root": {"type": "object", "if": {"required": ["k"]}, "then": {"properties": {"v": {"pattern": "^a{2}$"}}}}
    }
    assert _check(schemas, {"k": 1, "v": "aa"}) == []
    assert _check(schemas, {"k": 1, "v": "a"}) == ["v does not match the pattern ^a{2}$"]
    assert _check(schemas, {"k": 1}, root="Missing") == []


def test_embedded_documents_that_are_not_json_are_left_to_the_models() -> None:
    schemas = {
        "Root": {
            "type": "object",
            "if": {"properties": {"t": {"const": "a"}}, "required": ["t"]},
            "then": {"properties": {"c": {"contentSchema": {"$ref": "Doc"}}}},
        },
        "Doc": {"type": "object", "not": {"required": ["bad"]}},
    }
    assert _check(schemas, {"t": "a", "c": "{not json"}) == []
    assert _check(schemas, {"t": "a", "c": '{"bad": 1}'}) == [
        'c has a value that is not allowed (in the JSON document of c, for t "a")'
    ]
    assert _check(schemas, {"t": "b", "c": '{"bad": 1}'}) == []


def test_hostile_depth_is_bounded() -> None:
    schemas = {"Root": {"type": "object", "properties": {"n": {"$ref": "Root"}}, "not": {"required": ["stop"]}}}
    deep: dict[str, Any] = {"stop": 1}
    for _ in range(5000):
        deep = {"n": deep}
    problems = rules.check(rules.RuleSet(schemas, "Root"), deep)
    assert problems == []  # the rule sits below MAX_DEPTH: not followed, no recursion error
    shallow = {"n": {"n": {"stop": 1}}}
    assert _check(schemas, shallow) == ["n.n has a value that is not allowed"]
