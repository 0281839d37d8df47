"""The reference server over real HTTP (uvicorn on 127.0.0.1): success bodies, vendor error bodies, auth, state,
content validation, routing, limits, canned answers, injected faults and the request log."""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from generator.project.catalog import find_api
from generator.serve.app import ReferenceServer, ServeOptions, build_app
from generator.serve.auth import Credentials
from generator.serve.runner import BackgroundServer
from tests.conftest import ROOT

TOKEN = "test-token-not-a-secret-7f3a"
PROJECT = "0c8243400d37468bb4aed3cc94c2911d"
APIG_PATH = f"/v2/{PROJECT}/apigw/instances/eddc4d25480b4cd6b512f270a1b8b341/plugins"
GAUSS_PATH = f"/v3/{PROJECT}/instances/f9b5f9b296ec6808e0670a1b2c3d4e5fin14/kernel-plugin"
DBSS_PATH = f"/v2/{PROJECT}/audit/2a3b4c5d6e7f48a9b0c1d2e3f4a5b6c7/databases"
HUAWEI = {"X-Auth-Token": TOKEN}
COMMVAULT = {"Authtoken": TOKEN}


class Running:
    def __init__(self, server: BackgroundServer, app: Any) -> None:
        self.server = server
        self.app = app
        self.client = httpx.Client(base_url=server.base_url, timeout=10)

    @property
    def reference(self) -> ReferenceServer:
        server: ReferenceServer = self.app.state.reference
        return server

    def post(self, path: str, body: Any = None, headers: dict[str, str] | None = None, **kw: Any) -> httpx.Response:
        return self.client.post(path, json=body, headers=headers, **kw)

    def validate(self, path: str, method: str, response: httpx.Response) -> None:
        """The answer matches the schema the spec documents for its status."""
        op = next(o for o in self.reference.spec.operations if o.method == method)
        documented = op.response_for(response.status_code)
        assert documented is not None, f"status {response.status_code} is not documented"
        assert documented.validator is not None
        errors = [e.message for e in documented.validator.iter_errors(response.json())]
        assert errors == [], errors


def _start(api: str, **options: Any) -> Iterator[Running]:
    spec = find_api(api, ROOT).spec if not api.endswith(".yaml") else Path(api)
    app = build_app(
        spec,
        api_name=None if api.endswith(".yaml") else api,
        options=ServeOptions(credentials=Credentials(token=TOKEN), **options),
    )
    with BackgroundServer(app) as server:
        running = Running(server, app)
        try:
            yield running
        finally:
            running.client.close()


@pytest.fixture(scope="module")
def apig() -> Iterator[Running]:
    yield from _start("apig")


@pytest.fixture(scope="module")
def gaussdb() -> Iterator[Running]:
    yield from _start("gaussdb-opengauss")


@pytest.fixture(scope="module")
def dbss() -> Iterator[Running]:
    yield from _start("dbss")


@pytest.fixture(scope="module")
def commvault() -> Iterator[Running]:
    yield from _start("commvault")


def apig_body(name: str, **changes: Any) -> dict[str, Any]:
    body = {
        "plugin_name": name,
        "plugin_type": "cors",
        "plugin_scope": "global",
        "plugin_content": json.dumps({"allow_origin": "*", "max_age": 600}),
        "remark": "from the tests",
    }
    body.update(changes)
    return body


GAUSS_BODY = {"plugin_name": "postgis", "url": "bucket.obs/postgis.zip", "sha_256": "ab" * 32}
DBSS_BODY = {
    "database": {
        "db_classification": "ECS",
        "name": "orders",
        "type": "MYSQL",
        "version": "8.0",
        "charset": "UTF8",
        "ip": "10.0.0.8",
        "port": "3306",
        "os": "LINUX64",
    }
}


