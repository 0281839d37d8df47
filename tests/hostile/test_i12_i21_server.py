"""Items 12, 19-21 and the held server guarantees, against the reference server on 127.0.0.1.

Malformed requests get the vendor's 4xx body, never a 500 or a traceback: 5,000-digit numbers anywhere,
`Prefer: code=²`, duplicate credential headers. Slow clients are cut off (head and body deadlines), an over-long
URL is answered 414. `--log-bodies` logs only authenticated bodies, with secrets masked even when they do not parse.
"""

from __future__ import annotations

import json
import logging
import select
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from generator.serve.app import ServeOptions, build_app
from generator.serve.auth import Credentials
from generator.serve.runner import BackgroundServer
from tests.conftest import ROOT
from tests.hostile.budget import HOSTILE, budget
from tests.serve.test_app import APIG_PATH, DBSS_PATH, GAUSS_PATH, apig_body

TOKEN = "tok-hostile-0123"
BIG = "9" * 5000
SPEC = HOSTILE / "i19-big-numbers.yaml"
AUTH = {"X-Tenant-Cred": TOKEN}


@pytest.fixture(scope="module")
def numbers() -> Iterator[BackgroundServer]:
    options = ServeOptions(credentials=Credentials(token=TOKEN), body_timeout=1.0, log_bodies=True)
    with BackgroundServer(build_app(SPEC, options=options), header_timeout=1.0) as server:
        yield server


def _post(server: BackgroundServer, url: str, **kw: Any) -> httpx.Response:
    headers = {**AUTH, **kw.pop("headers", {})}
    with httpx.Client(base_url=server.base_url, timeout=10) as client:
        return client.post(url, headers=headers, **kw)


@pytest.mark.parametrize(
    ("where", "url", "kw"),
    [
        ("body", "/things/1", {"content": '{"count": ' + BIG + "}", "headers": {"content-type": "application/json"}}),
        ("path", f"/things/{BIG}", {"json": {"count": 1}}),
        ("query", f"/things/1?limit={BIG}", {"json": {"count": 1}}),
        ("header", "/things/1", {"json": {"count": 1}, "headers": {"X-Page": BIG}}),
        ("prefer-superscript", "/things/1", {"json": {"count": 1}, "headers": {"Prefer": "code=²".encode()}}),
        ("prefer-latin1", "/things/1", {"json": {"count": 1}, "headers": {"Prefer": b"code=\xb2"}}),
        ("prefer-long", "/things/1", {"json": {"count": 1}, "headers": {"Prefer": "code=" + BIG}}),
    ],
)
def test_malformed_values_get_400_not_500(
    numbers: BackgroundServer, where: str, url: str, kw: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="generator.serve")
    with budget(seconds=5, megabytes=64):
        response = _post(numbers, url, **kw)
    assert response.status_code == 400, response.text
    # the generic vendor's error body: the spec documents none, so RFC 9457 problem details
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 400
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("api", "path"),
    [("apig", APIG_PATH), ("dbss", DBSS_PATH), ("gaussdb-opengauss", GAUSS_PATH), ("commvault", "/instance")],
)
def test_every_vendor_answers_a_huge_integer_body_with_its_4xx(api: str, path: str) -> None:
    app = build_app(ROOT / "specs" / api / "openapi.yaml", api_name=api, options=ServeOptions())
    headers = {"X-Auth-Token": TOKEN, "Authtoken": TOKEN, "Content-Type": "application/json"}
    with BackgroundServer(app) as server, budget(seconds=5, megabytes=64):
        response = httpx.post(server.base_url + path, content='{"a": ' + BIG + "}", headers=headers, timeout=10)
    assert 400 <= response.status_code < 500, response.text
    assert "digits" in response.text


def test_duplicate_credential_headers_are_refused(numbers: BackgroundServer) -> None:
    headers = [("X-Tenant-Cred", TOKEN), ("x-tenant-cred", "other"), ("Content-Type", "application/json")]
    response = httpx.post(f"{numbers.base_url}/things/1", content=b'{"count": 1}', headers=headers, timeout=10)
    assert response.status_code == 400
    assert "x-tenant-cred header must be sent once" in response.text
    assert _post(numbers, "/things/1", json={"count": 1}).status_code == 201


