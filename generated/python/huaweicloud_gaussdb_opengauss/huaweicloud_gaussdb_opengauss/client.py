# Generated from specs/gaussdb-opengauss/openapi.yaml (sha256 7f74c040d4f3ac97) by vendor-openapi-toolchain 0.1.0: do not edit.
"""Huawei Cloud GaussDB (openGauss) - Installing a Plug-in: `Client` and `AsyncClient`, one method per operation of the spec.

Installs a database plug-in on a GaussDB (openGauss) instance. The plug-in package must have been
uploaded to an OBS bucket first and is identified by its shared object URL and SHA-256 checksum. The
call starts an asynchronous installation workflow whose ID is returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from ._base_client import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RETRY_BACKOFF,
    DEFAULT_RETRY_MAX_DELAY,
    AsyncAPIClient,
    SyncAPIClient,
    async_raw_response,
    raw_response,
)
from ._lazy import LazyModule
from ._operations import NOT_GIVEN, NotGiven

if TYPE_CHECKING:
    import httpx

    from . import _api, models
else:  # httpx, the spec's tables and its models load with the first client made, not with this module (`_lazy`)
    httpx = LazyModule("httpx", globals())
    _api = LazyModule("._api", globals(), __package__)
    models = LazyModule(".models", globals(), __package__)


class Client(SyncAPIClient):
    """Huawei Cloud GaussDB (openGauss) - Installing a Plug-in (blocking).

    Give `base_url`, or the server arguments (`region`) to build it from the spec's servers.
    Credentials: `token` (header X-Auth-Token), or `ak` and `sk` to sign every request with SDK-HMAC-SHA256.
    Each phase of a request times out after `timeout` (default: 10 s to connect, 60 s to read) and the whole
    call, retries included, after `deadline` seconds (default 300). Calls are retried `max_retries` times
    (default 2) on connection errors, timeouts, 429, 502, 503 and 504, with exponential backoff and jitter,
    honouring Retry-After. The operations may create resources: a retry after a lost response can create a
    duplicate, so pass `max_retries=0` (here or per call) where that matters. A response body larger than
    `max_response_size` bytes (default 32 MiB, on the wire or decompressed) is refused. A response that breaks the
    spec is read as far as it fits and logged as a warning; `strict_responses=True` raises
    APIResponseValidationError instead (for contract tests).
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        region: str = "ap-southeast-1",
        token: str | None = None,
        ak: str | None = None,
        sk: str | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = DEFAULT_DEADLINE,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_backoff: float = DEFAULT_RETRY_BACKOFF,
        retry_max_delay: float = DEFAULT_RETRY_MAX_DELAY,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        strict_responses: bool = False,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            servers=_api.SERVERS,
            schemes=_api.SCHEMES,
            user_agent=_api.USER_AGENT,
            base_url=base_url,
            server_values={
                "region": region,
            },
            credential_values={
                "token": token,
                "ak": ak,
                "sk": sk,
            },
            timeout=timeout,
            deadline=deadline,
            max_retries=max_retries,
            retry_backoff=retry_backoff,
            retry_max_delay=retry_max_delay,
            max_response_size=max_response_size,
            strict_responses=strict_responses,
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
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        strict_responses: bool | NotGiven = NOT_GIVEN,
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
            timeout: Overrides the client's per-phase timeouts for this call.
            deadline: Overrides the client's limit on the whole call (every attempt), in seconds.
            max_retries: Overrides the client's number of retries for this call.
            strict_responses: Overrides the client's choice: raise APIResponseValidationError for a response
                that
                breaks the spec instead of logging a warning and keeping what arrived.
            extra_headers: Headers added to this request.

        Raises:
            RequestValidationError: an argument breaks the spec (nothing is sent).
            APIStatusError: the server answered with a status that is not a success (subclass per status).
            APIConnectionError: no response (APITimeoutError when it timed out).
        """
        return self._call(
            _api.OP_INSTALL_KERNEL_PLUGIN,
            {
                "project_id": project_id,
                "instance_id": instance_id,
                "x_language": x_language,
            },
            body,
            timeout=timeout,
            deadline=deadline,
            max_retries=max_retries,
            strict_responses=strict_responses,
            extra_headers=extra_headers,
        )


class ClientWithRawResponse:
    """`Client.with_raw_response`: each method of the client, returning the `APIResponse` instead of the
    parsed model (same arguments and documentation)."""

    def __init__(self, client: Client) -> None:
        self.install_kernel_plugin = raw_response(client.install_kernel_plugin)


class AsyncClient(AsyncAPIClient):
    """Huawei Cloud GaussDB (openGauss) - Installing a Plug-in (asyncio).

    Give `base_url`, or the server arguments (`region`) to build it from the spec's servers.
    Credentials: `token` (header X-Auth-Token), or `ak` and `sk` to sign every request with SDK-HMAC-SHA256.
    Each phase of a request times out after `timeout` (default: 10 s to connect, 60 s to read) and the whole
    call, retries included, after `deadline` seconds (default 300). Calls are retried `max_retries` times
    (default 2) on connection errors, timeouts, 429, 502, 503 and 504, with exponential backoff and jitter,
    honouring Retry-After. The operations may create resources: a retry after a lost response can create a
    duplicate, so pass `max_retries=0` (here or per call) where that matters. A response body larger than
    `max_response_size` bytes (default 32 MiB, on the wire or decompressed) is refused. A response that breaks the
    spec is read as far as it fits and logged as a warning; `strict_responses=True` raises
    APIResponseValidationError instead (for contract tests).
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        region: str = "ap-southeast-1",
        token: str | None = None,
        ak: str | None = None,
        sk: str | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | None = DEFAULT_DEADLINE,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_backoff: float = DEFAULT_RETRY_BACKOFF,
        retry_max_delay: float = DEFAULT_RETRY_MAX_DELAY,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        strict_responses: bool = False,
        headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            servers=_api.SERVERS,
            schemes=_api.SCHEMES,
            user_agent=_api.USER_AGENT,
            base_url=base_url,
            server_values={
                "region": region,
            },
            credential_values={
                "token": token,
                "ak": ak,
                "sk": sk,
            },
            timeout=timeout,
            deadline=deadline,
            max_retries=max_retries,
            retry_backoff=retry_backoff,
            retry_max_delay=retry_max_delay,
            max_response_size=max_response_size,
            strict_responses=strict_responses,
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
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        strict_responses: bool | NotGiven = NOT_GIVEN,
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
            timeout: Overrides the client's per-phase timeouts for this call.
            deadline: Overrides the client's limit on the whole call (every attempt), in seconds.
            max_retries: Overrides the client's number of retries for this call.
            strict_responses: Overrides the client's choice: raise APIResponseValidationError for a response
                that
                breaks the spec instead of logging a warning and keeping what arrived.
            extra_headers: Headers added to this request.

        Raises:
            RequestValidationError: an argument breaks the spec (nothing is sent).
            APIStatusError: the server answered with a status that is not a success (subclass per status).
            APIConnectionError: no response (APITimeoutError when it timed out).
        """
        return await self._call(
            _api.OP_INSTALL_KERNEL_PLUGIN,
            {
                "project_id": project_id,
                "instance_id": instance_id,
                "x_language": x_language,
            },
            body,
            timeout=timeout,
            deadline=deadline,
            max_retries=max_retries,
            strict_responses=strict_responses,
            extra_headers=extra_headers,
        )


class AsyncClientWithRawResponse:
    """`AsyncClient.with_raw_response`: each method of the client, returning the `APIResponse` instead of the
    parsed model (same arguments and documentation)."""

    def __init__(self, client: AsyncClient) -> None:
        self.install_kernel_plugin = async_raw_response(client.install_kernel_plugin)


__all__ = ["AsyncClient", "AsyncClientWithRawResponse", "Client", "ClientWithRawResponse"]
