"""ECMA-262 patterns in the Rust engine's syntax (`generator/ir/patterns.py`): what the generated models accept
is what JavaScript's own RegExp (node, the engine JSON Schema's `pattern` is written for) accepts: in unicode
mode, as JSON Schema validators read patterns, else (a literal `{`, Annex B) as browsers do."""

from __future__ import annotations

import json
import shutil
import subprocess

import jsonschema_rs
import pytest
from pydantic_core import SchemaValidator, ValidationError, core_schema

from generator.ir.patterns import linear_time_problem, not_a_regex, rust_pattern

# (pattern, strings): each string is checked by both engines
CASES = [
    (r"^\d+$", ["123", "\u0661\u0662\u0663", "12a", "", "\uff10"]),
    (r"^\w+$", ["abc_1", "é", "ǅ", "a-b"]),
    (r"^\s$", [" ", "\t", "\u00a0", "\ufeff", "\u2028", "\u0085", "\x1c", "a"]),
    (r"^\S+$", ["ab", "a b", "\ufeff"]),
    (r"^.$", ["a", "\n", "\r", "\u2028", "\u0085", "😀"]),
    (r"\bfoo\b", ["a foo b", "éfooé", "_foo"]),
    (r"^[a-f\d]{3}$", ["a1f", "a\u0661f", "g12"]),
    (r"^[\w-]+$", ["a-b", "é-b"]),
    (r"^[^\d\s]+$", ["ab", "a1", "a b", "\u0661"]),
    (r"^\D\W\S$", ["a a", "1 a", "a-a"]),
    (
        r"^(?:{[0-9a-fA-F]{4}(?:-?[0-9a-fA-F]{4}){7}}|[0-9a-fA-F]{4}(?:-?[0-9a-fA-F]{4}){7})$",
        ["{0123-4567-89ab-cdef-0123-4567-89ab-cdef}", "0123456789abcdef0123456789abcdef", "{0123}"],
    ),
    (r"^a{2}}$", ["aa}", "aa"]),
    (r"^x{,3}$", ["x{,3}", "xxx"]),
    (r"^[a&&b~~c[]+$", ["a&b~c[", "x"]),
    (r"^\cJ\0$", ["\n\x00", "cJ0"]),
    (r"^\uD83D\uDE00$", ["😀", "x"]),
    (r"^\u{1F600}\p{Lu}\p{Script=Greek}\P{L}$", ["😀A\u03b11", "😀a\u03b11", "😀A\u03b1b"]),
    (r"^\u00e9\/$", ["é/", "e/"]),
    (r"^[^]$", ["\n", "a"]),
    (r"^(?<year>\d{4})-(?<month>\d{2})$", ["2024-01", "٢٠٢٤-01"]),
    (r"^[\b]$", ["\b", "b"]),
]


def _rust(pattern: str, text: str) -> bool:
    validator = SchemaValidator(core_schema.str_schema(pattern=rust_pattern(pattern), regex_engine="rust-regex"))
    try:
        validator.validate_python(text)
    except ValidationError:
        return False
    return True


def _jsonschema_rs(pattern: str, text: str) -> bool | None:
    """The reference server's reading (None: not a unicode-mode ECMA pattern, which it leaves to a fallback)."""
    try:
        validator = jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
    except (ValueError, jsonschema_rs.ValidationError):
        return None
    return bool(validator.is_valid(text))


@pytest.mark.skipif(shutil.which("node") is None, reason="node (JavaScript's RegExp) is not installed")
def test_the_models_match_what_javascript_and_the_reference_server_match() -> None:
    """JavaScript decides, except where jsonschema-rs (the reference server's and schemathesis' engine) departs
    from ECMA-262 (`.` and CR/U+2028, `\\b` around non-ASCII letters): the models follow it (`rust_pattern`)."""
    pairs = [(pattern, text) for pattern, texts in CASES for text in texts]
    script = (
        "const p=JSON.parse(require('fs').readFileSync(0,'utf8'));"
        "const re=(r)=>{try{return new RegExp(r,'u')}catch(e){return new RegExp(r)}};"
        "console.log(JSON.stringify(p.map(([r,s])=>re(r).test(s))))"
    )
    done = subprocess.run(
        ["node", "-e", script], input=json.dumps(pairs), capture_output=True, text=True, timeout=60, check=True
    )
    javascript = json.loads(done.stdout)
    server = [_jsonschema_rs(pattern, text) for pattern, text in pairs]
    departs = [(p, t) for (p, t), js, rs in zip(pairs, javascript, server, strict=True) if rs is not None and rs != js]
    assert departs == [(r"^.$", "\r"), (r"^.$", "\u2028"), (r"\bfoo\b", "\u00e9foo\u00e9")], departs
    expected = [js if (p, t) not in departs else not js for (p, t), js in zip(pairs, javascript, strict=True)]
    got = [_rust(pattern, text) for pattern, text in pairs]
    wrong = [(p, t, e) for (p, t), e, g in zip(pairs, expected, got, strict=True) if e != g]
    assert not wrong, wrong


def test_unchanged_where_the_engines_agree() -> None:
    for pattern in (r"^[a-z0-9-_ ]+$", r"^\p{L}+$", r"^(a|b){2,3}$", r"\/projects\/(me|[a-z]+)", r"^\{x\}$"):
        assert rust_pattern(pattern) == pattern


def test_an_ecma_pattern_python_cannot_read_generates() -> None:
    # `\p{L}` is ECMA-262 (unicode mode) and Rust, not Python's `re`: not an error in the spec
    assert not_a_regex(r"^\p{Lu}\p{Ll}+$") is None
    assert linear_time_problem(r"^\p{Lu}\p{Ll}+$") is None
    assert not_a_regex("(unclosed") is not None
    # lookaround stays refused by the linear-time engine, named as the spec wrote it
    problem = linear_time_problem(r"^(?=\d)\w+$")
    assert problem is not None and r"'^(?=\\d)\\w+$'" in problem
