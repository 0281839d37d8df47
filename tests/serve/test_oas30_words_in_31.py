"""3.1 documents that keep OpenAPI 3.0 words: the reference server reads `nullable: true` and a boolean
`exclusiveMaximum`/`exclusiveMinimum` as their authors (and schemathesis, and the generated clients) mean them."""

from __future__ import annotations

import pytest

from generator.serve.schemas import Draft202012Ecma


@pytest.mark.parametrize(
    ("schema", "instance", "valid"),
    [
        ({"type": "string", "nullable": True}, None, True),
        ({"type": "string"}, None, False),
        ({"type": "string", "nullable": False}, None, False),
        ({"type": "integer", "maximum": 10, "exclusiveMaximum": True}, 10, False),
        ({"type": "integer", "maximum": 10, "exclusiveMaximum": True}, 9, True),
        ({"type": "integer", "maximum": 10, "exclusiveMaximum": False}, 10, True),
        ({"type": "integer", "minimum": 1, "exclusiveMinimum": True}, 1, False),
        ({"type": "integer", "exclusiveMinimum": 1}, 1, False),  # the 3.1 spelling still works
        ({"type": "integer", "maximum": 10}, 11, False),
    ],
)
def test_oas30_words_in_a_31_schema(schema: dict[str, object], instance: object, valid: bool) -> None:
    assert Draft202012Ecma(schema).is_valid(instance) is valid
