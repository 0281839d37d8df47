"""The fallback for any spec: error bodies shaped like the spec's own documented examples."""

from __future__ import annotations

import copy
import re
from typing import Any

from generator.serve.profile import ApiError, Vendor

_MESSAGE_KEY = re.compile(r"(?i)(?:^|_)(?:msg|message|detail|description|reason)$|(?:Msg|Message|Detail|Reason)$")
_CODE_KEY = re.compile(r"(?i)(?:^|_)code$|Code$")


def error_body(error: ApiError) -> Any:
    """The documented example of that status with its message fields replaced; a plain object otherwise."""
    if isinstance(error.example, dict) and error.example:
        body = copy.deepcopy(error.example)
        _replace_messages(body, error.message)
        if error.code is not None:
            _replace_codes(body, error.code)
        return body
    return {"code": error.code if error.code is not None else error.status, "message": error.message}


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


def _replace_codes(node: dict[str, Any], code: str | int) -> None:
    for key, value in node.items():
        if _CODE_KEY.search(key) and isinstance(value, type(code)) and not isinstance(value, bool):
            node[key] = code


VENDOR = Vendor(name="generic", error_body=error_body)
