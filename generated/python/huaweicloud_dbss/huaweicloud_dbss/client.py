# Generated from specs/dbss/openapi.yaml (sha256 c36f2b1a9e4ab24f) by vendor-openapi-toolchain 0.1.0: do not edit.
"""Huawei Cloud Database Security Service (DBSS) - Adding a Self-Built Database: `Client` and `AsyncClient`, one method per operation of the spec.

Registers a database (a self-built database on ECS, or an RDS database) with a DBSS audit instance
so that the instance can audit it.
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
    """Huawei Cloud Database Security Service (DBSS) - Adding a Self-Built Database (blocking).

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

    def add_audit_database_new(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.AddAuditDatabaseRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        strict_responses: bool | NotGiven = NOT_GIVEN,
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
            _api.OP_ADD_AUDIT_DATABASE_NEW,
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
        self.add_audit_database_new = raw_response(client.add_audit_database_new)


class AsyncClient(AsyncAPIClient):
    """Huawei Cloud Database Security Service (DBSS) - Adding a Self-Built Database (asyncio).

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

    async def add_audit_database_new(
        self,
        *,
        project_id: str,
        instance_id: str,
        body: models.AddAuditDatabaseRequest | Mapping[str, Any],
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        deadline: float | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        strict_responses: bool | NotGiven = NOT_GIVEN,
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
            _api.OP_ADD_AUDIT_DATABASE_NEW,
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
        self.add_audit_database_new = async_raw_response(client.add_audit_database_new)


__all__ = ["AsyncClient", "AsyncClientWithRawResponse", "Client", "ClientWithRawResponse"]
