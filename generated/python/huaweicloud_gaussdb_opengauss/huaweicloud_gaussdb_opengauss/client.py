"""Huawei Cloud GaussDB (openGauss) - Installing a Plug-in: `Client` and `AsyncClient`, one method per operation of the spec.

Installs a database plug-in on a GaussDB (openGauss) instance. The plug-in package must have been
uploaded to an OBS bucket first and is identified by its shared object URL and SHA-256 checksum. The
call starts an asynchronous installation workflow whose ID is returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import httpx

from . import models
from ._base_client import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_RETRY_BACKOFF,
    DEFAULT_RETRY_MAX_DELAY,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    APIResponse,
    AsyncAPIClient,
    NotGiven,
    Operation,
    Param,
    ResponseSpec,
    Server,
    ServerVariable,
    SyncAPIClient,
    server_url,
)
from .auth import AkSk, ApiKey, Credential

SERVERS = (
    Server(
        "https://gaussdb-opengauss.{region}.myhuaweicloud.com",
        (ServerVariable("region", "region", "ap-southeast-1", ()),),
    ),
)
"""The servers of the spec; the constructor's server arguments choose one (see `server_url`)."""

_INSTALL_KERNEL_PLUGIN: Operation[models.InstallKernelPluginResponse] = Operation(
    name="install_kernel_plugin",
    method="POST",
    path="/v3/{project_id}/instances/{instance_id}/kernel-plugin",
    params=(
        Param("project_id", "project_id", "path", "simple", False),
        Param("instance_id", "instance_id", "path", "simple", False),
        Param("x_language", "X-Language", "header", "simple", False),
    ),
    params_model=models.InstallKernelPluginParameters,
    body_type=models.InstallKernelPluginRequest,
    body_kind="json",
    body_media_type="application/json",
    responses=(
        ResponseSpec("200", "json", models.InstallKernelPluginResponse),
        ResponseSpec("400", "json", models.GaussDBErrorResponse),
        ResponseSpec("401", "json", models.GaussDBErrorResponse),
        ResponseSpec("403", "json", models.GaussDBErrorResponse),
        ResponseSpec("404", "json", models.GaussDBErrorResponse),
        ResponseSpec("500", "json", models.GaussDBErrorResponse),
    ),
    security=(("token",),),
)


def _credentials(
    *,
    token: str | None,
    ak: str | None,
    sk: str | None,
) -> dict[str, Credential]:
    credentials: dict[str, Credential] = {}
    if token is not None:
        credentials["token"] = ApiKey("header", "X-Auth-Token", token)
    if ak is not None or sk is not None:
        if ak is None or sk is None:
            raise ValueError("ak and sk go together")
        if token is not None:
            raise ValueError("give either token or ak and sk, not both")
        credentials["token"] = AkSk(ak, sk)
    return credentials


