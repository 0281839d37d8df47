# Generated from specs/apig/openapi.yaml (sha256 aeb26727db812b06) by vendor-openapi-toolchain 0.1.0: do not edit.
"""Huawei Cloud API Gateway (APIG) - Creating a Plug-in: `Client` and `AsyncClient`, one method per operation of the spec.

Creates a plug-in on a dedicated gateway. Plug-in names must be unique; a plug-in does nothing until
it is bound to an API, and takes effect immediately once bound. The plug-in's configuration is sent
as a JSON document serialised into the `plugin_content` string; its model depends on `plugin_type`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

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
    """Huawei Cloud API Gateway (APIG) - Creating a Plug-in (blocking).

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

    def create_plugin(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.CreatePluginRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        strict_responses: bool | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> models.CreatePluginResponse:
        """
        Create a plug-in

        Creates a plug-in of one of six types (cors, set_resp_headers, kafka_log, breaker, rate_limit,
        third_auth) on the gateway `instance_id`. The plug-in configuration is a JSON document, serialised
        into the `plugin_content` string, that must match the content model of the chosen `plugin_type`.
        Plug-in names must be unique; a plug-in takes effect once it is bound to an API.

        `POST /v2/{project_id}/apigw/instances/{instance_id}/plugins` (operationId `CreatePlugin`).

        Args:
            project_id: Project ID (see "Obtaining a Project ID").
            instance_id: Gateway ID, shown in the gateway information on the APIG console.
            body: The request body (application/json).
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
            _api.OP_CREATE_PLUGIN,
            {
                "project_id": project_id,
                "instance_id": instance_id,
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
        self.create_plugin = raw_response(client.create_plugin)


class AsyncClient(AsyncAPIClient):
    """Huawei Cloud API Gateway (APIG) - Creating a Plug-in (asyncio).

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

    async def create_plugin(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.CreatePluginRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        strict_responses: bool | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> models.CreatePluginResponse:
        """
        Create a plug-in

        Creates a plug-in of one of six types (cors, set_resp_headers, kafka_log, breaker, rate_limit,
        third_auth) on the gateway `instance_id`. The plug-in configuration is a JSON document, serialised
        into the `plugin_content` string, that must match the content model of the chosen `plugin_type`.
        Plug-in names must be unique; a plug-in takes effect once it is bound to an API.

        `POST /v2/{project_id}/apigw/instances/{instance_id}/plugins` (operationId `CreatePlugin`).

        Args:
            project_id: Project ID (see "Obtaining a Project ID").
            instance_id: Gateway ID, shown in the gateway information on the APIG console.
            body: The request body (application/json).
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
            _api.OP_CREATE_PLUGIN,
            {
                "project_id": project_id,
                "instance_id": instance_id,
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
        self.create_plugin = async_raw_response(client.create_plugin)


__all__ = ["AsyncClient", "AsyncClientWithRawResponse", "Client", "ClientWithRawResponse"]
