# Generated from specs/dbss/openapi.yaml (sha256 c36f2b1a9e4ab24f) by vendor-openapi-toolchain 0.1.0: do not edit.
# The spec's schemas as Pydantic models (datamodel-code-generator).

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import MISSING, ConfigDict, Field

from huaweicloud_dbss._base import Model


class AddAuditDatabaseNewParameters(Model):
    """
    Keyword arguments of `add_audit_database_new`, as validated before the request is sent.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    project_id: Annotated[str, Field(max_length=64, min_length=32)]
    """
    Project ID, as returned by the IAM API that lists the projects of an IAM user; 32 to 64 characters.
    """
    instance_id: Annotated[str, Field(max_length=64, min_length=32)]
    """
    ID of the DBSS audit instance, taken from the `id` field of the instance-list API; 32 to 64 characters.
    """


class AddAuditDatabaseResponse(Model):
    """
    Result of an add-database request.
    """

    id: str
    """
    ID of the new database record.
    """


class AuditDatabase(Model):
    """
    The database to add to the audit instance.
    """

    db_classification: Literal["RDS", "ECS"]
    """
    Where the database runs: `RDS` (an RDS database) or `ECS` (a self-built database).
    """
    name: str
    """
    Name of the database.
    """
    type: Literal[
        "MYSQL",
        "ORACLE",
        "POSTGRESQL",
        "SQLSERVER",
        "DAMENG",
        "TAURUS",
        "DWS",
        "KINGBASE",
        "GAUSSDBOPENGAUSS",
        "GREENPLUM",
        "HIGHGO",
        "SHENTONG",
        "GBASE8A",
        "GBASE8S",
        "GBASEXDM",
        "MONGODB",
        "DDS",
    ]
    """
    Database engine: MYSQL (MySQL), ORACLE (Oracle), POSTGRESQL (PostgreSQL), SQLSERVER (SQL Server), DAMENG, TAURUS (TaurusDB), DWS, KINGBASE (Kingbase), GAUSSDBOPENGAUSS (GaussDB/openGauss), GREENPLUM (Greenplum), HIGHGO (HighGo), SHENTONG (ShenTong), GBASE8A (GBase 8a), GBASE8S (GBase 8s), GBASEXDM (GBase XDM), MONGODB (MongoDB) or DDS (Document Database Service, MongoDB-compatible).
    """
    version: str
    """
    Version of the database engine.
    """
    charset: Literal["GBK", "UTF8"]
    """
    Character set of the database.
    """
    ip: str
    """
    IP address of the database.
    """
    port: str
    """
    Port the database listens on, sent as a string.
    """
    os: Literal["LINUX64", "WINDOWS64", "UNIX"]
    """
    Operating system of the database host.
    """
    instance_name: str | MISSING = MISSING
    """
    Name of the database instance (optional).
    """


class DbssErrorDetail(Model):
    """
    One item of a PDP authorisation failure.
    """

    error_code: str | MISSING = MISSING
    """
    Error code.
    """
    error_msg: str | MISSING = MISSING
    """
    PDP error message.
    """


class AddAuditDatabaseRequest(Model):
    """
    Body of an add-database request.
    """

    database: AuditDatabase


class DbssErrorResponse(Model):
    """
    Error body that the page documents for 400, 403 and 500 (and that the spec also uses for 401). `details` and `encoded_authorization_message` carry the output of the PDP (policy decision point) when authorisation fails.
    """

    details: list[DbssErrorDetail] | MISSING = MISSING
    """
    Details of a PDP authorisation failure.
    """
    encoded_authorization_message: str | MISSING = MISSING
    """
    Encoded PDP authorisation failure message.
    """
    error_code: str
    """
    Service error code (for example DBSS.0001).
    """
    error_msg: str
    """
    Error message.
    """