def commvault_body(client: str = "aliyun-prod", name: str = "pgm-1") -> dict[str, Any]:
    return {
        "instanceProperties": {
            "instance": {"instanceName": name, "applicationId": 125, "clientName": client},
            "version": "14",
            "postGreSQLInstance": {
                "MaintainenceDB": "postgres",
                "port": "pgm-1.pg.rds.aliyuncs.com:5432",
                "SAUser": {"userName": "admin", "password": "c2VjcmV0"},
                "cloudDBEngineType": "POSTGRESQL",
                "sslOpt": {"sslEnabled": False},
            },
            "planEntity": {"planName": "gold"},
            "dbEngine": "PostgreSQL",
        }
    }


# ---- success ------------------------------------------------------------------------------------------------


def test_apig_create_echoes_the_request_with_new_id_and_times(apig: Running) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    response = apig.post(APIG_PATH, apig_body("Echo_1"), HUAWEI)
    assert response.status_code == 201
    apig.validate(APIG_PATH, "POST", response)
    body = response.json()
    assert re.fullmatch(r"[0-9a-f]{32}", body["plugin_id"])
    for key in ("plugin_name", "plugin_type", "plugin_scope", "plugin_content", "remark"):
        assert body[key] == apig_body("Echo_1")[key]
    created = datetime.strptime(body["create_time"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    assert before <= created <= datetime.now(UTC) + timedelta(seconds=1)
    assert body["update_time"] == body["create_time"]
    second = apig.post(APIG_PATH, apig_body("Echo_2"), HUAWEI).json()
    assert second["plugin_id"] != body["plugin_id"]


def test_apig_leaves_out_optional_fields_the_request_lacks(apig: Running) -> None:
    body = apig_body("No_Remark")
    del body["remark"]
    answer = apig.post(APIG_PATH, body, HUAWEI).json()
    assert "remark" not in answer


def test_apig_does_not_return_the_kafka_password(apig: Running) -> None:
    content = {
        "broker_list": ["10.0.0.1:9092"],
        "topic": "logs",
        "sasl_config": {"security_protocol": "SASL_PLAINTEXT", "sasl_username": "u", "sasl_password": "hunter2"},
    }
    body = apig_body("Kafka_Secret", plugin_type="kafka_log", plugin_content=json.dumps(content))
    response = apig.post(APIG_PATH, body, HUAWEI)
    assert response.status_code == 201, response.text
    echoed = json.loads(response.json()["plugin_content"])
    assert "sasl_password" not in echoed["sasl_config"]
    assert echoed["sasl_config"]["sasl_username"] == "u"
    assert "hunter2" not in response.text


def test_gaussdb_returns_a_job_id(gaussdb: Running) -> None:
    response = gaussdb.post(GAUSS_PATH, GAUSS_BODY, HUAWEI)
    assert response.status_code == 200
    gaussdb.validate(GAUSS_PATH, "POST", response)
    uuid.UUID(response.json()["job_id"])
    assert gaussdb.post(GAUSS_PATH, GAUSS_BODY, HUAWEI).json()["job_id"] != response.json()["job_id"]


def test_dbss_returns_a_record_id(dbss: Running) -> None:
    response = dbss.post(DBSS_PATH, DBSS_BODY, HUAWEI)
    assert response.status_code == 200
    dbss.validate(DBSS_PATH, "POST", response)
    assert re.fullmatch(r"[A-Za-z0-9_-]{20}", response.json()["id"])


def test_commvault_ids_per_client_and_instance(commvault: Running) -> None:
    first = commvault.post("/instance", commvault_body("acct-a", "pg-a"), COMMVAULT)
    assert first.status_code == 200
    commvault.validate("/instance", "POST", first)
    again = commvault.post("/instance", commvault_body("acct-a", "pg-b"), COMMVAULT).json()["response"]["entity"]
    other = commvault.post("/instance", commvault_body("acct-b", "pg-c"), COMMVAULT).json()["response"]["entity"]
    entity = first.json()["response"]["entity"]
    assert first.json()["response"]["errorCode"] == 0
    assert entity["instanceName"] == "pg-a" and again["instanceName"] == "pg-b"
    assert entity["clientId"] == again["clientId"] != other["clientId"]
    assert entity["instanceId"] < again["instanceId"] < other["instanceId"]


def test_commvault_accepts_the_cvpysdk_spellings(commvault: Running) -> None:
    """cvpysdk posts to /Instance with `Authtoken: QSDK <token>`; the page's base path works too."""
    headers = {"Authtoken": f"QSDK {TOKEN}"}
    assert commvault.post("/Instance", commvault_body(), headers).status_code == 200
    assert commvault.post("/commandcenter/api/instance", commvault_body(), COMMVAULT).status_code == 200


# ---- state ----------------------------------------------------------------------------------------------------


def test_apig_plugin_names_are_unique_per_gateway(apig: Running) -> None:
    assert apig.post(APIG_PATH, apig_body("Unique_Name"), HUAWEI).status_code == 201
    again = apig.post(APIG_PATH, apig_body("Unique_Name", plugin_type="set_resp_headers", plugin_content="{}"), HUAWEI)
    assert again.status_code == 400
    assert again.json() == {"error_code": "APIG.3326", "error_msg": "The plugin name already exists"}
    apig.validate(APIG_PATH, "POST", again)
    other_gateway = APIG_PATH.replace("eddc4d25480b4cd6b512f270a1b8b341", "0" * 32)
    assert apig.post(other_gateway, apig_body("Unique_Name"), HUAWEI).status_code == 201
    records = apig.reference.store.records("CreatePlugin")
    assert sum(r.request["plugin_name"] == "Unique_Name" for r in records) == 2


# ---- errors -----------------------------------------------------------------------------------------------------


def test_apig_invalid_and_missing_fields(apig: Running) -> None:
    bad = apig.post(APIG_PATH, apig_body("9starts_with_digit"), HUAWEI)
    assert bad.status_code == 400
    assert bad.json()["error_code"] == "APIG.2012"
    assert "parameterName:plugin_name" in bad.json()["error_msg"]
    apig.validate(APIG_PATH, "POST", bad)
    body = apig_body("Missing_Type")
    del body["plugin_type"]
    missing = apig.post(APIG_PATH, body, HUAWEI).json()
    assert missing["error_code"] == "APIG.2001" and "plugin_type is required" in missing["error_msg"]


def test_apig_checks_the_embedded_content(apig: Running) -> None:
    wrong = apig.post(
        APIG_PATH, apig_body("Content_1", plugin_content='{"allow_origin": "*", "max_age": 99999}'), HUAWEI
    )
    assert wrong.status_code == 400
    assert "plugin_content.max_age must be less than or equal to 86400" in wrong.json()["error_msg"]
    not_json = apig.post(APIG_PATH, apig_body("Content_2", plugin_content="{allow_origin: *}"), HUAWEI)
    assert not_json.status_code == 400 and "plugin_content must be a JSON document" in not_json.json()["error_msg"]
    nan = apig.post(APIG_PATH, apig_body("Content_3", plugin_content='{"allow_origin": "*", "max_age": NaN}'), HUAWEI)
    assert nan.status_code == 400
    # the same document is fine for a type whose model it matches, and the check follows plugin_type
    other = apig.post(APIG_PATH, apig_body("Content_4", plugin_type="set_resp_headers", plugin_content="{}"), HUAWEI)
    assert other.status_code == 201


def test_patterns_follow_ecma_262_not_python_re(apig: Running) -> None:
    # Python's `$` matches before a final newline and `\d` matches any Unicode digit; JSON Schema's do not.
    assert apig.post(APIG_PATH, apig_body("Trailing\n"), HUAWEI).status_code == 400


def test_gaussdb_errors_name_the_field(gaussdb: Running) -> None:
    response = gaussdb.post(GAUSS_PATH, {**GAUSS_BODY, "sha_256": "xyz"}, HUAWEI)
    assert response.status_code == 400
    assert response.json()["error_code"] == "DBS.200001"
    assert "sha_256 does not match the pattern" in response.json()["error_msg"]
    gaussdb.validate(GAUSS_PATH, "POST", response)
    short = gaussdb.post(GAUSS_PATH.replace(PROJECT, "short"), GAUSS_BODY, HUAWEI)
    assert short.status_code == 400 and "project_id" in short.json()["error_msg"]
    language = gaussdb.post(GAUSS_PATH, GAUSS_BODY, {**HUAWEI, "X-Language": "fr-fr"})
    assert language.status_code == 400 and "X-Language" in language.json()["error_msg"]
    assert gaussdb.post(GAUSS_PATH, GAUSS_BODY, {**HUAWEI, "X-Language": "zh-cn"}).status_code == 200


def test_dbss_lists_every_offending_field_in_details(dbss: Running) -> None:
    body = {"database": {**DBSS_BODY["database"], "type": "FOXPRO", "port": 3306}}
    del body["database"]["os"]
    response = dbss.post(DBSS_PATH, body, HUAWEI)
    assert response.status_code == 400
    dbss.validate(DBSS_PATH, "POST", response)
    answer = response.json()
    assert answer["error_code"] == "DBSS.0005"
    fields = sorted(d["error_msg"].split(" ")[0] for d in answer["details"])
    assert fields == ["database.os", "database.port", "database.type"]
    assert all(d["error_code"] == "DBSS.0005" for d in answer["details"])


def test_commvault_error_body_keeps_the_password_out(commvault: Running) -> None:
    body = commvault_body()
    body["instanceProperties"]["postGreSQLInstance"]["SAUser"]["password"] = "not base64 at all!"
    response = commvault.post("/instance", body, COMMVAULT)
    assert response.status_code == 400
    commvault.validate("/instance", "POST", response)
    answer = response.json()
    assert answer["errorCode"] == 1
    assert "instanceProperties.postGreSQLInstance.SAUser.password" in answer["errorMessage"]
    assert "not base64" not in response.text


def test_malformed_bodies(gaussdb: Running) -> None:
    def send(content: bytes, content_type: str = "application/json") -> httpx.Response:
        return gaussdb.client.post(GAUSS_PATH, content=content, headers={**HUAWEI, "Content-Type": content_type})

    assert "not valid JSON" in send(b"{").json()["error_msg"]
    assert "not UTF-8" in send(b'{"url": "\xff"}').json()["error_msg"]
    assert "Content-Type" in send(json.dumps(GAUSS_BODY).encode(), "text/plain").json()["error_msg"]
    assert "request body is required" in send(b"").json()["error_msg"]
    assert send(json.dumps(GAUSS_BODY).encode(), "application/json; charset=utf-8").status_code == 200


# ---- auth ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "is missing"),
        ({"X-Auth-Token": "wrong"}, "does not carry a valid token"),
        ({"X-Auth-Token": ""}, "missing"),
    ],
)
def test_huawei_auth_failures_get_the_documented_401(apig: Running, headers: dict[str, str], reason: str) -> None:
    response = apig.post(APIG_PATH, apig_body("Auth_Case"), headers)
    assert response.status_code == 401
    apig.validate(APIG_PATH, "POST", response)
    assert response.json()["error_code"] == "APIG.1002"
    assert reason in response.json()["error_msg"]
    assert "wrong" not in response.text


