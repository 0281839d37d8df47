"""A schema with `properties` (or `items`) and no `type` (`SchemaSet._untyped`): typed as the object (array) its
author meant, and, as JSON Schema allows, any value of another JSON type too, so that a request the document
allows is not refused and an answer it allows is not lost."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pydantic
import pytest

from generator.project.pipeline import generate_one

SPEC = """
openapi: {version}
info: {{title: Untyped, version: '1'}}
paths:
  /things:
    post:
      operationId: addThing
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Thing'}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Thing'}}
components:
  schemas:
    Thing:
      type: object
      properties:
        loose:
          description: an object without `type`
          properties: {{size: {{type: integer, maximum: 9}}}}
        many:
          items: {{type: integer}}
        strict:
          type: object
          properties: {{size: {{type: integer}}}}
        either:
          oneOf:
            - {{properties: {{a: {{type: integer}}}}, required: [a]}}
            - {{type: object, properties: {{b: {{type: integer}}}}, required: [b]}}
"""


@pytest.fixture(scope="module", params=["3.0.3", "3.1.0"])
def models(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder: Path = tmp_path_factory.mktemp("untyped")
    spec = folder / "untyped.yaml"
    spec.write_text(SPEC.format(version=request.param), encoding="utf-8")
    package = f"untyped_{request.param.replace('.', '_')}"
    generate_one(spec, folder / package, package)
    sys.path.insert(0, str(folder / package))
    try:
        yield importlib.import_module(f"{package}.models")
    finally:
        sys.path.remove(str(folder / package))
        for name in [n for n in sys.modules if n.split(".")[0] == package]:
            del sys.modules[name]


def test_the_object_form_is_the_class_and_other_json_values_pass(models: ModuleType) -> None:
    thing = models.Thing.model_validate({"loose": {"size": 3}, "many": [1, 2]})
    assert isinstance(thing.loose, models.ThingLoose) and thing.loose.size == 3
    assert thing.many == [1, 2]
    for value in ("text", 7, 1.5, True, None, [1, "a"]):
        parsed = models.Thing.model_validate({"loose": value, "many": value if not isinstance(value, list) else {}})
        assert parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)["loose"] == value
    # the object form is still checked: the keywords constrain objects
    with pytest.raises(pydantic.ValidationError):
        models.Thing.model_validate({"loose": {"size": 10}})
    with pytest.raises(pydantic.ValidationError):
        models.Thing.model_validate({"many": ["x"]})


def test_an_explicit_type_stays_as_strict_as_written(models: ModuleType) -> None:
    with pytest.raises(pydantic.ValidationError):
        models.Thing.model_validate({"strict": "text"})


def test_union_members_are_not_widened(models: ModuleType) -> None:
    """The list of a `oneOf` says what the value is (and a discriminator needs objects): a member without `type`
    stays its object form."""
    assert models.Thing.model_validate({"either": {"a": 1}}).either.a == 1
    with pytest.raises(pydantic.ValidationError):
        models.Thing.model_validate({"either": "text"})
