"""datamodel-codegen on the 3.0.3 downgrade gives the same models as on the 3.1 bundle.

Both bundles of each API go through datamodel-code-generator (Pydantic v2 output), the code is imported, and
the two sets of classes are compared: the same class names, and for each class the same JSON Schema as Pydantic
derives it from the generated code (fields, types, nullability, required, defaults, constraints, enums,
descriptions). Every schema example of the API must also validate with both.

Accepted difference (removed before comparing): the 3.1 models carry `contentMediaType`/`contentSchema` (APIG
`plugin_content`) and `contentEncoding` (Commvault `SAUser.password`) in `json_schema_extra`; in 3.0 those
keywords are `x-` extensions, which datamodel-codegen does not copy. None of them changes validation (JSON
Schema treats them as annotations).
"""

from __future__ import annotations

import enum
import sys
import types
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from tests.toolchains._tools import API_NAMES, Bundle

ANNOTATIONS_ONLY_IN_31 = ("contentMediaType", "contentSchema", "contentEncoding")


def _generate(text: str) -> str:
    from datamodel_code_generator import DataModelType, InputFileType, generate
    from datamodel_code_generator.format import Formatter

    code = generate(
        text,
        input_file_type=InputFileType.OpenAPI,
        output_model_type=DataModelType.PydanticV2BaseModel,
        disable_timestamp=True,
        use_annotated=True,
        field_constraints=True,
        strict_nullable=True,
        formatters=[Formatter.RUFF_FORMAT],
    )
    assert isinstance(code, str)
    return code


def _import(code: str, name: str) -> dict[str, Any]:
    module = types.ModuleType(name)
    sys.modules[name] = module  # pydantic resolves forward references through the module
    exec(compile(code, f"<{name}>", "exec"), module.__dict__)
    return {
        key: value
        for key, value in vars(module).items()
        # pydantic also registers parametrised generics such as `RootModel[str]` in the module: not a model
        if key.isidentifier()
        and isinstance(value, type)
        and value.__module__ == name
        and issubclass(value, (BaseModel, enum.Enum))
    }


def _strip(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in ANNOTATIONS_ONLY_IN_31}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


def _type_name(annotation: Any, module: str) -> str:
    # Class names are the same in both sets; only the module they were imported into differs.
    return repr(annotation).replace(f"{module}.", "")


def _fingerprint(cls: type) -> Any:
    """What a model validates and documents: per field its type, requiredness, default, alias, constraints and
    description (the JSON Schema Pydantic would derive, without resolving `$ref`s kept in 3.1 extras)."""
    if issubclass(cls, enum.Enum):
        return ("enum", [(member.name, member.value) for member in cls])
    assert issubclass(cls, BaseModel)
    fields = {
        name: (
            _type_name(field.annotation, cls.__module__),
            field.is_required(),
            repr(field.default),
            field.alias,
            sorted(_type_name(m, cls.__module__) for m in field.metadata),
            field.description,
            _strip(field.json_schema_extra) or None,
        )
        for name, field in cls.model_fields.items()
    }
    return ("model", cls.__doc__, fields, dict(cls.model_config))


# Same warning from both inputs: Pydantic's SecretStr (a writeOnly password) cannot carry a pattern.
@pytest.mark.filterwarnings("ignore:Pydantic does not take pattern on SecretStr")
@pytest.mark.parametrize("api", API_NAMES)
def test_downgrade_gives_the_same_models(api: str, bundles: dict[str, Bundle]) -> None:
    source = bundles[f"{api}-3.1-yaml"].path.read_text(encoding="utf-8")
    downgraded = bundles[f"{api}-3.0-yaml"].path.read_text(encoding="utf-8")
    tag = api.replace("-", "_")
    models_31 = _import(_generate(source), f"dmc31_{tag}")
    models_30 = _import(_generate(downgraded), f"dmc30_{tag}")
    document = yaml.safe_load(source)
    assert set(models_31) == set(models_30)
    assert set(document["components"]["schemas"]) <= set(models_31), "a component schema has no model"
    different = [name for name in sorted(models_31) if _fingerprint(models_31[name]) != _fingerprint(models_30[name])]
    assert not different, f"models differ between the 3.1 bundle and the 3.0 downgrade: {different}"
    for name, schema in document["components"]["schemas"].items():
        for example in schema.get("examples") or []:
            for models in (models_31, models_30):
                if issubclass(models[name], BaseModel):
                    models[name].model_validate(example)


def test_the_comparison_sees_a_difference(bundles: dict[str, Bundle]) -> None:
    """A downgrade that lost a constraint must not compare equal."""
    document = yaml.safe_load(bundles["apig-3.0-yaml"].path.read_text(encoding="utf-8"))
    del document["components"]["schemas"]["CreatePluginRequest"]["properties"]["plugin_name"]["maxLength"]
    original = _import(_generate(bundles["apig-3.1-yaml"].path.read_text(encoding="utf-8")), "dmc31_apig_check")
    changed = _import(_generate(yaml.safe_dump(document, sort_keys=False)), "dmc30_apig_check")
    assert _fingerprint(original["CreatePluginRequest"]) != _fingerprint(changed["CreatePluginRequest"])
