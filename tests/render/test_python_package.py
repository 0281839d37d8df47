"""`make generate`: golden outputs, drift of generated/, determinism, and the quality bar of generated code
(compiles, imports fast without side effects, passes ruff and mypy --strict), plus identifier sanitising.

Golden cases live in tests/fixtures/generate/<case>/: `openapi.yaml` and the expected package project under
`expected/`. After an intended change of the generator, refresh them with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/render/test_python_package.py -k golden` and review the diff.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.ir import naming
from generator.project.catalog import load_catalog
from generator.project.pipeline import generate_all, generate_one
from tests.conftest import ROOT

CASES = ROOT / "tests" / "fixtures" / "generate"
CASE_NAMES = sorted(d.name for d in CASES.iterdir() if (d / "openapi.yaml").is_file())
GENERATED = ROOT / "generated"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def assert_same_tree(actual: dict[str, bytes], expected: dict[str, bytes], label: str) -> None:
    missing, extra = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
    assert not missing and not extra, f"{label}: missing {missing}, unexpected {extra}"
    for name in sorted(expected):
        if actual[name] != expected[name]:
            diff = difflib.unified_diff(
                expected[name].decode(errors="replace").splitlines(),
                actual[name].decode(errors="replace").splitlines(),
                f"expected/{name}",
                f"actual/{name}",
                lineterm="",
                n=2,
            )
            pytest.fail(f"{label}: {name} differs\n" + "\n".join(list(diff)[:60]))


@pytest.fixture(scope="session")
def golden(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each golden case generated afresh (through the same pipeline as `generate SPEC --out DIR`)."""
    out = tmp_path_factory.mktemp("golden")
    projects = {}
    for case in CASE_NAMES:
        generate_one(CASES / case / "openapi.yaml", out / case, case)
        projects[case] = out / case
    return projects


@pytest.mark.parametrize("case", CASE_NAMES)
def test_golden_output(golden: dict[str, Path], case: str) -> None:
    expected_dir = CASES / case / "expected"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(golden[case], expected_dir, ignore=shutil.ignore_patterns("__pycache__"))
    assert_same_tree(tree(golden[case]), tree(expected_dir), f"golden case {case}")


@pytest.mark.slow
def test_generated_is_up_to_date_and_deterministic(tmp_path: Path) -> None:
    """The drift check: generated/ is exactly what `make generate` writes, and two runs write the same bytes."""
    first, second = tmp_path / "first", tmp_path / "second"
    generate_all(output=first)
    generate_all(output=second)
    assert_same_tree(tree(second), tree(first), "second run")
    assert_same_tree(
        tree(first), tree(GENERATED), "generated/ is stale: run `make generate` and commit the result (drift)"
    )


@pytest.mark.slow  # a real subprocess run of several seconds: `make test`, not `make check`
def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Byte-identical across machines: no dependence on set/dict hashing order, paths or the clock."""
    spec = ROOT / "specs" / "apig" / "openapi.yaml"
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed / "huaweicloud_apig"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(out)]
        result = subprocess.run(
            [*command, "--package", "huaweicloud_apig"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(tree(out))
    assert_same_tree(outputs[1], outputs[0], "PYTHONHASHSEED=2 vs 1")
    # a standalone output carries its own ownership marker; below generated/ the one of generated/ covers it
    assert outputs[0].pop(".generated-by").startswith(b"vendor-openapi-toolchain\n")
    assert_same_tree(outputs[0], tree(GENERATED / "python" / "huaweicloud_apig"), "generate SPEC vs make generate")


@pytest.mark.slow
def test_packages_build_as_wheels(tmp_path: Path) -> None:
    """Each package project is installable: pip builds a wheel holding the modules and py.typed."""
    projects = []
    for api in load_catalog(ROOT):  # built from copies: setuptools writes build/ and *.egg-info into the source
        shutil.copytree(api.package_dir, tmp_path / "src" / api.package)
        projects.append(str(tmp_path / "src" / api.package))
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(tmp_path), *projects]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    import zipfile

    for api in load_catalog(ROOT):
        (wheel,) = tmp_path.glob(f"{api.package}-*.whl")
        names = set(zipfile.ZipFile(wheel).namelist())
        for module in ("__init__.py", "client.py", "models.py", "errors.py", "auth.py", "py.typed"):
            assert f"{api.package}/{module}" in names, (wheel.name, module)


def _packages(golden: dict[str, Path]) -> dict[str, Path]:
    """Import name -> project folder, for the catalog's packages and the golden ones."""
    found = {api.package: api.package_dir for api in load_catalog(ROOT)}
    found.update(golden)
    return found


