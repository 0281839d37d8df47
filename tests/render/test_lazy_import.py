"""Generated packages import their parts on first use (PEP 562): `import pkg`, and `pkg.Client` too, load neither
httpx nor pydantic nor the spec's models (the first client made does), and every public name still resolves,
through `from pkg import X`, attribute access and `import *`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from generator.project.catalog import Api, load_catalog

APIS = load_catalog()

PROBE = """
import sys
sys.path.insert(0, sys.argv[1])
pkg = __import__(sys.argv[2])
heavy = sorted(m for m in ("httpx", "pydantic", f"{sys.argv[2]}.client", f"{sys.argv[2]}.models") if m in sys.modules)
assert not heavy, f"imported eagerly: {heavy}"
client_class = pkg.Client
heavy = sorted(m for m in ("httpx", "pydantic", f"{sys.argv[2]}._api", f"{sys.argv[2]}.models") if m in sys.modules)
assert not heavy, f"imported with the client class: {heavy}"
import typing
client = client_class(base_url="http://127.0.0.1:9")
assert {"httpx", "pydantic", f"{sys.argv[2]}._api", f"{sys.argv[2]}.models"} <= set(sys.modules)
client.close()
client_module = sys.modules[f"{sys.argv[2]}.client"]
assert client_module._api is sys.modules[f"{sys.argv[2]}._api"], "the stand-in was not replaced by the module"
for name in dir(client_class):  # the annotations resolve at run time too (tools that read them)
    if not name.startswith("_") and callable(getattr(client_class, name)):
        typing.get_type_hints(getattr(client_class, name))
typing.get_type_hints(client_class.__init__)
import httpx
assert pkg.DEFAULT_TIMEOUT == httpx.Timeout(60.0, connect=10.0)
assert client.timeout == pkg.DEFAULT_TIMEOUT
names = {}
exec(f"from {sys.argv[2]} import *", names)
missing = sorted(set(pkg.__all__) - set(names))
assert not missing, missing
assert pkg.Client.__module__ == f"{sys.argv[2]}.client"
assert pkg.models.__name__ == f"{sys.argv[2]}.models"
assert set(pkg.__all__) <= set(dir(pkg))
try:
    pkg.NoSuchName
except AttributeError as exc:
    assert "NoSuchName" in str(exc)
else:
    raise AssertionError("unknown names must raise AttributeError")
"""


@pytest.mark.slow
@pytest.mark.parametrize("api", APIS, ids=[api.name for api in APIS])
def test_import_is_lazy_and_complete(api: Api) -> None:
    command = [sys.executable, "-c", PROBE, str(api.package_dir), api.package]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
