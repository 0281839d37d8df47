"""schemathesis, an implementation of parameter styles and form encodings nobody here wrote, against the server
serving the parameter, form and synthesis fixtures (in-process, ASGI): what it generates as valid is accepted,
what it breaks is refused with a documented status, and every answer matches its documented schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from generator.serve.app import build_app
from tests.conftest import FIXTURES, ROOT

# schemathesis builds these tests while the module is imported and runs them for ~15 s: `make test` only
pytestmark = pytest.mark.slow

EXAMPLES_PER_MODE = 25  # per operation and mode: about 30 s for the three fixtures
SPECS = {name: FIXTURES / "serve" / f"{name}.yaml" for name in ("styles", "forms", "synthesis")}


def _test_for(spec: Path, excluded: tuple[str, ...] = ()) -> Any:
    config = SchemathesisConfig.from_path(ROOT / "schemathesis.toml")  # the project's seed and settings
    schema = schemathesis.openapi.from_path(str(spec), config=config)
    schema.app = build_app(spec)
    schema.config.generation.update(
        max_examples=EXAMPLES_PER_MODE, modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    )
    schema.config.checks.update(included_check_names=["all"], excluded_check_names=list(excluded))

    @schema.parametrize()
    def test(case: Any) -> None:
        case.call_and_validate()

    return test


test_styles = _test_for(SPECS["styles"])
# In a form body every value is text, so schemathesis' "wrong type" mutations often spell a valid value: `tags=0`
# for an array of integers is the one-item array [0], a part `{}` for an array of strings is ["{}"]. The server
# is right to accept them; the rejections these cases mean to test are asserted in test_forms.py.
test_forms = _test_for(SPECS["forms"], excluded=("negative_data_rejection",))
test_synthesis = _test_for(SPECS["synthesis"])
