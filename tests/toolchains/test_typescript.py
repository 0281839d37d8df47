"""openapi-typescript on every bundle; the types, and a TypeScript file using them, pass `tsc --noEmit --strict`.

openapi-typescript runs once for all bundles (its multi-API mode, driven by a generated redocly.yaml), and tsc
once for all outputs plus tests/toolchains/ts/create_plugin.ts, copied beside the APIG types of each bundle.
That file builds a valid create-plug-in request and lists, with `@ts-expect-error`, mistakes the types must
reject, so the check fails if the types ever become too loose.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.toolchains._tools import ROOT, Bundle, bundle_ids, node_tool, run

USAGE = ROOT / "tests" / "toolchains" / "ts" / "create_plugin.ts"
TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "noEmit": True,
        "target": "es2022",
        "module": "esnext",
        "moduleResolution": "bundler",
        "lib": ["es2022"],
        "types": [],
        "noUnusedLocals": True,
    },
    "include": ["types/*.ts", "usage-*/*.ts"],
}


def _typescript_name(bundle: Bundle) -> str:
    return bundle.id.replace(".", "_")


@pytest.fixture(scope="session")
def typescript(bundles: dict[str, Bundle], workdir: Path) -> Path:
    """workdir/ts: types/<bundle>.ts for every bundle, usage-<variant>/ with the APIG usage file."""
    folder = workdir / "ts"
    (folder / "types").mkdir(parents=True)
    config = {
        "apis": {
            _typescript_name(b): {
                "root": str(b.path),
                "x-openapi-ts": {"output": str(folder / "types" / f"{_typescript_name(b)}.ts")},
            }
            for b in bundles.values()
        }
    }
    (folder / "redocly.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = run([node_tool("openapi-typescript")], cwd=folder)
    assert result.returncode == 0, f"openapi-typescript failed:\n{result.stdout}\n{result.stderr}"
    for bundle in bundles.values():
        if bundle.api == "apig":
            usage = folder / f"usage-{bundle.variant}"
            usage.mkdir()
            shutil.copy(folder / "types" / f"{_typescript_name(bundle)}.ts", usage / "apig.ts")
            shutil.copy(USAGE, usage / USAGE.name)
    (folder / "tsconfig.json").write_text(json.dumps(TSCONFIG, indent=2), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def tsc_result(typescript: Path) -> tuple[int, str]:
    result = run([node_tool("tsc"), "-p", typescript / "tsconfig.json", "--pretty", "false"])
    return result.returncode, result.stdout + result.stderr


@pytest.mark.parametrize("bundle_id", bundle_ids())
def test_openapi_typescript_output_type_checks(
    bundle_id: str, bundles: dict[str, Bundle], typescript: Path, tsc_result: tuple[int, str]
) -> None:
    output = typescript / "types" / f"{_typescript_name(bundles[bundle_id])}.ts"
    text = output.read_text(encoding="utf-8")
    assert "export interface paths" in text and "export interface components" in text
    document = yaml.safe_load(bundles[bundle_id].path.read_text(encoding="utf-8"))
    for name in document["components"]["schemas"]:
        assert f"{name}:" in text, f"schema {name} has no type"
    returncode, output_text = tsc_result
    own = [line for line in output_text.splitlines() if f"types/{output.name}" in line]
    assert not own, "\n".join(own)
    assert returncode == 0, output_text


@pytest.mark.parametrize("variant", ["3.1-yaml", "3.1-json", "3.0-yaml"])
def test_create_plugin_usage_type_checks(variant: str, typescript: Path, tsc_result: tuple[int, str]) -> None:
    returncode, output = tsc_result
    assert (typescript / f"usage-{variant}" / USAGE.name).is_file()
    own = [line for line in output.splitlines() if f"usage-{variant}/" in line]
    assert not own, "\n".join(own)
    assert returncode == 0, output


def test_a_wrong_request_does_not_type_check(typescript: Path, workdir: Path) -> None:
    """The same usage file with a misspelt plug-in type in the valid request must be rejected by tsc."""
    broken = workdir / "ts-broken"
    broken.mkdir()
    shutil.copy(typescript / "usage-3.1-yaml" / "apig.ts", broken / "apig.ts")
    text = USAGE.read_text(encoding="utf-8")
    valid_request = 'plugin_name: "CORS",\n  plugin_type: "cors",'
    assert valid_request in text
    (broken / USAGE.name).write_text(text.replace(valid_request, valid_request.replace('"cors"', '"cros"')))
    config = {**TSCONFIG, "include": ["*.ts"]}
    (broken / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
    result = run([node_tool("tsc"), "-p", broken / "tsconfig.json", "--pretty", "false"])
    assert result.returncode != 0
    assert '"cros"' in result.stdout and "create_plugin.ts" in result.stdout
