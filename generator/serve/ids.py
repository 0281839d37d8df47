"""Generated identifiers and timestamps in the formats the vendors use (and, for other specs, shaped like the
documented example value)."""

from __future__ import annotations

import itertools
import re
import secrets
import string
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?P<fraction>\.\d+)?(?P<zone>[Zz]|[+-]\d{2}:\d{2})$")
_HEX = re.compile(r"^[0-9a-f]+$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_URLSAFE = string.ascii_letters + string.digits + "-_"


def hex32() -> str:
    """32 lower-case hex digits, as Huawei Cloud resource ids (a UUID without dashes)."""
    return uuid.uuid4().hex


def uuid4() -> str:
    return str(uuid.uuid4())


def urlsafe_id(length: int = 20) -> str:
    """Letters, digits, `-` and `_`, like the 20-character DBSS record ids (`Fadq-Y4B51p4J06sRc4F`)."""
    return "".join(secrets.choice(_URLSAFE) for _ in range(length))


class Counter:
    """Increasing integers, safe to share between requests."""

    def __init__(self, start: int) -> None:
        self._numbers = itertools.count(start)
        self._lock = threading.Lock()

    def __call__(self) -> int:
        with self._lock:
            return next(self._numbers)


def timestamp(example: Any = None, now: datetime | None = None) -> str:
    """The current UTC time in RFC 3339, with as many fraction digits as the example has (milliseconds if none)."""
    now = now or datetime.now(UTC)
    digits = 3
    if isinstance(example, str) and (match := _RFC3339.match(example)):
        digits = len(match.group("fraction") or ".") - 1
    text = now.strftime("%Y-%m-%dT%H:%M:%S")
    if digits:
        micro = f"{now.microsecond:06d}"
        text += "." + (micro + "0" * 3)[:digits]
    return text + "Z"


def is_timestamp(value: Any) -> bool:
    return isinstance(value, str) and _RFC3339.match(value) is not None


def like(example: Any) -> Callable[[], Any] | None:
    """A generator of values shaped like an example id (UUID, hex, integer, or the same length and alphabet)."""
    if isinstance(example, bool):
        return None
    if isinstance(example, int):
        return Counter(max(example, 0) + 1)
    if not isinstance(example, str) or not example:
        return None
    if _UUID.match(example):
        return uuid4
    if _HEX.match(example):
        return lambda: secrets.token_hex((len(example) + 1) // 2)[: len(example)]
    alphabet = "".join(
        chars
        for chars, present in (
            (string.ascii_lowercase, any(c.islower() for c in example)),
            (string.ascii_uppercase, any(c.isupper() for c in example)),
            (string.digits, any(c.isdigit() for c in example)),
            ("-", "-" in example),
            ("_", "_" in example),
        )
        if present
    )
    if not alphabet:
        return None
    return lambda: "".join(secrets.choice(alphabet) for _ in example)
