"""The IR's schemas -> the Pydantic v2 source of `models.py`, by datamodel-code-generator (in-process).

The generator gets one synthetic document holding only `components/schemas` (already self-contained, see
`generator.ir.build`), so its output depends on nothing but the IR: no file names, paths or timestamps.
Formatting is left to the one ruff pass of the pipeline. Its model metadata tells which class each schema became,
so a name the generator changes (to avoid a clash with a name of its own) is still found.

Why one module (~510 lines): cutting the schemas into parts, running the generator on them (cached, in parallel)
and joining its modules are one contract with the generator's output (its names, imports and metadata); its
walks are patched in `c3` and `dcg_linear`, and modules are read in `outline`.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import io
import json
import multiprocessing
import os
import re
import tempfile
import tokenize
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.ir import model as ir
from generator.ir import naming
from generator.render.outline import moved, outline, parse, record

# The file's first line is the provenance line every generated file starts with (see python_package).
HEADER = "# The spec's schemas as Pydantic models (datamodel-code-generator)."


# pydantic types that import an optional package when a model is built, and the requirement it needs
OPTIONAL_IMPORTS = (("EmailStr", "email-validator>=2"), ("NameEmail", "email-validator>=2"))


@dataclass(frozen=True)
class ModelsModule:
    code: str
    defined: frozenset[str]  # top-level names the module defines (classes and type aliases)
    classes: frozenset[str]  # of which: model classes
    names: dict[str, str]  # IR schema name -> name in the module (when it became a class or alias)

    def final(self, name: str) -> str | None:
        return self.names.get(name)

    @property
    def dependencies(self) -> tuple[str, ...]:
        """Requirements the models need beyond pydantic itself (pydantic's optional extras)."""
        imported = outline(self.code).imported
        return tuple(requirement for name, requirement in OPTIONAL_IMPORTS if name in imported)


def generate_models(api: ir.Api) -> ModelsModule:
    return _with_read_only(_generate_models(api), api.read_only)


def _with_read_only(module: ModelsModule, read_only: dict[str, tuple[str, ...]]) -> ModelsModule:
    """Tell each request variant (a `RequestModel`) which readOnly JSON names it refuses."""
    lines = [
        f"{final}.__read_only__ = frozenset({{{', '.join(repr(n) for n in names)}}})"
        for name, names in sorted(read_only.items())
        if (final := module.final(name)) is not None and final in module.classes
    ]
    if not lines:
        return module
    note = "\n\n# readOnly properties the server sets: refused in request bodies (`RequestModel` in `_base.py`).\n"
    return dataclasses.replace(module, code=module.code.rstrip("\n") + "\n" + note + "\n".join(lines) + "\n")


def _generate_models(api: ir.Api) -> ModelsModule:
    header = HEADER
    if not api.schemas:  # datamodel-code-generator refuses an empty set; the module still exists for `models.X`
        return ModelsModule(f'{header}\n"""This API declares no schemas."""\n', frozenset(), frozenset(), {})
    content_holders = sorted({rule.model for rule in api.content_rules})
    jobs = [
        _Job(
            openapi=api.openapi if api.openapi.startswith(("3.0", "3.1")) else "3.1.0",
            schemas=part,
            base=f"{api.package}._base",
            content_holders=tuple(name for name in content_holders if name in part),
            request_classes=tuple(name for name in sorted(api.read_only) if name in part),
        )
        for part in parts(api.schemas)
    ]
    joined = _joined_key(header, jobs)
    known = _known_module(joined)
    if known is not None:
        return known
    module = _join(header, jobs, content_holders, api)
    _remember_module(joined, module)
    return module


def _join(header: str, jobs: list[_Job], content_holders: list[str], api: ir.Api) -> ModelsModule:
    outputs = _run(jobs)
    if len(outputs) == 1:
        code, metadata = outputs[0]
        code = code.replace(_HEADER_SLOT, header, 1)
        return _module(code, [parse(code)], [metadata], api.schemas)
    merged = _merge(header, outputs)
    if merged is None:  # the parts could not be joined (an import bound two ways): one run over everything
        whole = _Job(jobs[0].openapi, api.schemas, jobs[0].base, tuple(content_holders), tuple(sorted(api.read_only)))
        code, metadata = _run([whole])[0]
        code = code.replace(_HEADER_SLOT, header, 1)
        return _module(code, [parse(code)], [metadata], api.schemas)
    code, trees, metadatas = merged
    return _module(code, trees, metadatas, api.schemas)


# --- the joined module, cached by its parts' keys ----------------------------------------------------------------
# With every part in the cache, joining them again still costs ~0.4 s on GitHub's description (reading 17 parts,
# renaming, the outline); a one-operation change that touches no schema needs none of it.


def _joined_key(header: str, jobs: list[_Job]) -> str:
    return hashlib.sha256(json.dumps([header, [job.key for job in jobs]]).encode()).hexdigest()


def _known_module(key: str) -> ModelsModule | None:
    from generator.project.cache import cache_dir, read_json

    entry = read_json(cache_dir() / "models" / f"joined-{key}.json")
    if not isinstance(entry, dict):
        return None
    code, defined, classes, names = (entry.get(k) for k in ("code", "defined", "classes", "names"))
    if not (isinstance(code, str) and isinstance(names, dict) and isinstance(defined, list)):
        return None
    if not isinstance(classes, list) or not all(isinstance(v, str) for v in names.values()):
        return None
    return ModelsModule(code, frozenset(map(str, defined)), frozenset(map(str, classes)), dict(names))


def _remember_module(key: str, module: ModelsModule) -> None:
    from generator.project.cache import cache_dir, write_json

    entry = {
        "code": module.code,
        "defined": sorted(module.defined),
        "classes": sorted(module.classes),
        "names": module.names,
    }
    write_json(cache_dir() / "models" / f"joined-{key}.json", entry)


# --- parts: independent pieces of the schema graph -------------------------------------------------------------

# Below this many schemas a document is generated in one run, exactly as datamodel-code-generator orders it;
# above, its schema graph is cut into parts (generated in parallel, cached one by one).
SPLIT_MIN_SCHEMAS = 300
# Small components are spread over this many parts by a stable hash of their names, so that a change to one
# component invalidates one part's cache entry, not all of them.
BUCKETS = 16
_REF = re.compile(r'"#/components/schemas/((?:[^"\\]|\\.)*)"')


def parts(schemas: dict[str, Any]) -> list[dict[str, Any]]:
    """The schemas, cut into groups no `$ref` crosses (unions of connected components of the reference graph).

    A component of at least 1/BUCKETS of all schemas is a part of its own; the others share BUCKETS parts by a
    hash of their first schema's name. Parts and the schemas in them keep the document's order.
    """
    if len(schemas) < SPLIT_MIN_SCHEMAS:
        return [schemas]
    parent = {name: name for name in schemas}

    def find(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for name, schema in schemas.items():
        for target in _REF.findall(json.dumps(schema)):
            target = json.loads(f'"{target}"').replace("~1", "/").replace("~0", "~")
            if target in parent:
                parent[find(name)] = find(target)
    components: dict[str, list[str]] = {}
    for name in schemas:
        components.setdefault(find(name), []).append(name)
    groups: dict[tuple[int, str], list[str]] = {}
    for members in components.values():
        if len(members) * BUCKETS >= len(schemas):
            groups[(0, members[0])] = members
        else:
            bucket = int(hashlib.sha256(members[0].encode()).hexdigest(), 16) % BUCKETS
            groups.setdefault((1, str(bucket)), []).extend(members)
    order = {name: index for index, name in enumerate(schemas)}
    return [
        {name: schemas[name] for name in sorted(members, key=order.__getitem__)}
        for _, members in sorted(groups.items(), key=lambda item: min(order[n] for n in item[1]))
    ]


# --- running datamodel-code-generator: cached, in parallel ------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    openapi: str
    schemas: dict[str, Any]
    base: str
    content_holders: tuple[str, ...]
    request_classes: tuple[str, ...] = ()  # request variants that refuse readOnly properties (`RequestModel`)

    @functools.cached_property
    def key(self) -> str:
        """The cache key: this job's input and the code that turns it into a module (asked for three times a run:
        the joined module's key, the part's lookup and its write; GitHub's schemas take ~0.07 s to serialise)."""
        text = json.dumps(
            [self.openapi, self.schemas, self.base, self.content_holders, self.request_classes, _generator_identity()],
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(text.encode()).hexdigest()


@functools.cache
def _generator_identity() -> str:
    """This module's source and the installed datamodel-code-generator and pydantic (not the whole toolchain:
    a change to a template must not throw away every cached models module)."""
    from generator.project.cache import installed

    return ":".join([hashlib.sha256(Path(__file__).read_bytes()).hexdigest()] + [installed(m) for m in _LIBRARIES])


_LIBRARIES = ("datamodel_code_generator", "pydantic", "pydantic_core")

# The header names the spec's file; it is put in after generation, so that a renamed or moved spec still finds
# its parts in the cache.
_HEADER_SLOT = "# @@models-header@@"

Output = tuple[str, dict[str, Any]]  # the module's code, the generator's model metadata


def _run(jobs: list[_Job]) -> list[Output]:
    """Every job's output: from the cache where it holds it, else generated, in parallel processes if several."""
    from generator.project.cache import cache_dir, read_json, write_json

    folder = cache_dir() / "models"
    outputs: list[Output | None] = []
    for job in jobs:
        entry = read_json(folder / f"{job.key}.json")
        valid = isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)
        outputs.append((entry[0], entry[1]) if valid and isinstance(entry[1], dict) else None)
    missing = [index for index, output in enumerate(outputs) if output is None]
    workers = min(len(missing), os.cpu_count() or 1)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # largest first, so the longest job does not start last
            ordered = sorted(missing, key=lambda i: -len(jobs[i].schemas))
            made = dict(zip(ordered, pool.map(_generate_outlined, [jobs[i] for i in ordered]), strict=True))
    else:
        made = {index: _generate(jobs[index]) for index in missing}
    for index, output in made.items():
        outputs[index] = output
        write_json(folder / f"{jobs[index].key}.json", list(output))
    return [output for output in outputs if output is not None]


def _generate_outlined(job: _Job) -> Output:
    """`_generate` in a worker, which also parses the module for `_merge` (into the outline cache): a module of
    GitHub's size takes a second to parse, better spent beside the other jobs than after all of them."""
    output = _generate(job)
    outline(output[0])
    return output


def _generate(job: _Job) -> Output:
    from datamodel_code_generator import generate
    from datamodel_code_generator.enums import DataModelType, InputFileType, TargetPydanticVersion
    from datamodel_code_generator.format import PythonVersion
    from datamodel_code_generator.parser import LiteralType

    from generator.render import dcg_linear

    dcg_linear.install()  # the generator's walks of inheritance chains, linear (see dcg_linear and c3)
    document: dict[str, Any] = {
        "openapi": job.openapi,
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": job.schemas},
    }
    base = job.base
    with tempfile.TemporaryDirectory(prefix="models-metadata-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        with warnings.catch_warnings():
            # e.g. "Pydantic does not take pattern on ...": reported by the tests on the output instead
            warnings.simplefilter("ignore")
            code = generate(
                document,
                input_file_type=InputFileType.OpenAPI,
                output_model_type=DataModelType.PydanticV2BaseModel,
                target_python_version=PythonVersion.PY_311,
                target_pydantic_version=TargetPydanticVersion.V2_14,
                base_class=f"{base}.Model",
                base_class_map=_base_classes(job),
                additional_imports=[f"{base}.ContentRule"] if job.content_holders else None,
                aliases=naming.field_aliases(job.schemas) or None,  # no two fields one after NFKC
                # a wire name with a leading underscore (`_type_`) becomes `type_`, not `field_type_`
                remove_special_field_name_prefix=True,
                field_constraints=True,
                use_annotated=True,
                # absent and null stay apart: an optional field the spec does not make nullable refuses None
                use_missing_sentinel=True,
                strict_nullable=True,
                enum_field_as_literal=LiteralType.All,
                use_type_alias=True,
                collapse_root_models=True,
                use_schema_description=True,
                use_field_description=True,
                field_extra_keys_without_x_prefix={"x-repr"},
                disable_timestamp=True,
                custom_file_header=_HEADER_SLOT,
                formatters=[],
                emit_model_metadata=metadata_path,
            )
        metadata = json.loads(metadata_path.read_text(encoding="utf-8")) if metadata_path.exists() else {}
    if not isinstance(code, str):
        raise RuntimeError("datamodel-code-generator returned no single module")
    return code, metadata


def _base_classes(job: _Job) -> dict[str, str | list[str]] | None:
    bases: dict[str, str | list[str]] = {name: f"{job.base}.RequestModel" for name in job.request_classes}
    bases.update({name: f"{job.base}.ContentModel" for name in job.content_holders})
    return bases or None


# --- one module from the parts -----------------------------------------------------------------------------------


def _merge(header: str, outputs: list[Output]) -> tuple[str, list[ast.Module], list[dict[str, Any]]] | None:
    """The parts' modules as one: their imports united, their statements one part after the other (no `$ref`
    crosses parts, so no statement needs one of a later part).

    Each run names its helper types on its own, so two parts may define the same name (`Fields`, `SortByItem`):
    where the definitions are the same text one is kept (as one run would share it); else the first part keeps
    the name, unless another part's is a schema's own class, and the others are renamed (`Fields_p4`) in their
    own statements and metadata. None if an import binds one name two ways."""
    future: set[str] = set()
    imports: dict[str, tuple[str, str, str | None]] = {}  # bound name -> (module, name, alias); module "" = import
    analysed: list[tuple[list[_Statement], dict[str, Any]]] = []
    imported: set[str] = set()
    for code, metadata in outputs:
        part = outline(code)
        imported |= part.imported
        lines = code.splitlines()
        statements: list[_Statement] = []
        for node in part.tree.body:
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                future.update(item.name for item in node.names)
            elif isinstance(node, ast.ImportFrom | ast.Import):
                module = (node.module or "") if isinstance(node, ast.ImportFrom) else ""
                for item in node.names:
                    bound = item.asname or item.name.split(".")[0]
                    source = (f"{'.' * getattr(node, 'level', 0)}{module}", item.name, item.asname)
                    if imports.setdefault(bound, source) != source:
                        return None
            else:
                first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
                text = "\n".join(lines[first - 1 : node.end_lineno])
                statements.append((text, _bound_names(node), node, first))
        analysed.append((statements, metadata))
    owner: dict[str, int] = {}
    for index, (statements, metadata) in enumerate(analysed):
        own = {str(m.get("class_name")) for m in metadata.get("models", []) if _schema_of(m) is not None}
        for _, names, *_ in statements:
            for name in names:
                if name not in owner or (
                    name in own and index != owner[name] and not _is_schema_class(analysed[owner[name]][1], name)
                ):
                    owner[name] = index
    taken = set(owner) | set(imports)
    kept = {
        name: text
        for index, (statements, _) in enumerate(analysed)
        for text, names, *_ in statements
        for name in names
        if owner[name] == index
    }
    bodies: list[list[tuple[str, ast.stmt]]] = []
    metadatas: list[dict[str, Any]] = []
    for index, (statements, metadata) in enumerate(analysed):
        renames: dict[str, str] = {}
        duplicates: set[str] = set()  # the same definition as the kept one (`Tag = TypeAliasType(...)`): dropped
        for text, names, *_ in statements:
            if names and all(owner[name] < index and kept[name] == text for name in names):  # defined before
                duplicates.add(text)
                continue
            for name in sorted(names):
                if owner[name] != index and name not in renames:
                    renames[name] = _fresh(f"{name}_p{index}", taken)
        body = [
            (_rename(text, renames), moved(node, -first, renames))  # the node's lines counted from the statement
            for text, _, node, first in statements
            if text not in duplicates
        ]
        if renames:
            metadata = {
                **metadata,
                "models": [
                    {**m, "class_name": renames.get(str(m.get("class_name")), m.get("class_name"))}
                    for m in metadata.get("models", [])
                ],
            }
        if body:
            bodies.append(body)
        metadatas.append(metadata)
    head = [header, ""]
    if future:
        head += [f"from __future__ import {', '.join(sorted(future))}", ""]
    for module, name, asname in sorted(imports.values(), key=lambda source: (source[0], source[1], source[2] or "")):
        suffix = f" as {asname}" if asname else ""
        head.append(f"from {module} import {name}{suffix}" if module else f"import {name}{suffix}")
    code = "\n".join(head) + "\n\n\n" + "\n\n\n".join(text for body in bodies for text, _ in body) + "\n"
    # Its outline is put together from the parts' (a second parse of GitHub's 3.5 MB module took a second after all
    # the parts were done): the statements are the parts' whole statements, each at the line it is put at, with
    # identifiers renamed, so the module compiles as they did (tests/render/test_models_parts.py parses it).
    nodes: list[ast.stmt] = []
    for line, text in enumerate(head, start=1):
        if text.startswith(("from ", "import ")):
            node = ast.parse(text).body[0]
            nodes.append(moved(node, line - 1, {}))
    line = len(head) + 3
    for body in bodies:
        for text, node in body:
            nodes.append(moved(node, line, {}))
            line += text.count("\n") + 3
    return code, [record(code, nodes, frozenset(imported)).tree], metadatas


# a top-level statement of a part: its text, the names it binds, its outline, the line its text starts at
_Statement = tuple[str, set[str], ast.stmt, int]


def _schema_of(model: dict[str, Any]) -> str | None:
    source, prefix = str(model.get("source_ref", "")), "#/components/schemas/"
    return source[len(prefix) :] if source.startswith(prefix) and "/" not in source[len(prefix) :] else None


def _is_schema_class(metadata: dict[str, Any], name: str) -> bool:
    return any(str(m.get("class_name")) == name and _schema_of(m) is not None for m in metadata.get("models", []))


def _fresh(name: str, taken: set[str]) -> str:
    candidate, counter = name, 1
    while candidate in taken:
        counter += 1
        candidate = f"{name}{counter}"
    taken.add(candidate)
    return candidate


def _rename(text: str, renames: dict[str, str]) -> str:
    """Rename identifiers (not attributes, strings or comments) in one statement's source, and the name string of
    a `TypeAliasType("Fields", ...)` (the generated module has `from __future__ import annotations`, so it quotes
    no forward reference)."""
    if not any(name in text for name in renames):  # nothing to rename (most statements): no tokenizing
        return text
    edits: list[tuple[int, int, int, str]] = []  # (line, start column, end column, new text)
    recent = ["", ""]  # the two significant tokens before this one
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        (line, start), (_, end) = token.start, token.end
        if token.type == tokenize.NAME and token.string in renames and recent[-1] != ".":
            edits.append((line, start, end, renames[token.string]))
        elif token.type == tokenize.STRING and recent == ["TypeAliasType", "("] and token.string[1:-1] in renames:
            edits.append((line, start, end, token.string[0] + renames[token.string[1:-1]] + token.string[-1]))
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            recent = [recent[-1], token.string]
    lines = text.split("\n")
    for line, start, end, new in sorted(edits, reverse=True):
        lines[line - 1] = lines[line - 1][:start] + new + lines[line - 1][end:]
    return "\n".join(lines)


def _bound_names(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        return {node.name}
    if isinstance(node, ast.Assign):
        return {target.id for target in node.targets if isinstance(target, ast.Name)}
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return {node.target.id}
    return set()


def _module(
    code: str, trees: list[ast.Module], metadatas: list[dict[str, Any]], schemas: dict[str, Any]
) -> ModelsModule:
    body = [node for tree in trees for node in tree.body]
    classes = frozenset(node.name for node in body if isinstance(node, ast.ClassDef))
    aliases = frozenset(
        target.id
        for node in body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    )
    names: dict[str, str] = {}
    for metadata in metadatas:
        for model in metadata.get("models", []):
            source = str(model.get("source_ref", ""))
            prefix = "#/components/schemas/"
            if source.startswith(prefix) and "/" not in source[len(prefix) :]:
                names[source[len(prefix) :]] = str(model["class_name"])
    for name in schemas:
        if name not in names and name in (classes | aliases):
            names[name] = name
    return ModelsModule(code=code, defined=classes | aliases, classes=classes, names=names)
