"""The client runtime as source (generator/runtime/), and how it reaches the generated packages: copied verbatim
(behind the provenance line), the AK/SK signer only where a scheme signs, every generated file traceable to its
spec, and `with_raw_response` built by wrapping the methods."""

from __future__ import annotations

import hashlib
import importlib
import inspect
import logging
import re
import sys
from pathlib import Path

import httpx
import pytest

import generator
from generator import runtime
from generator.project.catalog import load_catalog
from generator.project.ownership import MARKER
from generator.runtime import errors, signing
from generator.runtime._base import Model
from generator.runtime._operations import Operation, Param, Server, ServerVariable, server_url
from generator.runtime._request import wire_parts
from generator.runtime.auth import REDACTED, ApiKey, Scheme, SecretRegistry, credentials
from tests.conftest import ROOT

APIS = load_catalog(ROOT)
GOLDEN = ROOT / "tests" / "fixtures" / "generate"
# the specs with an `x-aksk-signing` scheme (the three Huawei specs through specs/common/huawei-cloud.yaml)
SIGNING_PACKAGES = {"huaweicloud_gaussdb_opengauss", "huaweicloud_dbss", "huaweicloud_apig", "signing"}
PROVENANCE = re.compile(
    r"^(?:# |<!-- )Generated from (?P<spec>\S+) \(sha256 (?P<hash>[0-9a-f]{16})\)"
    r" by vendor-openapi-toolchain (?P<version>\S+): do not edit\.(?: -->)?$"
)


def projects() -> list[tuple[str, Path, Path]]:
    """(import name, project folder, spec) of every catalog package and golden case."""
    found = [(api.package, api.package_dir, api.spec) for api in APIS]
    for case in sorted(p for p in GOLDEN.iterdir() if (p / "openapi.yaml").is_file()):
        found.append((case.name, case / "expected", case / "openapi.yaml"))
    return found


