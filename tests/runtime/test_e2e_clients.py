"""The generated clients (sync and async) against the reference server on 127.0.0.1, through every documented
outcome: success, each documented error status (typed exception, parsed body), auth failure, client-side
validation failure, retries on 503 and a timeout; AK/SK signing for the Huawei clients."""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pytest

from generator.project.catalog import Api, load_catalog
from generator.serve.app import ReferenceServer, ServeOptions, build_app
from generator.serve.auth import Credentials
from generator.serve.runner import BackgroundServer
from tests.conftest import ROOT

TOKEN = "e2e-token-0b9d"
AK = "E2EACCESSKEY00000001"
SK = "e2e-secret-key-never-logged"
PROJECT = "0c8243400d37468bb4aed3cc94c2911d"
KINDS = ("sync", "async")
FAST_RETRIES = {"retry_backoff": 0.01, "retry_max_delay": 0.05}


def import_package(api: Api) -> ModuleType:
    """A generated package, imported from generated/python/<package> (where `make generate` writes it)."""
    folder = str(api.package_dir)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(api.package)


@dataclass(frozen=True)
class Case:
    """How to call one API's operation, and what its success looks like."""

    api: str
    method: str
    arguments: Callable[[int], dict[str, Any]]  # a fresh, valid call for a number
    invalid: dict[str, Any]  # a call the client must refuse before sending
    check: Callable[[Any, dict[str, Any]], None]  # asserts on the parsed success model
    huawei: bool = True


def _apig_args(n: int) -> dict[str, Any]:
    return {
        "project_id": PROJECT,
        "instance_id": "eddc4d25480b4cd6b512f270a1b8b341",
        "body": {
            "plugin_name": f"E2E_Plugin_{n}",
            "plugin_type": "rate_limit",
            "plugin_scope": "global",
            "plugin_content": json.dumps({"api_limit": 100, "default_time_unit": "minute", "default_interval": 1}),
            "remark": "end to end",
        },
    }


def _apig_check(result: Any, args: dict[str, Any]) -> None:
    assert type(result).__name__ == "CreatePluginResponse"
    assert result.plugin_name == args["body"]["plugin_name"] and result.plugin_type == "rate_limit"
    assert type(result.plugin_content).__name__ == "RateLimitContentReturned" and result.plugin_content.api_limit == 100
    assert len(result.plugin_id) == 32 and result.remark == "end to end"


def _gauss_args(n: int) -> dict[str, Any]:
    return {
        "project_id": PROJECT,
        "instance_id": "f9b5f9b296ec6808e0670a1b2c3d4e5fin14",
        "x_language": "en-us",
        "body": {"plugin_name": "postgis", "url": f"bucket.obs/postgis-{n}.zip", "sha_256": "0f" * 32},
    }


def _gauss_check(result: Any, args: dict[str, Any]) -> None:
    assert type(result).__name__ == "InstallKernelPluginResponse" and len(result.job_id) == 36


def _dbss_args(n: int) -> dict[str, Any]:
    database = {
        "db_classification": "RDS",
        "name": f"db{n}",
        "type": "GAUSSDBOPENGAUSS",
        "version": "3.2",
        "charset": "GBK",
        "ip": "192.168.0.9",
        "port": "8000",
        "os": "UNIX",
    }
    return {"project_id": PROJECT, "instance_id": "2a3b4c5d6e7f48a9b0c1d2e3f4a5b6c7", "body": {"database": database}}


def _dbss_check(result: Any, args: dict[str, Any]) -> None:
    assert type(result).__name__ == "AddAuditDatabaseResponse" and len(result.id) == 20


def _commvault_args(n: int) -> dict[str, Any]:
    return {
        "body": {
            "instanceProperties": {
                "instance": {"instanceName": f"pgm-{n}", "clientName": "aliyun"},
                "version": "15",
                "postGreSQLInstance": {
                    "port": "pgm-e2e.pg.rds.aliyuncs.com:5432",
                    "SAUser": {"userName": "root", "password": "cGFzc3dvcmQ="},
                    "cloudDBEngineType": "POSTGRESQL",
                },
                "planEntity": {"planName": "bronze"},
                "dbEngine": "PostgreSQL",
            }
        }
    }


