"""Huawei Cloud DBSS: errors carry `details[]` (one item per offending field here; PDP items on 403),
`encoded_authorization_message`, `error_code` (`DBSS.xxxx`) and `error_msg`. Record ids are 20 URL-safe
characters like the page's `Fadq-Y4B51p4J06sRc4F`.
"""

from __future__ import annotations

from typing import Any

from generator.serve import ids
from generator.serve.profile import ApiError, ErrorKind, Vendor

FALLBACK: dict[ErrorKind, str] = {
    ErrorKind.INVALID: "DBSS.0005",
    ErrorKind.UNAUTHORIZED: "DBSS.0002",
    ErrorKind.FORBIDDEN: "DBSS.0003",
    ErrorKind.INTERNAL: "DBSS.0001",
}


def error_body(error: ApiError) -> Any:
    documented = error.example_value("error_code")
    code = str(error.code or (documented if isinstance(documented, str) else FALLBACK.get(error.kind, "DBSS.0001")))
    body: dict[str, Any] = {}
    if error.kind is ErrorKind.INVALID and error.violations:
        body["details"] = [{"error_code": code, "error_msg": v.message} for v in error.violations]
        message = f"Invalid request parameter: {error.violations[0].message}"
    elif error.kind is ErrorKind.FORBIDDEN and isinstance(error.example, dict):
        return error.example  # the documented PDP answer, details and encoded message included
    elif isinstance(error.example, dict) and isinstance(error.example.get("error_msg"), str):
        message = f"{error.example['error_msg']} ({error.message})"
    else:
        message = error.message
    body["error_code"] = code
    body["error_msg"] = message
    return body


VENDOR = Vendor(
    name="dbss",
    error_body=error_body,
    request_id_header="X-Request-Id",
    generated={"/id": lambda _ctx: ids.urlsafe_id(20)},
)
