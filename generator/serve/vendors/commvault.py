"""Commvault Command Center: `{"errorMessage", "errorCode": <int>, "entity": {...}}` errors; a created instance
gets an increasing instance id, and each client (cloud account) name keeps one client id.

The page documents no error body; the documented statuses use the spec's examples (401 errorCode 5, 404
errorCode 2, 500 errorCode 4444). For a request that breaks the schema the pages give no code: 1 is used.
"""

from __future__ import annotations

from typing import Any

from generator.serve.profile import ApiError, ErrorKind, SuccessContext, Vendor

INVALID_INPUT = 1
FALLBACK: dict[ErrorKind, int] = {ErrorKind.UNAUTHORIZED: 5, ErrorKind.NOT_FOUND: 2, ErrorKind.INTERNAL: 4444}
FIRST_INSTANCE_ID = 1061  # after the page's example instance 1060
FIRST_CLIENT_ID = 445  # after the page's example client 444


def error_body(error: ApiError) -> Any:
    documented = error.example_value("errorCode")
    if error.kind is ErrorKind.INVALID:
        code: Any = error.code if error.code is not None else INVALID_INPUT
    else:
        code = error.code if error.code is not None else documented
        if not isinstance(code, int):
            code = FALLBACK.get(error.kind, INVALID_INPUT)
    message = error.violations[0].message if error.violations else error.message
    if error.kind is ErrorKind.INVALID:
        message = f"Invalid input: {message}"
    return {"errorMessage": message, "errorCode": code, "entity": {}}


def finish(ctx: SuccessContext, body: Any) -> Any:
    request = ctx.body if isinstance(ctx.body, dict) else {}
    instance = (request.get("instanceProperties") or {}).get("instance") or {}
    client = instance.get("clientName", "")
    entity = ((body or {}).get("response") or {}).get("entity")
    if isinstance(entity, dict):
        entity["clientId"] = ctx.state.id_for(
            "commvault.client", client, lambda: ctx.state.next("commvault.client", FIRST_CLIENT_ID)
        )
        entity["instanceId"] = ctx.state.next("commvault.instance", FIRST_INSTANCE_ID)
    return body


VENDOR = Vendor(
    name="commvault",
    error_body=error_body,
    generated={},
    echo={"/response/entity/instanceName": "/instanceProperties/instance/instanceName"},
    token_prefixes=("QSDK ",),
    case_insensitive_paths=True,
    finish=finish,
)