def test_generated_code_passes_mypy_strict(golden: dict[str, Path]) -> None:
    packages = _packages(golden)
    env = {**os.environ, "MYPYPATH": os.pathsep.join(str(p) for p in packages.values())}
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(ROOT / ".mypy_cache" / "generated-code")]
    for name in packages:
        command += ["-p", name]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_generated_code_passes_ruff(golden: dict[str, Path]) -> None:
    """Each project is checked with its own settings (pyproject.toml: ruff's defaults at line length 120)."""
    for name, project in _packages(golden).items():
        result = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, f"{name}:\n{result.stdout}{result.stderr}"
        result = subprocess.run(
            [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, f"{name}:\n{result.stdout}{result.stderr}"


IMPORT_PROBE = """
import json, os, sys, time
started = time.perf_counter()
import {name}
elapsed = time.perf_counter() - started
print(json.dumps({{"seconds": elapsed, "models": len([n for n in dir({name}.models) if n[:1].isupper()])}}))
"""


@pytest.mark.slow
def test_packages_import_fast_and_without_side_effects(golden: dict[str, Path], tmp_path: Path) -> None:
    """A fresh interpreter imports each package quickly and writes nothing (not even bytecode or a home file);
    the hostile spec's `default` that calls os.system is never executed."""
    timings = {}
    for name, project in _packages(golden).items():
        sandbox = tmp_path / name
        sandbox.mkdir()
        env = {**os.environ, "HOME": str(sandbox), "PYTHONPATH": str(project), "PYTHONDONTWRITEBYTECODE": "1"}
        result = subprocess.run(
            [sys.executable, "-c", IMPORT_PROBE.format(name=name)],
            cwd=sandbox,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", result.stderr  # no warnings either
        assert list(sandbox.iterdir()) == [], f"{name} wrote files on import"
        timings[name] = json.loads(result.stdout)
        assert timings[name]["seconds"] < 2.0, timings
    print("import times:", json.dumps(timings))


@pytest.mark.slow
def test_generate_cli_for_any_spec(tmp_path: Path) -> None:
    out = tmp_path / "widgets"
    spec = CASES / "signing" / "openapi.yaml"
    command = [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(out), "--package", "widgets"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert (out / "widgets" / "client.py").is_file() and (out / "pyproject.toml").is_file()
    assert (out / "widgets" / "py.typed").is_file()
    bad = subprocess.run([*command[:-1], "not-an-identifier"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "not a valid Python import name" in bad.stderr


@pytest.mark.slow
def test_unsupported_signing_algorithm_is_a_located_error(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    text = (
        (CASES / "signing" / "openapi.yaml")
        .read_text()
        .replace("x-aksk-signing: SDK-HMAC-SHA256", "x-aksk-signing: ROT13")
    )
    spec.write_text(text)
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "openapi.yaml:" in result.stderr and "x-aksk-signing: unsupported signing algorithm 'ROT13'" in result.stderr
    assert not out.exists()  # nothing half-written


BAD_PATTERN = """\
openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /x:
    post:
      operationId: x
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                a: {type: string, pattern: '(?<n>x'}
      responses:
        '200': {description: ok}
"""


def test_invalid_pattern_is_a_located_error(tmp_path: Path) -> None:
    """The generated models check patterns with Python's `re`; one it cannot compile is reported where it is
    (here in an inline 3.1 schema, which openapi-spec-validator does not format-check)."""
    spec = tmp_path / "openapi.yaml"
    spec.write_text(BAD_PATTERN)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("openapi.yaml:13:44: /paths/~1x/post/requestBody/content/application~1json/")
    assert "/schema/properties/a/pattern: pattern '(?<n>x' is not a valid regular expression" in result.stderr
    assert not (tmp_path / "out").exists()


def test_failed_generation_leaves_the_output_alone(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    generate_one(CASES / "petstore" / "openapi.yaml", out, "pkg")
    before = tree(out)
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (CASES / "petstore" / "openapi.yaml").read_text().replace("operationId: listPets", "operationId: [1")
    )
    with pytest.raises(Exception, match=r"broken\.yaml"):
        generate_one(broken, out, "pkg")
    assert tree(out) == before


# ---- identifiers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "snake", "pascal"),
    [
        ("InstallKernelPlugin", "install_kernel_plugin", "InstallKernelPlugin"),
        ("AddAuditDatabaseNew", "add_audit_database_new", "AddAuditDatabaseNew"),
        ("CreatePlugin", "create_plugin", "CreatePlugin"),
        ("createAliPostgresInstance", "create_ali_postgres_instance", "CreateAliPostgresInstance"),
        ("getHTTPResponse", "get_http_response", "GetHTTPResponse"),
        ("X-Language", "x_language", "XLanguage"),
        ("sha_256", "sha_256", "Sha256"),
        ("1st", "n_1st", "Model1st"),
        ("été", "ete", "Ete"),
        ("名前", "u21517_u21069", "U21517U21069"),
        ("", "n", "Model"),
        ('"; import os; "', "import_os", "ImportOs"),
    ],
)
def test_identifier_conversion(text: str, snake: str, pascal: str) -> None:
    assert naming.snake(text) == snake
    assert naming.pascal(text) == pascal


def test_scope_makes_names_safe_and_unique() -> None:
    scope = naming.Scope(reserved=("body", "timeout"))
    names = [scope.snake(n) for n in ("class", "id", "body", "X-Foo", "x_foo", "X_FOO", "timeout", "match", "str")]
    assert names == ["class_", "id_", "body_", "x_foo", "x_foo_2", "x_foo_3", "timeout_", "match_", "str_"]
    assert all(naming.is_identifier(n) for n in names)
    classes = naming.Scope(reserved=("BaseModel",))
    assert [classes.pascal(n) for n in ("pet", "Pet", "PET", "BaseModel", "Exception", "Model1", "model1")] == [
        "Pet",
        "Pet2",
        "PET3",
        "BaseModel_",
        "Exception_",
        "Model1",
        "Model1_2",
    ]


def test_the_renderer_needs_only_the_ir(tmp_path: Path) -> None:
    """A renderer receives an IR, never a path: with the spec gone, the package is still written."""
    from generator.ir.build import build_api
    from generator.render.python_package import render_package
    from generator.spec.load import Workspace

    spec = tmp_path / "openapi.yaml"
    shutil.copy(CASES / "petstore" / "openapi.yaml", spec)
    api = build_api(spec, "petstore", Workspace())
    spec.unlink()
    render_package(api, tmp_path / "out", provenance="Generated for a test")
    client = (tmp_path / "out" / "petstore" / "client.py").read_text()
    assert client.startswith("# Generated for a test\n") and "def list_pets(" in client
