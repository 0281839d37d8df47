# Generated from specs/commvault/openapi.yaml (sha256 3cafcb6c824dce15) by vendor-openapi-toolchain 0.1.0: do not edit.
"""What this package's client knows of Commvault Command Center - Create Alibaba PaaS PostgreSQL Instance: its servers, security schemes and operations.

The client runtime (`_base_client` and the modules beside it, the same in every generated package) reads these
tables; `client.py` gives each operation its typed method.
"""

from __future__ import annotations

from . import models
from ._operations import Operation, ResponseSpec, Server, ServerVariable
from .auth import Scheme

USER_AGENT = "commvault-commandcenter/1.0.0 (python-httpx)"

SERVERS: tuple[Server, ...] = (
    Server(
        url="https://{CommandCenterHostName}/commandcenter/api",
        variables=(ServerVariable(name="CommandCenterHostName", argument="host", default="commandcenter.example.com"),),
    ),
)
"""The servers of the spec; the constructor's server arguments choose one (see `_operations.server_url`)."""

SCHEMES: tuple[Scheme, ...] = (
    Scheme(
        key="token",
        kind="apiKey",
        argument="token",
        location="header",
        parameter="Authtoken",
    ),
)
"""The security schemes the constructor takes credentials for."""

OP_CREATE_ALI_POSTGRES_INSTANCE: Operation[models.CreateAliPostgresInstanceResponse] = Operation(
    name="create_ali_postgres_instance",
    method="POST",
    path="/Instance",
    body_type=models.CreateAliPostgresInstanceRequest,
    body_kind="json",
    body_media_type="application/json",
    responses=(
        ResponseSpec(status="200", kind="json", type=models.CreateAliPostgresInstanceResponse),
        ResponseSpec(status="400", kind="json", type=models.CommvaultErrorResponse),
        ResponseSpec(status="401", kind="json", type=models.CommvaultErrorResponse),
        ResponseSpec(status="404", kind="json", type=models.CommvaultErrorResponse),
        ResponseSpec(status="500", kind="json", type=models.CommvaultErrorResponse),
    ),
    security=(("token",),),
    accept="application/json",
)
