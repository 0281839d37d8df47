"""Discriminated unions (`generator.ir.unions`), on tests/fixtures/anydoc/discriminators.yaml: four unions share
three schemas, mapped by `$ref`, by schema name (two names for one schema), implicitly (the schema name as the
document writes it, `bank-transfer`, not the class name) and on another property. The generated models accept
every value the document allows for each union, and refuse values that name no member of it."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pydantic
import pytest

from generator.ir.build import build_api
from generator.project.pipeline import generate_one
from generator.spec.load import Workspace
from tests.conftest import FIXTURES

SPEC = FIXTURES / "anydoc" / "discriminators.yaml"

CARD = {"channel": "web", "number": "4111111111111111"}
TRANSFER = {"iban": "DE89370400440532013000"}
WALLET = {"provider": "paypal"}

# union -> (the discriminator's property, {value the document allows: the member's fields besides it})
ALLOWED = {
    "ByRef": ("method", {"card": CARD, "transfer": TRANSFER}),
    "ByName": ("method", {"credit": CARD, "debit": CARD, "sepa": TRANSFER}),
    "Implicit": ("method", {"card": CARD, "bank-transfer": TRANSFER}),
    "PartlyMapped": ("channel", {"plastic": {"method": "card", "number": "4111111111111111"}, "wallet": WALLET}),
}
# values that name no member of the union (among them, names other unions give the same schemas, and class names)
REFUSED = {
    "ByRef": ["credit", "sepa", "bank-transfer", "Card", "BankTransfer"],
    "ByName": ["card", "transfer", "bank-transfer"],
    "Implicit": ["transfer", "BankTransfer", "credit", "sepa"],
    "PartlyMapped": ["card", "web", "Wallet"],
}


def test_each_union_has_a_complete_mapping_and_each_class_one_union_s_values() -> None:
    api = build_api(SPEC, "discriminators", Workspace())
    mappings = {name: api.schemas[name]["discriminator"]["mapping"] for name in ALLOWED}
    assert set(mappings["Implicit"]) == {"card", "bank-transfer"}  # the schema names, written out
    assert set(mappings["PartlyMapped"]) == {"plastic", "wallet"}
    for name, (_, values) in ALLOWED.items():
        assert set(mappings[name]) == set(values)
    # a class is selected by one property and one set of values: where two unions differ, one has a copy
    by_class: dict[str, set[tuple[str, frozenset[str]]]] = {}
    for name, mapping in mappings.items():
        prop = api.schemas[name]["discriminator"]["propertyName"]
        for target in set(mapping.values()):
            keys = frozenset(k for k, v in mapping.items() if v == target)
            by_class.setdefault(target, set()).add((prop, keys))
    assert all(len(claims) == 1 for claims in by_class.values()), by_class
    # the union with the same values as the first shares its class: `card` in ByRef and Implicit
    assert mappings["ByRef"]["card"] == mappings["Implicit"]["card"] == "#/components/schemas/Card"


@pytest.fixture(scope="module", params=["3.0.3", "3.1.0"])
def models(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder: Path = tmp_path_factory.mktemp("unions")
    spec = folder / "discriminators.yaml"
    text = SPEC.read_text(encoding="utf-8")
    spec.write_text(text.replace("openapi: 3.0.3", f"openapi: {request.param}", 1), encoding="utf-8")
    package = f"unions_{request.param.replace('.', '_')}"
    generate_one(spec, folder / package, package)
    sys.path.insert(0, str(folder / package))
    try:
        yield importlib.import_module(f"{package}.models")
    finally:
        sys.path.remove(str(folder / package))
        for name in [n for n in sys.modules if n.split(".")[0] == package]:
            del sys.modules[name]


@pytest.mark.parametrize("union", sorted(ALLOWED))
def test_every_value_the_document_allows_is_accepted(models: ModuleType, union: str) -> None:
    prop, values = ALLOWED[union]
    adapter = pydantic.TypeAdapter(getattr(models, union))
    for value, fields in values.items():
        body = {prop: value, **fields}
        parsed = adapter.validate_python(body)
        assert parsed.model_dump(mode="json", by_alias=True, exclude_unset=True) == body


@pytest.mark.parametrize("union", sorted(ALLOWED))
def test_a_value_naming_no_member_is_refused(models: ModuleType, union: str) -> None:
    prop, values = ALLOWED[union]
    adapter = pydantic.TypeAdapter(getattr(models, union))
    for value in REFUSED[union]:
        for fields in values.values():
            with pytest.raises(pydantic.ValidationError):
                adapter.validate_python({prop: value, **fields})


def test_a_member_keeps_its_own_fields_checked(models: ModuleType) -> None:
    """The copy a union gets is the same schema: its constraints hold there too."""
    adapter = pydantic.TypeAdapter(models.ByName)
    with pytest.raises(pydantic.ValidationError):
        adapter.validate_python({"method": "credit", "channel": "web", "number": "12"})
    with pytest.raises(pydantic.ValidationError):
        adapter.validate_python({"method": "sepa", "iban": "short"})


INHERITANCE = """
openapi: 3.1.0
info: {title: Inheritance, version: '1'}
paths:
  /deliveries:
    post:
      operationId: addDelivery
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {delivery: {$ref: '#/components/schemas/Delivery'}}}
      responses:
        '200': {description: ok}
components:
  schemas:
    Delivery:
      type: object
      required: [kind]
      properties: {kind: {type: string}}
      discriminator: {propertyName: kind, mapping: {post: '#/components/schemas/postal-delivery'}}
    postal-delivery:
      allOf:
        - $ref: '#/components/schemas/Delivery'
        - {type: object, properties: {address: {type: string}}}
    pickup-point:
      allOf:
        - $ref: '#/components/schemas/Delivery'
        - {type: object, properties: {point: {type: string}}}
"""


def test_the_allof_form_selects_an_unmapped_schema_by_its_schema_name(tmp_path: Path) -> None:
    """A discriminator on a base schema: the schemas extending it that the mapping leaves out are selected by
    their schema names (`pickup-point`), not by their class names (`PickupPoint`)."""
    spec = tmp_path / "inheritance.yaml"
    spec.write_text(INHERITANCE, encoding="utf-8")
    api = build_api(spec, "inheritance", Workspace())
    assert api.schemas["Delivery"]["discriminator"]["mapping"] == {
        "post": "#/components/schemas/PostalDelivery",
        "pickup-point": "#/components/schemas/PickupPoint",
    }
    generate_one(spec, tmp_path / "inheritance", "inheritance")
    sys.path.insert(0, str(tmp_path / "inheritance"))
    try:
        models = importlib.import_module("inheritance.models")
        request = models.AddDeliveryRequest
        for kind, field in (("pickup-point", "point"), ("post", "address")):
            body = {"delivery": {"kind": kind, field: "x"}}
            parsed = request.model_validate(body)
            assert parsed.model_dump(mode="json", by_alias=True, exclude_unset=True) == body
    finally:
        sys.path.remove(str(tmp_path / "inheritance"))
        for name in [n for n in sys.modules if n.split(".")[0] == "inheritance"]:
            del sys.modules[name]
