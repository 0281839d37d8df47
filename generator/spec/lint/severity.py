"""Which findings block and which are only reported: every rule has an id and a severity.

What makes a document unusable blocks every stage: YAML and `$ref` problems, and documents that are not valid
OpenAPI (rule `openapi`), since a generator would have to guess what they mean. The project's own rules (style:
operationId, summary, tags, a 4xx response, security, unused components) and examples or defaults that break
their schema are warnings when `generate SPEC` reads an arbitrary document, and errors for the catalog specs
(`make generate`, `validate`) or with `--strict`.

A project sets any rule to `off`, `warn` or `error` in its pyproject.toml:

    [tool.vendor-openapi-toolchain.lint]
    operation-tags = "off"
    example = "error"
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.spec.diagnostics import Diagnostic

# rule id -> what it checks. Rules not listed in STYLE always block.
RULES: Mapping[str, str] = {
    "yaml": "the file parses as YAML/JSON, without duplicate keys",
    "ref": "every $ref resolves",
    "openapi": "the document is valid OpenAPI 3.0/3.1 (openapi-spec-validator)",
    "operation-id-unique": "operationIds are unique",
    "security-scheme-declared": "every security requirement names a declared scheme",
    "default": "every schema default validates against its schema",
    "exclusive-bound": "exclusiveMaximum/exclusiveMinimum are numbers in 3.1 (a 3.0 boolean is read as 3.0 meant it)",
    "dialect": "every `$schema` names a JSON Schema dialect the tools know (others are read as the document's)",
    "pattern": "every pattern is an ECMA-262 regular expression (the generated models check it with Python's re)",
    "example": "every example validates against its schema",
    "operation-id": "every operation has an operationId",
    "operation-summary": "every operation has a summary",
    "operation-tags": "every operation has tags, each declared at the top level",
    "tag-declared": "every tag an operation uses is declared at the top level",
    "operation-security": "every operation has a security requirement",
    "operation-4xx": "every operation documents a 4xx response",
    "unused-component": "every component is used",
}
STYLE = frozenset(
    {
        "default",
        "dialect",
        "exclusive-bound",
        "security-scheme-declared",
        "pattern",
        "example",
        "operation-id",
        "operation-summary",
        "operation-tags",
        "tag-declared",
        "operation-security",
        "operation-4xx",
        "unused-component",
    }
)
LEVELS = {"off": None, "warn": "warning", "warning": "warning", "error": "error"}
TABLE = ("tool", "vendor-openapi-toolchain", "lint")


def configured(start: Path | None = None) -> dict[str, str]:
    """The `[tool.vendor-openapi-toolchain.lint]` table of the nearest pyproject.toml at or above `start` (the
    working directory by default). Unknown rules and levels are a ValueError naming the file."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise ValueError(f"{path}: cannot read: {exc}") from None
            table: object = data
            for key in TABLE:
                table = table.get(key, {}) if isinstance(table, dict) else {}
            if not isinstance(table, dict):
                raise ValueError(f"{path}: [{'.'.join(TABLE)}] must be a table")
            result: dict[str, str] = {}
            for rule, level in table.items():
                if rule not in RULES:
                    raise ValueError(f"{path}: [{'.'.join(TABLE)}] {rule}: unknown rule (known: {', '.join(RULES)})")
                if level not in LEVELS:
                    raise ValueError(f"{path}: [{'.'.join(TABLE)}] {rule} = {level!r}: use off, warn or error")
                result[rule] = level
            return result
    return {}


def classify(
    problems: Iterable[Diagnostic], *, strict: bool, overrides: Mapping[str, str] | None = None
) -> list[Diagnostic]:
    """Each finding with its rule's severity (findings of rules set `off` dropped)."""
    result: list[Diagnostic] = []
    for problem in problems:
        rule = problem.rule or "openapi"
        level: str | None = "error" if strict or rule not in STYLE else "warning"
        if overrides and rule in overrides:
            level = LEVELS[overrides[rule]]
        if level is not None:
            result.append(problem.with_rule(rule, level))
    return result


def errors(problems: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [p for p in problems if p.severity == "warning"]
