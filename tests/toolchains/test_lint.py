"""@redocly/cli (recommended ruleset) and @stoplight/spectral-cli (spectral:oas) on every bundle: no errors.

Both linters run once over all the bundles (their JSON reports are split per file). Beyond "no errors", every
warning must be one of the two kinds the 3.0 downgrade cannot avoid, and each is checked to be that case:

- a component used only from an `x-` extension (3.0 has no `contentSchema`, so the APIG plug-in content models
  are referenced from `x-contentSchema`; they stay components so 3.0 generators still build their models);
- a null example value for an optional reference (`type` + `nullable: true` + `allOf: [$ref]`, the 3.0 idiom that
  generators read as "X or null", which strict example validation rejects).

The configuration changes in redocly.yaml and .spectral.yaml say why each is there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.spec.diagnostics import split_pointer
from tests.toolchains._tools import API_NAMES, ROOT, Bundle, bundle_ids, node_tool, run


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _get(document: Any, tokens: list[str]) -> Any:
    for token in tokens:
        document = document[int(token)] if isinstance(document, list) else document[token]
    return document


def _extension_refs(node: Any, inside: bool = False) -> set[str]:
    """$ref targets that occur inside `x-` extensions."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and inside and isinstance(value, str):
                found.add(value)
            else:
                found |= _extension_refs(value, inside or key.startswith("x-"))
    elif isinstance(node, list):
        for value in node:
            found |= _extension_refs(value, inside)
    return found


def _is_optional_reference(schema: Any) -> bool:
    return (
        isinstance(schema, dict)
        and schema.get("nullable") is True
        and "type" in schema
        and len(schema.get("allOf") or []) == 1
        and "$ref" in schema["allOf"][0]
    )


def accepted_warning(bundle: Bundle, rule: str, pointer: str) -> bool:
    """Whether a warning is one of the two documented 3.0 downgrade cases (and really is that case)."""
    if bundle.variant != "3.0-yaml":
        return False
    document = _load(bundle.path)
    tokens = split_pointer(pointer.lstrip("#"))
    if rule in ("no-unused-components", "oas3-unused-component"):
        return f"#{pointer.lstrip('#')}" in _extension_refs(document)
    if rule in ("no-invalid-schema-examples", "oas3-valid-schema-example") and "example" in tokens:
        at = tokens.index("example")
        schema, value = _get(document, tokens[:at]), _get(document, tokens[: at + 1])
        for token in tokens[at + 1 :]:
            schema = (schema.get("properties") or {}).get(token) if isinstance(schema, dict) else None
            value = value.get(token) if isinstance(value, dict) else None
        return value is None and _is_optional_reference(schema)
    return False


def _json_stream(text: str) -> list[Any]:
    """redocly prints one JSON report per file, one after the other."""
    decoder, reports, index = json.JSONDecoder(), [], 0
    while index < len(text.rstrip()):
        report, index = decoder.raw_decode(text, index)
        reports.append(report)
        while index < len(text) and text[index].isspace():
            index += 1
    return reports


@pytest.fixture(scope="session")
def redocly_report(bundles: dict[str, Bundle]) -> dict[Path, list[dict[str, Any]]]:
    result = run(
        [
            node_tool("redocly"),
            "lint",
            "--config",
            ROOT / "redocly.yaml",
            "--format=json",
            *(b.path for b in bundles.values()),
        ]
    )
    assert result.stdout.strip().startswith("{"), f"redocly gave no JSON report:\n{result.stdout}\n{result.stderr}"
    problems: dict[Path, list[dict[str, Any]]] = {b.path.resolve(): [] for b in bundles.values()}
    for problem in (p for report in _json_stream(result.stdout) for p in report["problems"]):
        source = (ROOT / problem["location"][0]["source"]["ref"]).resolve()
        problems.setdefault(source, []).append(problem)
    return problems


@pytest.fixture(scope="session")
def spectral_report(bundles: dict[str, Bundle]) -> dict[Path, list[dict[str, Any]]]:
    result = run(
        [
            node_tool("spectral"),
            "lint",
            "--ruleset",
            ROOT / ".spectral.yaml",
            "--format",
            "json",
            "--quiet",
            *(b.path for b in bundles.values()),
        ]
    )
    assert result.returncode in (0, 1), f"spectral failed to run:\n{result.stdout}\n{result.stderr}"
    problems: dict[Path, list[dict[str, Any]]] = {b.path.resolve(): [] for b in bundles.values()}
    for problem in json.loads(result.stdout or "[]"):
        problems.setdefault(Path(problem["source"]).resolve(), []).append(problem)
    return problems


