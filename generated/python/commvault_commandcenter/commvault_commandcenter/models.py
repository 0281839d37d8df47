# Generated from specs/commvault/openapi.yaml (sha256 3cafcb6c824dce15) by vendor-openapi-toolchain 0.1.0: do not edit.
# The spec's schemas as Pydantic models (datamodel-code-generator).

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import MISSING, Field

from commvault_commandcenter._base import Model


class CommvaultErrorResponse(Model):
    """
    Error body of the Commvault REST API.
    """

    errorMessage: str | MISSING = MISSING
    """
    Error message.
    """
    errorCode: int | MISSING = MISSING
    """
    Error code.
    """
    entity: dict[str, Any] | MISSING = MISSING
    """
    Entity the error refers to (for instance IDs and name), when known.
    """


class InstanceEntity(Model):
    """
    Identity of the instance and the cloud account it belongs to.
    """

    instanceName: str | MISSING = MISSING
    """
    Name of the instance.
    """
    applicationId: int = 125
    """
    Commvault application (agent) ID.
    """
    clientName: str | MISSING = MISSING
    """
    Name of the cloud account (Commvault client).
    """


class DatabaseAdminCredentials(Model):
    """
    Database administrator credentials (the `SAUser` object of the page; the schema has a name of its own so that the property keeps its name in generated code).
    """

    userName: str | MISSING = MISSING
    """
    Database user name.
    """
    password: Annotated[
        str | MISSING, Field(pattern="^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$", repr=False)
    ] = MISSING
    """
    Database password, base64-encoded.
    """


class SslOpt(Model):
    """
    SSL settings of the connection.
    """

    sslEnabled: bool = False
    """
    Whether SSL is used.
    """
    sslCa: str | MISSING = MISSING
    """
    Path of the SSL CA file on the access node.
    """


class PlanEntity(Model):
    """
    Plan that protects the instance.
    """

    planName: str | MISSING = MISSING
    """
    Name of the plan.
    """


class ProcessingInstructionAttribute(Model):
    """
    One processing attribute.
    """

    name: str | MISSING = MISSING
    """
    Attribute name.
    """
    value: str | MISSING = MISSING
    """
    Attribute value.
    """


class InstanceCreationEntity(Model):
    """
    IDs of the created instance.
    """

    subclientId: int | MISSING = MISSING
    """
    ID of the subclient.
    """
    clientId: int | MISSING = MISSING
    """
    ID of the client (cloud account).
    """
    instanceName: str | MISSING = MISSING
    """
    Name of the instance.
    """
    instanceId: int | MISSING = MISSING
    """
    ID of the instance.
    """
    type_: Annotated[int | MISSING, Field(alias="_type_")] = MISSING
    """
    Commvault entity type code.
    """


class PostGreSQLInstance(Model):
    """
    Connection settings of the PostgreSQL instance.
    """

    MaintainenceDB: str | MISSING = MISSING
    """
    Maintenance database used to connect (field name spelled as on the page).
    """
    port: Annotated[str | MISSING, Field(pattern="^[A-Za-z0-9.-]+:[0-9]{1,5}$")] = MISSING
    """
    Endpoint of the instance in `hostname:port` form.
    """
    SAUser: DatabaseAdminCredentials | MISSING = MISSING
    cloudDBEngineType: Literal["POSTGRESQL"]
    """
    Cloud database engine type.
    """
    sslOpt: SslOpt | MISSING = MISSING


class ProcessingInstructionInfo(Model):
    """
    Processing information attached by the web server.
    """

    attributes: list[ProcessingInstructionAttribute] | MISSING = MISSING
    """
    Name/value attributes (for example exitval).
    """


class InstanceCreationResult(Model):
    """
    Outcome of the creation.
    """

    warningCode: int | MISSING = MISSING
    """
    Warning code (0 when there is no warning).
    """
    errorCode: int | MISSING = MISSING
    """
    Error code (0 on success).
    """
    warningMessage: str | MISSING = MISSING
    """
    Warning message.
    """
    entity: InstanceCreationEntity | MISSING = MISSING


class CreateAliPostgresInstanceResponse(Model):
    """
    Result of a create-instance request.
    """

    processinginstructioninfo: ProcessingInstructionInfo | MISSING = MISSING
    response: InstanceCreationResult | MISSING = MISSING


class InstanceProperties(Model):
    """
    Properties of the instance to create.
    """

    instance: InstanceEntity
    version: str
    """
    Version of the database instance.
    """
    postGreSQLInstance: PostGreSQLInstance
    planEntity: PlanEntity
    dbEngine: Literal["PostgreSQL"]
    """
    Database engine.
    """


class CreateAliPostgresInstanceRequest(Model):
    """
    Body of a create-instance request.
    """

    instanceProperties: InstanceProperties