def test_auth_comes_before_validation(dbss: Running) -> None:
    assert dbss.post(DBSS_PATH, {"database": {}}, {}).status_code == 401


def test_commvault_auth(commvault: Running) -> None:
    response = commvault.post("/instance", commvault_body(), {"Authtoken": "QSDK nope"})
    assert response.status_code == 401
    commvault.validate("/instance", "POST", response)
    assert response.json()["errorCode"] == 5


def test_any_non_empty_token_without_configuration() -> None:
    app = build_app(find_api("gaussdb-opengauss", ROOT).spec, api_name="gaussdb-opengauss")
    with BackgroundServer(app) as server, httpx.Client(base_url=server.base_url) as client:
        assert client.post(GAUSS_PATH, json=GAUSS_BODY, headers={"X-Auth-Token": "anything"}).status_code == 200
        assert client.post(GAUSS_PATH, json=GAUSS_BODY, headers={"X-Auth-Token": ""}).status_code == 401


# ---- routing, limits, canned answers, faults ----------------------------------------------------------------------


def test_unknown_method_and_path(apig: Running) -> None:
    wrong_method = apig.client.get(APIG_PATH, headers=HUAWEI)
    assert wrong_method.status_code == 405 and wrong_method.headers["allow"] == "POST"
    assert wrong_method.json()["error_code"].startswith("APIG.")
    unknown = apig.client.post("/v2/nothing/here", headers=HUAWEI)
    assert unknown.status_code == 404 and unknown.json()["error_code"].startswith("APIG.")


