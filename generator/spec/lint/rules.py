"""The project's own rules, read from the document model: what every operation must declare, unused
components, and every example (parameter, header, media type, schema, embedded JSON) against its schema."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from generator.spec import model
from generator.spec.content import content_selection
from generator.spec.diagnostics import Diagnostic, SpecError, join_pointer
from generator.spec.lint import pieces
from generator.spec.load import Document, RefSite, Target, Workspace, iter_refs
from generator.spec.model.schemas import walk_schemas
from generator.spec.terms import COMPONENT_KINDS


def _schema_uri(target: Target) -> str:
    return f"{target.document.uri}#{quote(target.pointer, safe='/~')}"


def short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 3] + "..."


def follow_or_none(workspace: Workspace, document: Document, pointer: str, value: Any) -> Target | None:
    """`Workspace.follow`, for the linter: a dangling `$ref` was already reported by the closure check."""
    try:
        return workspace.follow(document, pointer, value)
    except SpecError:
        return None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


class ProjectRules:
    """Checks one document model; problems are appended to `problems`.

    The model is built tolerantly (`strict=False`): a dangling `$ref` is reported once by the closure check of
    `Workspace.load_closure`, and the rules see the document without the node behind it.
    """

    def __init__(self, spec: model.Spec, problems: list[Diagnostic], store: pieces.PieceStore | None = None) -> None:
        self.spec = spec
        self.store = store  # where the example checks of each path item are cached (`generator.spec.lint.pieces`)
        self.ws: Workspace = spec.workspace
        self.root = spec.root
        self.problems = problems
        self._validators: dict[str, Any] = {}
        self._registry: Any = None

    def report(self, document: Document, pointer: str, message: str, rule: str = "openapi") -> None:
        self.problems.append(document.diagnostic(pointer, message).with_rule(rule))

    def follow(self, document: Document, pointer: str, value: Any) -> Target | None:
        return follow_or_none(self.ws, document, pointer, value)

    def _components(self) -> dict[str, Any]:
        return _dict(self.root.data.get("components"))

    # ---- operations ----------------------------------------------------------------------------------------

    def operation_rules(self) -> None:
        declared_tags = set(self.spec.tags)
        # declared, whether or not the scheme's own `$ref` resolves (a dangling one is reported on its own)
        schemes = set(_dict(self._components().get("securitySchemes")))
        seen_ids: dict[str, str] = {}
        for op in self.spec.operations:
            document, pointer = op.node.document, op.node.pointer
            if op.operation_id is None:
                self.report(document, pointer, "operation has no operationId", "operation-id")
            elif op.operation_id in seen_ids:
                self.report(
                    document,
                    join_pointer(pointer, "operationId"),
                    f"operationId {op.operation_id!r} is already used at {seen_ids[op.operation_id]}",
                    "operation-id-unique",
                )
            else:
                seen_ids[op.operation_id] = pointer
            if not op.summary:
                self.report(document, pointer, "operation has no summary", "operation-summary")
            if not op.tags:
                self.report(document, pointer, "operation has no tags", "operation-tags")
            for index, tag in enumerate(op.tags):
                if tag not in declared_tags:
                    self.report(
                        document,
                        join_pointer(pointer, "tags", index),
                        f"tag {tag!r} is not declared in the top-level tags",
                        "tag-declared",
                    )
            if not op.security:
                self.report(document, pointer, "operation has no security requirement", "operation-security")
            for requirement in op.security:
                for name in requirement.schemes:
                    if name not in schemes:
                        self.report(
                            requirement.at.document,
                            join_pointer(requirement.at.pointer, name),
                            f"security scheme {name!r} is not declared in components",
                            "security-scheme-declared",
                        )
            # the keys as written: a 4xx response whose own $ref dangles is still documented (and reported apart)
            if not any(str(code).startswith("4") for code in op.node.value.get("responses") or {}):
                self.report(
                    document, join_pointer(pointer, "responses"), "operation documents no 4xx response", "operation-4xx"
                )

    def unused_components(self) -> None:
        reached: set[tuple[Path, str]] = set()
        pending: list[tuple[Document, str, Any]] = []
        for key, value in self.root.data.items():
            if key != "components":
                pending.append((self.root, join_pointer("", key), value))
        used_schemes = self.spec.used_security_schemes()
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
        components = self._components()
        # `/components/<kind>/<name>` of every reached node of the root document (tokens are escaped: no `/`)
        heads = {"/".join(p.split("/", 4)[:4]) for path, p in reached if path == self.root.path}
        for kind in COMPONENT_KINDS:
            for name in _dict(components.get(kind)):
                pointer = join_pointer("/components", kind, name)
                if kind == "securitySchemes":
                    if name not in used_schemes:
                        message = f"unused component: security scheme {name!r} is never required"
                        self.report(self.root, pointer, message, "unused-component")
                    continue
                if pointer not in heads:
                    self.report(
                        self.root, pointer, f"unused component: {kind}/{name} is never referenced", "unused-component"
                    )

    # ---- examples ------------------------------------------------------------------------------------------

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
            if self.spec.openapi.startswith("3.0"):
                from openapi_schema_validator import OAS30Validator

                cls: Any = OAS30Validator
            else:
                cls = jsonschema.Draft202012Validator
            self._validators[uri] = cls({"$ref": uri}, registry=self._registry, format_checker=cls.FORMAT_CHECKER)
        return self._validators[uri]

    def check_instance(self, schema: Target, at: Target, what: str) -> None:
        validator = self.schema_validator(schema)
        try:
            errors = sorted(validator.iter_errors(at.value), key=lambda e: list(e.absolute_path))
        except Exception as exc:  # an unusable schema must not hide the other findings
            self.report(schema.document, schema.pointer, f"cannot check {what}: {type(exc).__name__}: {exc}", "example")
            return
        for error in errors:
            self.report(
                at.document,
                join_pointer(at.pointer, *error.absolute_path),
                f"{what} does not match its schema: {short(error.message)}",
                "example",
            )
        if errors:
            return
        for failure in content_selection(schema.value, at.value, self._content_validator(schema)):
            self.report(at.document, join_pointer(at.pointer, *failure.path), f"{what}: {failure.message}", "example")

    def _content_validator(self, base: Target) -> Callable[[Any], Any | None]:
        def validator_for(node: Any) -> Any | None:
            target = self.follow(base.document, base.pointer, node)
            return None if target is None else self.schema_validator(target)

        return validator_for

    def check_examples_of(self, schema: model.Node | None, examples: model.Examples, what: str) -> None:
        """A parameter, header or media type: its `example` and `examples` against its `schema`."""
        if schema is None:
            return
        if examples.example is not None:
            self.check_instance(schema.target, examples.example.value_at, what + " example")
        for example in examples.examples:
            if example.has_value:
                self.check_instance(schema.target, example.value_at, f"{what} example {example.name!r}")

    def examples(self) -> None:
        visited = _Visited()
        walk = pieces.Walk(self.store, self.root, "examples") if self.store is not None else None
        for item in self.spec.paths:
            if walk is None or walk.chain is None:
                self.path_item_examples(item, visited)
            else:
                self.cached_path_item_examples(item, visited, walk)
        for schema in self.spec.schemas.values():
            self.schemas(schema, visited)
        if walk is not None:
            walk.save()

    def cached_path_item_examples(self, item: model.PathItem, visited: _Visited, walk: pieces.Walk) -> None:
        """`path_item_examples`, its findings and the schemas it visited outside the path item cached."""
        pointer = join_pointer("/paths", item.path)
        key = walk.key(pointer)
        entry = walk.lookup(key)
        reached = entry["added"].get("visited") if entry is not None else None
        if entry is not None and isinstance(reached, list):
            visited.update((self.root.path, str(p)) for p in reached)
            for finding in walk.findings(entry):
                self.report(self.root, *finding)
            walk.passed(key, entry)
            return
        start, mark = len(self.problems), len(visited.added)
        self.path_item_examples(item, visited)
        found = self.problems[start:]
        added = visited.added[mark:]
        own = pointer + "/"
        if any(f.file != self.root.path for f in found) or any(path != self.root.path for path, _ in added):
            walk.passed(key, None)
            return
        outside = [p for _, p in added if not p.startswith(own)]
        walk.passed(key, pieces.entry([(f.pointer, f.message, f.rule) for f in found], {"visited": outside}))

    def path_item_examples(self, item: model.PathItem, visited: set[tuple[Path, str]]) -> None:
        for param in item.parameters:
            self.parameter(param, visited)
        for op in item.operations:
            for param in op.parameters:
                if param.declared_on == "operation":
                    self.parameter(param, visited)
            if op.request_body is not None:
                self.media_types(op.request_body.content, "request body", visited)
            for response in op.responses:
                if not isinstance(response.node.value, dict):
                    continue
                self.media_types(response.content, f"response {response.key}", visited)
                for header in response.headers:
                    if isinstance(header.node.value, dict):
                        self.check_examples_of(header.schema, header.examples, f"header {header.name!r}")
                        self.schemas(header.schema, visited)

    def parameter(self, param: model.Parameter, visited: set[tuple[Path, str]]) -> None:
        self.check_examples_of(param.schema, param.examples, f"parameter {param.name!r}")
        self.schemas(param.schema, visited)

    def media_types(self, content: tuple[model.MediaType, ...], what: str, visited: set[tuple[Path, str]]) -> None:
        for media in content:
            if isinstance(media.node.value, dict):
                self.check_examples_of(media.schema, media.examples, what)
                self.schemas(media.schema, visited)

    def schemas(self, schema: model.Node | None, visited: set[tuple[Path, str]]) -> None:
        """Every schema reachable from here: its own `examples`/`example` must validate against it."""
        if schema is None:
            return
        for target in walk_schemas(self.ws, schema.site, visited, strict=False):
            value = target.value
            listed = value.get("examples")
            for index, example in enumerate(listed if isinstance(listed, list) else []):
                at = Target(target.document, join_pointer(target.pointer, "examples", index), example)
                self.check_instance(target, at, "schema example")
            if "example" in value:
                at = Target(target.document, join_pointer(target.pointer, "example"), value["example"])
                self.check_instance(target, at, "schema example")


class _Visited(set[tuple[Path, str]]):
    """The schemas the example checks visited, in the order they were added (what a path item added is cached)."""

    def __init__(self) -> None:
        super().__init__()
        self.added: list[tuple[Path, str]] = []

    def add(self, element: tuple[Path, str]) -> None:
        if element not in self:
            self.added.append(element)
        super().add(element)
