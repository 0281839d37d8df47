# Generated from specs/gaussdb-opengauss/openapi.yaml (sha256 7f74c040d4f3ac97) by vendor-openapi-toolchain 0.1.0: do not edit.
"""Huawei Cloud GaussDB (openGauss) - Installing a Plug-in: a typed Python client generated from its OpenAPI description.

    from huaweicloud_gaussdb_opengauss import Client

See README.md for the operations, authentication, errors, timeouts and retries.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import errors, models
    from ._aiohttp import AiohttpClient
    from ._base_client import DEFAULT_DEADLINE, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT
    from ._operations import NOT_GIVEN, NotGiven
    from ._response import APIResponse
    from .client import AsyncClient, Client
    from .errors import (
        APIConnectionError,
        APIError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConflictError,
        InternalServerError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        RequestValidationError,
        UnexpectedStatusError,
        UnprocessableEntityError,
    )

__version__ = "2025.8.11"

# The submodule behind each public name. They (and httpx and pydantic behind them) are imported on first use,
# so `import huaweicloud_gaussdb_opengauss` costs a few milliseconds: a program that imports many clients pays only for those
# it uses. Type checkers read the imports above.
_EXPORTS = {
    "AiohttpClient": "._aiohttp",
    "DEFAULT_DEADLINE": "._base_client",
    "DEFAULT_MAX_RETRIES": "._base_client",
    "DEFAULT_TIMEOUT": "._base_client",
    "NOT_GIVEN": "._operations",
    "APIResponse": "._response",
    "NotGiven": "._operations",
    "AsyncClient": ".client",
    "Client": ".client",
    "errors": ".errors",
    "models": ".models",
    "APIConnectionError": ".errors",
    "APIError": ".errors",
    "APIResponseValidationError": ".errors",
    "APIStatusError": ".errors",
    "APITimeoutError": ".errors",
    "AuthenticationError": ".errors",
    "BadRequestError": ".errors",
    "ConflictError": ".errors",
    "InternalServerError": ".errors",
    "NotFoundError": ".errors",
    "PermissionDeniedError": ".errors",
    "RateLimitError": ".errors",
    "RequestValidationError": ".errors",
    "UnexpectedStatusError": ".errors",
    "UnprocessableEntityError": ".errors",
}


def __getattr__(name: str) -> Any:
    source = _EXPORTS.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(source, __name__)
    value = module if source == "." + name else getattr(module, name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AiohttpClient",
    "AsyncClient",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestValidationError",
    "UnexpectedStatusError",
    "UnprocessableEntityError",
    "errors",
    "models",
]