@pytest.mark.parametrize(("name", "project", "spec"), projects(), ids=[p[0] for p in projects()])
def test_every_generated_file_names_its_spec_hash_and_generator(name: str, project: Path, spec: Path) -> None:
    digest = hashlib.sha256(spec.read_bytes()).hexdigest()[:16]
    files = [
        p
        for p in sorted(project.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.name != MARKER  # the ownership marker: not source
    ]
    assert len(files) >= 10
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        match = PROVENANCE.match(first)
        assert match, f"{path}: {first!r}"
        assert match["spec"] == spec.relative_to(ROOT).as_posix()
        assert match["hash"] == digest and match["version"] == generator.__version__


@pytest.mark.parametrize(("name", "project", "spec"), projects(), ids=[p[0] for p in projects()])
def test_runtime_is_copied_verbatim_and_the_signer_only_where_needed(name: str, project: Path, spec: Path) -> None:
    folder = project / name
    signs = name in SIGNING_PACKAGES
    expected = set(runtime.CORE) | ({runtime.SIGNING} if signs else set())
    shipped = {p.name for p in folder.glob("*.py")} - {"__init__.py", "client.py", "models.py", "_api.py"}
    assert shipped == expected
    for module in expected:
        body = (folder / module).read_text(encoding="utf-8").split("\n", 1)[1]
        assert body == (runtime.FOLDER / module).read_text(encoding="utf-8"), f"{name}/{module} is not the source"


def test_commvault_has_no_signer() -> None:
    commvault = next(api for api in APIS if api.package == "commvault_commandcenter")
    assert not (commvault.package_dir / commvault.package / "signing.py").exists()
    assert "signing" not in (commvault.package_dir / commvault.package / "_api.py").read_text()


def test_the_server_verifies_with_the_runtime_signer() -> None:
    """One SDK-HMAC-SHA256 canonicaliser: the reference server's module has no hashing of its own."""
    source = (ROOT / "generator" / "serve" / "auth.py").read_text(encoding="utf-8")
    assert "from generator.runtime import signing" in source
    assert "hashlib" not in source and "quote(" not in source


def test_raw_response_methods_wrap_the_client_methods() -> None:
    """No second copy of each signature or docstring: the raw method is the client method, wrapped."""
    api = next(a for a in APIS if a.package == "huaweicloud_apig")
    sys.path.insert(0, str(api.package_dir))
    try:
        apig = importlib.import_module(api.package)
        source = (api.package_dir / api.package / "client.py").read_text(encoding="utf-8")
        assert source.count("def create_plugin(") == 2  # the sync and the async method, nothing else
        for client in (apig.Client(base_url="http://127.0.0.1:9"), apig.AsyncClient(base_url="http://127.0.0.1:9")):
            raw = client.with_raw_response.create_plugin
            assert inspect.signature(raw) == inspect.signature(client.create_plugin)
            assert raw.__doc__ == client.create_plugin.__doc__ and "POST /v2/" in raw.__doc__
    finally:
        sys.path.remove(str(api.package_dir))


def test_operation_tables_use_keywords() -> None:
    for api in APIS:
        text = (api.package_dir / api.package / "_api.py").read_text(encoding="utf-8")
        for call in re.findall(r"\b(?:Param|ResponseSpec|ServerVariable|Scheme)\((.*?)\)", text):
            assert call == "" or re.match(r"^\s*\w+=", call), call


# ---- the source modules, unit by unit ------------------------------------------------------------------------


def test_server_url_picks_the_server_whose_enum_lists_the_value() -> None:
    servers = (
        Server("https://api.{region}.example.com", (ServerVariable("region", "region", "r1"),)),
        Server("https://api.{region}.example.eu", (ServerVariable("region", "region", "eu-1", ("eu-1",)),)),
    )
    assert server_url(servers, {"region": "eu-1"}) == "https://api.eu-1.example.eu"
    assert server_url(servers, {"region": "r9"}) == "https://api.r9.example.com"
    for bad in ("a/b", "x y", "h@st", "a\\b", "tab\there"):
        with pytest.raises(ValueError, match="not a valid value"):
            server_url(servers, {"region": bad})


@pytest.mark.parametrize("value", ["", ".", ".."])
@pytest.mark.parametrize("style", ["simple", "label"])
def test_path_values_that_would_change_the_path_are_refused(value: str, style: str) -> None:
    op: Operation[None] = Operation(
        name="op", method="GET", path="/a/{x}/b", params=(Param(argument="x", name="x", location="path", style=style),)
    )
    if style == "label" and value == "..":
        value = "."  # label writes ".", then the value: `..`
    with pytest.raises(errors.RequestValidationError, match=r"x: .*(cannot make the segment|must not be empty)"):
        wire_parts(op, {"x": value})
    path, _, _, _ = wire_parts(op, {"x": "../x/."})
    assert path == ("/a/..%2Fx%2F./b" if style == "simple" else "/a/...%2Fx%2F./b")


def test_parameters_are_written_by_the_style_table() -> None:
    """The client writes what the reference server reads: `styles`, one table (here, a few of the OpenAPI
    specification's own style examples)."""
    params = (
        Param(argument="id", name="id", location="path", style="matrix", explode=True),
        Param(argument="color", name="color", location="query", style="pipeDelimited", explode=False),
        Param(argument="point", name="point", location="query", style="deepObject", explode=True),
        Param(argument="x_trace", name="X-Trace", location="header", style="simple", explode=True),
        Param(argument="session", name="session", location="cookie", style="form", explode=False),
    )
    op: Operation[None] = Operation(name="op", method="GET", path="/items/{id}", params=params)
    values = {
        "id": {"R": 100, "G": 200},
        "color": ["blue", "black"],
        "point": {"x": 1, "y": 2},
        "x_trace": {"a": "b"},
        "session": ["s1", "s2"],
    }
    path, query, headers, cookie = wire_parts(op, values)
    assert path == "/items/;R=100;G=200"
    assert query == "color=blue%7Cblack&point%5Bx%5D=1&point%5By%5D=2"
    assert headers == {"X-Trace": "a=b"} and cookie == "session=s1,s2"


def test_credentials_from_schemes() -> None:
    schemes = (
        Scheme(key="k", kind="apiKey", argument="token", location="header", parameter="X-Key", signer=signing.AkSk),
        Scheme(key="b", kind="basic"),
    )
    made = credentials(schemes, {"token": "t0k", "username": "u", "password": "p"})
    assert sorted(made) == ["b", "k"] and "t0k" not in repr(made) and "'p'" not in repr(made)
    assert isinstance(credentials(schemes, {"ak": "AK", "sk": "SK"})["k"], signing.AkSk)
    for values, message in [
        ({"ak": "AK"}, "ak and sk go together"),
        ({"token": "t", "ak": "a", "sk": "s"}, "either token or ak and sk"),
        ({"username": "u"}, "username and password go together"),
        ({"token": "SECRET\nVALUE"}, "control character"),
        ({"token": ""}, "non-empty"),
    ]:
        with pytest.raises(ValueError, match=message) as excinfo:
            credentials(schemes, values)
        assert "SECRET" not in str(excinfo.value) and "VALUE" not in str(excinfo.value)


def test_secret_registry_masks_log_records_of_child_loggers(caplog: pytest.LogCaptureFixture) -> None:
    registry = SecretRegistry()
    key = ApiKey("query", "api_key", "s3cr3t/+=")
    registry.add(key.secrets)
    caplog.set_level(logging.DEBUG)
    try:
        logging.getLogger("httpcore.http11").debug("send %s", "header value s3cr3t/+=")
        logging.getLogger("httpx").info("GET http://h/?api_key=s3cr3t%2F%2B%3D ok")
        assert "s3cr3t" not in caplog.text and caplog.text.count(REDACTED) == 2
        registry.remove(key.secrets)
        logging.getLogger("httpx").info("s3cr3t after close")
        assert "s3cr3t after close" in caplog.text  # a closed client's secrets are forgotten
    finally:
        for name in SecretRegistry.LOGGERS:
            logging.getLogger(name).removeFilter(registry.filter)


def test_server_text_in_messages_loses_control_characters() -> None:
    assert errors.shown("a\x1b]8;;http://x\x07b\nc\u202ed\r\n") == "a ]8;;http://x b c d"
    assert len(errors.shown("x" * 5000)) == errors.MAX_SHOWN


def test_deep_json_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="nested too deeply"):
        errors.loads(b"[" * 100_000 + b"]" * 100_000)


