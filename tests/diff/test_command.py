"""`python -m generator diff`: exit status, the three formats, located errors, catalog mode."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.diff.source import LazyJsonDocument, read_fast
from generator.spec.diagnostics import join_pointer
from generator.spec.load import _parse_yaml
from tests.conftest import FIXTURES, ROOT

CASES = FIXTURES / "diff"
BREAKING = CASES / "cross-file-body-enum-value-removed-31"
CALM = CASES / "ref-split-into-file-30"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "diff", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_exit_0_when_nothing_breaks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(CALM / "old" / "openapi.yaml"), str(CALM / "new" / "openapi.yaml")]) == 0
    assert "0 breaking change(s)" in capsys.readouterr().err


def test_json_format_and_exit_1() -> None:
    result = run(str(BREAKING / "old" / "openapi.yaml"), str(BREAKING / "new" / "openapi.yaml"), "--format", "json")
    assert result.returncode == 1, result.stderr
    changes = json.loads(result.stdout)["changes"]
    broken = [c for c in changes if c["level"] == "breaking"]
    assert broken
    for change in changes:
        assert set(change) >= {"id", "level", "operation", "message", "old", "new", "witness"}
        assert change["level"] in ("breaking", "warning", "info")
    first = broken[0]
    assert first["operation"] == "POST /pets"
    assert first["new"]["file"].endswith("new/common/models.yaml")  # located through the $ref, in the other file
    assert first["new"]["pointer"] == "/components/schemas/NewPet/properties/kind/enum"
    assert isinstance(first["new"]["line"], int) and isinstance(first["new"]["col"], int)
    assert first["witness"]["body"]["kind"] == "cat"
    assert first["impact"] == "Client.create_pet(body=...) models.NewPet.kind"


def test_text_and_markdown() -> None:
    old, new = str(BREAKING / "old" / "openapi.yaml"), str(BREAKING / "new" / "openapi.yaml")
    text = run(old, new).stdout.splitlines()
    assert len(text) == len(json.loads(run(old, new, "--format", "json").stdout)["changes"])  # one line each
    assert all(re.match(r"^\S+:\d+:\d+: /", line) for line in text), text  # each located
    assert any(": breaking: POST /pets: request body /kind: enum value 'cat' is no longer accepted" in t for t in text)
    markdown = run(old, new, "--format", "markdown", "--package", "pets").stdout
    assert markdown.startswith("## pets\n")
    assert "### Breaking changes" in markdown
    assert "`Client.create_pet(body=...) models.NewPet.kind` (POST /pets)" in markdown


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {/a: [\n", "YAML syntax error"),
        ("openapi: 2.0\ninfo: {}\npaths: {}\n", "not an OpenAPI 3.0/3.1 document"),
        ("- just\n- a list\n", "the root is not a mapping"),
        (
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n"
            "        '200': {$ref: 'missing.yaml#/x'}\n",
            "cannot be resolved",
        ),
    ],
)
def test_exit_2_with_one_located_line_per_problem(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run(str(CALM / "old" / "openapi.yaml"), str(bad))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert result.stderr.splitlines()[0].startswith(("bad.yaml:", str(bad), "../")), result.stderr


def test_missing_file_and_unknown_api() -> None:
    result = run("no-such-old.yaml", str(CALM / "new" / "openapi.yaml"))
    assert result.returncode == 2 and "file not found" in result.stderr
    result = run("no-such-api")
    assert result.returncode == 2 and "neither a file nor a catalog API" in result.stderr


def test_catalog_api_against_head() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    result = run("apig", "--base", "HEAD", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    json.loads(result.stdout)
    result = run("apig", "--base", "no-such-revision")
    assert result.returncode == 2 and "is not in this repository" in result.stderr


def test_lazy_json_positions_match_the_yaml_loader() -> None:
    path = CASES / "yaml-to-json-31" / "new" / "openapi.json"
    lazy = read_fast(path)
    assert isinstance(lazy, LazyJsonDocument)
    exact = _parse_yaml(path, path.read_text(encoding="utf-8"))  # JSON is YAML: the position-keeping parser
    pointers: list[str] = []
    stack: list[tuple[str, object]] = [("", exact.data)]
    while stack:
        pointer, node = stack.pop()
        pointers.append(pointer)
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        stack.extend((join_pointer(pointer, key), value) for key, value in items)
    for pointer in pointers[::7]:
        assert lazy.position(pointer) == exact.position(pointer), pointer


def _aliased(depth: int, max_length: int) -> str:
    """Each level refers ten times to the one below through YAML aliases: 10**depth paths in a small file."""
    lines = ["openapi: 3.1.0", "info: {title: t, version: '1'}", "x-levels:"]
    lines.append(f"  l0: &l0 {{type: string, maxLength: {max_length}}}")
    for level in range(1, depth + 1):
        props = ", ".join(f"p{j}: *l{level - 1}" for j in range(10))
        required = ", ".join(f"p{j}" for j in range(10))
        lines.append(f"  l{level}: &l{level} {{type: object, required: [{required}], properties: {{{props}}}}}")
    lines += [
        "paths:",
        "  /x:",
        "    post:",
        f"      requestBody: {{required: true, content: {{application/json: {{schema: *l{depth}}}}}}}",
        "      responses: {'200': {description: ok}}",
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.slow  # a real subprocess run of several seconds: `make test`, not `make check`
def test_aliased_and_recursive_schemas_are_compared_in_bounded_time(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(_aliased(3, 8), encoding="utf-8")
    new.write_text(_aliased(3, 4), encoding="utf-8")
    result = run(str(old), str(new), "--format", "json")
    assert result.returncode == 1, result.stderr
    changes = json.loads(result.stdout)["changes"]
    assert {c["level"] for c in changes} <= {"breaking", "warning"}
    assert sum(1 for c in changes if c["level"] == "breaking") == 200  # capped per schema, the rest summarised
    assert any("more change(s) not listed" in c["message"] for c in changes)

    children = "children: {type: array, items: {$ref: '#/components/schemas/Tree'}}"
    for path, limit in ((old, 8), (new, 4)):
        tree = f"{{type: object, properties: {{name: {{type: string, maxLength: {limit}}}, {children}}}}}"
        path.write_text(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /t:\n    post:\n"
            "      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Tree'}}}}\n"
            "      responses: {'200': {description: ok}}\n"
            f"components:\n  schemas:\n    Tree: {tree}\n",
            encoding="utf-8",
        )
    result = run(str(old), str(new), "--format", "json")
    assert result.returncode == 1, result.stderr
    [change] = [c for c in json.loads(result.stdout)["changes"] if c["level"] == "breaking"]
    assert change["new"]["pointer"] == "/components/schemas/Tree/properties/name/maxLength"
