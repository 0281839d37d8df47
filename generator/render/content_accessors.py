"""Typed accessors for embedded JSON documents: `response.plugin_content_as("cors")` is a `CorsPluginContent...`.

A property holding a JSON document whose model a selector chooses (APIG `plugin_content` by `plugin_type`) is typed
as the union of its models and `str` (the text stays a string when the selector names no known model). Reading a
field of it would need narrowing under `mypy --strict`; the accessor is typed by the selector value passed instead,
one `@overload` per value, and raises `ValueError` when the object holds another kind of document.

The methods are added to the classes datamodel-code-generator wrote (found with `ast`, so the insertion does not
depend on its formatting); the pipeline's ruff pass sorts the one import they need.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from generator.ir import naming


@dataclass(frozen=True)
class Accessor:
    model: str  # class holding the property (name in the models module)
    property: str  # wire name of the JSON-text property
    selector: str  # wire name of the selector property
    cases: tuple[tuple[Any, str], ...]  # selector value -> content model class


def add_accessors(code: str, accessors: tuple[Accessor, ...]) -> str:
    """`code` (a models module) with one `<property>_as` method per accessor, at the end of its class."""
    if not accessors:
        return code
    tree = ast.parse(code)
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    lines = code.split("\n")
    insertions: list[tuple[int, list[str]]] = []
    for accessor in accessors:
        node = classes.get(accessor.model)
        if node is None or node.end_lineno is None:
            continue
        fields = _fields(node)
        prop, selector = fields.get(accessor.property), fields.get(accessor.selector)
        method = f"{naming.snake(accessor.property)}_as"
        if prop is None or selector is None or method in fields or not accessor.cases:
            continue
        insertions.append((node.end_lineno, _method(method, prop, selector, accessor)))
    if not insertions:
        return code
    for end, block in sorted(insertions, reverse=True):
        lines[end:end] = block
    text = "\n".join(lines)
    return text.replace(
        "from __future__ import annotations\n",
        "from __future__ import annotations\n\nfrom typing import Literal, overload\n",
        1,
    )


def _fields(node: ast.ClassDef) -> dict[str, str]:
    """Wire name -> Python attribute of the fields of a generated class (an alias wins over the attribute)."""
    found: dict[str, str] = {}
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            name = statement.target.id
            alias = next(
                (
                    kw.value.value
                    for call in ast.walk(statement)
                    if isinstance(call, ast.Call)
                    for kw in call.keywords
                    if kw.arg == "alias" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str)
                ),
                None,
            )
            found[alias or name] = name
        elif isinstance(statement, ast.FunctionDef):
            found[statement.name] = statement.name
    return found


def _method(method: str, prop: str, selector: str, accessor: Accessor) -> list[str]:
    out = [""]
    for value, model in accessor.cases:
        out += [
            "    @overload",
            f"    def {method}(self, {selector}: Literal[{value!r}]) -> {model}: ...",
        ]
    mapping = ", ".join(f"{value!r}: {model}" for value, model in accessor.cases)
    kinds = " | ".join(sorted({type(value).__name__ for value, _ in accessor.cases}))
    out += [
        f"    def {method}(self, {selector}: {kinds}) -> Model:",
        '        """',
        f"        `{accessor.property}` as the model that value of `{accessor.selector}` selects, typed by the",
        f"        value passed. Raises ValueError when this object's `{accessor.selector}` is another value or its",
        "        document did not parse into that model.",
        '        """',
        # annotated: mypy joins the classes of a bare dict literal to a type it then refuses here
        f"        choices: dict[{kinds}, type[Model]] = {{{mapping}}}",
        f"        expected = choices.get({selector})",
        f"        content = self.{prop}",
        f"        if expected is None or self.{selector} != {selector} or not isinstance(content, expected):",
        "            raise ValueError(",
        f'                f"{accessor.property} holds no {{{selector}!r}} document"',
        f'                f" ({accessor.selector} is {{self.{selector}!r}})"',
        "            )",
        "        return content",
    ]
    return out
