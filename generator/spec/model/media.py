"""Which media types are JSON: the one predicate every stage uses (model, server, clients, embedded documents).

RFC 6838 structured syntax suffixes: `application/json` and any `type/subtype+json` (`application/problem+json`,
`application/vnd.api+json`), case-insensitive, with or without parameters (`; charset=utf-8`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

# The essence (type/subtype, no parameters) of a JSON media type.
JSON_MEDIA = re.compile(r"^(?:application/json|[\w!#$&^.*+-]+/[\w!#$&^.*+-]+\+json)$", re.IGNORECASE)


def media_essence(media_type: str) -> str:
    """`Application/JSON; charset=utf-8` -> `application/json`."""
    return media_type.split(";", 1)[0].strip().lower()


def is_json_media(media_type: str) -> bool:
    return bool(JSON_MEDIA.match(media_essence(media_type)))


M = TypeVar("M")


def first_json(names: Iterable[tuple[str, M]]) -> M | None:
    """The first entry whose media type is JSON, in document order."""
    return next((item for name, item in names if is_json_media(name)), None)
