"""Commvault Command Center - Create Alibaba PaaS PostgreSQL Instance: `Client` and `AsyncClient`, one method per operation of the spec.

Creates an Alibaba Cloud PaaS database instance for PostgreSQL in Commvault. Once the instance
exists, all databases in that PostgreSQL instance are backed up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
    ResponseSpec,
    Server,
    ServerVariable,
    SyncAPIClient,
    server_url,
)
from .auth import ApiKey, Credential

SERVERS = (
    Server(
        "https://{CommandCenterHostName}/commandcenter/api",
        (ServerVariable("CommandCenterHostName", "host", "commandcenter.example.com", ()),),
    ),
)
"""The servers of the spec; the constructor's server arguments choose one (see `server_url`)."""

_CREATE_ALI_POSTGRES_INSTANCE: Operation[models.CreateAliPostgresInstanceResponse] = Operation(
    name="create_ali_postgres_instance",
    method="POST",
    path="/instance",
    params=(),
    params_model=None,
    body_type=models.CreateAliPostgresInstanceRequest,
    body_kind="json",
    body_media_type="application/json",
    responses=(
        ResponseSpec("200", "json", models.CreateAliPostgresInstanceResponse),
        ResponseSpec("400", "json", models.CommvaultErrorResponse),
        ResponseSpec("401", "json", models.CommvaultErrorResponse),
        ResponseSpec("404", "json", models.CommvaultErrorResponse),
        ResponseSpec("500", "json", models.CommvaultErrorResponse),
    ),
    security=(("token",),),
)


def _credentials(
    *,
    token: str | None,
) -> dict[str, Credential]:
    credentials: dict[str, Credential] = {}
    if token is not None:
        credentials["token"] = ApiKey("header", "Authtoken", token)
    return credentials


