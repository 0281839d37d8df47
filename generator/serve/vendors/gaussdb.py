"""Huawei Cloud GaussDB (openGauss): `{"error_code": "DBS.xxxxxx", "error_msg": ...}`; success is a job id (UUID).

The codes of documented statuses come from the spec's examples (DBS.200001 invalid parameter, DBS.200003 token,
...); the catalogue of GaussDB codes is not on the page.
"""

from __future__ import annotations

from typing import Any

from generator.serve import ids
from generator.serve.profile import ApiError, ErrorKind, Vendor

FALLBACK: dict[ErrorKind, str] = {
    ErrorKind.INVALID: "DBS.200001",
    ErrorKind.UNAUTHORIZED: "DBS.200003",
    ErrorKind.FORBIDDEN: "DBS.200005",
    ErrorKind.NOT_FOUND: "DBS.200823",
    ErrorKind.INTERNAL: "DBS.200015",
}


def error_body(error: ApiError) -> Any:
    documented = error.example_value("error_code")
    code = error.code or (documented if isinstance(documented, str) else FALLBACK.get(error.kind, "DBS.200015"))
    if error.kind is ErrorKind.INVALID and error.violations:
        message = f"Invalid parameter: {error.violations[0].message}."
    elif isinstance(error.example, dict) and isinstance(error.example.get("error_msg"), str):
        message = f"{error.example['error_msg']} ({error.message})"
    else:
        message = error.message
    return {"error_code": str(code), "error_msg": message}


VENDOR = Vendor(
    name="gaussdb-opengauss",
    error_body=error_body,
    request_id_header="X-Request-Id",
    generated={"/job_id": lambda _ctx: ids.uuid4()},
)
