# Generated from specs/dbss/openapi.yaml (sha256 c36f2b1a9e4ab24f) by vendor-openapi-toolchain 0.1.0: do not edit.
"""The tables a package's rendered `_api` module fills in: its servers and its operations.

Everything here is plain data; `_base_client` reads it to build, send and read each call.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from .rules import RuleSet
from .styles import ParamStyle

if TYPE_CHECKING:
    import pydantic

T = TypeVar("T")
BodyKind = Literal["json", "form", "multipart", "text", "binary"]


class NotGiven:
    """Marks an argument that was not passed (None can be a value). Falsy."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


@dataclass(frozen=True)
class ServerVariable:
    name: str  # as written in the URL template
    argument: str  # the constructor keyword that sets it
    default: str
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Server:
    url: str
    variables: tuple[ServerVariable, ...] = ()


def server_url(servers: Sequence[Server], values: Mapping[str, str]) -> str:
    """The base URL for the server variables `values` (keyed by constructor argument).

    Among the servers whose enums admit every value, the one listing most of the values explicitly wins (so a
    region that has a server of its own gets that server), the first one on a tie.
    """
    best: tuple[int, int, Server] | None = None
    for index, server in enumerate(servers):
        score = 0
        for variable in server.variables:
            value = values.get(variable.argument, variable.default)
            if variable.enum and value not in variable.enum:
                break
            score += bool(variable.enum)
        else:
            if best is None or score > best[0]:
                best = (score, index, server)
    if best is None:
        allowed = sorted({v for s in servers for var in s.variables for v in var.enum})
        raise ValueError(f"no server of this API accepts {dict(values)!r}; allowed values: {allowed}")
    url = best[2].url
    for variable in best[2].variables:
        value = str(values.get(variable.argument, variable.default))
        if not value or any(c.isspace() or c in "/?#@\\" or ord(c) < 0x20 for c in value):
            raise ValueError(f"{variable.argument}={value!r} is not a valid value for the server URL")
        url = url.replace("{" + variable.name + "}", value)
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"the API's server URL {url!r} is relative: pass base_url=")
    return url


@dataclass(frozen=True)
class Param:
    """How one keyword argument travels: its wire name, location and OpenAPI style ("" and None: the defaults)."""

    argument: str
    name: str
    location: Literal["path", "query", "header", "cookie"]
    style: str = ""
    explode: bool | None = None
    allow_reserved: bool = False
    content_type: str | None = None  # a parameter described by `content` (e.g. JSON) instead of `schema`

    @functools.cached_property
    def style_table(self) -> ParamStyle:
        """How `styles` writes this parameter (made once)."""
        return ParamStyle(self.name, self.location, self.style, self.explode, self.allow_reserved, self.content_type)


@dataclass(frozen=True)
class ResponseSpec:
    status: str  # "201", "4XX" or "default"
    kind: BodyKind | None
    type: Any = None  # what a JSON body is parsed into (None: plain JSON)


@dataclass(frozen=True)
class Operation(Generic[T]):
    """Everything the client needs to know about one operation of the spec."""

    name: str
    method: str
    path: str
    params: tuple[Param, ...] = ()
    params_model: type[pydantic.BaseModel] | None = None
    body_type: Any = None
    body_kind: BodyKind | None = None
    body_media_type: str | None = None
    responses: tuple[ResponseSpec, ...] = ()
    security: tuple[tuple[str, ...], ...] = ()
    body_rules: RuleSet | None = None  # the spec's conditional rules, checked on the body's JSON before sending
    body_form: Any = None  # `_bodies.Form`: how each field of a form or multipart body is written
    accept: str = "application/json"  # the media types of the documented responses, for the Accept header

    def response_for(self, status_code: int) -> ResponseSpec | None:
        """The documented response of a status: exact code, then `4XX`-style range, then `default`."""
        for key in (str(status_code), f"{status_code // 100}XX", "default"):
            for response in self.responses:
                if response.status == key:
                    return response
        if 200 <= status_code < 300:  # an undocumented success code: read it as the documented success
            return next((r for r in self.responses if r.status.startswith("2")), None)
        return None
