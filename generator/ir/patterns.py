"""Patterns the generated models can check in linear time, and why the others cannot be.

The generated models check `pattern` with pydantic-core's default engine, the Rust `regex` crate: no
backtracking, so validation time grows linearly with the input whatever the pattern. A backtracking engine
(Python's `re`) can take exponential time: `^(a|aa)*$` against 30 characters takes seconds, and a lookaround
pattern of the adversarial review took 2.5 s for 26 characters. The price is that lookaround and backreferences,
which need backtracking, cannot be checked: such a pattern is left out of the models with a located warning
(`generator.ir.schemas`), rather than turned into a client that a long enough string can stall. (The
reference server still checks every ECMA-262 pattern, with jsonschema-rs, whose backtracking is bounded.)
"""

from __future__ import annotations

from functools import cache


@cache
def linear_time_problem(pattern: str) -> str | None:
    """Why the linear-time engine of the generated models cannot check `pattern` (None: it can)."""
    from pydantic_core import SchemaError, SchemaValidator, core_schema

    try:
        SchemaValidator(core_schema.str_schema(pattern=pattern, regex_engine="rust-regex"))
    except SchemaError as exc:
        lines = [line.strip() for line in str(exc).splitlines()[1:] if line.strip()]
        errors = [line.removeprefix("error: ") for line in lines if line.startswith("error:")]
        detail = " ".join(errors) or (lines[-1].removeprefix("SchemaError: ").rstrip(".") if lines else "unsupported")
        if "look-around" in detail or "backreference" in detail:
            return (
                f"pattern {pattern!r} needs a backtracking engine ({detail}), whose time can grow exponentially "
                "with the input; generated clients check patterns in linear time: rewrite it without lookaround "
                "and backreferences"
            )
        hint = "; state long lengths with minLength/maxLength instead" if "size limit" in detail else ""
        return (
            f"pattern {pattern!r} cannot be checked by the linear-time engine of the generated clients: {detail}{hint}"
        )
    return None