class Client(SyncAPIClient):
    """Commvault Command Center - Create Alibaba PaaS PostgreSQL Instance (blocking).

    Give `base_url`, or the server arguments (`host`) to build it from the spec's servers.
    Credentials: `token` (header Authtoken).
    Calls time out after `timeout` (default: 10 s to connect, 60 s to read) and are retried `max_retries` times
    (default 2) on connection errors, timeouts, 429, 502, 503 and 504, with exponential backoff and jitter,
    honouring Retry-After. The operations may create resources: a retry after a lost response can create a
    duplicate, so pass `max_retries=0` (here or per call) where that matters.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        host: str = "commandcenter.example.com",
        token: str | None = None,
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
                    "host": host,
                },
            ),
            credentials=_credentials(
                token=token,
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

    def create_ali_postgres_instance(
        self,
        *,
        body: models.CreateAliPostgresInstanceRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> models.CreateAliPostgresInstanceResponse:
        """
        Create an Alibaba PaaS PostgreSQL instance

        Creates an Alibaba Cloud PaaS database instance for PostgreSQL under a cloud account (client), with
        its connection settings, administrator credentials, SSL options and the plan that protects it. All
        databases of the PostgreSQL instance are backed up after creation. The page documents the lowercase
        path `/instance`; its own curl example (and cvpysdk) use `/Instance`.

        `POST /instance` (operationId `createAliPostgresInstance`).

        Args:
            body: The request body (application/json).
            timeout: Overrides the client's timeout for this call.
            max_retries: Overrides the client's number of retries for this call.
            extra_headers: Headers added to this request.

        Raises:
            RequestValidationError: an argument breaks the spec (nothing is sent).
            APIStatusError: the server answered with an error status (subclass per status).
            APIConnectionError: no response (APITimeoutError when it timed out).
        """
        response = self._request(
            _CREATE_ALI_POSTGRES_INSTANCE,
            {},
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

    def create_ali_postgres_instance(
        self,
        *,
        body: models.CreateAliPostgresInstanceRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> APIResponse[models.CreateAliPostgresInstanceResponse]:
        """
        Create an Alibaba PaaS PostgreSQL instance (the raw HTTP response; `.parse()` gives the model)

        Creates an Alibaba Cloud PaaS database instance for PostgreSQL under a cloud account (client), with
        its connection settings, administrator credentials, SSL options and the plan that protects it. All
        databases of the PostgreSQL instance are backed up after creation. The page documents the lowercase
        path `/instance`; its own curl example (and cvpysdk) use `/Instance`.

        `POST /instance` (operationId `createAliPostgresInstance`).

        Args:
            body: The request body (application/json).
            timeout: Overrides the client's timeout for this call.
            max_retries: Overrides the client's number of retries for this call.
            extra_headers: Headers added to this request.

        Raises:
            RequestValidationError: an argument breaks the spec (nothing is sent).
            APIStatusError: the server answered with an error status (subclass per status).
            APIConnectionError: no response (APITimeoutError when it timed out).
        """
        return self._client._request(
            _CREATE_ALI_POSTGRES_INSTANCE,
            {},
            body,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
        )


class AsyncClient(AsyncAPIClient):
    """Commvault Command Center - Create Alibaba PaaS PostgreSQL Instance (asyncio).

    Give `base_url`, or the server arguments (`host`) to build it from the spec's servers.
    Credentials: `token` (header Authtoken).
    Calls time out after `timeout` (default: 10 s to connect, 60 s to read) and are retried `max_retries` times
    (default 2) on connection errors, timeouts, 429, 502, 503 and 504, with exponential backoff and jitter,
    honouring Retry-After. The operations may create resources: a retry after a lost response can create a
    duplicate, so pass `max_retries=0` (here or per call) where that matters.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        host: str = "commandcenter.example.com",
        token: str | None = None,
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
                    "host": host,
                },
            ),
            credentials=_credentials(
                token=token,
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

    async def create_ali_postgres_instance(
        self,
        *,
        body: models.CreateAliPostgresInstanceRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> models.CreateAliPostgresInstanceResponse:
        """
        Create an Alibaba PaaS PostgreSQL instance

        Creates an Alibaba Cloud PaaS database instance for PostgreSQL under a cloud account (client), with
        its connection settings, administrator credentials, SSL options and the plan that protects it. All
        databases of the PostgreSQL instance are backed up after creation. The page documents the lowercase
        path `/instance`; its own curl example (and cvpysdk) use `/Instance`.

        `POST /instance` (operationId `createAliPostgresInstance`).

        Args:
            body: The request body (application/json).
            timeout: Overrides the client's timeout for this call.
            max_retries: Overrides the client's number of retries for this call.
            extra_headers: Headers added to this request.

        Raises:
            RequestValidationError: an argument breaks the spec (nothing is sent).
            APIStatusError: the server answered with an error status (subclass per status).
            APIConnectionError: no response (APITimeoutError when it timed out).
        """
        response = await self._request(
            _CREATE_ALI_POSTGRES_INSTANCE,
            {},
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

    async def create_ali_postgres_instance(
        self,
        *,
        body: models.CreateAliPostgresInstanceRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> APIResponse[models.CreateAliPostgresInstanceResponse]:
        """
        Create an Alibaba PaaS PostgreSQL instance (the raw HTTP response; `.parse()` gives the model)

        Creates an Alibaba Cloud PaaS database instance for PostgreSQL under a cloud account (client), with
        its connection settings, administrator credentials, SSL options and the plan that protects it. All
        databases of the PostgreSQL instance are backed up after creation. The page documents the lowercase
        path `/instance`; its own curl example (and cvpysdk) use `/Instance`.

        `POST /instance` (operationId `createAliPostgresInstance`).

        Args:
            body: The request body (application/json).
            timeout: Overrides the client's timeout for this call.
            max_retries: Overrides the client's number of retries for this call.
            extra_headers: Headers added to this request.

        Raises:
            RequestValidationError: an argument breaks the spec (nothing is sent).
            APIStatusError: the server answered with an error status (subclass per status).
            APIConnectionError: no response (APITimeoutError when it timed out).
        """
        return await self._client._request(
            _CREATE_ALI_POSTGRES_INSTANCE,
            {},
            body,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
        )


__all__ = ["SERVERS", "AsyncClient", "AsyncClientWithRawResponse", "Client", "ClientWithRawResponse"]