def test_an_encoded_slash_stays_inside_its_parameter(apig: Running, gaussdb: Running) -> None:
    path = APIG_PATH.replace("eddc4d25480b4cd6b512f270a1b8b341", "gate%2Fway")
    assert apig.post(path, apig_body("Slash_Gateway"), HUAWEI).status_code == 201
    assert apig.reference.store.records("CreatePlugin")[-1].path_params["instance_id"] == "gate/way"
    response = gaussdb.post(GAUSS_PATH.replace(PROJECT, "a%2F" + "b" * 30), GAUSS_BODY, HUAWEI)
    assert response.status_code == 400 and "project_id" in response.json()["error_msg"]


def test_an_empty_path_parameter_gets_the_vendors_400(apig: Running) -> None:
    response = apig.post(APIG_PATH.replace(PROJECT, ""), apig_body("Empty_Project"), HUAWEI)
    assert response.status_code == 400
    assert response.json()["error_code"] == "APIG.2012"
    assert "path parameter project_id must not be empty" in response.json()["error_msg"]


def test_bodies_over_the_limit_are_refused() -> None:
    running = _start("gaussdb-opengauss", max_body_bytes=256)
    server = next(running)
    try:
        big = {**GAUSS_BODY, "url": "x" * 300}
        response = server.post(GAUSS_PATH, big, HUAWEI)
        assert response.status_code == 413
        assert response.json()["error_code"].startswith("DBS.")
        chunks = (b"x" * 100 for _ in range(5))  # no Content-Length: the limit applies while reading
        streamed = server.client.post(
            GAUSS_PATH, content=chunks, headers={**HUAWEI, "Content-Type": "application/json"}
        )
        assert streamed.status_code == 413
    finally:
        running.close()


