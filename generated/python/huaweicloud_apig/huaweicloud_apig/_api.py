# Generated from specs/apig/openapi.yaml (sha256 aeb26727db812b06) by vendor-openapi-toolchain 0.1.0: do not edit.
"""What this package's client knows of Huawei Cloud API Gateway (APIG) - Creating a Plug-in: its servers, security schemes and operations.

The client runtime (`_base_client` and the modules beside it, the same in every generated package) reads these
tables; `client.py` gives each operation its typed method.
"""

from __future__ import annotations

from . import models
from ._operations import Operation, Param, ResponseSpec, Server, ServerVariable
from .auth import Scheme
from .rules import RuleSet
from .signing import AkSk

USER_AGENT = "huaweicloud-apig/1.0.0 (python-httpx)"

SERVERS: tuple[Server, ...] = (
    Server(
        url="https://apig.{region}.myhuaweicloud.com",
        variables=(ServerVariable(name="region", argument="region", default="ap-southeast-1"),),
    ),
    Server(
        url="https://apig.{region}.myhuaweicloud.eu",
        variables=(ServerVariable(name="region", argument="region", default="eu-west-101", enum=("eu-west-101",)),),
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

OP_CREATE_PLUGIN: Operation[models.CreatePluginResponse] = Operation(
    name="create_plugin",
    method="POST",
    path="/v2/{project_id}/apigw/instances/{instance_id}/plugins",
    params=(
        Param(argument="project_id", name="project_id", location="path", style="simple", explode=False),
        Param(argument="instance_id", name="instance_id", location="path", style="simple", explode=False),
    ),
    params_model=models.CreatePluginParameters,
    body_type=models.CreatePluginRequest,
    body_kind="json",
    body_media_type="application/json",
    body_rules=RuleSet(models.RULES, "CreatePluginRequest"),
    responses=(
        ResponseSpec(status="201", kind="json", type=models.CreatePluginResponse),
        ResponseSpec(status="400", kind="json", type=models.ApigErrorResponse),
        ResponseSpec(status="401", kind="json", type=models.ApigErrorResponse),
        ResponseSpec(status="403", kind="json", type=models.ApigErrorResponse),
        ResponseSpec(status="404", kind="json", type=models.ApigErrorResponse),
        ResponseSpec(status="500", kind="json", type=models.ApigErrorResponse),
    ),
    security=(("token",),),
    accept="application/json",
)
