# Generated from specs/dbss/openapi.yaml (sha256 c36f2b1a9e4ab24f) by vendor-openapi-toolchain 0.1.0: do not edit.
"""What this package's client knows of Huawei Cloud Database Security Service (DBSS) - Adding a Self-Built Database: its servers, security schemes and operations.

The client runtime (`_base_client` and the modules beside it, the same in every generated package) reads these
tables; `client.py` gives each operation its typed method.
"""

from __future__ import annotations

from . import models
from ._operations import Operation, Param, ResponseSpec, Server, ServerVariable
from .auth import Scheme
from .signing import AkSk

USER_AGENT = "huaweicloud-dbss/2026.1.22 (python-httpx)"

SERVERS: tuple[Server, ...] = (
    Server(
        url="https://dbss.{region}.myhuaweicloud.com",
        variables=(ServerVariable(name="region", argument="region", default="ap-southeast-1"),),
    ),
)
"""The servers of the spec; the constructor's server arguments choose one (see `_operations.server_url`)."""

SCHEMES: tuple[Scheme, ...] = (
    Scheme(
        key="token",
        kind="apiKey",
        argument="token",
        location="header",
        parameter="X-Auth-Token",
        signer=AkSk,
    ),
)
"""The security schemes the constructor takes credentials for."""

OP_ADD_AUDIT_DATABASE_NEW: Operation[models.AddAuditDatabaseResponse] = Operation(
    name="add_audit_database_new",
    method="POST",
    path="/v2/{project_id}/audit/{instance_id}/databases",
    params=(
        Param(argument="project_id", name="project_id", location="path", style="simple", explode=False),
        Param(argument="instance_id", name="instance_id", location="path", style="simple", explode=False),
    ),
    params_model=models.AddAuditDatabaseNewParameters,
    body_type=models.AddAuditDatabaseRequest,
    body_kind="json",
    body_media_type="application/json",
    responses=(
        ResponseSpec(status="200", kind="json", type=models.AddAuditDatabaseResponse),
        ResponseSpec(status="400", kind="json", type=models.DbssErrorResponse),
        ResponseSpec(status="401", kind="json", type=models.DbssErrorResponse),
        ResponseSpec(status="403", kind="json", type=models.DbssErrorResponse),
        ResponseSpec(status="500", kind="json", type=models.DbssErrorResponse),
    ),
    security=(("token",),),
    accept="application/json",
)
