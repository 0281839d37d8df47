"""The linter: openapi-spec-validator first, then the project's own rules, every finding located.

openapi-spec-validator reports JSON paths only, and for problems inside a schema only the path relative to that
schema. Its keyword validators are wrapped here so each error also records the path of the object being checked;
that logical path is then walked from the root document, following `$ref`s across files, to the YAML node.

Why one module (~510 lines): the wrappers of the library's validators (locating, the per-piece cache, the
linear schema walk, the cause-first error choice) all subclass the same library classes and share `_Linter`'s
state; the project's rules (`rules`), the piece cache (`pieces`) and the meta-schema fast path (`meta`) live apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

from generator.spec.diagnostics import Diagnostic, SpecError, join_pointer
from generator.spec.lint import chains, pieces
from generator.spec.lint.headers import header_name_problems
from generator.spec.lint.meta import fast_meta_check as _fast_meta_check
from generator.spec.lint.meta import install_fast_subnodes
from generator.spec.lint.rules import ProjectRules, follow_or_none, short
from generator.spec.lint.severity import STYLE, classify, configured, errors, warnings
from generator.spec.load import Document, Workspace
from generator.spec.model import load_spec

# How many resolved paths the validator's document keeps (jsonschema-path's LRU of `SchemaPath` lookups; the
# library's own default, 128, when it wraps a dict itself). Its walk asks each node for its keys one `in` at a
# time, and each ask of an uncached path resolves it again from its parent: with room for the ~80,000 paths of
# GitHub's description, the validator took a third less time (6.6 -> 4.3 CPU s, before the other fast paths). The
# entries point into the document itself: ~25 MB more peak memory on GitHub's 13 MB description.
RESOLVED_PATHS = 1 << 18


@dataclass
class Report:
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not self.diagnostics


class _Linter:
    def __init__(self, workspace: Workspace, root: Document) -> None:
        self.ws = workspace
        self.root = root
        self.problems: list[Diagnostic] = []
        self.version = str(root.data.get("openapi", "")) if isinstance(root.data, dict) else ""

    # ---- helpers -------------------------------------------------------------------------------------------

    def report(self, document: Document, pointer: str, message: str, rule: str = "openapi") -> None:
        self.problems.append(document.diagnostic(pointer, message).with_rule(rule))

    def locate(self, parts: Iterable[Any]) -> tuple[Document, str]:
        """Walk a logical path (as a validator sees the spec, with `$ref`s transparent) to its YAML node."""
        document, pointer, node = self.root, "", self.root.data
        for part in parts:
            target = follow_or_none(self.ws, document, pointer, node)
            if target is None:
                break
            document, pointer, node = target.document, target.pointer, target.value
            key: Any = part
            if isinstance(node, list):
                try:
                    key = int(part)
                    node = node[key]
                except (ValueError, IndexError):
                    break
            elif isinstance(node, dict) and str(part) in node:
                key = str(part)
                node = node[key]
            else:
                pointer = join_pointer(pointer, key)
                break
            pointer = join_pointer(pointer, key)
        return document, pointer

    # ---- openapi-spec-validator ----------------------------------------------------------------------------

    def spec_validator(self, store: pieces.PieceStore | None = None) -> None:
        from jsonschema_path import SchemaPath
        from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

        install_fast_subnodes()
        base: Any = OpenAPIV30SpecValidator if self.version.startswith("3.0") else OpenAPIV31SpecValidator
        keyword_validators = {name: _locating(cls, name) for name, cls in base.keyword_validators.items()}
        keyword_validators["schema"] = _fast_meta_check(_linear_schema_walk(keyword_validators["schema"]))
        walk = pieces.Walk(store, self.root, "openapi-spec-validator") if store is not None else None
        if walk is not None and walk.chain is not None:
            cached = _Pieces(walk, self)
            keyword_validators["path"] = cached.path_validator(keyword_validators["path"])
            keyword_validators["schemas"] = cached.schemas_validator(keyword_validators["schemas"])
        located = type(
            "Located" + base.__name__,
            (base,),
            {
                "keyword_validators": keyword_validators,
                "schema_validator": _CauseFirst(base.schema_validator, self.version),
            },
        )
        spec = SchemaPath.from_dict(self.root.data, base_uri=self.root.uri, resolved_cache_maxsize=RESOLVED_PATHS)
        seen: set[tuple[str, str]] = set()
        for error in located(spec).iter_errors():
            document, pointer, message, rule = getattr(error, "finding", None) or self.convert(error)
            if (pointer, message) in seen:
                continue
            seen.add((pointer, message))
            self.report(document, pointer, message, rule)
        if walk is not None:
            walk.save()

    def convert(self, error: Any) -> tuple[Document, str, str, str]:
        """An error of openapi-spec-validator, located in the document, with its message and rule."""
        prefix = getattr(error, "logical_path", ())
        rule = getattr(error, "rule", "openapi")
        document, pointer = self.locate([*prefix, *error.absolute_path])
        message = _message(error)
        if rule == "default":
            message = f"default does not match its schema: {message}"
        if message.startswith("Unknown JSON Schema dialect"):
            rule = "dialect"  # the generator and the server read every schema as the document's dialect
        if pointer.endswith(("/exclusiveMaximum", "/exclusiveMinimum")) and isinstance(error.instance, bool):
            rule = "exclusive-bound"
            message = (
                "a boolean exclusive bound is OpenAPI 3.0 (3.1 takes the bound itself): read as the 3.0 flag on"
                " maximum/minimum"
            )
        return document, pointer, message, rule


def _known(finding: tuple[Document, str, str, str]) -> Any:
    """A finding of one piece of the walk, already located (replayed from the cache, or converted on the way to
    it), as an error of the library's own class so that it passes the library's error wrapping unchanged."""
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    error = OpenAPIValidationError(finding[2])
    error.finding = finding  # type: ignore[attr-defined]
    return error


class _Pieces:
    """openapi-spec-validator's walk over the path items and then the component schemas, each one's findings
    cached (`generator.spec.lint.pieces`).

    The state the walk shares between them lives in three registries: the ids of the schemas visited and
    meta-checked (named in an entry by their pointers outside `paths`; a path item's own nodes are reached from
    nowhere else) and the operationIds seen. A component schema's findings depend on the document outside `paths`
    (in the walk's base) and on that state (in the chain), not on its path items."""

    def __init__(self, walk: pieces.Walk, linter: _Linter) -> None:
        self.walk = walk
        self.linter = linter
        self.outside: dict[int, Any] = {}  # `pieces.outside_paths`
        self.markers = {id(True): "true", id(False): "false"}

    def path_validator(self, cls: type) -> type:
        cached = self

        def __call__(self: Any, url: str, path_item: Any) -> Iterator[Any]:
            pointer = join_pointer("/paths", url)
            own = partial(pieces.node_ids, cached.walk.root.data["paths"][url])
            yield from cached.piece(
                cached.walk.key(pointer), self.registry, own, lambda: cls.__call__(self, url, path_item)
            )

        return type(cls.__name__, (cls,), {"__call__": __call__})

    def schemas_validator(self, cls: type) -> type:
        cached = self

        def __call__(self: Any, schemas: Any) -> Iterator[Any]:
            if tuple(schemas.parts) != ("components", "schemas"):
                yield from cls.__call__(self, schemas)
                return
            for name, schema in schemas.items():  # as the library's own loop, one schema at a time
                pointer = join_pointer("/components/schemas", str(name))
                yield from cached.piece(
                    cached.walk.key_in_base(pointer), self.registry, set, partial(self.schema_validator, schema)
                )

        return type(cls.__name__, (cls,), {"__call__": __call__})

    def piece(
        self, key: str | None, registry: Any, own: Callable[[], set[int]], run: Callable[[], Iterable[Any]]
    ) -> Iterator[Any]:
        walk, root = self.walk, self.linter.root
        schemas, operations = registry["schema"], registry["operation"]
        entry = walk.lookup(key)
        if entry is not None and _restore(entry["added"], walk.root, schemas, operations):
            for finding in walk.findings(entry):
                yield _known((root, *finding))
            walk.passed(key, entry)
            return
        marks = (len(schemas.visited_schema_ids), len(schemas.meta_checked_schema_ids))
        seen_ids = len(operations.operation_ids_registry)
        findings: list[pieces.Finding] = []
        recordable = key is not None
        for error in run():
            known = getattr(error, "finding", None) or self.linter.convert(error)
            recordable = recordable and known[0] is root
            findings.append(known[1:])
            yield _known(known)
        added: dict[str, Any] | None = None
        if recordable:
            if not self.outside:
                self.outside.update(pieces.outside_paths(walk.root.data))
            mine = own()
            added = {"ids": list(operations.operation_ids_registry[seen_ids:])}
            for name, ids, mark in (
                ("visited", schemas.visited_schema_ids, marks[0]),
                ("meta", schemas.meta_checked_schema_ids, marks[1]),
            ):
                named = [
                    self.markers.get(i) or pieces.outside_pointer(self.outside, i) or ("" if i in mine else None)
                    for i in ids[mark:]
                ]
                if any(n is None for n in named):
                    added = None
                    break
                added[name] = [n for n in named if n]
        walk.passed(key, pieces.entry(findings, added) if added is not None else None)


def _restore(added: dict[str, Any], root: Document, schemas: Any, operations: Any) -> bool:
    """Apply what a cached path item added to the shared registries; False (nothing applied) if it cannot be."""
    named = {"true": True, "false": False}
    registries = []
    for name in ("visited", "meta"):
        pointers = added.get(name)
        if not isinstance(pointers, list):
            return False
        values = pieces.resolve(root, [p for p in pointers if p not in named])
        if values is None:
            return False
        found = iter(values)
        registries.append([id(named[p]) if p in named else id(next(found)) for p in pointers])
    ids = added.get("ids")
    if not isinstance(ids, list):
        return False
    for value in registries[0]:
        schemas.visited_schema_ids.append(value)
    schemas.meta_checked_schema_ids.extend(registries[1])
    operations.operation_ids_registry.extend(ids)
    return True


def _locating(cls: type, keyword: str) -> type:
    """A keyword validator that stamps each error with the logical path of the object it was checking.

    The library re-creates every plain jsonschema error as its own error class on the way out (dropping any
    attribute set here), so plain errors are converted here first. A `default` that breaks its schema is
    reported at the `default` itself (its own path inside the value follows), under rule `default`."""

    def __call__(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        from jsonschema_path import SchemaPath
        from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

        path = next((a for a in args if isinstance(a, SchemaPath)), None)
        for error in cls.__call__(self, *args, **kwargs):
            if not isinstance(error, OpenAPIValidationError):
                error = OpenAPIValidationError.create_from(error)
            if path is not None and not hasattr(error, "logical_path"):
                parts = tuple(path.parts)
                error.logical_path = (*parts, "default") if keyword == "default" else parts  # type: ignore[attr-defined]
                error.rule = "default" if keyword == "default" else "openapi"  # type: ignore[attr-defined]
            yield error

    return type(cls.__name__, (cls,), {"__call__": __call__})


_AGREES = object()


def jsonschema_error(message: str, path: list[Any]) -> Any:
    from jsonschema.exceptions import ValidationError

    return ValidationError(message, path=path)


class _CauseFirst:
    """The OpenAPI meta-schema check, reporting the cause of a "not valid under any of the given schemas" about a
    whole object when that cause is a `pattern` that is not an ECMA-262 regex (rule `pattern`): the library would
    otherwise print the whole object, located at the object."""

    def __init__(self, validator: Any, version: str) -> None:
        self.validator = validator
        self.version = version

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

        for error in self.validator.iter_errors(instance):
            path = list(getattr(error, "absolute_path", ()))
            cause = self._cause(instance, path) if not getattr(error, "context", None) else None
            if cause is None:
                yield error
                continue
            if cause is _AGREES:
                cause = jsonschema_error(
                    "valid OpenAPI for the pure-Python validator, refused by the Rust one: most often a `pattern`"
                    " that is not an ECMA-262 (unicode) regular expression",
                    path,
                )
            converted = OpenAPIValidationError.create_from(cause)
            converted.rule = "pattern"  # type: ignore[attr-defined]
            yield converted

    def _cause(self, instance: Any, path: list[Any]) -> Any:
        """The pure-Python validator's deepest cause at `path` when it is a bad regex (the Rust backend used by
        the library gives no causes)."""
        import jsonschema
        from jsonschema.exceptions import best_match
        from openapi_spec_validator.schemas import schema_v30, schema_v31

        schema: Any = schema_v30 if self.version.startswith("3.0") else schema_v31
        try:
            python = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
            found = False
            for error in python.iter_errors(instance):
                # as strings: jsonschema-rs gives a numeric key (a response's `200`) as a number
                if [str(part) for part in error.absolute_path][: len(path)] != [str(part) for part in path]:
                    continue
                found = True
                cause = best_match(error.context) if error.context else None
                if cause is not None and cause.validator == "format" and cause.validator_value == "regex":
                    return cause
        except Exception:  # only a better message is lost
            return None
        return None if found else _AGREES


class _IdList(list[int]):
    """The library's registries of visited schema ids are lists, so each visit scanned all earlier ones (quadratic
    in the number of schemas: most of the validation time of GitHub's ~1,000-schema description)."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set[int] = set()

    def __contains__(self, item: object) -> bool:
        return item in self._set

    def append(self, item: int) -> None:
        self._set.add(item)
        super().append(item)


def _linear_schema_walk(cls: type) -> type:
    """openapi-spec-validator's schema validator, linear in the number of schemas: the same checks and messages,
    with O(1) visited-id registries and each schema's reachable property names collected once (for an `allOf`
    chain the library re-collected the whole chain below every level: quadratic, 24 s for 400 levels)."""

    def __init__(self: Any, registry: Any) -> None:
        cls.__init__(self, registry)  # type: ignore[misc]
        self.visited_schema_ids = _IdList()
        # `meta_checked_schema_ids` stays the library's list: made set-backed too, `default`s that break their
        # schema went unreported (tests/spec/test_severity.py); the visited registry is the costly one
        self._properties_of = {}  # id of a schema value -> (the value, its property names)

    def _collect_properties(self: Any, schema: Any) -> set[str]:
        value = schema.read_value()
        known = self._properties_of.get(id(value))
        if known is None or known[0] is not value:  # the value is kept, so its id cannot be reused
            known = (value, cls._collect_properties(self, schema))  # type: ignore[attr-defined]
            self._properties_of[id(value)] = known
        return set(known[1])

    return type(cls.__name__, (cls,), {"__init__": __init__, "_collect_properties": _collect_properties})


@cache
def fast_spec_validator_31() -> type:
    """openapi-spec-validator's OpenAPI 3.1 document validator with the meta-schema fast path, for checks of
    documents that need no source positions (the bundles of generator/spec/bundle.py)."""
    from openapi_spec_validator import OpenAPIV31SpecValidator

    base: Any = OpenAPIV31SpecValidator
    keyword_validators = dict(base.keyword_validators)
    keyword_validators["schema"] = _fast_meta_check(_linear_schema_walk(keyword_validators["schema"]))
    return type("Fast" + base.__name__, (base,), {"keyword_validators": keyword_validators})


# openapi-spec-validator follows each `$ref` by recursion, a few frames per link: an `allOf` chain of 600 schemas
# needs more than Python's default 1,000 frames. It runs in a thread with room for this many; a deeper chain is a
# RecursionError, reported like any crash of the library.
VALIDATOR_FRAMES = 5_000
_VALIDATOR_STACK = 512 * 1024 * 1024  # bytes of address space reserved for that thread (touched only as used)


def _with_room_for_ref_chains(call: Callable[[], None]) -> None:
    import sys
    import threading

    failure: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:  # re-raised in the caller's thread
            failure.append(exc)

    limit = sys.getrecursionlimit()
    stack = threading.stack_size(_VALIDATOR_STACK)
    try:
        sys.setrecursionlimit(max(limit, VALIDATOR_FRAMES))
        thread = threading.Thread(target=run, name="openapi-spec-validator")
        thread.start()
        thread.join()
    finally:
        threading.stack_size(stack)
        sys.setrecursionlimit(limit)
    if failure:
        raise failure[0]


def _message(error: Any) -> str:
    return short(str(getattr(error, "message", error)).splitlines()[0])


def lint(
    path: Path | str,
    workspace: Workspace | None = None,
    *,
    project_rules: bool = True,
    strict: bool = True,
    store: pieces.PieceStore | None = None,
) -> Report:
    """All problems of one root document (and the files it references), sorted by position, each with its rule
    and severity (`generator.spec.lint.severity`: style rules and example/default mismatches are errors only
    when `strict`, and the project's pyproject.toml may set any rule).

    Without `project_rules` only what makes a document unusable is checked (YAML, `$ref`s, the OpenAPI schema,
    defaults). With a `store`, the path items' findings are cached in it (`generator.spec.lint.pieces`).
    """
    overrides = configured()
    workspace = workspace or Workspace()
    root, problems = workspace.load_closure(path)
    problems = [p.with_rule("ref") for p in problems]
    if root is None:
        return Report(classify(problems, strict=strict, overrides=overrides))
    if not isinstance(root.data, dict) or "openapi" not in root.data:
        return Report([root.diagnostic("", "not an OpenAPI document: no `openapi` field").with_rule("openapi")])
    linter = _Linter(workspace, root)
    linter.problems.extend(problems)
    if not problems:  # openapi-spec-validator raises on an unresolvable $ref instead of reporting it
        try:
            _with_room_for_ref_chains(lambda: linter.spec_validator(store))
        except RecursionError:
            pointer, length = chains.deepest_chain(root.data)
            linter.report(
                root,
                pointer,
                f"a chain of {length} schemas, each referring to the next, is deeper than "
                f"openapi-spec-validator can follow in {VALIDATOR_FRAMES:,} stack frames",
            )
        except Exception as exc:  # a crash inside the library must still be a located one-liner
            linter.report(root, "", f"openapi-spec-validator failed: {type(exc).__name__}: {exc}")
    linter.problems.extend(header_name_problems(root))
    structural = sum(1 for p in linter.problems if p.rule not in STYLE)
    if not project_rules:
        return Report(sorted(set(classify(linter.problems, strict=strict, overrides=overrides))))
    rules = ProjectRules(load_spec(root.path, workspace, strict=False), linter.problems, store)
    rules.operation_rules()
    rules.unused_components()
    if not structural:  # examples are only meaningful against schemas that are themselves valid
        rules.examples()
    return Report(sorted(set(classify(linter.problems, strict=strict, overrides=overrides))))


def lint_all(
    specs: Iterable[Path], workspace: Workspace, *, project_rules: bool = True, strict: bool = True
) -> list[Diagnostic]:
    """The problems of several root documents, sorted and without duplicates (shared files are linted once
    per root that reaches them)."""
    problems: list[Diagnostic] = []
    for spec in specs:
        problems.extend(lint(spec, workspace, project_rules=project_rules, strict=strict).diagnostics)
    return sorted(set(problems))


def validate_or_raise(
    specs: Iterable[Path], workspace: Workspace, *, project_rules: bool = True, strict: bool = True
) -> list[Diagnostic]:
    """Raise a SpecError with every error of `specs` (the gate before a stage uses a document); the warnings
    are returned, for the caller to show."""
    problems = lint_all(specs, workspace, project_rules=project_rules, strict=strict)
    if errors(problems):
        raise SpecError(errors(problems))
    return warnings(problems)


def lint_json(report: Report) -> str:
    return json.dumps(
        [
            {
                "file": str(d.file),
                "line": d.line,
                "col": d.col,
                "pointer": d.pointer,
                "message": d.message,
                "rule": d.rule,
                "severity": d.severity,
            }
            for d in report.diagnostics
        ],
        indent=2,
    )
