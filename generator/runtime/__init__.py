"""The client runtime: ordinary Python modules copied verbatim into every generated client package.

A package's own values (title, user agent, servers, operations, security schemes) are rendered into its
`_api.py` and `client.py`; everything else is here, linted, type-checked and tested as source (tests/runtime/).
Modules import each other relatively, so they work the same here and inside a package. `signing` ships only in
packages whose spec has an `x-aksk-signing` scheme (the reference server verifies signatures with it too); `oauth`
and `_streaming` likewise ship only where a scheme or an operation needs them.
`styles` is the one table of how parameter values are written (client) and read (reference server).
This `__init__` is not copied: each package renders its own.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent
CORE = (
    "_aiohttp.py",
    "_lazy.py",
    "_base.py",
    "_body.py",
    "_lenient.py",
    "_operations.py",
    "_request.py",
    "_bodies.py",
    "styles.py",
    "_response.py",
    "_core.py",
    "_base_client.py",
    "auth.py",
    "errors.py",
    "rules.py",
)
"""The modules every package gets."""
SIGNING = "signing.py"
"""The AK/SK signer, only for specs that need it."""
STREAMING = "_streaming.py"
"""`with_streaming_response`, only for specs with an operation that answers binary content."""
OAUTH = "oauth.py"
"""The OAuth 2.0 client-credentials helper, only for specs with an oauth2 `clientCredentials` flow."""
