"""jsonschema-rs fast paths for openapi-spec-validator's meta-schema check of each schema.

The library checks every schema it reaches on its own (not nested in another checked one) against the meta-schema
of its dialect, with Python jsonschema: 3 to 5 ms a schema, about half of all validation time of GitHub's 3.0
description (~2,000 such schemas) and of a 1,000-operation 3.1 spec. jsonschema-rs answers in microseconds.

It is only ever trusted to say "valid": a schema it does not accept, or cannot read (a value that is not JSON),
goes through the library's own check, so every reported error and message is the library's. Formats are asserted
by the library's own Python format checker (jsonschema-rs calls it back), so it is not more lenient on them; any
format the checker lacks is left to jsonschema-rs's built-in one, which can only refuse more.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from typing import Any, cast

IsValid = Callable[[Any], bool]


def _compiled(meta_schema: Any, format_checker: Any) -> IsValid | None:
    """jsonschema-rs's `is_valid` for `meta_schema` (its draft taken from its `$schema`, as Python's
    `validator_for` does), with the `$ref`s the library's own registry resolves; None where it cannot be built."""
    try:
        import jsonschema_rs
        from openapi_schema_validator._specifications import REGISTRY

        registry = jsonschema_rs.Registry([(uri, REGISTRY.contents(uri)) for uri in REGISTRY])
        formats: dict[str, Callable[..., bool]] = {
            name: partial(format_checker.conforms, format=name) for name in format_checker.checkers
        }
        validator = jsonschema_rs.validator_for(meta_schema, registry=registry, validate_formats=True, formats=formats)
    except Exception:  # any failure only costs the speed-up
        return None
    return validator.is_valid


@cache
def dialect_is_valid(dialect_id: str) -> IsValid | None:
    """For an OpenAPI 3.1 schema of dialect `dialect_id`: the library checks it with the dialect's Python
    validator and the OAS 3.1 format checker. None for another dialect (the library does that one alone)."""
    try:
        from openapi_schema_validator import OAS31_BASE_DIALECT_ID, oas31_format_checker
        from openapi_schema_validator._specifications import REGISTRY

        if dialect_id != OAS31_BASE_DIALECT_ID:
            return None
        return _compiled(REGISTRY.contents(dialect_id), oas31_format_checker)
    except Exception:
        return None


@cache
def oas30_is_valid() -> IsValid | None:
    """For an OpenAPI 3.0 schema: the library runs `OAS30Validator.check_schema`, i.e. JSON Schema draft 4's
    meta-schema with the OAS 3.0 format checker (a `pattern` must be a regex)."""
    try:
        from openapi_schema_validator import OAS30Validator

        return _compiled(OAS30Validator.META_SCHEMA, OAS30Validator.FORMAT_CHECKER)
    except Exception:
        return None


def _accepts(is_valid: IsValid | None, value: Any) -> bool:
    if is_valid is None or not isinstance(value, dict):
        return False  # a boolean schema, or no fast path: the library's check decides
    try:
        return is_valid(value) is True
    except Exception:  # e.g. a value jsonschema-rs cannot convert: the library's check decides
        return False


def fast_meta_check(cls: type) -> type:
    """openapi-spec-validator's schema keyword validator `cls` (3.0 or 3.1), with the fast path in front of its
    `_validate_schema_meta`; `cls` itself where there is none (another version, a changed library)."""
    from openapi_spec_validator.validation.keywords import OpenAPIV30SchemaValidator, OpenAPIV31SchemaValidator

    if issubclass(cls, OpenAPIV31SchemaValidator):

        def is_valid_for(self: Any, schema: Any, schema_value: Any) -> IsValid | None:
            try:
                dialect_id = self._get_schema_dialect_id(schema, schema_value)
            except ValueError:
                return None
            return dialect_is_valid(dialect_id) if isinstance(dialect_id, str) else None

    elif issubclass(cls, OpenAPIV30SchemaValidator) and _checks_with_oas30(cls):

        def is_valid_for(self: Any, schema: Any, schema_value: Any) -> IsValid | None:
            return oas30_is_valid()

    else:
        return cls

    def _validate_schema_meta(self: Any, schema: Any, schema_value: Any) -> Any:
        if _accepts(is_valid_for(self, schema, schema_value) if isinstance(schema_value, dict) else None, schema_value):
            return None
        return cls._validate_schema_meta(self, schema, schema_value)

    return type(cls.__name__, (cls,), {"_validate_schema_meta": _validate_schema_meta})


def _checks_with_oas30(cls: type) -> bool:
    """Whether `cls` checks each schema with `OAS30Validator.check_schema` (the check `oas30_is_valid` mirrors)."""
    from openapi_schema_validator import OAS30Validator
    from openapi_spec_validator.validation.keywords import OpenAPIV30SchemaValidator

    own = OpenAPIV30SchemaValidator._get_schema_checker
    return (
        getattr(cls, "schema_validator_cls", None) is OAS30Validator
        and getattr(cls, "_get_schema_checker", None) is own
    )


def install_fast_subnodes() -> None:
    """jsonschema-path's step from a node to its child, without its `isinstance` against pathable's runtime
    Protocol `Subscriptable` for the JSON containers: Python 3.11 re-collects a Protocol's members on every such
    check, a quarter of the validator's time on GitHub's description. A dict or a list is `Subscriptable`, so the step
    is the library's own (same child, same KeyError); any other node takes the library's code. Installed once,
    only over the library method it was written against."""
    try:
        from jsonschema_path.nodes import SchemaNode
        from pathable.accessors import SubscriptableAccessor
    except ImportError:
        return
    own = getattr(SubscriptableAccessor._get_subnode, "__func__", None)
    if not callable(own) or getattr(SchemaNode._get_subnode, "__func__", None) is not own:
        return  # already installed, or a library layout this was not written for
    original = cast(Callable[..., Any], own)

    def _get_subnode(cls: Any, node: Any, part: Any) -> Any:
        if type(node) is dict or type(node) is list:
            try:
                return node[part]
            except (KeyError, IndexError, TypeError) as exc:
                raise KeyError(part) from exc
        return original(cls, node, part)

    SchemaNode._get_subnode = classmethod(_get_subnode)  # type: ignore[method-assign,assignment]
