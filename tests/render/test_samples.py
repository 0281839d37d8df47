"""The README's sample values: built from a schema when the spec gives no example."""

from __future__ import annotations

from typing import Any

from generator.render.samples import Samples


def _chain(links: int) -> dict[str, dict[str, Any]]:
    """`Link{n}` adds field `f{n}` (required) to `Link{n-1}` by `allOf`."""
    schemas: dict[str, dict[str, Any]] = {
        "Link0": {"type": "object", "properties": {"f0": {"type": "integer"}}, "required": ["f0"]}
    }
    for n in range(1, links):
        schemas[f"Link{n}"] = {
            "allOf": [
                {"$ref": f"#/components/schemas/Link{n - 1}"},
                {"type": "object", "properties": {f"f{n}": {"type": "string"}}, "required": [f"f{n}"]},
            ]
        }
    return schemas


def test_an_inheritance_chain_thousands_of_links_long_gets_every_required_field() -> None:
    links = 3_000  # recursing per link would pass the interpreter's recursion limit
    samples = Samples(_chain(links))
    value = samples.value({"$ref": f"#/components/schemas/Link{links - 1}"}, None, False)
    assert set(value) == {f"f{n}" for n in range(links)}
    assert value["f0"] == 1 and isinstance(value[f"f{links - 1}"], str)


def test_own_properties_beside_an_all_of_are_in_the_sample() -> None:
    schemas = {"Base": {"type": "object", "properties": {"id": {"type": "integer"}}, "required": ["id"]}}
    child = {
        "allOf": [{"$ref": "#/components/schemas/Base"}],
        "type": "object",
        "properties": {"name": {"type": "string", "enum": ["n"]}},
        "required": ["name"],
    }
    assert Samples(schemas).value(child, None, False) == {"id": 1, "name": "n"}


def test_a_cycle_through_all_of_ends() -> None:
    schemas: dict[str, dict[str, Any]] = {
        "A": {
            "allOf": [{"$ref": "#/components/schemas/B"}],
            "properties": {"a": {"type": "boolean"}},
            "required": ["a"],
        },
        "B": {
            "allOf": [{"$ref": "#/components/schemas/A"}],
            "properties": {"b": {"type": "boolean"}},
            "required": ["b"],
        },
    }
    assert Samples(schemas).value({"$ref": "#/components/schemas/A"}, None, False) == {"a": True, "b": True}
