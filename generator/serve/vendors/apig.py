"""Huawei Cloud API Gateway (APIG): `{"error_code": "APIG.xxxx", "error_msg": ...}` for every error.

Plug-in names are unique per gateway: a second create with the same name gets the page's 400 APIG.3326.
The codes of documented statuses come from the spec's examples (APIG.1002, APIG.1005, APIG.3030, APIG.9999);
parameter errors use the codes of the APIG error-code table (APIG.2001 missing, APIG.2012 invalid), which the
page does not reproduce.
"""

from __future__ import annotations

from typing import Any

from generator.serve import ids
from generator.serve.profile import ApiError, ErrorKind, UniqueRule, Vendor

MISSING_PARAMETER = "APIG.2001"
INVALID_PARAMETER = "APIG.2012"
# Statuses the page does not document: the gateway's own codes.
UNDOCUMENTED: dict[ErrorKind, tuple[str, str]] = {
    ErrorKind.UNAUTHORIZED: ("APIG.1002", "Incorrect token or token resolution failed"),
    ErrorKind.NOT_FOUND: ("APIG.0101", "The API does not exist or has not been published in the environment"),
    ErrorKind.METHOD_NOT_ALLOWED: ("APIG.0101", "The API does not exist or has not been published in the environment"),
    ErrorKind.TOO_LARGE: ("APIG.0201", "Request entity too large"),
    ErrorKind.THROTTLED: ("APIG.0308", "The throttling threshold has been reached"),
    ErrorKind.UNAVAILABLE: ("APIG.0203", "The backend service is unavailable"),
    ErrorKind.INTERNAL: ("APIG.9999", "System error"),
}


def error_body(error: ApiError) -> Any:
    if error.kind is ErrorKind.INVALID and error.violations:
        first = error.violations[0]
        missing = first.message.endswith(" is required")
        code = MISSING_PARAMETER if missing else INVALID_PARAMETER
        head = "The request parameters must be specified" if missing else "Invalid parameter value"
        return {"error_code": code, "error_msg": f"{head},parameterName:{first.field or 'body'}. {first.message}"}
    if error.code is not None:
        return {"error_code": str(error.code), "error_msg": error.message}
    documented = error.example_value("error_code")
    if isinstance(documented, str) and error.kind is not ErrorKind.INVALID:
        return {"error_code": documented, "error_msg": f"{error.example_value('error_msg')} ({error.message})"}
    code, text = UNDOCUMENTED.get(error.kind, (INVALID_PARAMETER, "Invalid parameter value"))
    return {"error_code": code, "error_msg": f"{text} ({error.message})"}


VENDOR = Vendor(
    name="apig",
    error_body=error_body,
    request_id_header="X-Request-Id",
    generated={"/plugin_id": lambda _ctx: ids.hex32()},
    timestamps=("/create_time", "/update_time"),
    unique=(
        UniqueRule(
            operation_id="CreatePlugin",
            scope=("instance_id",),
            fields=("plugin_name",),
            status=400,
            code="APIG.3326",
            message="The plugin name already exists",
        ),
    ),
)
