"""The reference server's jsonschema-rs fast path (generator.serve.schemas.FastPathValidator) may only skip the
Python validator when that one would have found nothing: on fuzzed bodies (valid and invalid), embedded JSON
documents and parameters of every catalog API, both must give the same verdict."""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode

from generator.project.catalog import load_catalog
from generator.runtime.styles import coerce
from generator.serve.compiled import compile_spec
from generator.serve.schemas import FastPathValidator

APIS = [api for api in load_catalog()]


def _agree(validator: Any, instance: Any) -> None:
    assert isinstance(validator, FastPathValidator)
    python_valid = not list(validator.python.iter_errors(instance))
    assert validator.is_valid(instance) == python_valid, instance
    assert (not list(validator.iter_errors(instance))) == python_valid, instance


def _check_case(compiled: Any, op: Any, case: Any) -> None:
    body = case.body
    if op.body is not None and op.body.validator is not None and not isinstance(body, bytes | str):
        _agree(op.body.validator, body)
        for rule in op.body.content_rules if isinstance(body, dict) else ():
            text = body.get(rule.property)
            try:
                document = json.loads(text) if isinstance(text, str) else None
            except ValueError:
                continue
            _agree(compiled.schemas.validator(compiled.schemas.resolve(op.body.schema, rule.schema)), document)
    sources = {"path": case.path_parameters, "query": case.query}
    for param in op.params:
        raw = (sources.get(param.location) or {}).get(param.name)
        if param.validator is not None and isinstance(raw, str | int | float | bool):
            _agree(param.validator, coerce(str(raw), param.shape.types))


@pytest.mark.slow
@pytest.mark.parametrize("api", APIS, ids=[api.name for api in APIS])
def test_fast_path_agrees_with_python_on_fuzzed_requests(api: Any) -> None:
    compiled = compile_spec(api.spec)
    schema = schemathesis.openapi.from_path(str(api.spec))
    for op in compiled.operations:
        operation = schema[op.path][op.method]
        strategy = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
        )
        _fuzz(compiled, op, strategy)()


def _fuzz(compiled: Any, op: Any, strategy: Any) -> Any:
    @settings(max_examples=40, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def check(case: Any) -> None:
        _check_case(compiled, op, case)

    return check


@pytest.mark.parametrize("api", APIS, ids=[api.name for api in APIS])
def test_fast_path_agrees_on_documented_examples_and_their_mutations(api: Any) -> None:
    compiled = compile_spec(api.spec)
    for op in compiled.operations:
        for response in op.responses.values():
            if response.validator is None:
                continue
            for example in response.examples.values():
                _agree(response.validator, example)
                if isinstance(example, dict):
                    for key in example:  # each property dropped, then set to a value of the wrong type
                        _agree(response.validator, {k: v for k, v in example.items() if k != key})
                        _agree(response.validator, {**example, key: [None]})


def test_python_only_for_integers_jsonschema_rs_cannot_take() -> None:
    api = next(api for api in APIS if api.name == "apig")
    validator = compile_spec(api.spec).operations[0].body.validator  # type: ignore[union-attr]
    _agree(validator, {"plugin_name": "abc", "plugin_type": "cors", "plugin_scope": "global", "x": 10**40})
