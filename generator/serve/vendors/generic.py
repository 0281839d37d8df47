"""The fallback for any spec: error bodies inside the spec's own error schema, else RFC 9457 problem details.

When the operation documents a schema for the status, the answer starts from the documented example (if it
satisfies that schema) or from an instance of the schema, with its message fields set to the error's message and
its code fields to the error's code or status where the schema allows it; every candidate is checked against the
schema, so a spec whose `code` is a string never gets an integer. With no documented schema the body is an
`application/problem+json` document (RFC 9457: type, title, status, detail; `errors` lists each offending field).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

from generator.serve.profile import ApiError, Vendor

PROBLEM_JSON = "application/problem+json"
_MESSAGE_KEY = re.compile(r"(?i)(?:^|_)(?:msg|message|detail|description|reason)$|(?:Msg|Message|Detail|Reason)$")
_CODE_KEY = re.compile(r"(?i)(?:^|_)code$|Code$")


def error_body(error: ApiError) -> Any:
    if error.fits_schema is None:
        return problem_details(error)
    for base in (error.example, error.schema_instance):
        if base is None or not error.fits_schema(base):
            continue
        for candidate in _filled(base, error):
            if error.fits_schema(candidate):
                return candidate
    return problem_details(error)


def _filled(base: Any, error: ApiError) -> Iterator[Any]:
    """The base with message and code fields set, then with messages only, then as documented."""
    code: str | int = error.code if error.code is not None else error.status
    with_code = copy.deepcopy(base)
    _replace_messages(with_code, error.message)
    _replace_codes(with_code, code)
    yield with_code
    with_message = copy.deepcopy(base)
    _replace_messages(with_message, error.message)
    yield with_message
    yield copy.deepcopy(base)


def problem_details(error: ApiError) -> dict[str, Any]:
    try:
        title = HTTPStatus(error.status).phrase
    except ValueError:
        title = "Error"
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": error.status, "detail": error.message}
    if error.code is not None:
        body["code"] = error.code
    if error.violations:
        body["errors"] = [violation.as_dict() for violation in error.violations]
    return body


def _replace_messages(node: Any, message: str) -> bool:
    replaced = False
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and _MESSAGE_KEY.search(key):
                node[key] = message
                replaced = True
            elif isinstance(value, dict):
                replaced = _replace_messages(value, message) or replaced
    return replaced


def _replace_codes(node: Any, code: str | int) -> None:
    """Code fields keep their JSON type: a string code gets the code as text, an integer one only an integer."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if not _CODE_KEY.search(key) or isinstance(value, bool):
            continue
        if isinstance(value, str):
            node[key] = str(code)
        elif isinstance(value, int) and isinstance(code, int):
            node[key] = code


VENDOR = Vendor(name="generic", error_body=error_body, error_media_type=PROBLEM_JSON)