@pytest.mark.parametrize(
    ("status", "name"),
    [(302, "UnexpectedStatusError"), (304, "UnexpectedStatusError"), (999, "UnexpectedStatusError"),
     (418, "APIStatusError"), (503, "InternalServerError"), (101, "UnexpectedStatusError")],
)  # fmt: skip
def test_every_status_but_a_success_has_an_error_class(status: int, name: str) -> None:
    assert errors.error_class(status).__name__ == name


def test_signer_matches_the_canonical_request_of_the_spec_examples() -> None:
    """The shared canonicaliser on a raw path: each segment decoded once and re-encoded."""
    request = httpx.Request("GET", "https://h/v1/a%2Fb/caf%C3%A9?b=2&a=1", headers={"X-Sdk-Date": "20240101T000000Z"})
    signing.sign_request(request, "AK", "SK")
    canonical = signing.canonical_request(
        "GET", "/v1/a%2Fb/caf%C3%A9", [("b", "2"), ("a", "1")], {"host": "h", "x-sdk-date": "20240101T000000Z"},
        ["host", "x-sdk-date"], signing.payload_hash(b""),
    )  # fmt: skip
    assert canonical.split("\n")[1:3] == ["/v1/a/b/caf%C3%A9/", "a=1&b=2"]
    expected = signing.signature("SK", canonical, "20240101T000000Z")
    assert request.headers["Authorization"].endswith(f"Signature={expected}")


def test_lenient_build_keeps_what_does_not_fit() -> None:
    """`_lenient.build` as source: validated where it fits, field by field and item by item where not."""
    from typing import Literal

    from pydantic import MISSING

    from generator.runtime._lenient import MAX_DEPTH, build

    class Tag(Model):
        name: str
        kind: Literal["a", "b"]

    class Pet(Model):
        id: int
        tags: list[Tag]
        note: str | MISSING = MISSING

    good = build(Pet, {"id": 1, "tags": [{"name": "x", "kind": "a"}]})
    assert isinstance(good, Pet) and good.tags[0].kind == "a"
    odd = build(Pet, {"tags": [{"name": "x", "kind": "zz", "extra": 1}, "not an object"], "note": None, "more": [1]})
    assert isinstance(odd, Pet) and isinstance(odd.tags[0], Tag)
    assert (odd.tags[0].kind, odd.tags[0].model_extra, odd.tags[1]) == ("zz", {"extra": 1}, "not an object")
    assert odd.id is MISSING and not odd.id and odd.note is None and odd.model_extra == {"more": [1]}
    assert build(list[Pet], "text") == "text" and build(Pet | None, None) is None
    deep: object = {"value": "not a number", "children": []}
    for _ in range(300):
        deep = {"value": 1, "children": [deep]}
    tree: object = build(Node, deep)
    levels = 0
    while isinstance(tree, Node):  # built level by level down to the depth bound, kept as received below
        levels += 1
        tree = tree.children[0]
    assert levels == MAX_DEPTH // 2 and isinstance(tree, dict) and tree["value"] == 1


class Node(Model):
    value: int
    children: list[Node]
