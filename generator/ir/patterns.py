"""Patterns the generated models can check in linear time, and why the others cannot be.

The generated models check `pattern` with pydantic-core's default engine, the Rust `regex` crate: no
backtracking, so validation time grows linearly with the input whatever the pattern. A backtracking engine
(Python's `re`) can take exponential time: `^(a|aa)*$` against 30 characters takes seconds, and a lookaround
pattern of the adversarial review took 2.5 s for 26 characters. The price is that lookaround and backreferences,
which need backtracking, cannot be checked: such a pattern is left out of the models with a located warning
(`generator.ir.schemas`), rather than turned into a client that a long enough string can stall. (The
reference server still checks every ECMA-262 pattern, with jsonschema-rs, whose backtracking is bounded.)

A `pattern` is ECMA-262, and the Rust engine reads some of it otherwise (`\\d` is any Unicode digit there, a
literal `{` is an error): `rust_pattern` writes each pattern in the Rust syntax with ECMA's meaning, the one
place the models' patterns are translated.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def linear_time_problem(pattern: str) -> str | None:
    """Why the linear-time engine of the generated models cannot check the ECMA-262 `pattern` once in its own
    syntax (`rust_pattern`); None: it can."""
    from pydantic_core import SchemaError, SchemaValidator, core_schema

    try:
        SchemaValidator(core_schema.str_schema(pattern=rust_pattern(pattern), regex_engine="rust-regex"))
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


# ECMA-262's classes are ASCII (`\d`, `\w`, `\b`) or a fixed list (`\s`, `.`); the Rust engine's are Unicode.
_ECMA_SPACE = r"\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_WORD = "0-9A-Za-z_"
_IN_CLASS = {"d": "0-9", "w": _WORD, "s": _ECMA_SPACE, "D": "[^0-9]", "W": f"[^{_WORD}]", "S": f"[^{_ECMA_SPACE}]"}
_OUTSIDE = {"d": "[0-9]", "w": f"[{_WORD}]", "s": f"[{_ECMA_SPACE}]"}
_OUTSIDE |= {"D": "[^0-9]", "W": f"[^{_WORD}]", "S": f"[^{_ECMA_SPACE}]"}
_QUANTIFIER = re.compile(r"\{[0-9]+(?:,[0-9]*)?\}")
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")


@cache
def rust_pattern(pattern: str) -> str:
    """An ECMA-262 pattern (the dialect of JSON Schema's `pattern`) in the syntax of the Rust `regex` crate, with
    ECMA's meaning where the two differ: `\\d` and `\\w` are ASCII and `\\s` ECMA's fixed list (Rust's are
    Unicode: `^\\d+$` would accept Arabic-Indic digits the server refuses); a `{` or `}` that is no
    quantifier is a literal (Annex B: `{[0-9a-f]{8}}`); `\\cX`, `\\0`, surrogate pairs `\\uD83D\\uDE00`, `[^]`
    and `[]` have Rust spellings; `[`, `&&`, `~~` in a class are literals. Anything else (lookaround,
    backreferences: refused later, see `linear_time_problem`) is left as written. `.` (any character but a line
    feed) and `\\b` (Unicode words) stay Rust's, as jsonschema-rs reads them: the reference server and
    schemathesis check patterns with it, and ECMA's readings (`.` also leaves out CR, U+2028 and U+2029; `\\b`
    is ASCII) would refuse what both accept."""
    out: list[str] = []
    index, in_class, length = 0, False, len(pattern)
    while index < length:
        char = pattern[index]
        if char == "\\" and index + 1 < length:
            escaped, index = _escape(pattern, index + 1, in_class)
            out.append(escaped)
            continue
        if in_class:
            if char == "]":
                in_class = False
                out.append(char)
            elif char in "[&~":
                out.append("\\" + char)
            else:
                out.append(char)
        elif char == "[":
            if pattern.startswith("[^]", index):
                out.append(r"(?s:.)")
                index += 3
                continue
            if pattern.startswith("[]", index):
                out.append(r"[^\x00-\x{10FFFF}]")
                index += 2
                continue
            in_class = True
            out.append(char)
            if pattern.startswith("[^", index):
                out.append("^")
                index += 1
            if index + 1 < length and pattern[index + 1] == "]":  # `[]a]` is not ECMA; keep `]` literal
                out.append(r"\]")
                index += 1
        elif char == "{" and not _QUANTIFIER.match(pattern, index):
            out.append(r"\{")
        elif char == "}" and not _closes_quantifier(pattern, index):
            out.append(r"\}")
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _escape(pattern: str, at: int, in_class: bool) -> tuple[str, int]:
    """The Rust spelling of the escape whose letter is at `at`, and the index after it."""
    letter = pattern[at]
    table = _IN_CLASS if in_class else _OUTSIDE
    if letter in table:
        return table[letter], at + 1
    if letter == "b" and in_class:
        return r"\x08", at + 1  # backspace inside a class
    if letter == "c" and at + 1 < len(pattern) and pattern[at + 1].isascii() and pattern[at + 1].isalpha():
        return f"\\x{ord(pattern[at + 1]) % 32:02x}", at + 2
    if letter == "0" and not pattern[at + 1 : at + 2].isdigit():
        return r"\x00", at + 1
    if letter == "u" and _HEX4.fullmatch(pattern, at + 1, at + 5):
        high = int(pattern[at + 1 : at + 5], 16)
        low_at = at + 5
        if (
            0xD800 <= high < 0xDC00
            and pattern.startswith("\\u", low_at)
            and _HEX4.fullmatch(pattern, low_at + 2, low_at + 6)
        ):
            low = int(pattern[low_at + 2 : low_at + 6], 16)
            if 0xDC00 <= low < 0xE000:
                return f"\\x{{{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):X}}}", low_at + 6
        return f"\\u{pattern[at + 1 : at + 5]}", at + 5
    if letter in "upP" and pattern.startswith("{", at + 1) and (end := pattern.find("}", at + 1)) > 0:
        # `\p{L}` as written; `\u{1F600}` (unicode mode) is Rust's `\x{1F600}`
        return ("\\x" if letter == "u" else "\\" + letter) + pattern[at + 1 : end + 1], end + 1
    return "\\" + letter, at + 1


def _closes_quantifier(pattern: str, index: int) -> bool:
    start = pattern.rfind("{", 0, index)
    escaped = start > 0 and pattern[start - 1] == "\\"
    return start >= 0 and not escaped and _QUANTIFIER.fullmatch(pattern, start, index + 1) is not None


def not_a_regex(pattern: str) -> str | None:
    """Why `pattern` is no regular expression in any reading (ECMA-262 as the reference server compiles it,
    Python's, or the Rust engine's once translated); None when one of them compiles it."""
    import jsonschema_rs

    try:
        re.compile(pattern)
        return None
    except re.error as exc:
        problem = str(exc)
    try:
        jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
        return None
    except (ValueError, jsonschema_rs.ValidationError):
        pass
    return None if linear_time_problem(pattern) is None else problem
