"""The specs against the vendor's own Python SDK models (huaweicloudsdk* 3.1.x from PyPI, a dev dependency).

For the request, body and response models of the three Huawei operations, every field of the SDK
(`openapi_types` for the type, `attribute_map` for the wire name) must be in the spec with the same type, and every
field of the spec must be in the SDK. The differences the specs make on purpose are listed here with the ERRATA
entry that explains them; any other difference fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# dev dependencies (pyproject.toml): a missing one is an error, not a skip
import huaweicloudsdkapig.v2.model as apig_sdk
import huaweicloudsdkdbss.v1.model as dbss_sdk
import huaweicloudsdkgaussdbforopengauss.v3.model as gauss_sdk
import pytest

from generator.spec.load import Workspace
from tests.conftest import ROOT

# SDK scalar type -> (JSON Schema type, format or None)
SCALARS = {
    "str": ("string", None),
    "int": ("integer", None),
    "bool": ("boolean", None),
    "float": ("number", None),
    "datetime": ("string", "date-time"),
}


@dataclass(frozen=True)
class Pair:
    """One SDK model and the part of a spec it corresponds to."""

    name: str
    sdk: Any
    spec: str  # catalog spec file under specs/
    kind: str  # "parameters" (path/header parameters + body), "schema" (a component schema)
    target: str  # operationId or schema name
    # wire names the spec has and the SDK has not, or the other way round, each with its ERRATA reason
    spec_only: tuple[str, ...] = ()
    sdk_only: tuple[str, ...] = ()


PAIRS = (
    # project_id: the SDK fills it in from its credentials instead of taking it per request (ERRATA Shared 5)
    Pair("apig request", apig_sdk.CreatePluginRequest, "apig", "parameters", "CreatePlugin", spec_only=("project_id",)),
    Pair("apig body", apig_sdk.PluginCreate, "apig", "schema", "CreatePluginRequest"),
    Pair("apig response", apig_sdk.CreatePluginResponse, "apig", "schema", "CreatePluginResponse"),
    Pair(
        "dbss request",
        dbss_sdk.AddAuditDatabaseNewRequest,
        "dbss",
        "parameters",
        "AddAuditDatabaseNew",
        spec_only=("project_id",),
    ),
    Pair("dbss body", dbss_sdk.CreateDatabaseRequest, "dbss", "schema", "AddAuditDatabaseRequest"),
    Pair("dbss database", dbss_sdk.CreateDatabaseRequestDatabase, "dbss", "schema", "AuditDatabase"),
    Pair("dbss response", dbss_sdk.AddAuditDatabaseNewResponse, "dbss", "schema", "AddAuditDatabaseResponse"),
    Pair(
        "gaussdb request",
        gauss_sdk.InstallKernelPluginRequest,
        "gaussdb-opengauss",
        "parameters",
        "InstallKernelPlugin",
        spec_only=("project_id",),
    ),
    Pair(
        "gaussdb body",
        gauss_sdk.InstallKernelPluginRequestBody,
        "gaussdb-opengauss",
        "schema",
        "InstallKernelPluginRequest",
    ),
    Pair(
        "gaussdb response",
        gauss_sdk.InstallKernelPluginResponse,
        "gaussdb-opengauss",
        "schema",
        "InstallKernelPluginResponse",
    ),
)


class Spec:
    def __init__(self, name: str) -> None:
        self.workspace = Workspace()
        self.document = self.workspace.load(ROOT / "specs" / name / "openapi.yaml")

    def resolve(self, node: Any) -> Any:
        """Follow `$ref`s (across files) until a schema without one."""
        document, pointer = self.document, ""
        for _ in range(20):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                return node
            target = self.workspace.follow(document, pointer, node)
            document, pointer, node = target.document, target.pointer, target.value
        raise AssertionError("a $ref chain does not end")

    def operation(self, operation_id: str) -> dict[str, Any]:
        for item in self.document.data["paths"].values():
            for op in item.values():
                if isinstance(op, dict) and op.get("operationId") == operation_id:
                    return op
        raise AssertionError(f"no operation {operation_id}")

    def schema(self, name: str) -> dict[str, Any]:
        schema = self.resolve(self.document.data["components"]["schemas"][name])
        assert isinstance(schema, dict)
        return schema


def _sdk_fields(model: Any) -> dict[str, str]:
    """Wire name -> SDK type, for the fields of an SDK model."""
    return {model.attribute_map[attr]: kind for attr, kind in model.openapi_types.items()}


def _spec_type(spec: Spec, schema: Any) -> tuple[str, str | None]:
    """(JSON type, format or the class name of an object), ignoring null in "X or null"."""
    schema = spec.resolve(schema)
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            options = [spec.resolve(s) for s in schema[key] if spec.resolve(s).get("type") != "null"]
            if len(options) == 1:
                return _spec_type(spec, options[0])
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if kind is None and "properties" in schema:
        kind = "object"
    return str(kind), schema.get("format")


def _matches(spec: Spec, sdk_type: str, schema: Any) -> bool:
    kind, fmt = _spec_type(spec, schema)
    if sdk_type in SCALARS:
        expected_kind, expected_format = SCALARS[sdk_type]
        return kind == expected_kind and (expected_format is None or fmt == expected_format)
    listed = re.fullmatch(r"list\[(.+)\]", sdk_type)
    if listed:
        return kind == "array" and _matches(spec, listed.group(1), spec.resolve(schema).get("items", {}))
    return kind == "object"  # an SDK model class: the spec's object (its fields are compared as their own pair)


def _spec_fields(spec: Spec, pair: Pair) -> dict[str, Any]:
    """Wire name -> schema of the spec side of a pair."""
    if pair.kind == "schema":
        return dict(spec.schema(pair.target).get("properties") or {})
    op = spec.operation(pair.target)
    fields: dict[str, Any] = {}
    for parameter in op.get("parameters") or []:
        parameter = spec.resolve(parameter)
        fields[parameter["name"]] = parameter["schema"]
    body = spec.resolve(op["requestBody"])
    fields["body"] = body["content"]["application/json"]["schema"]
    return fields


@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_every_sdk_field_is_in_the_spec_with_its_type(pair: Pair) -> None:
    spec = Spec(pair.spec)
    sdk = _sdk_fields(pair.sdk)
    ours = _spec_fields(spec, pair)
    assert sorted(set(ours) - set(sdk)) == sorted(pair.spec_only), "fields only the spec has"
    assert sorted(set(sdk) - set(ours)) == sorted(pair.sdk_only), "fields only the SDK has"
    wrong = {
        name: (kind, _spec_type(spec, ours[name]))
        for name, kind in sdk.items()
        if name in ours and not _matches(spec, kind, ours[name])
    }
    assert wrong == {}, "SDK type vs spec type"


def test_the_sdk_response_times_are_date_times() -> None:
    """The SDK parses create_time/update_time as datetime: the spec says date-time and requires both."""
    spec = Spec("apig")
    response = spec.schema("CreatePluginResponse")
    for name in ("create_time", "update_time"):
        assert apig_sdk.CreatePluginResponse.openapi_types[name] == "datetime"
        assert _spec_type(spec, response["properties"][name]) == ("string", "date-time")
        assert name in response["required"]


def test_the_sdk_sends_the_language_header_the_spec_declares() -> None:
    assert gauss_sdk.InstallKernelPluginRequest.attribute_map["x_language"] == "X-Language"
    op = Spec("gaussdb-opengauss").operation("InstallKernelPlugin")
    spec = Spec("gaussdb-opengauss")
    headers = [spec.resolve(p) for p in op["parameters"] if spec.resolve(p)["in"] == "header"]
    assert [h["name"] for h in headers] == ["X-Language"]


def test_the_sdk_has_a_separate_operation_for_rds_databases() -> None:
    """The page "Adding a Self-Built Database" lists RDS as a classification; the SDK also has AddRdsDatabaseNew
    (ERRATA DBSS 13). The spec keeps RDS in the enum, as the page documents it."""
    assert hasattr(dbss_sdk, "AddRdsDatabaseNewRequest")
    assert "RDS" in Spec("dbss").schema("AuditDatabase")["properties"]["db_classification"]["enum"]
