"""How `bench.anyspec` draws requests the document can carry, and how it counts a draw it cannot: the copy of
the document schemathesis reads (discriminators tied to their member, examples that break their schema left
out, literal braces escaped), and the tally that redraws without ever hiding a real failure."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from bench.anyspec import NO_SERIALIZATION, Tally
from bench.anyspec_draws import (
    drawn_cases,
    drop_broken_examples,
    escape_literal_braces,
    load_for_drawing,
    pin_discriminators,
    untied,
)

UNION = {
    "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
    "discriminator": {"propertyName": "kind", "mapping": {"meow": "#/components/schemas/Cat"}},
}
PET = {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}, "name": {"type": "string"}}}


def _document(schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/pets": {
                "post": {
                    "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
                    "responses": {"200": {"description": "OK"}},
                }
            }
        },
        "components": {"schemas": {"Cat": PET, "Dog": PET, "Base": {**PET, "discriminator": {"propertyName": "x"}}}},
    }


def test_a_discriminated_union_also_requires_the_members_own_value() -> None:
    document = _document(UNION)
    pinned = pin_discriminators(document)
    schema = pinned["paths"]["/pets"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert schema["oneOf"] == UNION["oneOf"]  # the union stays as written: every draw still fits the document
    (choices,) = schema["allOf"]
    # the mapping's key for Cat, the schema name (implicit mapping) for Dog
    assert [c["allOf"][1]["properties"]["kind"]["enum"] for c in choices["anyOf"]] == [["meow"], ["Dog"]]
    assert "allOf" not in document["paths"]["/pets"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert pin_discriminators({"openapi": "3.1.0"}) == {"openapi": "3.1.0"}


def test_only_untied_discriminators_excuse_a_refusal() -> None:
    document = _document(UNION)
    # `x` sits on a base schema with no union beside it: the draw cannot tie it; `kind` is tied
    assert untied(document) == frozenset({"x"})


@pytest.mark.slow
def test_the_drawn_bodies_name_their_member(tmp_path: Path) -> None:
    import yaml

    spec = tmp_path / "pets.yaml"
    spec.write_text(yaml.safe_dump(_document(UNION)), encoding="utf-8")
    schema, names = load_for_drawing(spec)
    bodies = [case.body for case in drawn_cases(schema, "POST", "/pets", 20)]
    assert bodies and all(body["kind"] in ("meow", "Dog") for body in bodies)
    assert names == frozenset({"x"})


def test_examples_that_break_their_schema_are_left_out() -> None:
    document: dict[str, Any] = {
        "paths": {
            "/a": {
                "get": {
                    "parameters": [
                        {
                            "name": "p",
                            "in": "query",
                            "schema": {"type": "string", "format": "json-pointer"},
                            "example": "#/a~1b",
                        },
                        {
                            "name": "q",
                            "in": "query",
                            "schema": {"type": "string", "format": "json-pointer", "example": "/a~1b"},
                        },
                        {
                            "name": "r",
                            "in": "query",
                            "schema": {"type": "integer", "example": "12"},
                            "examples": {"good": {"value": 3}, "bad": {"value": "x"}},
                        },
                    ]
                }
            }
        }
    }
    assert drop_broken_examples(document) == 3
    p, q, r = document["paths"]["/a"]["get"]["parameters"]
    assert "example" not in p and q["schema"]["example"] == "/a~1b"
    assert "example" not in r["schema"] and list(r["examples"]) == ["good"]


@pytest.mark.parametrize(
    ("pattern", "escaped"),
    [
        ("^{[0-9]{4}}$", r"^\{[0-9]{4}\}$"),
        ("^a{2,}b{1,3}$", "^a{2,}b{1,3}$"),
        (r"^[{}]\{x\}$", r"^[{}]\{x\}$"),
    ],
)
def test_literal_braces_are_escaped(pattern: str, escaped: str) -> None:
    document = {"schema": {"type": "string", "pattern": pattern}}
    assert escape_literal_braces(document) == (escaped != pattern)
    assert document["schema"]["pattern"] == escaped
    jsonschema_rs.validator_for({"pattern": escaped})  # the engine schemathesis uses compiles it
    for text in ("{1234}", "aab", "{x}"):  # and it means what the Annex B reading means
        assert bool(re.search(escaped, text)) == bool(re.search(pattern, text))


def test_the_first_real_failure_is_kept() -> None:
    tally = Tally("GET /x", "sync", 3)
    assert tally.failed("undefined-style", "no form") is None  # redrawn
    assert tally.passed() is None
    result = tally.failed("server-refused", "400")
    assert result is not None and result.outcome == "server-refused" and result.redrawn == 1


def test_a_draw_it_cannot_carry_is_the_outcome_only_without_a_carryable_one() -> None:
    tally = Tally("GET /x", "sync", 3)
    for _ in range(5):
        assert tally.failed("breaks-discriminator", "tag") is None
    assert tally.wants_more()
    result = tally.final()
    assert result.outcome == "breaks-discriminator" and result.redrawn == 5 and "no carryable draw" in result.detail
    carried = Tally("GET /x", "sync", 3)
    carried.failed("undefined-style", "no form")
    carried.passed()
    assert carried.final().outcome == "pass"


def test_no_serialization_texts_are_the_clients() -> None:
    """Each text the harness reads as 'no serialization' is one the client's style table raises."""
    source = (Path(__file__).parents[2] / "generator" / "runtime" / "styles.py").read_text(encoding="utf-8")
    for text in NO_SERIALIZATION:
        assert text.replace("\\'", "'") in source.replace("\\'", "'"), text
