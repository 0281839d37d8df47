"""The linter: openapi-spec-validator first, then the project's own rules, every finding located.

openapi-spec-validator reports JSON paths only, and for problems inside a schema only the path relative to that
schema. Its keyword validators are wrapped here so each error also records the path of the object being checked;
that logical path is then walked from the root document, following `$ref`s across files, to the YAML node.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

from generator.spec.content import content_selection
from generator.spec.diagnostics import Diagnostic, SpecError, join_pointer
from generator.spec.load import Document, RefSite, Target, Workspace, iter_refs
from generator.spec.terms import COMPONENT_KINDS, HTTP_METHODS
from generator.spec.terms import SCHEMA_LISTS as _SCHEMA_LISTS
from generator.spec.terms import SCHEMA_MAPS as _SCHEMA_MAPS
from generator.spec.terms import SCHEMA_VALUED as _SCHEMA_VALUED


@dataclass
class Report:
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def _schema_uri(target: Target) -> str:
    return f"{target.document.uri}#{quote(target.pointer, safe='/~')}"


class _Linter:
    def __init__(self, workspace: Workspace, root: Document) -> None:
        self.ws = workspace
        self.root = root
        self.problems: list[Diagnostic] = []
        self.version = str(root.data.get("openapi", "")) if isinstance(root.data, dict) else ""
        self._validators: dict[str, Any] = {}
        self._registry: Any = None

    # ---- helpers -------------------------------------------------------------------------------------------

    def report(self, document: Document, pointer: str, message: str) -> None:
        self.problems.append(document.diagnostic(pointer, message))

    def follow(self, document: Document, pointer: str, value: Any) -> Target | None:
        try:
            return self.ws.follow(document, pointer, value)
        except SpecError as exc:  # already reported by the closure check
            del exc
            return None

    def locate(self, parts: Iterable[Any]) -> tuple[Document, str]:
        """Walk a logical path (as a validator sees the spec, with `$ref`s transparent) to its YAML node."""
        document, pointer, node = self.root, "", self.root.data
        for part in parts:
            target = self.follow(document, pointer, node)
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

    def schema_validator(self, target: Target) -> Any:
        uri = _schema_uri(target)
        if uri not in self._validators:
            import jsonschema
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT202012

            if self._registry is None:
                self._registry = Registry().with_resources(
                    (doc.uri, Resource.from_contents(doc.data, default_specification=DRAFT202012))
                    for doc in self.ws.documents.values()
                )
            if self.version.startswith("3.0"):
                from openapi_schema_validator import OAS30Validator

                cls: Any = OAS30Validator
            else:
                cls = jsonschema.Draft202012Validator
            self._validators[uri] = cls({"$ref": uri}, registry=self._registry, format_checker=cls.FORMAT_CHECKER)
        return self._validators[uri]

    # ---- openapi-spec-validator ----------------------------------------------------------------------------

    def spec_validator(self) -> None:
        from jsonschema_path import SchemaPath
        from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

        base: Any = OpenAPIV30SpecValidator if self.version.startswith("3.0") else OpenAPIV31SpecValidator
        keyword_validators = {name: _locating(cls) for name, cls in base.keyword_validators.items()}
        keyword_validators["schema"] = _linear_schema_walk(keyword_validators["schema"])
        if base is OpenAPIV31SpecValidator:
            keyword_validators["schema"] = _fast_meta_check(keyword_validators["schema"])
        located = type("Located" + base.__name__, (base,), {"keyword_validators": keyword_validators})
        spec = SchemaPath.from_dict(self.root.data, base_uri=self.root.uri)
        seen: set[tuple[str, str]] = set()
        for error in located(spec).iter_errors():
            prefix = getattr(error, "logical_path", ())
            document, pointer = self.locate([*prefix, *error.absolute_path])
            message = _message(error)
            if (pointer, message) in seen:
                continue
            seen.add((pointer, message))
            self.report(document, pointer, message)

    # ---- project rules -------------------------------------------------------------------------------------

    def operations(self) -> Iterator[tuple[Document, str, dict[str, Any]]]:
        paths = self.root.data.get("paths") or {}
        for path, item in paths.items():
            target = self.follow(self.root, join_pointer("/paths", path), item)
            if target is None or not isinstance(target.value, dict):
                continue
            for method in HTTP_METHODS:
                operation = target.value.get(method)
                if isinstance(operation, dict):
                    yield target.document, join_pointer(target.pointer, method), operation

    def operation_rules(self) -> None:
        declared_tags = {t.get("name") for t in self.root.data.get("tags") or [] if isinstance(t, dict)}
        schemes = self._security_schemes()
        global_security = self.root.data.get("security")
        seen_ids: dict[str, str] = {}
        for document, pointer, op in self.operations():
            op_id = op.get("operationId")
            if not isinstance(op_id, str) or not op_id:
                self.report(document, pointer, "operation has no operationId")
            elif op_id in seen_ids:
                self.report(
                    document,
                    join_pointer(pointer, "operationId"),
                    f"operationId {op_id!r} is already used at {seen_ids[op_id]}",
                )
            else:
                seen_ids[op_id] = pointer
            if not op.get("summary"):
                self.report(document, pointer, "operation has no summary")
            tags = op.get("tags")
            if not tags:
                self.report(document, pointer, "operation has no tags")
            else:
                for index, tag in enumerate(tags):
                    if tag not in declared_tags:
                        self.report(
                            document,
                            join_pointer(pointer, "tags", index),
                            f"tag {tag!r} is not declared in the top-level tags",
                        )
            security = op.get("security", global_security)
            if not security:
                self.report(document, pointer, "operation has no security requirement")
            else:
                where = join_pointer(pointer, "security") if "security" in op else "/security"
                where_doc = document if "security" in op else self.root
                for index, requirement in enumerate(security):
                    for name in requirement or {}:
                        if name not in schemes:
                            self.report(
                                where_doc,
                                join_pointer(where, index, name),
                                f"security scheme {name!r} is not declared in components",
                            )
            responses = op.get("responses") or {}
            if not any(str(code).startswith("4") for code in responses):
                self.report(document, join_pointer(pointer, "responses"), "operation documents no 4xx response")

    def _security_schemes(self) -> set[str]:
        components = self.root.data.get("components") or {}
        return set(components.get("securitySchemes") or {})

    def unused_components(self) -> None:
        reached: set[tuple[Path, str]] = set()
        pending: list[tuple[Document, str, Any]] = []
        for key, value in self.root.data.items():
            if key != "components":
                pending.append((self.root, join_pointer("", key), value))
        used_schemes: set[str] = set()
        for requirement in self.root.data.get("security") or []:
            used_schemes.update(requirement or {})
        for _doc, _ptr, op in self.operations():
            for requirement in op.get("security") or []:
                used_schemes.update(requirement or {})
        while pending:
            document, pointer, value = pending.pop()
            sub = Document(document.path, value)
            for site in iter_refs(sub):
                real = RefSite(document, pointer + site.pointer, site.ref)
                try:
                    target = self.ws.resolve(real)
                except SpecError:
                    continue
                key = (target.document.path, target.pointer)
                if key in reached:
                    continue
                reached.add(key)
                pending.append((target.document, target.pointer, target.value))
        components = self.root.data.get("components") or {}
        for kind in COMPONENT_KINDS:
            for name in components.get(kind) or {}:
                pointer = join_pointer("/components", kind, name)
                if kind == "securitySchemes":
                    if name not in used_schemes:
                        self.report(
                            self.root,
                            pointer,
                            f"unused component: security scheme {name!r} is never required",
                        )
                    continue
                if not any(
                    path == self.root.path and (p == pointer or p.startswith(pointer + "/")) for path, p in reached
                ):
                    self.report(self.root, pointer, f"unused component: {kind}/{name} is never referenced")

    # ---- examples ------------------------------------------------------------------------------------------

    def check_instance(self, schema: Target, document: Document, pointer: str, instance: Any, what: str) -> None:
        validator = self.schema_validator(schema)
        try:
            errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        except Exception as exc:  # an unusable schema must not hide the other findings
            self.report(schema.document, schema.pointer, f"cannot check {what}: {type(exc).__name__}: {exc}")
            return
        for error in errors:
            self.report(
                document,
                join_pointer(pointer, *error.absolute_path),
                f"{what} does not match its schema: {_short(error.message)}",
            )
        if errors:
            return
        for failure in content_selection(schema.value, instance, self._content_validator(schema)):
            self.report(document, join_pointer(pointer, *failure.path), f"{what}: {failure.message}")

    def _content_validator(self, base: Target) -> Callable[[Any], Any | None]:
        def validator_for(node: Any) -> Any | None:
            target = self.follow(base.document, base.pointer, node)
            return None if target is None else self.schema_validator(target)

        return validator_for

    def check_examples_of(self, document: Document, pointer: str, holder: dict[str, Any], what: str) -> None:
        """A parameter, header or media type: its `example` and `examples` against its `schema`."""
        if "schema" not in holder:
            return
        schema = self.follow(document, join_pointer(pointer, "schema"), holder["schema"])
        if schema is None:
            return
        if "example" in holder:
            self.check_instance(
                schema, document, join_pointer(pointer, "example"), holder["example"], what + " example"
            )
        for name, example in (holder.get("examples") or {}).items():
            target = self.follow(document, join_pointer(pointer, "examples", name), example)
            if target is None or not isinstance(target.value, dict) or "value" not in target.value:
                continue
            self.check_instance(
                schema,
                target.document,
                join_pointer(target.pointer, "value"),
                target.value["value"],
                f"{what} example {name!r}",
            )

    def examples(self) -> None:
        visited: set[tuple[Path, str]] = set()
        for document, pointer, op in self.operations():
            self.parameters(document, pointer, op.get("parameters") or [], visited)
            body = (
                self.follow(document, join_pointer(pointer, "requestBody"), op["requestBody"])
                if "requestBody" in op
                else None
            )
            if body is not None:
                self.media_types(body.document, body.pointer, body.value, "request body", visited)
            for code, response in (op.get("responses") or {}).items():
                target = self.follow(document, join_pointer(pointer, "responses", code), response)
                if target is None or not isinstance(target.value, dict):
                    continue
                self.media_types(target.document, target.pointer, target.value, f"response {code}", visited)
                for name, header in (target.value.get("headers") or {}).items():
                    h = self.follow(target.document, join_pointer(target.pointer, "headers", name), header)
                    if h is not None and isinstance(h.value, dict):
                        self.check_examples_of(h.document, h.pointer, h.value, f"header {name!r}")
                        self.schemas(h.document, join_pointer(h.pointer, "schema"), h.value.get("schema"), visited)
        for path, item in (self.root.data.get("paths") or {}).items():
            target = self.follow(self.root, join_pointer("/paths", path), item)
            if target is not None and isinstance(target.value, dict):
                self.parameters(target.document, target.pointer, target.value.get("parameters") or [], visited)
        for name, schema in ((self.root.data.get("components") or {}).get("schemas") or {}).items():
            self.schemas(self.root, join_pointer("/components/schemas", name), schema, visited)

    def parameters(self, document: Document, pointer: str, params: list[Any], visited: set[tuple[Path, str]]) -> None:
        for index, param in enumerate(params):
            target = self.follow(document, join_pointer(pointer, "parameters", index), param)
            if target is None or not isinstance(target.value, dict):
                continue
            what = f"parameter {target.value.get('name')!r}"
            self.check_examples_of(target.document, target.pointer, target.value, what)
            self.schemas(target.document, join_pointer(target.pointer, "schema"), target.value.get("schema"), visited)

    def media_types(
        self,
        document: Document,
        pointer: str,
        holder: dict[str, Any],
        what: str,
        visited: set[tuple[Path, str]],
    ) -> None:
        for media, media_obj in (holder.get("content") or {}).items():
            if not isinstance(media_obj, dict):
                continue
            media_pointer = join_pointer(pointer, "content", media)
            self.check_examples_of(document, media_pointer, media_obj, what)
            self.schemas(document, join_pointer(media_pointer, "schema"), media_obj.get("schema"), visited)

    def schemas(self, document: Document, pointer: str, schema: Any, visited: set[tuple[Path, str]]) -> None:
        """Every schema reachable from here: its own `examples`/`example` must validate against it."""
        stack = [(document, pointer, schema)]
        while stack:
            doc, ptr, node = stack.pop()
            target = self.follow(doc, ptr, node)
            if target is None or not isinstance(target.value, dict):
                continue
            key = (target.document.path, target.pointer)
            if key in visited:
                continue
            visited.add(key)
            value = target.value
            for index, example in enumerate(
                value.get("examples") or [] if isinstance(value.get("examples"), list) else []
            ):
                self.check_instance(
                    target,
                    target.document,
                    join_pointer(target.pointer, "examples", index),
                    example,
                    "schema example",
                )
            if "example" in value:
                self.check_instance(
                    target,
                    target.document,
                    join_pointer(target.pointer, "example"),
                    value["example"],
                    "schema example",
                )
            for kw in _SCHEMA_VALUED:
                if isinstance(value.get(kw), dict):
                    stack.append((target.document, join_pointer(target.pointer, kw), value[kw]))
            for kw in _SCHEMA_MAPS:
                for name, sub in (value.get(kw) or {}).items() if isinstance(value.get(kw), dict) else []:
                    stack.append((target.document, join_pointer(target.pointer, kw, name), sub))
            for kw in _SCHEMA_LISTS:
                for index, sub in enumerate(value.get(kw) or []) if isinstance(value.get(kw), list) else []:
                    stack.append((target.document, join_pointer(target.pointer, kw, index), sub))


def _locating(cls: type) -> type:
    """A keyword validator that stamps each error with the logical path of the object it was checking."""

    def __call__(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        from jsonschema_path import SchemaPath

        path = next((a for a in args if isinstance(a, SchemaPath)), None)
        for error in cls.__call__(self, *args, **kwargs):
            if path is not None and not hasattr(error, "logical_path"):
                error.logical_path = tuple(path.parts)
            yield error

    return type(cls.__name__, (cls,), {"__call__": __call__})


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
        self.meta_checked_schema_ids = _IdList()
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
def _dialect_is_valid(dialect_id: str) -> Callable[[Any], bool] | None:
    """jsonschema-rs's `is_valid` for the meta-schema of an OpenAPI 3.1 schema dialect, compiled once.

    openapi-spec-validator checks every schema of a document against its dialect's meta-schema with Python
    jsonschema (~4 ms per schema: half of all validation time on a 1,000-operation spec); jsonschema-rs answers
    in microseconds. Formats (`pattern` must be a regex, `$id` a URI reference, ...) are asserted by the same
    Python format checker as before, so both paths agree on them. None where it cannot be built (another
    dialect, a changed library layout): the Python path then does everything, as before.
    """
    try:
        import jsonschema_rs
        from openapi_schema_validator import OAS31_BASE_DIALECT_ID, oas31_format_checker
        from openapi_schema_validator._specifications import REGISTRY

        if dialect_id != OAS31_BASE_DIALECT_ID:
            return None
        registry = jsonschema_rs.Registry([(uri, REGISTRY.contents(uri)) for uri in REGISTRY])
        formats: dict[str, Callable[..., bool]] = {
            name: partial(oas31_format_checker.conforms, format=name) for name in oas31_format_checker.checkers
        }
        validator = jsonschema_rs.validator_for(
            REGISTRY.contents(dialect_id), registry=registry, validate_formats=True, formats=formats
        )
    except Exception:  # any failure only costs the speed-up
        return None
    return validator.is_valid


def _fast_meta_check(cls: type) -> type:
    """openapi-spec-validator's schema validator with a fast path for the meta-schema check of each schema.

    A schema jsonschema-rs finds valid is valid (both implement Draft 2020-12 with the OAS vocabulary); any
    other schema goes through the original Python check, so every reported error and message is unchanged.
    """

    def _validate_schema_meta(self: Any, schema: Any, schema_value: Any) -> Any:
        if isinstance(schema_value, dict):
            try:
                dialect_id = self._get_schema_dialect_id(schema, schema_value)
            except ValueError:
                dialect_id = None
            is_valid = _dialect_is_valid(dialect_id) if isinstance(dialect_id, str) else None
            if is_valid is not None and is_valid(schema_value):
                return None
        return cls._validate_schema_meta(self, schema, schema_value)  # type: ignore[attr-defined]

    return type(cls.__name__, (cls,), {"_validate_schema_meta": _validate_schema_meta})


@cache
def fast_spec_validator_31() -> type:
    """openapi-spec-validator's OpenAPI 3.1 document validator with the meta-schema fast path, for checks of
    documents that need no source positions (the bundles of generator/spec/bundle.py)."""
    from openapi_spec_validator import OpenAPIV31SpecValidator

    base: Any = OpenAPIV31SpecValidator
    keyword_validators = dict(base.keyword_validators)
    keyword_validators["schema"] = _fast_meta_check(_linear_schema_walk(keyword_validators["schema"]))
    return type("Fast" + base.__name__, (base,), {"keyword_validators": keyword_validators})


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 3] + "..."


def _message(error: Any) -> str:
    return _short(str(getattr(error, "message", error)).splitlines()[0])


def lint(path: Path | str, workspace: Workspace | None = None, *, project_rules: bool = True) -> Report:
    """All problems of one root document (and the files it references), sorted by position.

    Without `project_rules` only what makes a document unusable is checked (YAML, `$ref`s, the OpenAPI schema):
    that is what `generate SPEC` needs from a third-party document.
    """
    workspace = workspace or Workspace()
    root, problems = workspace.load_closure(path)
    if root is None:
        return Report(problems)
    if not isinstance(root.data, dict) or "openapi" not in root.data:
        return Report([root.diagnostic("", "not an OpenAPI document: no `openapi` field")])
    linter = _Linter(workspace, root)
    linter.problems.extend(problems)
    if not problems:  # openapi-spec-validator raises on an unresolvable $ref instead of reporting it
        try:
            linter.spec_validator()
        except Exception as exc:  # a crash inside the library must still be a located one-liner
            linter.report(root, "", f"openapi-spec-validator failed: {type(exc).__name__}: {exc}")
    structural = len(linter.problems)
    if not project_rules:
        return Report(sorted(set(linter.problems)))
    linter.operation_rules()
    linter.unused_components()
    if not structural:  # examples are only meaningful against schemas that are themselves valid
        linter.examples()
    return Report(sorted(set(linter.problems)))


def lint_json(report: Report) -> str:
    return json.dumps(
        [
            {"file": str(d.file), "line": d.line, "col": d.col, "pointer": d.pointer, "message": d.message}
            for d in report.diagnostics
        ],
        indent=2,
    )
