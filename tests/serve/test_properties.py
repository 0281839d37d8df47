"""Property tests (Hypothesis, with schemathesis drawing from the specs):

- every request body the spec's schema accepts is accepted by the generated model, serializes back unchanged,
  and is accepted by the reference server when the generated client sends it;
- every answer of the server parses into the generated models (the success model, or the error model of a
  documented error status).
"""

from __future__ import annotations

import importlib
import json
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import unquote

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from generator.ir.naming import snake as snake_case
from generator.project.catalog import Api, load_catalog
from generator.serve.app import ReferenceServer, ServeOptions, build_app
from generator.serve.auth import Credentials
from generator.serve.compiled import Operation
from generator.serve.runner import BackgroundServer
from generator.serve.validation import content_violations, schema_violations
from tests.conftest import ROOT

TOKEN = "property-token-44e1"
EXAMPLES = 40  # per API and property; derandomized, so CI sees the same cases every run
APIS = {api.name: api for api in load_catalog(ROOT)}
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


@dataclass
class Subject:
    api: Api
    package: ModuleType
    reference: ReferenceServer
    base_url: str
    op: Operation
    operation: Any  # schemathesis APIOperation

    @property
    def method(self) -> str:
        return snake_case(self.op.operation_id)

    def request_model(self) -> Any:
        name = self.op.body.schema.pointer.rsplit("/", 1)[-1] if self.op.body and self.op.body.schema else None
        return getattr(self.package.models, str(name))

    def client(self) -> Any:
        return self.package.Client(base_url=self.base_url, token=TOKEN, max_retries=0)


def _import(api: Api) -> ModuleType:
    folder = str(api.package_dir)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(api.package)


@pytest.fixture(scope="module", params=list(APIS))
def subject(request: pytest.FixtureRequest) -> Iterator[Subject]:
    api = APIS[request.param]
    if not (api.package_dir / api.package).is_dir():
        pytest.fail(f"{api.package_dir} is missing: run `make generate`")
    app = build_app(api.spec, api_name=api.name, options=ServeOptions(credentials=Credentials(token=TOKEN)))
    reference: ReferenceServer = app.state.reference
    (op,) = reference.spec.operations
    schema = schemathesis.openapi.from_path(
        str(api.spec), config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
    )
    from generator.fuzz import hooks as fuzz_hooks

    fuzz_hooks.register(schema)  # plugin_content drawn from the content model its plugin_type selects
    operation = schema[op.path][op.method]
    with BackgroundServer(app) as server:
        yield Subject(api, _import(api), reference, server.base_url, op, operation)


def _call_arguments(subject: Subject, case: Any) -> dict[str, Any]:
    """The generated client's keyword arguments for a schemathesis case."""
    arguments: dict[str, Any] = {}
    unique_scopes = {name for rule in subject.reference.vendor.unique for name in rule.scope}
    for param in subject.op.params:
        if param.location == "path":
            value = unquote((case.path_parameters or {})[param.name])  # schemathesis keeps them percent-encoded
            # a container of its own per example: unique names (APIG) may repeat across examples
            arguments[snake_case(param.name)] = uuid.uuid4().hex if param.name in unique_scopes else value
        elif param.location == "header" and case.headers and param.name in case.headers:
            arguments[snake_case(param.name)] = case.headers[param.name]
    arguments["body"] = case.body
    return arguments


def _same_json(sent: Any, original: Any, content_properties: tuple[str, ...]) -> None:
    """Equal as JSON; embedded documents (APIG plugin_content) compared as the documents they encode."""
    if isinstance(original, dict) and isinstance(sent, dict):
        for prop in content_properties:
            if isinstance(original.get(prop), str) and isinstance(sent.get(prop), str):
                assert json.loads(sent[prop]) == json.loads(original[prop])
                sent = {k: v for k, v in sent.items() if k != prop}
                original = {k: v for k, v in original.items() if k != prop}
    assert sent == original


@pytest.mark.slow  # hypothesis draws hundreds of bodies per API through model, client and server
def test_schema_valid_requests_pass_model_and_server(subject: Subject) -> None:
    body = subject.op.body
    assert body is not None and body.schema is not None and body.validator is not None
    model = subject.request_model()
    response_models = subject.package.models

    @SETTINGS
    @given(case=subject.operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
    def check(case: Any) -> None:
        # the spec's schema (and the embedded content model) accept it: the precondition of the property
        schemas = subject.reference.spec.schemas
        assert schema_violations(body.validator, case.body, "body") == []
        assert content_violations(schemas, body.schema, body.content_rules, body.content_properties, case.body) == []
        # the generated model accepts it and gives back the same JSON
        parsed = model.model_validate(case.body)
        _same_json(
            json.loads(parsed.model_dump_json(by_alias=True, exclude_unset=True)), case.body, body.content_properties
        )
        # the server accepts it from the generated client, and its answer parses into the response model
        with subject.client() as client:
            raw = getattr(client.with_raw_response, subject.method)(**_call_arguments(subject, case))
        assert 200 <= raw.status_code < 300, raw.content[:300]
        result = raw.parse()
        success = subject.op.success
        assert success is not None and success.schema is not None
        assert isinstance(result, getattr(response_models, success.schema.pointer.rsplit("/", 1)[-1]))

    check()


@pytest.mark.slow
def test_every_server_answer_parses_into_the_generated_models(subject: Subject) -> None:
    """Negative cases too: whatever the server answers to them is documented and parses into its model."""
    errors = subject.package.errors

    @SETTINGS
    @given(case=subject.operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    def check(case: Any) -> None:
        response = case.call(base_url=subject.base_url, headers={_auth_header(subject): TOKEN})
        documented = subject.op.response_for(response.status_code)
        assert documented is not None, f"undocumented status {response.status_code}"
        assert documented.schema is not None
        model = getattr(subject.package.models, documented.schema.pointer.rsplit("/", 1)[-1])
        parsed = model.model_validate_json(response.content)
        assert json.loads(parsed.model_dump_json(by_alias=True, exclude_unset=True)) == response.json()
        if response.status_code >= 400:
            assert errors.error_class(response.status_code) is not None

    check()


def _auth_header(subject: Subject) -> str:
    scheme = subject.reference.spec.schemes["token"]
    assert scheme.parameter is not None
    return scheme.parameter
