"""Huawei Cloud Database Security Service (DBSS) - Adding a Self-Built Database: `Client` and `AsyncClient`, one method per operation of the spec.

Registers a database (a self-built database on ECS, or an RDS database) with a DBSS audit instance
so that the instance can audit it.
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
        "https://dbss.{region}.myhuaweicloud.com",
        (ServerVariable("region", "region", "ap-southeast-1", ()),),
    ),
)
"""The servers of the spec; the constructor's server arguments choose one (see `server_url`)."""

_ADD_AUDIT_DATABASE_NEW: Operation[models.AddAuditDatabaseResponse] = Operation(
    name="add_audit_database_new",
    method="POST",
    path="/v2/{project_id}/audit/{instance_id}/databases",
    params=(
        Param("project_id", "project_id", "path", "simple", False),
        Param("instance_id", "instance_id", "path", "simple", False),
    ),
    params_model=models.AddAuditDatabaseNewParameters,
    body_type=models.AddAuditDatabaseRequest,
    body_kind="json",
    body_media_type="application/json",
    responses=(
        ResponseSpec("200", "json", models.AddAuditDatabaseResponse),
        ResponseSpec("400", "json", models.DbssErrorResponse),
        ResponseSpec("401", "json", models.DbssErrorResponse),
        ResponseSpec("403", "json", models.DbssErrorResponse),
        ResponseSpec("500", "json", models.DbssErrorResponse),
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
    """Huawei Cloud Database Security Service (DBSS) - Adding a Self-Built Database (blocking).

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

    def add_audit_database_new(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.AddAuditDatabaseRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> models.AddAuditDatabaseResponse:
        """
        Add a self-built database

        Adds a database to the audit instance `instance_id`: its classification (RDS or self-built on ECS),
        engine type and version, character set, address, port and operating system. Returns the ID of the
        new database record.

        `POST /v2/{project_id}/audit/{instance_id}/databases` (operationId `AddAuditDatabaseNew`).

        Args:
            project_id: Project ID, as returned by the IAM API that lists the projects of an IAM user; 32 to
                64 characters.
            instance_id: ID of the DBSS audit instance, taken from the `id` field of the instance-list API;
                32 to 64 characters.
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
            _ADD_AUDIT_DATABASE_NEW,
            {
                "project_id": project_id,
                "instance_id": instance_id,
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

    def add_audit_database_new(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.AddAuditDatabaseRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> APIResponse[models.AddAuditDatabaseResponse]:
        """
        Add a self-built database (the raw HTTP response; `.parse()` gives the model)

        Adds a database to the audit instance `instance_id`: its classification (RDS or self-built on ECS),
        engine type and version, character set, address, port and operating system. Returns the ID of the
        new database record.

        `POST /v2/{project_id}/audit/{instance_id}/databases` (operationId `AddAuditDatabaseNew`).

        Args:
            project_id: Project ID, as returned by the IAM API that lists the projects of an IAM user; 32 to
                64 characters.
            instance_id: ID of the DBSS audit instance, taken from the `id` field of the instance-list API;
                32 to 64 characters.
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
            _ADD_AUDIT_DATABASE_NEW,
            {
                "project_id": project_id,
                "instance_id": instance_id,
            },
            body,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
        )


class AsyncClient(AsyncAPIClient):
    """Huawei Cloud Database Security Service (DBSS) - Adding a Self-Built Database (asyncio).

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

    async def add_audit_database_new(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.AddAuditDatabaseRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> models.AddAuditDatabaseResponse:
        """
        Add a self-built database

        Adds a database to the audit instance `instance_id`: its classification (RDS or self-built on ECS),
        engine type and version, character set, address, port and operating system. Returns the ID of the
        new database record.

        `POST /v2/{project_id}/audit/{instance_id}/databases` (operationId `AddAuditDatabaseNew`).

        Args:
            project_id: Project ID, as returned by the IAM API that lists the projects of an IAM user; 32 to
                64 characters.
            instance_id: ID of the DBSS audit instance, taken from the `id` field of the instance-list API;
                32 to 64 characters.
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
            _ADD_AUDIT_DATABASE_NEW,
            {
                "project_id": project_id,
                "instance_id": instance_id,
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

    async def add_audit_database_new(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.AddAuditDatabaseRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
    ) -> APIResponse[models.AddAuditDatabaseResponse]:
        """
        Add a self-built database (the raw HTTP response; `.parse()` gives the model)

        Adds a database to the audit instance `instance_id`: its classification (RDS or self-built on ECS),
        engine type and version, character set, address, port and operating system. Returns the ID of the
        new database record.

        `POST /v2/{project_id}/audit/{instance_id}/databases` (operationId `AddAuditDatabaseNew`).

        Args:
            project_id: Project ID, as returned by the IAM API that lists the projects of an IAM user; 32 to
                64 characters.
            instance_id: ID of the DBSS audit instance, taken from the `id` field of the instance-list API;
                32 to 64 characters.
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
            _ADD_AUDIT_DATABASE_NEW,
            {
                "project_id": project_id,
                "instance_id": instance_id,
            },
            body,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
        )


__all__ = ["SERVERS", "AsyncClient", "AsyncClientWithRawResponse", "Client", "ClientWithRawResponse"]