def _commvault_check(result: Any, args: dict[str, Any]) -> None:
    assert type(result).__name__ == "CreateAliPostgresInstanceResponse"
    name = args["body"]["instanceProperties"]["instance"]["instanceName"]
    dumped = result.model_dump(by_alias=True, mode="json")
    assert dumped["response"]["errorCode"] == 0 and dumped["response"]["entity"]["instanceName"] == name


CASES = {
    "apig": Case(
        "apig",
        "create_plugin",
        _apig_args,
        {**_apig_args(0), "body": {**_apig_args(0)["body"], "plugin_name": "no spaces allowed"}},
        _apig_check,
    ),
    "gaussdb-opengauss": Case(
        "gaussdb-opengauss",
        "install_kernel_plugin",
        _gauss_args,
        {**_gauss_args(0), "instance_id": "too-short"},
        _gauss_check,
    ),
    "dbss": Case(
        "dbss",
        "add_audit_database_new",
        _dbss_args,
        {**_dbss_args(0), "body": {"database": {**_dbss_args(0)["body"]["database"], "os": "AMIGAOS"}}},
        _dbss_check,
    ),
    "commvault": Case(
        "commvault",
        "create_ali_postgres_instance",
        _commvault_args,
        {"body": {"instanceProperties": {"version": "15"}}},
        _commvault_check,
        huawei=False,
    ),
}
APIS = {api.name: api for api in load_catalog(ROOT)}


@dataclass
class Target:
    case: Case
    package: ModuleType
    server: BackgroundServer
    reference: ReferenceServer
    counter: int = 0

    def next_args(self) -> dict[str, Any]:
        self.counter += 1
        return self.case.arguments(self.counter)

    def call(self, kind: str, arguments: dict[str, Any], **client_options: Any) -> Any:
        options = {"base_url": self.server.base_url, "token": TOKEN, **FAST_RETRIES, **client_options}
        if "ak" in options:
            options.pop("token")
        method = self.case.method
        if kind == "sync":
            with self.package.Client(**options) as client:
                return getattr(client, method)(**arguments)

        async def run() -> Any:
            async with self.package.AsyncClient(**options) as client:
                return await getattr(client, method)(**arguments)

        return asyncio.run(run())


@pytest.fixture(scope="module", params=list(CASES))
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    api = APIS[request.param]
    if not (api.package_dir / api.package).is_dir():
        pytest.fail(f"{api.package_dir} is missing: run `make generate`")
    package = import_package(api)
    options = ServeOptions(credentials=Credentials(token=TOKEN, access_key=AK, secret_key=SK))
    app = build_app(api.spec, api_name=api.name, options=options)
    with BackgroundServer(app) as server:
        yield Target(CASES[api.name], package, server, app.state.reference)