def test_prefer_code_gives_the_documented_answer(apig: Running, dbss: Running) -> None:
    not_found = apig.post(APIG_PATH, apig_body("Prefer_1"), {**HUAWEI, "Prefer": "code=404"})
    assert not_found.status_code == 404 and not_found.json()["error_code"] == "APIG.3030"
    forbidden = dbss.post(DBSS_PATH, DBSS_BODY, {**HUAWEI, "Prefer": "code=403, example=forbidden"})
    assert forbidden.status_code == 403
    assert forbidden.json()["details"][0]["error_code"] == "DBSS.0003"
    unavailable = apig.post(APIG_PATH, apig_body("Prefer_2"), {**HUAWEI, "Prefer": "code=503"})
    assert unavailable.status_code == 503 and unavailable.json()["error_code"].startswith("APIG.")
    teapot = apig.post(APIG_PATH, apig_body("Prefer_3"), {**HUAWEI, "Prefer": "code=418"})
    assert teapot.status_code == 400 and "not a documented response" in teapot.json()["error_msg"]
    # auth still comes first
    assert apig.post(APIG_PATH, apig_body("Prefer_4"), {"Prefer": "code=404"}).status_code == 401


def test_injected_faults_then_recovery(gaussdb: Running) -> None:
    gaussdb.reference.faults.add(503, times=2, retry_after=1)
    first = gaussdb.post(GAUSS_PATH, GAUSS_BODY, HUAWEI)
    second = gaussdb.post(GAUSS_PATH, GAUSS_BODY, HUAWEI)
    third = gaussdb.post(GAUSS_PATH, GAUSS_BODY, HUAWEI)
    assert [first.status_code, second.status_code, third.status_code] == [503, 503, 200]
    assert first.headers["retry-after"] == "1"
    gaussdb.reference.faults.add(delay=0.5)
    with pytest.raises(httpx.ReadTimeout):
        gaussdb.client.post(GAUSS_PATH, json=GAUSS_BODY, headers=HUAWEI, timeout=0.1)


