"""The generated clients at work, against a real HTTP server on 127.0.0.1 (no mocked transport).

Covers retries (503 then 201, Retry-After, exhaustion, connection errors), timeouts, error mapping for every
documented status, client-side validation, redaction of secrets (logs, reprs, exceptions), AK/SK signing
(compared with the official huaweicloudsdkcore signer), embedded JSON content models and server variables.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT

GENERATED = ROOT / "generated" / "python"
PROJECT = "0c8243400d37468bb4aed3cc94c2911d"
GAUSS_INSTANCE = "f9b5f9b296ec6808e0670a1b2c3d4e5fin14"
DBSS_INSTANCE = "2a3b4c5d6e7f48a9b0c1d2e3f4a5b6c7"
TOKEN = "tok-SECRET-0123456789"


def package(name: str) -> ModuleType:
    """Import a generated package from generated/python/<name>."""
    path = str(GENERATED / name)
    if path not in sys.path:
        sys.path.insert(0, path)
    return importlib.import_module(name)


# ---- a scripted HTTP server ----------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list -> JSON, bytes/str -> as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class Server:
    """Answers each request with the next scripted `Reply` (the last one repeats) and records the requests."""

    def __init__(self) -> None:
        self.replies: list[Reply] = [Reply()]
        self.seen: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                server.seen.append(Seen(self.command, self.path, dict(self.headers.items()), body))
                reply = server.replies.pop(0) if len(server.replies) > 1 else server.replies[0]
                if reply.delay:
                    time.sleep(reply.delay)
                if isinstance(reply.body, (dict, list)):
                    data = json.dumps(reply.body).encode()
                    content_type = "application/json"
                elif isinstance(reply.body, str):
                    data, content_type = reply.body.encode(), "text/html"
                else:
                    data, content_type = reply.body or b"", "application/octet-stream"
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.headers.pop("Content-Type", content_type))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout tests)
                    pass

            do_POST = do_GET = do_PUT = do_DELETE = do_PATCH = _handle

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)

    def script(self, *replies: Reply) -> None:
        self.replies = list(replies)
        self.seen.clear()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# ---- example payloads ----------------------------------------------------------------------------------------

GAUSS_BODY = {
    "plugin_name": "postgis",
    "url": "xxxx.obs.bucket1",
    "sha_256": "791a8d68064ca3208b52ac2584b3b1ab89e4945069baf48e2b14ed5a7151889b",
}
CORS = {"allow_origin": "*", "allow_methods": "GET,POST,PUT", "max_age": 86400, "allow_credentials": True}
APIG_CREATED = {
    "plugin_id": "5b729aa252764739b3s237ef0d66dc63",
    "plugin_name": "CORS_Plug-in",
    "plugin_type": "cors",
    "plugin_scope": "global",
    "plugin_content": json.dumps(CORS),
    "create_time": "2023-05-06T06:54:59.296181801Z",
    "update_time": "2022-11-02T12:31:23.353Z",
}


def gauss_client(server: Server, **kwargs: Any) -> Any:
    gauss = package("huaweicloud_gaussdb_opengauss")
    options: dict[str, Any] = {"base_url": server.url, "token": TOKEN, "retry_backoff": 0.01, **kwargs}
    return gauss.Client(**options)


def install(client: Any, **kwargs: Any) -> Any:
    return client.install_kernel_plugin(project_id=PROJECT, instance_id=GAUSS_INSTANCE, body=GAUSS_BODY, **kwargs)


# ---- requests on the wire ------------------------------------------------------------------------------------


def test_request_on_the_wire(server: Server) -> None:
    server.script(Reply(200, {"job_id": "bf26cf3c-d046-4080-bb45-f114be7afa5f"}))
    with gauss_client(server) as client:
        result = client.install_kernel_plugin(
            project_id=PROJECT, instance_id=GAUSS_INSTANCE, x_language="zh-cn", body=GAUSS_BODY
        )
    assert result.job_id == "bf26cf3c-d046-4080-bb45-f114be7afa5f"
    (seen,) = server.seen
    assert (seen.method, seen.path) == ("POST", f"/v3/{PROJECT}/instances/{GAUSS_INSTANCE}/kernel-plugin")
    assert seen.headers["X-Auth-Token"] == TOKEN
    assert seen.headers["X-Language"] == "zh-cn"
    assert seen.headers["Content-Type"] == "application/json"
    assert json.loads(seen.body) == GAUSS_BODY


def test_optional_defaults_are_not_sent(server: Server) -> None:
    """Only what the caller set goes on the wire (the spec's defaults are the server's to apply)."""
    server.script(Reply(200, {"job_id": "j"}))
    with gauss_client(server) as client:
        install(client)
    assert "X-Language" not in server.seen[0].headers


def test_path_values_cannot_leave_their_segment(server: Server) -> None:
    """Path arguments are percent-encoded: `/`, `?` and `..` stay inside the segment."""
    apig = package("huaweicloud_apig")
    server.script(Reply(201, APIG_CREATED))
    with apig.Client(base_url=server.url, token=TOKEN) as client:
        client.create_plugin(
            project_id="../../x?y=1#", instance_id="i d", body={**APIG_CREATED, "plugin_name": "cors_x"}
        )
    assert server.seen[0].path == "/v2/..%2F..%2Fx%3Fy%3D1%23/apigw/instances/i%20d/plugins"


def test_raw_response(server: Server) -> None:
    server.script(Reply(200, {"job_id": "j1"}, headers={"X-Request-Id": "req-42"}))
    with gauss_client(server) as client:
        response = client.with_raw_response.install_kernel_plugin(
            project_id=PROJECT, instance_id=GAUSS_INSTANCE, body=GAUSS_BODY
        )
    assert response.status_code == 200
    assert response.request_id == "req-42"
    assert response.json() == {"job_id": "j1"}
    assert response.content == b'{"job_id": "j1"}'
    assert response.parse().job_id == "j1"


# ---- retries and timeouts -----------------------------------------------------------------------------------


def test_retry_503_then_201(server: Server) -> None:
    apig = package("huaweicloud_apig")
    server.script(
        Reply(503, {"error_code": "APIG.9999", "error_msg": "busy"}, {"Retry-After": "0"}), Reply(201, APIG_CREATED)
    )
    with apig.Client(base_url=server.url, token=TOKEN) as client:
        response = client.with_raw_response.create_plugin(
            project_id=PROJECT,
            instance_id="eddc4d25480b4cd6b512f270a1b8b341",
            body={**APIG_CREATED, "plugin_name": "cors_x"},
        )
    assert response.status_code == 201
    assert response.retries_taken == 1
    assert len(server.seen) == 2
    assert server.seen[0].body == server.seen[1].body  # the same request again


@pytest.mark.slow
def test_retry_after_is_honoured(server: Server) -> None:
    server.script(
        Reply(429, {"error_code": "X", "error_msg": "slow down"}, {"Retry-After": "1"}), Reply(200, {"job_id": "j"})
    )
    with gauss_client(server) as client:
        started = time.monotonic()
        install(client)
        elapsed = time.monotonic() - started
    assert 0.95 <= elapsed < 3
    assert len(server.seen) == 2


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_retries_give_up_after_max_retries(server: Server, status: int) -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    server.script(Reply(status, {"error_code": "DBS.1", "error_msg": "try later"}))
    with gauss_client(server, max_retries=2) as client, pytest.raises(gauss.APIStatusError) as excinfo:
        install(client)
    assert excinfo.value.status_code == status
    assert len(server.seen) == 3


def test_no_retry_on_other_errors_or_when_disabled(server: Server) -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    server.script(Reply(500, {"error_code": "DBS.200015", "error_msg": "Internal server error."}))
    with gauss_client(server) as client, pytest.raises(gauss.InternalServerError):
        install(client)
    assert len(server.seen) == 1
    server.script(Reply(503, {}))
    with gauss_client(server) as client, pytest.raises(gauss.InternalServerError):
        install(client, max_retries=0)
    assert len(server.seen) == 1


def test_long_retry_after_is_not_waited_for(server: Server) -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    server.script(Reply(503, {}, {"Retry-After": "3600"}))
    started = time.monotonic()
    with gauss_client(server) as client, pytest.raises(gauss.InternalServerError):
        install(client)
    assert time.monotonic() - started < 1
    assert len(server.seen) == 1


def test_backoff_grows_with_jitter(server: Server) -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    client = gauss.Client(base_url=server.url, retry_backoff=0.5, retry_max_delay=1.5)
    delays = [client._retry_delay(attempt, None) for attempt in range(4) for _ in range(20)]
    first, second, third, fourth = (delays[i * 20 : (i + 1) * 20] for i in range(4))
    assert all(0.25 <= d <= 0.5 for d in first) and len(set(first)) > 1  # jitter: 50-100 % of 0.5
    assert all(0.5 <= d <= 1.0 for d in second)
    assert all(0.75 <= d <= 1.5 for d in third + fourth)  # capped at retry_max_delay


def test_connection_error_is_retried_then_raised() -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    client = gauss.Client(base_url=f"http://127.0.0.1:{closed_port()}", token=TOKEN, retry_backoff=0.01)
    with client, pytest.raises(gauss.APIConnectionError) as excinfo:
        install(client, max_retries=2)
    assert excinfo.value.attempts == 3
    assert not isinstance(excinfo.value, gauss.APITimeoutError)


def test_timeout_and_per_call_override(server: Server) -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    server.script(Reply(200, {"job_id": "slow"}, delay=0.6))
    with gauss_client(server, timeout=0.2, max_retries=0) as client:
        started = time.monotonic()
        with pytest.raises(gauss.APITimeoutError) as excinfo:
            install(client)
        assert time.monotonic() - started < 0.55
        assert excinfo.value.attempts == 1
        assert install(client, timeout=5).job_id == "slow"


def test_default_timeout_is_finite() -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    timeout = gauss.Client(base_url="http://127.0.0.1:1").timeout
    assert timeout.connect == 10.0 and timeout.read == 60.0 and timeout.write == 60.0 and timeout.pool == 60.0


def test_async_client_retries_and_parses(server: Server) -> None:
    apig = package("huaweicloud_apig")
    server.script(Reply(502, b"<html>bad gateway</html>", {"Retry-After": "0"}), Reply(201, APIG_CREATED))

    async def main() -> tuple[Any, Any]:
        async with apig.AsyncClient(base_url=server.url, token=TOKEN) as client:
            body = {**APIG_CREATED, "plugin_name": "cors_async"}
            parsed = await client.create_plugin(project_id=PROJECT, instance_id="i", body=body)
            raw = await client.with_raw_response.create_plugin(
                project_id=PROJECT, instance_id="i", body=body, extra_headers={"X-Trace": "t-1"}
            )
            return parsed, raw

    result, raw = asyncio.run(main())
    assert isinstance(result.plugin_content, apig.models.CorsPluginContentReturned)
    assert raw.status_code == 201 and raw.parse().plugin_id == APIG_CREATED["plugin_id"]
    assert len(server.seen) == 3 and server.seen[-1].headers["X-Trace"] == "t-1"


def test_async_timeout(server: Server) -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    server.script(Reply(200, {"job_id": "slow"}, delay=0.5))

    async def main() -> None:
        async with gauss.AsyncClient(base_url=server.url, token=TOKEN, timeout=0.1, max_retries=0) as client:
            await client.install_kernel_plugin(project_id=PROJECT, instance_id=GAUSS_INSTANCE, body=GAUSS_BODY)

    with pytest.raises(gauss.APITimeoutError):
        asyncio.run(main())


# ---- error mapping -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (429, "RateLimitError"),
        (500, "InternalServerError"),
        (503, "InternalServerError"),
    ],
)
def test_error_status_mapping(server: Server, status: int, name: str) -> None:
    apig = package("huaweicloud_apig")
    body = {"error_code": "APIG.3326", "error_msg": "The plugin name already exists"}
    server.script(Reply(status, body, {"X-Request-Id": "r-1"}))
    with (
        apig.Client(base_url=server.url, token=TOKEN, max_retries=0) as client,
        pytest.raises(apig.APIStatusError) as excinfo,
    ):
        client.create_plugin(project_id=PROJECT, instance_id="i", body={**APIG_CREATED, "plugin_name": "cors_x"})
    error = excinfo.value
    assert type(error).__name__ == name and isinstance(error, apig.APIError)
    assert (error.status_code, error.error_code, error.error_msg, error.request_id) == (
        status,
        "APIG.3326",
        "The plugin name already exists",
        "r-1",
    )
    assert error.body == body and error.raw == json.dumps(body).encode()
    documented = status in (400, 401, 403, 404, 500)
    assert isinstance(error.error_model, apig.models.ApigErrorResponse) if documented else error.error_model is None
    reason = error.response.reason_phrase
    assert (
        str(error)
        == f"create_plugin: HTTP {status} {reason}: APIG.3326 The plugin name already exists [request id r-1]"
    )


def test_dbss_error_details_are_kept(server: Server) -> None:
    dbss = package("huaweicloud_dbss")
    body = {
        "details": [
            {"error_code": "DBSS.0003", "error_msg": "Policy doesn't allow dbss:audit:addDatabase to be performed."}
        ],
        "encoded_authorization_message": "",
        "error_code": "DBSS.0003",
        "error_msg": "Authorization failed.",
    }
    server.script(Reply(403, body))
    database = {
        "db_classification": "ECS",
        "name": "test",
        "type": "POSTGRESQL",
        "version": "7.4",
        "charset": "UTF8",
        "ip": "1.1.1.1",
        "port": "66",
        "os": "LINUX64",
    }
    with dbss.Client(base_url=server.url, token=TOKEN) as client, pytest.raises(dbss.PermissionDeniedError) as excinfo:
        client.add_audit_database_new(project_id=PROJECT, instance_id=DBSS_INSTANCE, body={"database": database})
    error = excinfo.value
    assert error.details == body["details"]
    assert error.error_model.details[0].error_code == "DBSS.0003"
    assert error.error_code == "DBSS.0003"


def test_wrapped_error_body(server: Server) -> None:
    dbss = package("huaweicloud_dbss")
    server.script(Reply(400, {"error": {"error_code": "DBSS.XXXX", "error_msg": "wrapped form"}}))
    database = {
        "db_classification": "RDS",
        "name": "n",
        "type": "MYSQL",
        "version": "8",
        "charset": "GBK",
        "ip": "10.0.0.1",
        "port": "3306",
        "os": "UNIX",
    }
    with dbss.Client(base_url=server.url, token=TOKEN) as client, pytest.raises(dbss.BadRequestError) as excinfo:
        client.add_audit_database_new(project_id=PROJECT, instance_id=DBSS_INSTANCE, body={"database": database})
    assert (excinfo.value.error_code, excinfo.value.error_msg) == ("DBSS.XXXX", "wrapped form")
    assert excinfo.value.error_model is None  # the documented model does not fit; the body is still there


def test_html_error_page_from_a_proxy(server: Server) -> None:
    commvault = package("commvault_commandcenter")
    page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    server.script(Reply(502, page))
    client = commvault.Client(base_url=server.url, token=TOKEN, max_retries=0)
    with client, pytest.raises(commvault.InternalServerError) as excinfo:
        client.create_ali_postgres_instance(body=COMMVAULT_BODY)
    error = excinfo.value
    assert error.body is None and error.error_code is None and error.error_model is None
    assert error.raw == page.encode()
    assert "non-JSON body: text/html" in str(error)


def test_commvault_integer_error_code(server: Server) -> None:
    commvault = package("commvault_commandcenter")
    server.script(Reply(404, {"errorMessage": "Client [string] not found.", "errorCode": 2, "entity": {}}))
    with (
        commvault.Client(base_url=server.url, token=TOKEN) as client,
        pytest.raises(commvault.NotFoundError) as excinfo,
    ):
        client.create_ali_postgres_instance(body=COMMVAULT_BODY)
    assert (excinfo.value.error_code, excinfo.value.error_msg) == ("2", "Client [string] not found.")
    assert excinfo.value.error_model.errorCode == 2


def test_success_body_that_breaks_the_spec(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    """Tolerant by default (a warning, what arrived kept), strict on request: per client and per call."""
    from pydantic import MISSING

    gauss = package("huaweicloud_gaussdb_opengauss")
    server.script(Reply(200, {"no_job_id": True}))
    with gauss_client(server) as client:
        result = install(client)
        assert result.job_id is MISSING and not result.job_id and result.model_extra == {"no_job_id": True}
        (record,) = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert "does not match the spec" in record.getMessage() and "job_id" in record.getMessage()
        assert record.response.json() == {"no_job_id": True}  # type: ignore[attr-defined]
        with pytest.raises(gauss.APIResponseValidationError) as excinfo:
            install(client, strict_responses=True)
        assert excinfo.value.status_code == 200
    with gauss_client(server, strict_responses=True) as client:
        with pytest.raises(gauss.APIResponseValidationError):
            install(client)
        assert install(client, strict_responses=False).model_extra == {"no_job_id": True}
        raw = client.with_raw_response.install_kernel_plugin(
            project_id=PROJECT, instance_id=GAUSS_INSTANCE, body=GAUSS_BODY
        )
        assert raw.json() == {"no_job_id": True}
        with pytest.raises(gauss.APIResponseValidationError):
            raw.parse()


# ---- client-side validation ----------------------------------------------------------------------------------

COMMVAULT_BODY = {
    "instanceProperties": {
        "instance": {"instanceName": "string", "applicationId": 125, "clientName": "string"},
        "version": "string",
        "postGreSQLInstance": {
            "MaintainenceDB": "string",
            "port": "pgm-6gj1yy9fmpsm49d9.pg.rds.aliyuncs.com:5432",
            "SAUser": {"userName": "string", "password": "c3RyaW5n"},
            "cloudDBEngineType": "POSTGRESQL",
            "sslOpt": {"sslEnabled": True, "sslCa": "string"},
        },
        "planEntity": {"planName": "string"},
        "dbEngine": "PostgreSQL",
    }
}


@pytest.mark.parametrize(
    ("arguments", "location", "message"),
    [
        ({"project_id": "short"}, "project_id", "at least 32 characters"),
        ({"instance_id": "x" * 36 + "!"}, "instance_id", "at most 36 characters"),
        ({"x_language": "de-de"}, "x_language", "'zh-cn' or 'en-us'"),
        ({"body": {**GAUSS_BODY, "plugin_name": ""}}, "body.plugin_name", "String should have at least 1 character"),
        ({"body": {**GAUSS_BODY, "sha_256": "abc"}}, "body.sha_256", "should match pattern"),
        ({"body": {**GAUSS_BODY, "url": ""}}, "body.url", "at least 1 character"),
        ({"body": {"url": "u", "sha_256": "a" * 64}}, "body.plugin_name", "Field required"),
    ],
)
def test_validation_before_sending(server: Server, arguments: dict[str, Any], location: str, message: str) -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    server.script(Reply(200, {"job_id": "j"}))
    call = {"project_id": PROJECT, "instance_id": GAUSS_INSTANCE, "body": GAUSS_BODY, **arguments}
    with gauss_client(server) as client, pytest.raises(gauss.RequestValidationError) as excinfo:
        client.install_kernel_plugin(**call)
    assert f"{location}: " in str(excinfo.value) and message in str(excinfo.value)
    assert isinstance(excinfo.value, ValueError)
    assert server.seen == []  # nothing was sent


def test_validation_of_enums_patterns_and_nulls() -> None:
    dbss = package("huaweicloud_dbss")
    apig = package("huaweicloud_apig")
    commvault = package("commvault_commandcenter")
    valid = {
        "db_classification": "ECS",
        "name": "t",
        "type": "POSTGRESQL",
        "version": "7.4",
        "charset": "UTF8",
        "ip": "1.1.1.1",
        "port": "66",
        "os": "LINUX64",
    }
    dbss.models.AuditDatabase.model_validate(valid)
    for broken in ({"type": "POSTGRES"}, {"os": "LINUX"}, {"instance_name": None}):
        with pytest.raises(ValueError):
            dbss.models.AuditDatabase.model_validate({**valid, **broken})
    with pytest.raises(ValueError, match="should match pattern"):
        apig.models.CreatePluginRequest(
            plugin_name="CORS Plug-in", plugin_type="cors", plugin_scope="global", plugin_content=CORS
        )
    with pytest.raises(ValueError, match="should match pattern"):
        commvault.models.PostGreSQLInstance(cloudDBEngineType="POSTGRESQL", port="no-port")
    # 3.1 type arrays with null: null is a value there, absent stays absent
    identities = apig.models.PluginThirdAuthIdentities.model_validate({"queries": None})
    assert identities.queries is None and identities.model_dump() == {"queries": None}


# ---- embedded JSON (APIG plugin_content) ---------------------------------------------------------------------


def test_typed_plugin_content_goes_out_as_json_text(server: Server) -> None:
    apig = package("huaweicloud_apig")
    models = apig.models
    server.script(Reply(201, APIG_CREATED))
    body = models.CreatePluginRequest(
        plugin_name="CORS_plugin",
        plugin_type="cors",
        plugin_scope="global",
        plugin_content=models.CorsPluginContent(allow_origin="*", max_age=600),
    )
    with apig.Client(base_url=server.url, token=TOKEN) as client:
        result = client.create_plugin(project_id=PROJECT, instance_id="i", body=body)
    sent = json.loads(server.seen[0].body)
    assert isinstance(sent["plugin_content"], str)
    assert json.loads(sent["plugin_content"]) == {"allow_origin": "*", "max_age": 600}
    assert isinstance(result.plugin_content, models.CorsPluginContentReturned)
    assert result.plugin_content.max_age == 86400
    assert result.create_time.microsecond == 296181  # nanoseconds from the vendor are accepted


def test_plugin_content_text_and_dict_are_validated_against_the_selected_model() -> None:
    models = package("huaweicloud_apig").models
    base = {"plugin_name": "kafka_log_1", "plugin_type": "kafka_log", "plugin_scope": "global"}
    kafka = {"broker_list": ["10.0.0.1:9092"], "topic": "logs", "sasl_config": {"sasl_password": "s3cret"}}
    from_text = models.CreatePluginRequest.model_validate({**base, "plugin_content": json.dumps(kafka)})
    from_dict = models.CreatePluginRequest.model_validate({**base, "plugin_content": kafka})
    assert isinstance(from_text.plugin_content, models.KafkaLogContent)
    assert from_text == from_dict
    assert json.loads(from_text.model_dump_json(exclude_unset=True))["plugin_content"] == json.dumps(
        kafka, separators=(",", ":")
    )
    cases = [
        ({"plugin_content": "{not json"}, "is not valid JSON"),
        ({"plugin_content": {"topic": "no brokers"}}, "does not match KafkaLogContent: broker_list: Field required"),
        (
            {"plugin_content": models.CorsPluginContent(allow_origin="*")},
            "must be a KafkaLogContent, not a CorsPluginContent",
        ),
        (
            {"plugin_content": {**kafka, "max_retry_count": 9}},
            "max_retry_count: Input should be less than or equal to 5",
        ),
        ({"plugin_content": "x" * 65536}, "longer than 65535 characters"),
    ]
    for change, message in cases:
        with pytest.raises(ValueError, match=message):
            models.CreatePluginRequest.model_validate({**base, **change})


# ---- secrets ---------------------------------------------------------------------------------------------


def test_secrets_stay_out_of_logs_reprs_and_errors(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    commvault = package("commvault_commandcenter")
    models = commvault.models
    password = "U1VQRVJTRUNSRVRQVw=="  # base64, as the spec wants
    caplog.set_level(logging.DEBUG)
    server.script(Reply(401, {"errorMessage": "Access denied.", "errorCode": 5, "entity": {}}))
    client = commvault.Client(base_url=server.url, token=TOKEN)
    body = json.loads(json.dumps(COMMVAULT_BODY))
    body["instanceProperties"]["postGreSQLInstance"]["SAUser"]["password"] = password
    with client, pytest.raises(commvault.AuthenticationError) as excinfo:
        client.create_ali_postgres_instance(body=body)
    assert server.seen[0].headers["Authtoken"] == TOKEN  # it was sent ...
    assert json.loads(server.seen[0].body)["instanceProperties"]["postGreSQLInstance"]["SAUser"]["password"] == password
    user = models.DatabaseAdminCredentials(userName="admin", password=password)
    bad = models.DatabaseAdminCredentials.model_validate
    with pytest.raises(ValueError) as invalid:
        bad({"userName": "admin", "password": password + "!"})
    texts = [
        caplog.text,
        repr(client),
        str(client),
        str(excinfo.value),
        repr(excinfo.value),
        repr(user),
        str(user),
        str(invalid.value),
    ]
    for text in texts:  # ... but never shown
        assert TOKEN not in text and password not in text
    assert "<redacted>" in caplog.text


def test_kafka_sasl_password_is_hidden() -> None:
    models = package("huaweicloud_apig").models
    config = models.PluginKafkaLogSaslConfig(security_protocol="SASL_SSL", sasl_username="u", sasl_password="kafka-pw")
    content = models.KafkaLogContent(broker_list=["h:1"], topic="t", sasl_config=config)
    assert "kafka-pw" not in repr(content) and "kafka-pw" not in str(content)
    assert config.sasl_password == "kafka-pw"
    assert "kafka-pw" in content.model_dump_json()  # it is still sent


def test_aksk_secret_stays_out_of_logs_and_reprs(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    secret = "SK-very-secret-value"
    caplog.set_level(logging.DEBUG)
    server.script(Reply(200, {"job_id": "j"}))
    with gauss.Client(base_url=server.url, ak="AKEXAMPLE", sk=secret) as client:
        install(client)
        assert secret not in repr(client)
    assert secret not in caplog.text and "Signature=" not in caplog.text
    assert server.seen[0].headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=")
    assert "X-Auth-Token" not in server.seen[0].headers


def test_credentials_are_checked() -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    for kwargs in ({"token": "t", "ak": "a", "sk": "s"}, {"ak": "a"}, {"token": ""}):
        with pytest.raises(ValueError) as excinfo:
            gauss.Client(base_url="http://127.0.0.1:1", **kwargs)
        assert "s" not in str(excinfo.value).split() and "'t'" not in str(excinfo.value)


# ---- AK/SK signing against the official SDK ------------------------------------------------------------------


def sdk_signature(seen: Seen, host: str, ak: str, sk: str) -> str:
    """What huaweicloudsdkcore's Signer computes for the request the server received (same headers signed)."""
    from urllib.parse import parse_qsl, urlsplit

    from huaweicloudsdkcore.auth.credentials import BasicCredentials
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkcore.signer.signer import Signer

    lower = {k.lower(): v for k, v in seen.headers.items()}
    signed = lower["authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
    headers = {name: lower[name] for name in signed}
    parts = urlsplit(seen.path)
    query: dict[str, Any] = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        query.setdefault(key, []).append(value)
    request = SdkRequest(
        method=seen.method,
        schema="http",
        host=host,
        resource_path=parts.path,
        query_params=[(k, v if len(v) > 1 else v[0]) for k, v in query.items()],
        header_params=headers,
        body=seen.body,
    )
    credentials = BasicCredentials(ak, sk)
    return str(Signer(credentials).sign(request).header_params["Authorization"])


@pytest.fixture
def sdk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # importing huaweicloudsdkcore writes ~/.huaweicloud/application_id: keep it out of the real home
    monkeypatch.setenv("HOME", str(tmp_path))


@pytest.mark.usefixtures("sdk_home")
def test_aksk_signature_matches_the_official_sdk(server: Server) -> None:
    gauss = package("huaweicloud_gaussdb_opengauss")
    ak, sk = "HPUAEXAMPLEAK0001", "sk0123456789abcdefEXAMPLEsecret"
    server.script(Reply(200, {"job_id": "j"}), Reply(503, {}, {"Retry-After": "0"}), Reply(200, {"job_id": "j"}))
    with gauss.Client(base_url=server.url, ak=ak, sk=sk) as client:
        client.install_kernel_plugin(
            project_id=PROJECT, instance_id=GAUSS_INSTANCE, x_language="en-us", body=GAUSS_BODY
        )
        install(client)  # retried once: each attempt is signed again
    assert len(server.seen) == 3
    host = server.url.removeprefix("http://")
    for seen in server.seen:
        assert "x-language" in seen.headers["Authorization"] or seen is not server.seen[0]
        assert seen.headers["Authorization"] == sdk_signature(seen, host, ak, sk)


@pytest.mark.usefixtures("sdk_home")
def test_signing_of_query_and_unusual_paths_matches_the_official_sdk() -> None:
    import httpx

    signing = importlib.import_module("huaweicloud_apig.signing")
    ak, sk = "AK", "SK/with+chars="
    request = httpx.Request(
        "GET",
        "https://apig.ap-southeast-1.myhuaweicloud.com/v2/p%20x/caf%C3%A9/?b=2&a=1&a=0&empty=&sp=a%20b~c",
        headers={"X-Project-Id": PROJECT, "Content-Type": "application/json"},
    )
    signing.sign_request(request, ak, sk)
    seen = Seen("GET", request.url.raw_path.decode(), dict(request.headers.items()), b"")
    assert request.headers["Authorization"] == sdk_signature(seen, "apig.ap-southeast-1.myhuaweicloud.com", ak, sk)


# ---- servers -------------------------------------------------------------------------------------------------


def test_base_url_from_server_variables() -> None:
    apig = package("huaweicloud_apig")
    gauss = package("huaweicloud_gaussdb_opengauss")
    commvault = package("commvault_commandcenter")
    assert str(gauss.Client().base_url) == "https://gaussdb-opengauss.ap-southeast-1.myhuaweicloud.com"
    assert str(gauss.Client(region="cn-north-4").base_url) == "https://gaussdb-opengauss.cn-north-4.myhuaweicloud.com"
    assert str(apig.Client(region="eu-west-101").base_url) == "https://apig.eu-west-101.myhuaweicloud.eu"
    assert str(apig.Client(region="la-south-2").base_url) == "https://apig.la-south-2.myhuaweicloud.com"
    assert str(commvault.Client(host="cc.example.org").base_url) == "https://cc.example.org/commandcenter/api"
    assert str(commvault.Client(base_url="http://127.0.0.1:9/x").base_url) == "http://127.0.0.1:9/x"
    for bad in ("evil.com/steal?", "a b", "user@host"):
        with pytest.raises(ValueError):
            commvault.Client(host=bad)


def test_base_url_path_prefix_is_kept(server: Server) -> None:
    commvault = package("commvault_commandcenter")
    server.script(Reply(200, {"response": {"errorCode": 0, "entity": {"instanceId": 1060}}}))
    with commvault.Client(base_url=server.url + "/commandcenter/api", token=TOKEN) as client:
        result = client.create_ali_postgres_instance(body=COMMVAULT_BODY)
    assert server.seen[0].path == "/commandcenter/api/Instance"
    assert result.response.entity.instanceId == 1060


# ---- the golden fixture packages (tests/fixtures/generate/<case>/expected) ----------------------------------


def fixture_package(case: str) -> ModuleType:
    path = str(ROOT / "tests" / "fixtures" / "generate" / case / "expected")
    if path not in sys.path:
        sys.path.insert(0, path)
    return importlib.import_module(case)


def test_hostile_names_reach_the_wire_unchanged(server: Server) -> None:
    hostile = fixture_package("hostile")
    models = hostile.models
    server.script(Reply(200, {"a-b": "1", "A_B": "2"}))
    body = models.Class.model_validate({'"; import os; "': "x", "kind": 'c"d', "class": 7, "self": "me"})
    with hostile.Client(base_url=server.url, def_="KEY") as client:
        result = client.class_(
            item_id="it/1",
            class_=2,
            from_="e\nf",
            self_=True,
            body_="q",
            x_foo="query",
            x_foo_2="header",
            param_1st=1.5,
            u21517_u21069="名",
            timeout_=3,
            models_="m",
            str_=["a", "b"],
            init='"""',
            sess_ion="c",
            body=body,
        )
    assert (result.a_b, result.A_B) == ("1", "2")
    seen = server.seen[0]
    path, _, query = seen.path.partition("?")
    assert path == "/items/it%2F1/2"
    assert sorted(query.split("&")) == sorted(
        [
            "from=e%0Af",
            "self=true",
            "body=q",
            "x_foo=query",
            "1st=1.5",
            "%E5%90%8D%E5%89%8D=%E5%90%8D",
            "timeout=3",
            "models=m",
            "str=a",
            "str=b",
            "api-key%22%27=KEY",
        ]
    )
    assert seen.headers["X-Foo"] == "header" and seen.headers["__init__"] == '"""'
    assert seen.headers["Cookie"] == "sess%22ion=c"  # names are percent-encoded like values (the style table)
    sent = json.loads(seen.body)
    assert sent == {'"; import os; "': "x", "kind": 'c"d', "class": 7, "self": "me"}
    assert "payload" not in sent  # defaults are not sent, and never evaluated
    assert models.Class(kind="class").payload == "__import__('os').system('touch PWNED')"


def test_hostile_validation_and_shadowing_names(server: Server) -> None:
    hostile = fixture_package("hostile")
    with hostile.Client(base_url=server.url, token="T") as client:
        with pytest.raises(hostile.RequestValidationError, match="from_: Input should be"):
            client.class_(item_id="x", class_=1, from_="nope", body={"kind": "class"})
        with pytest.raises(hostile.RequestValidationError, match="item_id: String should have at most 8"):
            client.class_(item_id="123456789", class_=1, body={"kind": "class"})
        server.script(Reply(204))
        assert client.close_() is None  # the operation `close` does not replace Client.close
        server.script(Reply(200, [{"name": "rex"}]))
        assert [pet.name for pet in client.get_item()] == ["rex"]
        server.script(Reply(200, "plain text", {"Content-Type": "text/plain"}))
        assert client.get_item_2() == "plain text"
        server.script(Reply(200, {"id": 1, "名前": "x"}))
        assert client.with_raw_response_().id == 1
        assert server.seen[-1].headers["Authorization"] == "Bearer T"
    assert isinstance(client.with_raw_response, hostile.client.ClientWithRawResponse)


def test_petstore_openapi_30(server: Server) -> None:
    petstore = fixture_package("petstore")
    with pytest.raises(ValueError, match="relative: pass base_url="):
        petstore.Client(token="t")
    server.script(Reply(200, [{"id": 1, "name": "Rex", "tag": None}]))
    with petstore.Client(base_url=server.url + "/api/v1", token="t") as client:
        pets = client.list_pets(tags=["a", "b c"], limit=5, x_trace_id="0b0c3c32-5bd4-4b54-a1dc-6e0c0bbd0a5b")
        assert pets[0].id == 1 and pets[0].tag is None
        assert server.seen[-1].path == "/api/v1/pets?limit=5&tags=a&tags=b%20c"
        assert server.seen[-1].headers["X-Trace-Id"] == "0b0c3c32-5bd4-4b54-a1dc-6e0c0bbd0a5b"
        with pytest.raises(petstore.RequestValidationError, match="limit: Input should be less than or equal to 100"):
            client.list_pets(limit=1000)
        server.script(Reply(200, {"id": 1, "name": "Rex"}))
        assert client.show_pet_by_id(pet_id=1).name == "Rex"
        assert server.seen[-1].headers["Authorization"] == "Bearer t"  # optional auth: sent when available
        server.script(Reply(204))
        assert client.delete_pet(pet_id=1) is None
        server.script(Reply(200, {"id": 1, "name": "Max"}))
        assert client.rename_pet(pet_id=1, body={"name": "Max"}).name == "Max"
        assert server.seen[-1].body == b"name=Max"
        assert server.seen[-1].headers["Content-Type"] == "application/x-www-form-urlencoded"
        server.script(Reply(409, {"code": 9, "message": "exists"}))
        with pytest.raises(petstore.ConflictError) as excinfo:
            client.create_pet(body={"name": "Rex", "tag": None})
        assert excinfo.value.error_model.message == "exists"  # via `default` ... and via the 409 $ref
        assert json.loads(server.seen[-1].body) == {"name": "Rex", "tag": None}  # an explicit null is kept
    with petstore.Client(base_url=server.url) as anonymous:
        server.script(Reply(200, {"id": 2, "name": "Max"}))
        assert anonymous.show_pet_by_id(pet_id=2).id == 2
        assert "Authorization" not in server.seen[-1].headers


def test_signing_fixture_content_and_region(server: Server) -> None:
    signing = fixture_package("signing")
    models = signing.models
    assert str(signing.Client(region="yy-east-2").base_url) == "https://widgets.yy-east-2.example.com"
    widget = models.Widget(name="w", kind="square", config=models.SquareConfig(side=3), password="pw-123")
    assert "pw-123" not in repr(widget)
    echoed = {"name": "w", "kind": "square", "config": '{"side":3}', "note": None}
    server.script(Reply(201, echoed))
    with signing.Client(base_url=server.url, ak="AK1", sk="SK1") as client:
        created = client.create_widget(project_id="abcdef01", dry_run=False, body=widget)
    assert isinstance(created.config, models.SquareConfig) and created.note is None
    seen = server.seen[-1]
    assert seen.path == "/v1/abcdef01/widgets?dry_run=false"
    assert json.loads(seen.body)["config"] == '{"side":3}'
    assert seen.headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=content-type;host;")
    with pytest.raises(ValueError, match="must be a SquareConfig, not a RoundConfig"):
        models.Widget(name="w", kind="square", config=models.RoundConfig(radius=1))
    with pytest.raises(ValueError, match="longer than 200 characters"):
        models.Widget(name="w", kind="round", config={"radius": 1, "pad": "x" * 300})


# ---- the README examples ------------------------------------------------------------------------------------

SUCCESS = {
    "huaweicloud_gaussdb_opengauss": Reply(200, {"job_id": "bf26cf3c-d046-4080-bb45-f114be7afa5f"}),
    "huaweicloud_dbss": Reply(200, {"id": "Fadq-Y4B51p4J06sRc4F"}),
    "huaweicloud_apig": Reply(201, APIG_CREATED),
    "commvault_commandcenter": Reply(200, {"response": {"errorCode": 0, "entity": {"instanceId": 1060}}}),
}


@pytest.mark.parametrize("name", sorted(SUCCESS))
def test_readme_examples_run(server: Server, name: str) -> None:
    """Every Python example of the package README is valid: the calls pass client-side validation and reach the
    server (the spec's own examples are used), the content-model examples build."""
    import re

    module = package(name)
    readme = (GENERATED / name / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    calls = [b for b in blocks if b.startswith("result = client.")]
    assert len(calls) == readme.count("\n### `client.") >= 1  # one example per operation
    with module.Client(base_url=server.url, token=TOKEN) as client:
        for code in calls + [b for b in blocks if b.startswith("body = models.")]:
            server.script(SUCCESS[name])
            namespace: dict[str, Any] = {"client": client, "models": module.models}
            exec(compile(code, f"{name}/README.md", "exec"), namespace)
            if code.startswith("result = client."):
                assert len(server.seen) == 1 and namespace["result"] is not None