def _raw(server: BackgroundServer, *parts: bytes, pause: float = 0.0, read_timeout: float = 10) -> tuple[bytes, float]:
    """Send `parts` over one connection (`pause` seconds apart), then read until the server closes it."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=read_timeout) as sock:
        try:
            for part in parts:
                if select.select([sock], [], [], 0)[0]:
                    break  # the server has answered (or closed): stop sending, so nothing resets the connection
                sock.sendall(part)
                time.sleep(pause)
        except OSError:  # the server may close before everything is sent: what it answered is what counts
            pass
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    return answer, time.monotonic() - started


@pytest.mark.slow
def test_a_slow_request_head_is_cut_off(numbers: BackgroundServer) -> None:
    head = b"POST /things/1 HTTP/1.1\r\nHost: x\r\nX-Tenant-Cred: " + TOKEN.encode() + b"\r\n"
    trickle = [head] + [b"X-Pad: 1\r\n"] * 40  # one header line every 0.1 s: 4 s in all
    answer, seconds = _raw(numbers, *trickle, pause=0.1)
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:100]
    assert seconds < 3.5  # the 1 s deadline, not the client's pace


@pytest.mark.slow
def test_a_slow_body_is_cut_off(numbers: BackgroundServer) -> None:
    head = b"POST /things/1 HTTP/1.1\r\nHost: x\r\nX-Tenant-Cred: " + TOKEN.encode()
    head += b"\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n"
    answer, seconds = _raw(numbers, head, *[b"{"] + [b" "] * 30, pause=0.1)
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:100]
    assert b"did not arrive within 1 s" in answer and seconds < 3.5


@pytest.mark.slow
def test_an_idle_connection_is_closed(numbers: BackgroundServer) -> None:
    answer, seconds = _raw(numbers)
    assert answer == b"" and seconds < 7  # uvicorn's keep-alive timeout (5 s) or the head deadline (1 s)


@pytest.mark.slow
def test_a_one_megabyte_url_is_answered_414(numbers: BackgroundServer) -> None:
    line = b"GET /things/1?q=" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    with budget(seconds=10, megabytes=64):
        answer, _ = _raw(numbers, *[line[i : i + 65536] for i in range(0, len(line), 65536)])
    assert answer.startswith(b"HTTP/1.1 414 "), answer[:100]
    response = httpx.get(f"{numbers.base_url}/things/1", params={"q": "a" * 20000}, headers=AUTH, timeout=10)
    assert response.status_code == 414


@pytest.mark.slow
def test_an_oversized_request_head_is_refused(numbers: BackgroundServer) -> None:
    head = b"GET /things/1 HTTP/1.1\r\nHost: x\r\n" + b"X-Pad: " + b"p" * (100 * 1024) + b"\r\n\r\n"
    with budget(seconds=10, megabytes=64):
        answer, _ = _raw(numbers, head)
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:100]


def test_bodies_are_logged_only_once_authenticated(numbers: BackgroundServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="generator.serve")
    deep = "[" * 900 + "]" * 900
    with budget(seconds=5, megabytes=64):
        anonymous = httpx.post(
            f"{numbers.base_url}/things/1", content=deep, headers={"Content-Type": "application/json"}, timeout=10
        )
        signed_in = _post(numbers, "/things/1", content=deep, headers={"Content-Type": "application/json"})
    assert anonymous.status_code == 401 and signed_in.status_code == 400
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    details = [r.getMessage() for r in caplog.records if r.name == "generator.serve.requests"]
    assert len(details) == 1  # the authenticated one only
    assert "nested too deeply" in details[0] or "not JSON" in details[0]


def test_a_truncated_embedded_document_never_logs_its_password(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="generator.serve")
    app = build_app(
        ROOT / "specs" / "apig" / "openapi.yaml",
        api_name="apig",
        options=ServeOptions(credentials=Credentials(token=TOKEN), log_bodies=True),
    )
    content = json.dumps({"broker_list": ["10.0.0.1:9092"], "topic": "t", "sasl_config": {"sasl_password": "hunter2"}})
    bodies = [
        apig_body("Kafka_Cut", plugin_type="kafka_log", plugin_content=content[:-3]),  # truncated JSON
        apig_body("Kafka_Ok", plugin_type="kafka_log", plugin_content=content),
    ]
    with BackgroundServer(app) as server:
        for body in bodies:
            httpx.post(server.base_url + APIG_PATH, json=body, headers={"X-Auth-Token": TOKEN}, timeout=10)
        # a body that is not JSON at all, with the secret in it
        raw = b'{"plugin_content": "{\\"sasl_password\\": \\"hunter2'
        httpx.post(server.base_url + APIG_PATH, content=raw, headers={"X-Auth-Token": TOKEN}, timeout=10)
    details = [r.getMessage() for r in caplog.records if r.name == "generator.serve.requests"]
    assert len(details) == 3
    assert all("hunter2" not in line for line in details), details
    assert "characters, not JSON" in details[0]


@pytest.mark.slow
def test_exactly_one_of_50_concurrent_identical_creates_succeeds() -> None:
    """Held: APIG plug-in names are unique per gateway even under concurrent creates."""
    app = build_app(ROOT / "specs" / "apig" / "openapi.yaml", api_name="apig", options=ServeOptions())
    statuses: list[int] = []
    lock = threading.Lock()
    with BackgroundServer(app) as server:
        barrier = threading.Barrier(50)

        def create() -> None:
            with httpx.Client(timeout=30) as client:
                barrier.wait()
                status = client.post(
                    server.base_url + APIG_PATH, json=apig_body("Same_Name"), headers={"X-Auth-Token": TOKEN}
                ).status_code
            with lock:
                statuses.append(status)

        threads = [threading.Thread(target=create) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert sorted(set(statuses)) == [201, 400] and statuses.count(201) == 1, statuses