class Client(SyncAPIClient):
    """Huawei Cloud GaussDB (openGauss) - Installing a Plug-in (blocking).

    Give `base_url`, or the server arguments (`region`) to build it from the spec's servers.
    Credentials: `token` (header X-Auth-Token), or `ak` and `sk` to sign every request with SDK-HMAC-SHA256.
    Calls time out after `timeout` (default: 10 s to connect, 60 s to read) and are retried `max_retries` times
    (default 2) on connection errors, timeouts, 429, 502, 503 and 504, with exponential backoff and jitter,
    honouring Retry-After. The operations may create resources: a retry after a lost response can create a
    duplicate, so pass `max_retries=0` (here or per call) where that matters.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        region: str = "ap-southeast-1",
        token: str | None = None,
        ak: str | None = None,
        sk: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_backoff: float = DEFAULT_RETRY_BACKOFF,
        retry_max_delay: float = DEFAULT_RETRY_MAX_DELAY,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url
            if base_url is not None
            else server_url(
                SERVERS,
                {
                    "region": region,
                },
            ),
            credentials=_credentials(
                token=token,
                ak=ak,
                sk=sk,
            ),
            timeout=timeout,
            max_retries=max_retries,
            retry_backoff=retry_backoff,
            retry_max_delay=retry_max_delay,
            headers=headers,
            http_client=http_client,
        )
        self.with_raw_response = ClientWithRawResponse(self)
        """The same methods, returning the `APIResponse` (status, headers, raw body; `.parse()` for the model)."""

    def install_kernel_plugin(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.InstallKernelPluginRequest | Mapping[str, Any],
        x_language: Literal["zh-cn", "en-us"] | NotGiven = NOT_GIVEN,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> models.InstallKernelPluginResponse:
        """
        Install a database plug-in

        Starts the installation of a kernel plug-in package (currently only Yukon's PostGIS) on the given
        instance. The package is fetched from the OBS shared URL and checked against the given SHA-256
        digest. The response carries the ID of the installation workflow (job).

        `POST /v3/{project_id}/instances/{instance_id}/kernel-plugin` (operationId `InstallKernelPlugin`).

        Args:
            project_id: ID of the tenant's project in the region (see "Obtaining a Project ID"): exactly 32
                letters or digits.
            instance_id: Unique ID of the GaussDB instance: exactly 36 letters or digits (for example 32
                hexadecimal characters followed by the engine suffix `in14`).
            body: The request body (application/json).
            x_language: Language of the response messages. Optional.
            timeout: Overrides the client's timeout for this call.
            max_retries: Overrides the client's number of retries for this call.
            extra_headers: Headers added to this request.

        Raises:
            RequestValidationError: an argument breaks the spec (nothing is sent).
            APIStatusError: the server answered with an error status (subclass per status).
            APIConnectionError: no response (APITimeoutError when it timed out).
        """
        response = self._request(
            _INSTALL_KERNEL_PLUGIN,
            {
                "project_id": project_id,
                "instance_id": instance_id,
                "x_language": x_language,
            },
            body,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
        )
        return response.parse()


class ClientWithRawResponse:
    """`Client.with_raw_response`: each method returns the `APIResponse` instead of the parsed model."""

    def __init__(self, client: Client) -> None:
        self._client = client

    def install_kernel_plugin(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.InstallKernelPluginRequest | Mapping[str, Any],
        x_language: Literal["zh-cn", "en-us"] | NotGiven = NOT_GIVEN,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> APIResponse[models.InstallKernelPluginResponse]:
        """
        Install a database plug-in (the raw HTTP response; `.parse()` gives the model)

        Starts the installation of a kernel plug-in package (currently only Yukon's PostGIS) on the given
        instance. The package is fetched from the OBS shared URL and checked against the given SHA-256
        digest. The response carries the ID of the installation workflow (job).

        `POST /v3/{project_id}/instances/{instance_id}/kernel-plugin` (operationId `InstallKernelPlugin`).

        Args:
            project_id: ID of the tenant's project in the region (see "Obtaining a Project ID"): exactly 32
                letters or digits.
            instance_id: Unique ID of the GaussDB instance: exactly 36 letters or digits (for example 32
                hexadecimal characters followed by the engine suffix `in14`).
            body: The request body (application/json).
            x_language: Language of the response messages. Optional.
            timeout: Overrides the client's timeout for this call.
            max_retries: Overrides the client's number of retries for this call.
            extra_headers: Headers added to this request.

        Raises:
            RequestValidationError: an argument breaks the spec (nothing is sent).
            APIStatusError: the server answered with an error status (subclass per status).
            APIConnectionError: no response (APITimeoutError when it timed out).
        """
        return self._client._request(
            _INSTALL_KERNEL_PLUGIN,
            {
                "project_id": project_id,
                "instance_id": instance_id,
                "x_language": x_language,
            },
            body,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
        )


class AsyncClient(AsyncAPIClient):
    """Huawei Cloud GaussDB (openGauss) - Installing a Plug-in (asyncio).

    Give `base_url`, or the server arguments (`region`) to build it from the spec's servers.
    Credentials: `token` (header X-Auth-Token), or `ak` and `sk` to sign every request with SDK-HMAC-SHA256.
    Calls time out after `timeout` (default: 10 s to connect, 60 s to read) and are retried `max_retries` times
    (default 2) on connection errors, timeouts, 429, 502, 503 and 504, with exponential backoff and jitter,
    honouring Retry-After. The operations may create resources: a retry after a lost response can create a
    duplicate, so pass `max_retries=0` (here or per call) where that matters.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        region: str = "ap-southeast-1",
        token: str | None = None,
        ak: str | None = None,
        sk: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_backoff: float = DEFAULT_RETRY_BACKOFF,
        retry_max_delay: float = DEFAULT_RETRY_MAX_DELAY,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url
            if base_url is not None
            else server_url(
                SERVERS,
                {
                    "region": region,
                },
            ),
            credentials=_credentials(
                token=token,
                ak=ak,
                sk=sk,
            ),
            timeout=timeout,
            max_retries=max_retries,
            retry_backoff=retry_backoff,
            retry_max_delay=retry_max_delay,
            headers=headers,
            http_client=http_client,
        )
        self.with_raw_response = AsyncClientWithRawResponse(self)
        """The same methods, returning the `APIResponse` (status, headers, raw body; `.parse()` for the model)."""

    async def install_kernel_plugin(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.InstallKernelPluginRequest | Mapping[str, Any],
        x_language: Literal["zh-cn", "en-us"] | NotGiven = NOT_GIVEN,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> models.InstallKernelPluginResponse:
        """
        Install a database plug-in

        Starts the installation of a kernel plug-in package (currently only Yukon's PostGIS) on the given
        instance. The package is fetched from the OBS shared URL and checked against the given SHA-256
        digest. The response carries the ID of the installation workflow (job).

        `POST /v3/{project_id}/instances/{instance_id}/kernel-plugin` (operationId `InstallKernelPlugin`).

        Args:
            project_id: ID of the tenant's project in the region (see "Obtaining a Project ID"): exactly 32
                letters or digits.
            instance_id: Unique ID of the GaussDB instance: exactly 36 letters or digits (for example 32
                hexadecimal characters followed by the engine suffix `in14`).
            body: The request body (application/json).
            x_language: Language of the response messages. Optional.
            timeout: Overrides the client's timeout for this call.
            max_retries: Overrides the client's number of retries for this call.
            extra_headers: Headers added to this request.

        Raises:
            RequestValidationError: an argument breaks the spec (nothing is sent).
            APIStatusError: the server answered with an error status (subclass per status).
            APIConnectionError: no response (APITimeoutError when it timed out).
        """
        response = await self._request(
            _INSTALL_KERNEL_PLUGIN,
            {
                "project_id": project_id,
                "instance_id": instance_id,
                "x_language": x_language,
            },
            body,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
        )
        return response.parse()


class AsyncClientWithRawResponse:
    """`AsyncClient.with_raw_response`: each method returns the `APIResponse` instead of the parsed model."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def install_kernel_plugin(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.InstallKernelPluginRequest | Mapping[str, Any],
        x_language: Literal["zh-cn", "en-us"] | NotGiven = NOT_GIVEN,
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> APIResponse[models.InstallKernelPluginResponse]:
        """
        Install a database plug-in (the raw HTTP response; `.parse()` gives the model)

        Starts the installation of a kernel plug-in package (currently only Yukon's PostGIS) on the given
        instance. The package is fetched from the OBS shared URL and checked against the given SHA-256
        digest. The response carries the ID of the installation workflow (job).

        `POST /v3/{project_id}/instances/{instance_id}/kernel-plugin` (operationId `InstallKernelPlugin`).

        Args:
            project_id: ID of the tenant's project in the region (see "Obtaining a Project ID"): exactly 32
                letters or digits.
            instance_id: Unique ID of the GaussDB instance: exactly 36 letters or digits (for example 32
                hexadecimal characters followed by the engine suffix `in14`).
            body: The request body (application/json).
            x_language: Language of the response messages. Optional.
            timeout: Overrides the client's timeout for this call.
            max_retries: Overrides the client's number of retries for this call.
            extra_headers: Headers added to this request.

        Raises:
            RequestValidationError: an argument breaks the spec (nothing is sent).
            APIStatusError: the server answered with an error status (subclass per status).
            APIConnectionError: no response (APITimeoutError when it timed out).
        """
        return await self._client._request(
            _INSTALL_KERNEL_PLUGIN,
            {
                "project_id": project_id,
                "instance_id": instance_id,
                "x_language": x_language,
            },
            body,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
        )


__all__ = ["SERVERS", "AsyncClient", "AsyncClientWithRawResponse", "Client", "ClientWithRawResponse"]