@pytest.mark.parametrize("bundle_id", bundle_ids())
def test_redocly_lint(bundle_id: str, bundles: dict[str, Bundle], redocly_report: dict[Path, list[Any]]) -> None:
    bundle = bundles[bundle_id]
    problems = redocly_report[bundle.path.resolve()]
    errors = [p for p in problems if p["severity"] == "error"]
    assert not errors, "\n".join(f"{p['ruleId']} {p['location'][0]['pointer']}: {p['message']}" for p in errors)
    unexpected = [p for p in problems if not accepted_warning(bundle, p["ruleId"], p["location"][0]["pointer"])]
    assert not unexpected, "\n".join(
        f"{p['severity']} {p['ruleId']} {p['location'][0]['pointer']}: {p['message']}" for p in unexpected
    )


@pytest.mark.parametrize("bundle_id", bundle_ids())
def test_spectral_lint(bundle_id: str, bundles: dict[str, Bundle], spectral_report: dict[Path, list[Any]]) -> None:
    bundle = bundles[bundle_id]
    problems = spectral_report[bundle.path.resolve()]
    errors = [p for p in problems if p["severity"] == 0]
    assert not errors, "\n".join(f"{p['code']} /{'/'.join(map(str, p['path']))}: {p['message']}" for p in errors)
    unexpected = [
        p for p in problems if not accepted_warning(bundle, p["code"], "/" + "/".join(str(t) for t in p["path"]))
    ]
    assert not unexpected, "\n".join(
        f"severity {p['severity']} {p['code']} /{'/'.join(map(str, p['path']))}: {p['message']}" for p in unexpected
    )


def _required_undeclared(schema: Any, declared: set[str], where: str) -> list[str]:
    """Names listed in `required` (here or in conditional subschemas) that the object does not declare."""
    if not isinstance(schema, dict):
        return []
    names = declared | set(schema.get("properties") or {})
    missing = [f"{where}: {name}" for name in schema.get("required") or [] if name not in names]
    for keyword in ("then", "else"):
        missing += _required_undeclared(schema.get(keyword), names, f"{where}/{keyword}")
    for keyword in ("allOf", "anyOf", "oneOf"):
        for index, sub in enumerate(schema.get(keyword) or []):
            missing += _required_undeclared(sub, names, f"{where}/{keyword}/{index}")
    for name, sub in (schema.get("properties") or {}).items():
        missing += _required_undeclared(sub, set(), f"{where}/properties/{name}")
    return missing


@pytest.mark.parametrize("api", API_NAMES)
def test_every_required_property_is_declared(api: str, bundles: dict[str, Bundle]) -> None:
    """What redocly's no-required-schema-properties-undefined would check, with `then` read in its object."""
    document = _load(bundles[f"{api}-3.1-yaml"].path)
    missing: list[str] = []
    for name, schema in document["components"]["schemas"].items():
        missing += _required_undeclared(schema, set(), f"#/components/schemas/{name}")
    assert not missing, "required but never declared:\n" + "\n".join(missing)


def test_the_checks_can_fail(bundles: dict[str, Bundle], workdir: Path) -> None:
    """A bundle with a real mistake (an operation without responses, a dangling $ref) must give errors."""
    document = _load(bundles["dbss-3.1-yaml"].path)
    operation = next(iter(next(iter(document["paths"].values())).values()))
    operation["responses"] = {
        "200": {"description": "x", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nope"}}}}
    }
    broken = workdir / "broken.openapi.yaml"
    broken.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    redocly = run([node_tool("redocly"), "lint", "--config", ROOT / "redocly.yaml", "--format=json", broken])
    assert sum(report["totals"]["errors"] for report in _json_stream(redocly.stdout)) > 0
    spectral = run([node_tool("spectral"), "lint", "--ruleset", ROOT / ".spectral.yaml", "--format", "json", broken])
    assert any(p["severity"] == 0 for p in json.loads(spectral.stdout))
