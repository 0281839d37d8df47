# Generated from specs/gaussdb-opengauss/openapi.yaml (sha256 7f74c040d4f3ac97) by vendor-openapi-toolchain 0.1.0: do not edit.
# The spec's schemas as Pydantic models (datamodel-code-generator).

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from huaweicloud_gaussdb_opengauss._base import Model


class InstallKernelPluginParameters(Model):
    """
    Keyword arguments of `install_kernel_plugin`, as validated before the request is sent.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    project_id: Annotated[str, Field(max_length=32, min_length=32, pattern="^[A-Za-z0-9]{32}$")]
    """
    ID of the tenant's project in the region (see "Obtaining a Project ID"): exactly 32 letters or digits.
    """
    instance_id: Annotated[str, Field(max_length=36, min_length=36, pattern="^[A-Za-z0-9]{36}$")]
    """
    Unique ID of the GaussDB instance: exactly 36 letters or digits (for example 32 hexadecimal characters followed by the engine suffix `in14`).
    """
    x_language: Literal["zh-cn", "en-us"] = "en-us"
    """
    Language of the response messages.
    """


class InstallKernelPluginRequest(Model):
    """
    Body of an install-plug-in request.
    """

    plugin_name: Annotated[str, Field(min_length=1)]
    """
    Name of the plug-in package. The page says only the PostGIS plug-in provided by Yukon is supported today (its example sends `postgis`); that names the one supported product, not a closed list of spellings, so other names are left for the server to judge.
    """
    url: Annotated[str, Field(min_length=1)]
    """
    Download location of the plug-in package: the shared object URL of the package in an OBS bucket of the tenant.
    """
    sha_256: Annotated[str, Field(pattern="^[A-Fa-f0-9]{64}$")]
    """
    SHA-256 digest of the plug-in package, as 64 hexadecimal characters.
    """


class InstallKernelPluginResponse(Model):
    """
    Result of an install-plug-in request.
    """

    job_id: str
    """
    ID of the asynchronous plug-in installation workflow (job).
    """


class GaussDBErrorResponse(Model):
    """
    Error body returned by GaussDB for every error status.
    """

    error_code: str
    """
    Service error code, of the form `DBS.` followed by digits (for example DBS.200001).
    """
    error_msg: str
    """
    Human-readable error message.
    """
