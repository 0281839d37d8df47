"""A smaller schemathesis run inside `make test`: each API's reference server called in-process (ASGI), every
check, both generation modes, the seed and tunings of schemathesis.toml, the embedded-JSON hooks.

`make fuzz` runs the full suite (1000 cases per operation and phase) against real uvicorn servers.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from generator.fuzz import hooks as fuzz_hooks
from generator.fuzz.run import FRESH_SERVER_ENV, auth_headers
from generator.project.catalog import load_catalog
from generator.serve.app import ServeOptions, build_app
from generator.serve.auth import Credentials
from generator.serve.compiled import compile_spec
from tests.conftest import ROOT

# 400 schemathesis cases per API: about 40 s in all, so `make test` only (`make check` leaves them out)
pytestmark = pytest.mark.slow

TOKEN = "inprocess-fuzz-token-91c2"
EXAMPLES_PER_MODE = 100  # per operation and mode: about 20 s for the four APIs together


def _schema(api: Any) -> tuple[Any, dict[str, str]]:
    config = SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
    schema = schemathesis.openapi.from_path(str(api.spec), config=config)
    schema.app = build_app(api.spec, api_name=api.name, options=ServeOptions(credentials=Credentials(token=TOKEN)))
    headers = auth_headers(compile_spec(api.spec), TOKEN)
    schema.config.generation.update(
        max_examples=EXAMPLES_PER_MODE, modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    )
    schema.config.checks.update(included_check_names=["all"])
    fuzz_hooks.register(schema)
    return schema, headers


@pytest.fixture(autouse=True)
def _fresh_server(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each schema's app is new in this process, so repeated unique names must have been sent by this run.
    monkeypatch.setenv(FRESH_SERVER_ENV, "1")


def _test_for(api: Any) -> Any:
    schema, headers = _schema(api)

    @schema.parametrize()
    def test(case: Any) -> None:
        # Passed per call, schemathesis knows the credential is the real one (ignored_auth then probes without it).
        case.call_and_validate(headers=headers)

    return test


_APIS = {api.name: api for api in load_catalog(ROOT)}
test_gaussdb_opengauss = _test_for(_APIS["gaussdb-opengauss"])
test_dbss = _test_for(_APIS["dbss"])
test_apig = _test_for(_APIS["apig"])
test_commvault = _test_for(_APIS["commvault"])
