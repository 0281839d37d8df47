"""Spec names -> Python identifiers that always compile, never shadow what generated code relies on, never clash.

Every name that leaves a spec and becomes code (methods, keyword arguments, classes, constructor arguments)
goes through this module; literals go through `repr`/`json` in the templates. The rules:

- Unicode is folded to ASCII (accents dropped by NFKD); a character with no ASCII form becomes `u<codepoint>`, so two
  different non-Latin names never collapse into the same identifier.
- Words are split at non-alphanumerics and at case changes (`getHTTPResponse` -> get, http, response).
- A leading digit gets a context prefix (`1st` -> `param_1st`, class `Model1st`).
- Keywords, soft keywords and builtins get a trailing underscore (`class` -> `class_`, `id` -> `id_`), as do names
  the generated module itself uses (`Scope.reserved`).
- Names that are equal after conversion (`X-Foo` and `x_foo`, or `Pet` and `pet`) are numbered: `x_foo_2`.
"""

from __future__ import annotations

import builtins
import keyword
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

# Digits stay with the word they follow (`v2`, `sha256`, `log01`), an acronym ends before a capitalised word.
_WORD = re.compile(r"[A-Z]+[0-9]*(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+[a-z]*")
_RESERVED_ALWAYS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | frozenset(dir(builtins))


def ascii_fold(text: str) -> str:
    """NFKD-decompose and keep ASCII; characters without an ASCII form become `u<codepoint>` words."""
    if text.isascii():  # NFKD leaves ASCII as it is: the common case, without a loop over its characters
        return text
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii():
            out.append(char)
        elif unicodedata.combining(char):
            continue  # the accent of an already emitted base letter
        elif char.isalnum():
            out.append(f" u{ord(char)} ")  # decimal: a hex digit would start a new word
        else:
            out.append(" ")
    return "".join(out)


def words(text: str) -> list[str]:
    """`createAliPostgresInstance` -> create, Ali, Postgres, Instance; `SAUser` -> SA, User; `v2_list` -> v2, list."""
    return _WORD.findall(ascii_fold(text))


def snake(text: str, *, prefix: str = "n") -> str:
    """snake_case identifier; `prefix` is put in front of a name that would start with a digit (or is empty)."""
    parts = [w.lower() for w in words(text)]
    name = "_".join(parts)
    if not name:
        return prefix
    if name[0].isdigit():
        name = f"{prefix}_{name}"
    return name


def pascal(text: str, *, prefix: str = "Model") -> str:
    """PascalCase identifier: each word capitalised, the rest of an all-caps word kept (`SAUser` -> `SAUser`)."""
    parts = words(text)
    name = "".join(w[:1].upper() + w[1:] for w in parts)
    if not name:
        return prefix
    if name[0].isdigit():
        name = f"{prefix}{name}"
    return name


def screaming(text: str) -> str:
    return snake(text, prefix="c").upper()


class Scope:
    """One namespace (a class's keyword arguments, a module's classes): hands out unique, safe identifiers.

    `reserved` are names the surrounding generated code already uses. Uniqueness is case-insensitive, so that two
    names that differ only in case never end up side by side (they are easy to confuse, and some tools fold case).
    """

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._reserved = {r.lower() for r in reserved}
        self._taken: set[str] = set()

    def _free(self, name: str) -> bool:
        return name.lower() not in self._taken and name.lower() not in self._reserved

    def claim(self, name: str, *, sep: str = "_") -> str:
        """Make `name` (already an identifier) safe and unique in this scope, and take it.

        A reserved name gets a trailing underscore; a taken one a number (`sep` joins it: `x_2`, `Pet2`).
        """
        if name in _RESERVED_ALWAYS or name.lower() in self._reserved:
            name = f"{name}_"
        stem = name.rstrip("_") or name
        if sep == "" and stem[-1].isdigit():
            sep = "_"  # `Model1` + 2 would read as `Model12`
        candidate, counter = name, 1
        while not self._free(candidate) or candidate in _RESERVED_ALWAYS:
            counter += 1
            candidate = f"{stem}{sep}{counter}"
        self._taken.add(candidate.lower())
        return candidate

    def taken(self, name: str) -> bool:
        return not self._free(name)

    def snake(self, text: str, *, prefix: str = "n") -> str:
        return self.claim(snake(text, prefix=prefix))

    def pascal(self, text: str, *, prefix: str = "Model") -> str:
        return self.claim(pascal(text, prefix=prefix), sep="")


def is_identifier(name: str) -> bool:
    return name.isidentifier() and name.isascii() and not keyword.iskeyword(name)


# Imported by every generated package, directly or through httpx and pydantic: a package of the same name would
# shadow it on sys.path and break the client (or run in its place).
_DEPENDENCIES = frozenset(
    {
        "httpx",
        "httpcore",
        "h11",
        "h2",
        "anyio",
        "sniffio",
        "idna",
        "certifi",
        "pydantic",
        "pydantic_core",
        "annotated_types",
        "typing_extensions",
        "typing_inspection",
        "setuptools",
        "pkg_resources",
        "pip",
    }
)
_PACKAGE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def package_problem(name: str) -> str | None:
    """Why `name` cannot be the import name of a generated package (None: it can).

    ASCII only (a non-ASCII module name depends on the file system's normalisation), no keyword, and nothing that
    shadows the standard library or a dependency of the generated code.
    """
    shown = ascii(name)
    if not _PACKAGE.fullmatch(name):
        return f"{shown} is not a valid Python import name (ASCII letters, digits and underscores)"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return f"{shown} is a Python keyword"
    if name in sys.stdlib_module_names or name in sys.builtin_module_names or name in ("__main__", "builtins"):
        return f"{shown} would shadow the standard library module of that name"
    if name.lower() in _DEPENDENCIES:
        return f"{shown} would shadow {name.lower()}, which the generated client depends on"
    return None


def _property_names(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            found.update(name for name in properties if isinstance(name, str))
        for value in node.values():
            _property_names(value, found)
    elif isinstance(node, list):
        for value in node:
            _property_names(value, found)


def field_aliases(schemas: Mapping[str, Any]) -> dict[str, str]:
    """Field names for the property names Python would read as another name (`ﬁeld` -> `field_2`).

    Python NFKC-normalises identifiers, so a model with properties `ﬁeld` and `field` has one field, and
    a fullwidth `model_config` is pydantic's. datamodel-code-generator keeps such names as they are; they get
    an ASCII field name instead (the spec's name stays the alias), unique against every property name in their
    NFKC form, the renamings datamodel-code-generator applies to them, and pydantic's own attributes.
    """
    import pydantic

    names: set[str] = set()
    _property_names(dict(schemas), names)
    risky = sorted(n for n in names if not n.isascii() and unicodedata.normalize("NFKC", n) != n)
    if not risky:
        return {}
    reserved = {name for name in dir(pydantic.BaseModel) if not name.startswith("__")}
    for name in names.difference(risky):
        for form in {name, unicodedata.normalize("NFKC", name)}:
            word = re.sub(r"\W", "_", form)
            reserved |= {form, f"{form}_", word, f"{word}_", f"field_{word}"}
    scope = Scope(reserved)
    return {name: scope.snake(name, prefix="field") for name in risky}
