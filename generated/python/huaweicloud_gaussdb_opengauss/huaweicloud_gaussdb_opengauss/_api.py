# Generated from specs/gaussdb-opengauss/openapi.yaml (sha256 7f74c040d4f3ac97) by vendor-openapi-toolchain 0.1.0: do not edit.
"""What this package's client knows of Huawei Cloud GaussDB (openGauss) - Installing a Plug-in: its servers, security schemes and operations.

The client runtime (`_base_client` and the modules beside it, the same in every generated package) reads these
tables; `client.py` gives each operation its typed method.
"""

from __future__ import annotations

from . import models
from ._operations import Operation, Param, ResponseSpec, Server, ServerVariable
from .auth import Scheme
from .signing import AkSk

USER_AGENT = "huaweicloud-gaussdb-opengauss/2025.8.11 (python-httpx)"

SERVERS: tuple[Server, ...] = (
    Server(
        url="https://gaussdb-opengauss.{region}.myhuaweicloud.com",
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

OP_INSTALL_KERNEL_PLUGIN: Operation[models.InstallKernelPluginResponse] = Operation(
    name="install_kernel_plugin",
    method="POST",
    path="/v3/{project_id}/instances/{instance_id}/kernel-plugin",
    params=(
        Param(argument="project_id", name="project_id", location="path", style="simple", explode=False),
        Param(argument="instance_id", name="instance_id", location="path", style="simple", explode=False),
        Param(argument="x_language", name="X-Language", location="header", style="simple", explode=False),
    ),
    params_model=models.InstallKernelPluginParameters,
    body_type=models.InstallKernelPluginRequest,
    body_kind="json",
    body_media_type="application/json",
    responses=(
        ResponseSpec(status="200", kind="json", type=models.InstallKernelPluginResponse),
        ResponseSpec(status="400", kind="json", type=models.GaussDBErrorResponse),
        ResponseSpec(status="401", kind="json", type=models.GaussDBErrorResponse),
        ResponseSpec(status="403", kind="json", type=models.GaussDBErrorResponse),
        ResponseSpec(status="404", kind="json", type=models.GaussDBErrorResponse),
        ResponseSpec(status="500", kind="json", type=models.GaussDBErrorResponse),
    ),
    security=(("token",),),
    accept="application/json",
)
