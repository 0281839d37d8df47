"""Build a `Spec` from a loaded document: one walk, every `$ref` followed once, every node located.

Dangling references have one behaviour everywhere: `Workspace.follow` raises a `SpecError` located at the
`$ref` itself. A strict build (the default: generate, serve, docs) collects them all and raises one `SpecError`
listing them; a tolerant build (`strict=False`, the linter, which reports dangling `$ref`s on its own) records
them in `Spec.problems` and leaves the unresolvable nodes out of the model. Values of the wrong type (a
document that failed validation) are skipped, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal
from weakref import WeakKeyDictionary

from generator.spec.diagnostics import Diagnostic, SpecError, join_pointer
from generator.spec.load import Document, Target, Workspace
from generator.spec.model.nodes import Node
from generator.spec.model.objects import (
    LOCATIONS,
    Encoding,
    Example,
    Examples,
    Header,
    MediaType,
    Operation,
    Parameter,
    PathItem,
    RequestBody,
    Response,
    SecurityRequirement,
    SecurityScheme,
    Server,
    ServerVariable,
    Spec,
    default_explode,
    default_style,
)
from generator.spec.terms import HTTP_METHODS


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def status_key(key: str) -> str:
    """`4xx` -> `4XX`, `Default` -> `default`, `201` -> `201`."""
    return "default" if key.lower() == "default" else key.upper()


class _Builder:
    def __init__(self, workspace: Workspace, root: Document) -> None:
        self.ws = workspace
        self.root = root
        self.problems: list[Diagnostic] = []
        # The same `$ref` text in the same file always lands on the same node: resolve it once (a spec of 1,000
        # operations repeats a few dozen references thousands of times). Failures are not kept, so each site
        # reports its own location.
        self._resolved: dict[tuple[Path, str], Target] = {}

    def node(self, document: Document, pointer: str, value: Any) -> Node | None:
        """The node written at `pointer`, its `$ref`s followed; None (and a problem recorded) when they dangle."""
        site = Target(document, pointer, value)
        ref = value.get("$ref") if isinstance(value, dict) else None
        if not isinstance(ref, str):
            return Node(site, site)
        key = (document.path, ref)
        target = self._resolved.get(key)
        if target is None:
            try:
                target = self._resolved[key] = self.ws.follow(document, pointer, value)
            except SpecError as exc:
                self.problems.extend(exc.diagnostics)
                return None
        return Node(site, target)

    def child(self, parent: Node, *tokens: str | int) -> Node | None:
        value: Any = parent.value
        for token in tokens:
            value = value.get(str(token)) if isinstance(value, dict) else None
        if value is None:
            return None
        return self.node(parent.document, join_pointer(parent.pointer, *tokens), value)

    def members(self, parent: Node, key: str) -> list[tuple[str, Node]]:
        """The entries of a map under `parent[key]`, each resolved (dangling ones left out)."""
        found: list[tuple[str, Node]] = []
        for name, value in _dict(_dict(parent.value).get(key)).items():
            node = self.node(parent.document, join_pointer(parent.pointer, key, name), value)
            if node is not None:
                found.append((name, node))
        return found

    def items(self, parent: Node, key: str) -> list[Node]:
        found: list[Node] = []
        for index, value in enumerate(_list(_dict(parent.value).get(key))):
            node = self.node(parent.document, join_pointer(parent.pointer, key, index), value)
            if node is not None:
                found.append(node)
        return found

    # ---- the document --------------------------------------------------------------------------------------

    def spec(self) -> Spec:
        root = Node.at(self.root, "", self.root.data)
        data = _dict(self.root.data)
        security = self.requirements(root)
        schemes = {name: self.security_scheme(name, node) for name, node in self.members_of(root, "securitySchemes")}
        servers = self.servers(root)
        paths = tuple(
            self.path_item(path, node, security, servers)
            for path, node in self.members(root, "paths")
            if isinstance(node.value, dict)
        )
        return Spec(
            workspace=self.ws,
            root=self.root,
            openapi=str(data.get("openapi", "")),
            info=_dict(data.get("info")),
            servers=servers,
            security=security or (),
            security_schemes=schemes,
            paths=paths,
            schemas=dict(self.members_of(root, "schemas")),
            tags=tuple(str(t["name"]) for t in _list(data.get("tags")) if isinstance(t, dict) and "name" in t),
            problems=tuple(sorted(set(self.problems))),
        )

    def members_of(self, root: Node, kind: str) -> list[tuple[str, Node]]:
        components = self.child(root, "components")
        return self.members(components, kind) if components is not None else []

    def servers(self, holder: Node) -> tuple[Server, ...]:
        result: list[Server] = []
        for node in self.items(holder, "servers"):
            value = node.value
            if not isinstance(value, dict) or not isinstance(value.get("url"), str):
                continue
            variables = tuple(
                ServerVariable(
                    name=name,
                    default=str(_dict(var.value)["default"]) if "default" in _dict(var.value) else None,
                    enum=tuple(str(v) for v in _list(_dict(var.value).get("enum"))),
                    description=_text(_dict(var.value).get("description")),
                    node=var,
                )
                for name, var in self.members(node, "variables")
            )
            result.append(Server(value["url"], _text(value.get("description")), variables, node))
        return tuple(result)

    def requirements(self, holder: Node) -> tuple[SecurityRequirement, ...] | None:
        """The `security` of an operation or the document; None when it has none (inherit)."""
        value = holder.value
        if not isinstance(value, dict) or "security" not in value:
            return None
        found: list[SecurityRequirement] = []
        for index, requirement in enumerate(_list(value["security"])):
            if not isinstance(requirement, dict):
                continue
            at = Target(holder.document, join_pointer(holder.pointer, "security", index), requirement)
            scopes = {str(name): tuple(str(s) for s in _list(given)) for name, given in requirement.items()}
            found.append(SecurityRequirement(scopes, at))
        return tuple(found)

    def security_scheme(self, name: str, node: Node) -> SecurityScheme:
        value = _dict(node.value)

        def optional(key: str) -> str | None:
            return str(value[key]) if isinstance(value.get(key), str) else None

        return SecurityScheme(
            name=name,
            type=str(value.get("type", "")),
            location=optional("in"),
            parameter=optional("name"),
            scheme=optional("scheme"),
            bearer_format=optional("bearerFormat"),
            description=_text(value.get("description")),
            extensions={k: v for k, v in value.items() if k.startswith("x-")},
            node=node,
        )

    # ---- paths and operations ------------------------------------------------------------------------------

    def path_item(
        self, path: str, item: Node, security: tuple[SecurityRequirement, ...] | None, servers: tuple[Server, ...]
    ) -> PathItem:
        shared = self.parameters(item, "path")
        item_servers = self.servers(item) if "servers" in item.value else servers
        operations: list[Operation] = []
        for method in HTTP_METHODS:
            op = item.value.get(method)
            if isinstance(op, dict):
                node = Node.at(item.document, join_pointer(item.pointer, method), op)
                operations.append(self.operation(path, method, node, shared, security, item_servers))
        return PathItem(path, shared, tuple(operations), item)

    def operation(
        self,
        path: str,
        method: str,
        node: Node,
        shared: tuple[Parameter, ...],
        inherited: tuple[SecurityRequirement, ...] | None,
        servers: tuple[Server, ...],
    ) -> Operation:
        value = node.value
        merged = {p.key: p for p in shared}
        for param in self.parameters(node, "operation"):
            merged[param.key] = param  # keeps the path-level position, as a dict update does
        own = self.requirements(node)
        body = self.child(node, "requestBody") if "requestBody" in value else None
        operation_id = value.get("operationId")
        return Operation(
            method=method,
            path=path,
            operation_id=operation_id if isinstance(operation_id, str) and operation_id else None,
            summary=_text(value.get("summary")),
            description=_text(value.get("description")),
            tags=tuple(str(t) for t in _list(value.get("tags"))),
            deprecated=value.get("deprecated") is True,
            parameters=tuple(merged.values()),
            request_body=self.request_body(body) if body is not None else None,
            responses=tuple(self.response(key, response) for key, response in self.members(node, "responses")),
            security=own if own is not None else inherited or (),
            security_declared=own is not None,
            servers=self.servers(node) if "servers" in value else servers,
            node=node,
        )

    def parameters(self, holder: Node, level: Literal["path", "operation"]) -> tuple[Parameter, ...]:
        found: list[Parameter] = []
        for node in self.items(holder, "parameters"):
            value = node.value
            if not isinstance(value, dict) or not isinstance(value.get("name"), str):
                continue
            location = value.get("in")
            if location not in LOCATIONS:
                continue
            style = str(value.get("style") or default_style(location))
            found.append(
                Parameter(
                    name=value["name"],
                    location=location,
                    description=_text(value.get("description")),
                    required=value.get("required") is True or location == "path",
                    deprecated=value.get("deprecated") is True,
                    style=style,
                    explode=bool(value.get("explode", default_explode(style))),
                    allow_reserved=value.get("allowReserved") is True,
                    allow_empty_value=value.get("allowEmptyValue") is True,
                    schema=self.child(node, "schema") if "schema" in value else None,
                    content=self.content(node),
                    examples=self.examples(node),
                    node=node,
                    declared_on=level,
                )
            )
        return tuple(found)

    def header(self, name: str, node: Node) -> Header:
        value = _dict(node.value)
        return Header(
            name=name,
            description=_text(value.get("description")),
            required=value.get("required") is True,
            deprecated=value.get("deprecated") is True,
            style="simple",
            explode=value.get("explode") is True,
            schema=self.child(node, "schema") if "schema" in value else None,
            content=self.content(node),
            examples=self.examples(node),
            node=node,
        )

    def request_body(self, node: Node) -> RequestBody:
        value = _dict(node.value)
        return RequestBody(
            description=_text(value.get("description")),
            required=value.get("required") is True,
            content=self.content(node),
            node=node,
        )

    def response(self, key: str, node: Node) -> Response:
        value = _dict(node.value)
        return Response(
            status=status_key(key),
            key=key,
            description=_text(value.get("description")),
            headers=tuple(self.header(name, h) for name, h in self.members(node, "headers")),
            content=self.content(node),
            node=node,
        )

    # ---- content and examples ------------------------------------------------------------------------------

    def content(self, holder: Node) -> tuple[MediaType, ...]:
        found: list[MediaType] = []
        for name, value in _dict(_dict(holder.value).get("content")).items():
            node = Node.at(holder.document, join_pointer(holder.pointer, "content", name), value)
            media = _dict(value)
            encoding = tuple(self.encoding(prop, enc) for prop, enc in self.members(node, "encoding"))
            schema = self.child(node, "schema") if "schema" in media else None
            found.append(MediaType(name, schema, self.examples(node), encoding, node))
        return tuple(found)

    def encoding(self, prop: str, node: Node) -> Encoding:
        value = _dict(node.value)
        style = str(value.get("style") or "form")
        return Encoding(
            property=prop,
            content_type=value["contentType"] if isinstance(value.get("contentType"), str) else None,
            headers=tuple(self.header(name, h) for name, h in self.members(node, "headers")),
            style=style,
            explode=bool(value.get("explode", default_explode(style))),
            allow_reserved=value.get("allowReserved") is True,
            node=node,
        )

    def examples(self, holder: Node) -> Examples:
        value = _dict(holder.value)
        single = None
        if "example" in value:
            at = Node.at(holder.document, join_pointer(holder.pointer, "example"), value["example"])
            single = Example(None, "", "", value["example"], True, at)
        named: list[Example] = []
        for name, node in self.members(holder, "examples"):
            if not isinstance(node.value, dict):
                continue  # a JSON Schema `examples` list is the schema's business, not the holder's
            example = node.value
            named.append(
                Example(
                    name=name,
                    summary=_text(example.get("summary")),
                    description=_text(example.get("description")),
                    value=example.get("value"),
                    has_value="value" in example,
                    node=node,
                )
            )
        return Examples(single, tuple(named))


def build_spec(workspace: Workspace, root: Document, *, strict: bool = True) -> Spec:
    """The model of one loaded root document (see the module docstring for what `strict` changes)."""
    if not isinstance(root.data, dict):
        raise SpecError([root.diagnostic("", "not an OpenAPI document")])
    spec = _Builder(workspace, root).spec()
    if strict and spec.problems:
        raise SpecError(list(spec.problems))
    return spec


_CACHE: WeakKeyDictionary[Workspace, dict[Path, Spec]] = WeakKeyDictionary()


def load_spec(path: Path | str, workspace: Workspace, *, strict: bool = True) -> Spec:
    """The model of the document at `path`, built once per workspace: the linter's (tolerant) build is the one
    `generate SPEC` and `serve` then read, when it found no dangling `$ref`."""
    root = workspace.load(path)
    built = _CACHE.setdefault(workspace, {})
    spec = built.get(root.path)
    if spec is None or spec.root is not root:
        spec = built[root.path] = build_spec(workspace, root, strict=False)
    if strict and spec.problems:
        raise SpecError(list(spec.problems))
    return spec


def in_memory(data: Any, path: Path) -> tuple[Workspace, Document]:
    """A workspace holding one in-memory document (a bundle: `#...` references only) as if read from `path`,
    so that its `$ref`s are followed, and reported, like those of a file."""
    workspace = Workspace()
    document = Document(path.resolve(), data)
    workspace.documents[document.path] = document
    return workspace, document


def spec_of_data(data: Any, path: Path) -> Spec:
    """The model of an in-memory, self-contained document (a bundle)."""
    return build_spec(*in_memory(data, path))