# ---- logs ----------------------------------------------------------------------------------------------------------


def test_one_log_line_per_request_without_secrets(caplog: pytest.LogCaptureFixture) -> None:
    # For the whole test: the access line is written just after the answer is sent, in the server's thread.
    caplog.set_level(logging.INFO, logger="generator.serve")
    running = _start("commvault", log_bodies=True)
    server = next(running)
    try:
        body = commvault_body()
        server.post("/instance?Authtoken=" + TOKEN, body, COMMVAULT)
        server.post("/instance", body, {"Authtoken": "QSDK " + TOKEN})
        server.post("/instance", {"oops": True}, COMMVAULT)
    finally:
        running.close()  # stops the server, so every line has been written
    # only this server's lines: a slow answer of an earlier test's server may still log into this capture
    access = [
        r.getMessage()
        for r in caplog.records
        if r.name == "generator.serve.access" and r.getMessage().startswith("POST /instance")
    ]
    assert len(access) == 3
    # the query string is logged, the credential in it masked
    assert re.fullmatch(r"POST /instance\?Authtoken=\*\*\* 200 \d+\.\dms createAliPostgresInstance", access[0])
    assert access[2].startswith("POST /instance 400 ")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert TOKEN not in text
    assert "c2VjcmV0" not in text  # the SAUser password of the body
    assert '"password": "***"' in text and '"authtoken": "***"' in text


# ---- any spec -----------------------------------------------------------------------------------------------------


def test_a_spec_without_vendor_module_or_examples() -> None:
    running = _start(str(ROOT / "tests" / "fixtures" / "serve" / "widgets.yaml"))
    server = next(running)
    try:
        auth = {"Authorization": f"Bearer {TOKEN}", "X-Request-Tag": "abc"}
        path = "/shops/7/widgets?dry_run=true"
        created = server.post(path, {"name": "gear", "size": 3, "secret": "s"}, auth)
        assert created.status_code == 201, created.text
        server.validate(path, "POST", created)
        body = created.json()
        uuid.UUID(body["widget_id"])
        assert (body["name"], body["size"]) == ("gear", 3)
        assert server.post("/widgets-api/v1" + path, {"name": "gear", "size": 3}, auth).status_code == 201
        for bad_path, bad_body, bad_headers, field in [
            ("/shops/0/widgets", {"name": "gear", "size": 3}, auth, "shop"),
            ("/shops/x/widgets", {"name": "gear", "size": 3}, auth, "shop"),
            ("/shops/7/widgets?dry_run=maybe", {"name": "gear", "size": 3}, auth, "dry_run"),
            (path, {"name": "gear", "size": 3}, {**auth, "X-Request-Tag": "ABC"}, "X-Request-Tag"),
            (path, {"name": "gear", "size": 3, "extra": 1}, auth, "extra"),
            (path, {"name": "g", "size": 3}, auth, "name"),
        ]:
            response = server.post(bad_path, bad_body, bad_headers)
            assert response.status_code == 400, (bad_path, response.text)
            server.validate(bad_path, "POST", response)
            assert field in response.json()["message"]
        assert server.post(path, {"name": "gear", "size": 3}, {"X-Request-Tag": "abc"}).status_code == 401
    finally:
        running.close()


@pytest.mark.slow
def test_range_and_default_responses_without_security() -> None:
    app = build_app(ROOT / "tests" / "fixtures" / "serve" / "ranges.yaml")
    with BackgroundServer(app) as server, httpx.Client(base_url=server.base_url) as client:
        created = client.post("/things", json={"n": 3})
        assert created.status_code == 200 and created.json()["n"] == 3 and isinstance(created.json()["id"], str)
        refused = client.post("/things", json={"n": "three"})
        assert refused.status_code == 400 and refused.json()["message"] == "n must be of type integer"
        assert client.post("/things").status_code == 200  # the body is optional here
