"""Discriminated unions: the values that select each member, per union.

OpenAPI's Discriminator Object ("Options for Mapping Values to Schemas") ties a value of `propertyName` to a
member: the `mapping` keys that name it (by schema name or `$ref`, several keys may name one schema), else its
component name as written in `components/schemas` (the implicit mapping; inline members have none).
datamodel-code-generator writes those values as a `Literal` on the member's class, so two things are settled here,
in the schemas it is given:

- every member's values are written into the union's `mapping`: left implicit, the generator would use the class
  name (`S3Import`) where the document says the schema name (`s3Import`); so are those of the schemas that extend
  a base schema carrying the discriminator (its `allOf` form);
- a class gets the values of one union only: the generator writes a member's `Literal` once, so a schema that two
  unions select by different values (or by different properties) would answer to the first union's values in
  both. The first union keeps the class; each other set of values gets a copy of it (`<Union><Member>`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from generator.spec.diagnostics import split_pointer

if TYPE_CHECKING:
    from generator.ir.schemas import SchemaSet

_REF = "#/components/schemas/"
# values of these keywords are data, not schemas
_DATA = frozenset({"enum", "const", "default", "examples", "example"})

Tags = tuple[str, tuple[str, ...]]  # (propertyName, the values that select the member)


def tag_unions(models: SchemaSet, *, fixed: frozenset[str] = frozenset()) -> dict[str, str]:
    """Write each discriminated union's full mapping and give each member class the values of one union only.
    `fixed`: classes that must stay one (content-rule holders). Returns each copy made -> the class it copies."""
    _complete_base_mappings(models)
    claims: dict[str, Tags] = {}  # class -> the values its Literal will hold
    copies: dict[tuple[str, Tags], str] = {}  # (class, values) -> its copy for those values
    made: dict[str, str] = {}
    index = 0
    names = list(models.schemas)
    walked = set(names)
    while index < len(names):  # copies are appended and walked too (a member may hold a union itself)
        owner = names[index]
        index += 1
        for union in _unions(models.schemas[owner]):
            for member, tags in _member_tags(models, union):
                target = _claim(models, owner, member, tags, claims, copies, made, fixed)
                if target not in walked:
                    walked.add(target)
                    names.append(target)
                _point(union, member, target)
    return made


def _complete_base_mappings(models: SchemaSet) -> None:
    """The `allOf` form: a discriminator on a base schema selects the schemas that extend it, by the mapping or
    else by their schema names; those are written into the base's mapping (the generator would use class names)."""
    bases = {
        name: schema["discriminator"]
        for name, schema in models.schemas.items()
        if isinstance(schema.get("discriminator"), dict)
        and isinstance(schema["discriminator"].get("propertyName"), str)
        and not _members(schema)
    }
    if not bases:
        return
    for name, schema in models.schemas.items():
        parts = schema.get("allOf")
        if not isinstance(parts, list):
            continue
        extended = {p["$ref"][len(_REF) :] for p in parts if isinstance(p, dict) and isinstance(p.get("$ref"), str)}
        for base in sorted(extended & bases.keys()):
            mapping = bases[base].get("mapping") if isinstance(bases[base].get("mapping"), dict) else {}
            implicit = _component_name(models, name)
            if implicit is None or implicit in mapping or _REF + name in mapping.values():
                continue
            bases[base]["mapping"] = {**mapping, implicit: _REF + name}


def _claim(
    models: SchemaSet,
    owner: str,
    member: str,
    tags: Tags,
    claims: dict[str, Tags],
    copies: dict[tuple[str, Tags], str],
    made: dict[str, str],
    fixed: frozenset[str],
) -> str:
    """The class that carries `tags` for `member`: the member itself when no other union claimed it otherwise."""
    if claims.setdefault(member, tags) == tags or member in fixed:
        return member
    if (member, tags) not in copies:
        name = models.scope.pascal(f"{owner} {member}")
        models.schemas[name] = copy.deepcopy(models.schemas[member])
        if member in models.one_way:
            models.one_way[name] = models.one_way[member]
        claims[name] = tags
        copies[(member, tags)] = name
        made[name] = made.get(member, member)
    return copies[(member, tags)]


def _unions(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema below `node` (itself included) with a discriminator beside `oneOf`/`anyOf`."""
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            discriminator = current.get("discriminator")
            if (
                isinstance(discriminator, dict)
                and isinstance(discriminator.get("propertyName"), str)
                and isinstance(current.get("oneOf", current.get("anyOf")), list)
            ):
                yield current
            pending.extend(
                value for key, value in current.items() if key not in _DATA and isinstance(value, dict | list)
            )
        elif isinstance(current, list):
            pending.extend(current)


def _member_tags(models: SchemaSet, union: dict[str, Any]) -> list[tuple[str, Tags]]:
    """Each `$ref` member's class and values, the union's mapping completed with the implicit ones."""
    discriminator = union["discriminator"]
    prop = discriminator["propertyName"]
    mapping = discriminator.get("mapping") if isinstance(discriminator.get("mapping"), dict) else {}
    members: list[Any] = _members(union)
    result: list[tuple[str, Tags]] = []
    complete = dict(mapping)
    for item in members:
        ref = item.get("$ref") if isinstance(item, dict) else None
        if not isinstance(ref, str) or not ref.startswith(_REF) or ref[len(_REF) :] not in models.schemas:
            continue
        values = [key for key, value in mapping.items() if value == ref]
        if not values and (implicit := _component_name(models, ref[len(_REF) :])) is not None:
            values = [implicit] if implicit not in mapping else []  # a key already maps elsewhere
            complete.update(dict.fromkeys(values, ref))
        if values and all(member != ref[len(_REF) :] for member, _ in result):
            result.append((ref[len(_REF) :], (prop, tuple(values))))
    if complete:
        discriminator["mapping"] = complete
    return result


def _members(union: dict[str, Any]) -> list[Any]:
    members = union.get("oneOf", union.get("anyOf"))
    return members if isinstance(members, list) else []


def _component_name(models: SchemaSet, name: str) -> str | None:
    """The schema's name under `components/schemas` as the document writes it (not the class name)."""
    source = models.sources.get(name)
    tokens = split_pointer(source.pointer) if source is not None else []
    if len(tokens) == 3 and tokens[:2] == ["components", "schemas"]:
        return tokens[2]
    return None


def _point(union: dict[str, Any], member: str, target: str) -> None:
    """The union's member and mapping entries name `target` instead of `member`."""
    if target == member:
        return
    old, new = _REF + member, _REF + target
    for item in _members(union):
        if isinstance(item, dict) and item.get("$ref") == old:
            item["$ref"] = new
    mapping = union["discriminator"].get("mapping")
    if isinstance(mapping, dict):
        for key, value in mapping.items():
            if value == old:
                mapping[key] = new