def documented_errors(target: Target) -> list[tuple[int, Any]]:
    """(status, first documented example body) of each documented error response."""
    (op,) = target.reference.spec.operations
    return [
        (int(code), next(iter(response.examples.values())))
        for code, response in op.responses.items()
        if code.isdigit() and int(code) >= 400 and response.examples
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_success_parses_into_the_response_model(target: Target, kind: str) -> None:
    arguments = target.next_args()
    result = target.call(kind, arguments)
    target.case.check(result, arguments)


@pytest.mark.parametrize("kind", KINDS)
def test_each_documented_error_status_raises_its_typed_exception(target: Target, kind: str) -> None:
    errors = target.package.errors
    statuses = documented_errors(target)
    assert statuses, "the spec documents error responses"
    for status, example in statuses:
        with pytest.raises(errors.APIStatusError) as caught:
            target.call(kind, {**target.next_args(), "extra_headers": {"Prefer": f"code={status}"}})
        exc = caught.value
        assert type(exc) is errors.error_class(status), (status, type(exc))
        assert exc.status_code == status
        assert exc.body == example
        assert exc.error_model is not None, f"{status}: the body did not parse into the spec's error model"
        assert exc.error_model.model_dump(mode="json", by_alias=True, exclude_unset=True) == example
        code = example.get("error_code", example.get("errorCode"))
        assert exc.error_code == str(code)
        if target.case.huawei:
            assert exc.request_id is not None and len(exc.request_id) == 32


@pytest.mark.parametrize("kind", KINDS)
def test_server_side_errors_without_prefer(target: Target, kind: str) -> None:
    """Errors the server decides itself: APIG's duplicate name, and a 500 it was told to fail with."""
    errors = target.package.errors
    if target.case.api == "apig":
        arguments = target.next_args()
        target.call(kind, arguments)
        with pytest.raises(errors.BadRequestError) as caught:
            target.call(kind, arguments)
        assert caught.value.error_code == "APIG.3326" and caught.value.error_model is not None
    target.reference.faults.add(500)
    with pytest.raises(errors.InternalServerError) as failed:
        target.call(kind, target.next_args())
    assert failed.value.status_code == 500 and failed.value.error_code is not None


@pytest.mark.parametrize("kind", KINDS)
def test_auth_failure(target: Target, kind: str) -> None:
    errors = target.package.errors
    with pytest.raises(errors.AuthenticationError) as caught:
        target.call(kind, target.next_args(), token="not-the-token")
    exc = caught.value
    assert exc.status_code == 401 and exc.error_model is not None
    assert "not-the-token" not in str(exc) and "not-the-token" not in repr(exc)


@pytest.mark.parametrize("kind", KINDS)
def test_client_side_validation_sends_nothing(target: Target, kind: str) -> None:
    errors = target.package.errors
    before = target.reference.requests_seen
    with pytest.raises(errors.RequestValidationError) as caught:
        target.call(kind, target.case.invalid)
    assert caught.value.errors and isinstance(caught.value, ValueError)
    assert target.reference.requests_seen == before


@pytest.mark.parametrize("kind", KINDS)
def test_retries_on_503_then_success_or_give_up(target: Target, kind: str) -> None:
    errors = target.package.errors
    before = target.reference.requests_seen
    target.reference.faults.add(503, times=2)
    arguments = target.next_args()
    target.case.check(target.call(kind, arguments, max_retries=2), arguments)
    assert target.reference.requests_seen - before == 3
    before = target.reference.requests_seen
    target.reference.faults.add(503, times=3, retry_after=0)
    with pytest.raises(errors.InternalServerError) as caught:
        target.call(kind, target.next_args(), max_retries=2)
    assert caught.value.status_code == 503
    assert target.reference.requests_seen - before == 3
    target.reference.faults.clear()


@pytest.mark.parametrize("kind", KINDS)
def test_timeout(target: Target, kind: str) -> None:
    errors = target.package.errors
    target.reference.faults.add(delay=1.0)
    with pytest.raises(errors.APITimeoutError):
        target.call(kind, target.next_args(), timeout=0.2, max_retries=0)
    target.reference.faults.clear()


@pytest.mark.parametrize("target", [name for name, case in CASES.items() if case.huawei], indirect=True)
@pytest.mark.parametrize("kind", KINDS)
def test_aksk_signed_calls(target: Target, kind: str) -> None:
    """The Huawei specs mark their token scheme with x-aksk-signing (Commvault has no signing)."""
    errors = target.package.errors
    arguments = target.next_args()
    target.case.check(target.call(kind, arguments, ak=AK, sk=SK), arguments)
    with pytest.raises(errors.AuthenticationError) as caught:
        target.call(kind, target.next_args(), ak=AK, sk="a-different-secret")
    assert "signature" in (caught.value.error_msg or "")
    assert SK not in str(caught.value)
