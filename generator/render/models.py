"""The IR's schemas -> the Pydantic v2 source of `models.py`, by datamodel-code-generator (in-process).

The generator gets one synthetic document holding only `components/schemas` (already self-contained, see
`generator.ir.build`), so its output depends on nothing but the IR: no file names, paths or timestamps.
Formatting is left to the one ruff pass of the pipeline. Its model metadata tells which class each schema became,
so a name the generator changes (to avoid a clash with a name of its own) is still found.
"""

from __future__ import annotations

import ast
import json
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.ir import model as ir

# The file's first line is the provenance line every generated file starts with (see python_package).
HEADER = "# The spec's schemas as Pydantic models (datamodel-code-generator)."


# pydantic types that import an optional package when a model is built, and the requirement it needs
OPTIONAL_IMPORTS = (("EmailStr", "email-validator>=2"), ("NameEmail", "email-validator>=2"))


@dataclass(frozen=True)
class ModelsModule:
    code: str
    defined: frozenset[str]  # top-level names the module defines (classes and type aliases)
    classes: frozenset[str]  # of which: model classes
    names: dict[str, str]  # IR schema name -> name in the module (when it became a class or alias)

    def final(self, name: str) -> str | None:
        return self.names.get(name)

    @property
    def dependencies(self) -> tuple[str, ...]:
        """Requirements the models need beyond pydantic itself (pydantic's optional extras)."""
        tree = ast.parse(self.code)
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names}
        return tuple(requirement for name, requirement in OPTIONAL_IMPORTS if name in imported)


def generate_models(api: ir.Api) -> ModelsModule:
    from datamodel_code_generator import generate
    from datamodel_code_generator.enums import DataModelType, InputFileType, TargetPydanticVersion
    from datamodel_code_generator.format import PythonVersion
    from datamodel_code_generator.parser import LiteralType

    header = HEADER
    if not api.schemas:  # datamodel-code-generator refuses an empty set; the module still exists for `models.X`
        return ModelsModule(f'{header}\n"""This API declares no schemas."""\n', frozenset(), frozenset(), {})
    document: dict[str, Any] = {
        "openapi": api.openapi if api.openapi.startswith(("3.0", "3.1")) else "3.1.0",
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": api.schemas},
    }
    base = f"{api.package}._base"
    content_holders = {rule.model for rule in api.content_rules}
    with tempfile.TemporaryDirectory(prefix="models-metadata-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        with warnings.catch_warnings():
            # e.g. "Pydantic does not take pattern on ...": reported by the tests on the output instead
            warnings.simplefilter("ignore")
            code = generate(
                document,
                input_file_type=InputFileType.OpenAPI,
                output_model_type=DataModelType.PydanticV2BaseModel,
                target_python_version=PythonVersion.PY_311,
                target_pydantic_version=TargetPydanticVersion.V2_14,
                base_class=f"{base}.Model",
                base_class_map={name: f"{base}.ContentModel" for name in sorted(content_holders)} or None,
                additional_imports=[f"{base}.ContentRule"] if content_holders else None,
                field_constraints=True,
                use_annotated=True,
                # absent and null stay apart: an optional field the spec does not make nullable refuses None
                use_missing_sentinel=True,
                # a wire name with a leading underscore (`_type_`) becomes `type_`, not `field_type_`
                remove_special_field_name_prefix=True,
                strict_nullable=True,
                enum_field_as_literal=LiteralType.All,
                use_type_alias=True,
                collapse_root_models=True,
                use_schema_description=True,
                use_field_description=True,
                field_extra_keys_without_x_prefix={"x-repr"},
                disable_timestamp=True,
                custom_file_header=header,
                formatters=[],
                emit_model_metadata=metadata_path,
            )
        metadata = json.loads(metadata_path.read_text(encoding="utf-8")) if metadata_path.exists() else {}
    if not isinstance(code, str):
        raise RuntimeError("datamodel-code-generator returned no single module")
    tree = ast.parse(code)
    classes = frozenset(node.name for node in tree.body if isinstance(node, ast.ClassDef))
    aliases = frozenset(
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    )
    names: dict[str, str] = {}
    for model in metadata.get("models", []):
        source = str(model.get("source_ref", ""))
        prefix = "#/components/schemas/"
        if source.startswith(prefix) and "/" not in source[len(prefix) :]:
            names[source[len(prefix) :]] = str(model["class_name"])
    for name in api.schemas:
        if name not in names and name in (classes | aliases):
            names[name] = name
    return ModelsModule(code=code, defined=classes | aliases, classes=classes, names=names)
