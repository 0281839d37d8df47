# Generated from specs/apig/openapi.yaml (sha256 aeb26727db812b06) by vendor-openapi-toolchain 0.1.0: do not edit.
"""How a parameter value travels in a request: one table for every location, style and explode.

The client writes with `serialize`; the reference server reads with `parse_path`, `parse_query`, `parse_header`
and `parse_cookie`. Both follow the rows of `_ROWS`, so what one side writes the other reads back unchanged.

    param = ParamStyle("color", "query", style="pipeDelimited")
    serialize(param, ["blue", "black"])                         # 'color=blue%7Cblack'
    parse_query(param, split_query("color=blue%7Cblack"), Shape("array"))   # ['blue', 'black']

The rules are those of the OpenAPI Specification 3.1.2 ("Style Values", "Style Examples", "URL
Percent-Encoding", appendices D and E):

- Defaults: `form` for query and cookie parameters, `simple` for path and header; `explode` is true for `form`.
- Paths, queries and cookies percent-encode everything outside RFC 3986's unreserved set; a query decodes `+`
  as a space (RFC 1866). Header values are never percent-encoded (appendix D), so they must be printable ASCII.
- Delimiters go out as the table shows: `,` `;` `.` `=` `&` unencoded, space `|` `[` `]` percent-encoded (RFC
  3986 forbids them raw). The specification leaves data that contains its own delimiter undefined, so the
  serializer refuses such a value with `StyleError` rather than send what the server would read differently.
  A parser splits on the unencoded delimiters before decoding, so an encoded `,` stays inside its item (in a
  query or cookie with no unencoded `,` at all, `%2C` is read as the delimiter, as form encoders send it).
- `None`, `[]` and `{}` are sent as the table's "undefined" column (`;color`, `.`, ``, `color=`) and read back
  as empty: `""`, `[]`, `{}` (or `None` where the schema allows only null).
- `allowReserved` (query only): the reserved characters `:/?@!$'()*,;=` and existing `%XX` triples go out
  unencoded, as RFC 6570 reserved expansion does; `&`, `+`, `#`, `[`, `]` and space are always encoded.
- A parameter with `content` instead of a schema is written by its media type (JSON for `application/json` and
  `+json`, plain text otherwise) and then carried like a primitive value of the `form`/`simple` style.
- Undefined combinations the specification marks n/a: `spaceDelimited`/`pipeDelimited` with `explode: true`
  repeat the name like `form` does; a primitive value in those styles is written like `form`; `deepObject`
  carries objects only (nested objects as `name[a][b]`, arrays as a repeated key).

Plain standard library, and one module on purpose (over the usual size): it is copied verbatim into every
generated client package, and both directions of each rule sit side by side.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final
from urllib.parse import quote, unquote

LOCATIONS: Final = ("path", "query", "header", "cookie")
DEFAULT_STYLE: Final[Mapping[str, str]] = {"path": "simple", "query": "form", "header": "simple", "cookie": "form"}
# Where each style may be used (the "Style Values" table).
STYLE_LOCATIONS: Final[Mapping[str, frozenset[str]]] = {
    "matrix": frozenset({"path"}),
    "label": frozenset({"path"}),
    "simple": frozenset({"path", "header"}),
    "form": frozenset({"query", "cookie"}),
    "spaceDelimited": frozenset({"query"}),
    "pipeDelimited": frozenset({"query"}),
    "deepObject": frozenset({"query"}),
}
# RFC 3986 reserved characters a query may carry unencoded under allowReserved (the rest delimit the query).
_RESERVED_KEPT: Final = ":/?@!$'()*,;="
_PERCENT_TRIPLE: Final = re.compile(r"%[0-9A-Fa-f]{2}")
_HEADER_TEXT: Final = re.compile(r"[\t\x20-\x7e]*")
_INTEGER: Final = re.compile(r"-?(?:0|[1-9][0-9]{0,4298})")  # longer: past int()'s 4,300-digit limit, stays text
_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_JSON_MEDIA: Final = re.compile(r"^application/(?:[\w.+-]+\+)?json$", re.IGNORECASE)
MAX_DEPTH: Final = 8  # deepObject nesting that is read; deeper keys are an error, never a deep recursion


class StyleError(ValueError):
    """A value this style cannot carry unambiguously, or request text that is not in this style.

    The message names the parameter and never repeats the value (it may be a secret)."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Final = _Missing()  # what a parser returns for a parameter the request does not carry


@dataclass(frozen=True)
class _Row:
    """One style: what leads the value, whether the name is written, and its two separators."""

    lead: str  # before the value: ";" matrix, "." label
    named: bool  # `name=` is written before the value (the whole value, or each exploded item)
    if_empty: str  # written after the name for an empty value: "" for matrix (`;color`), "=" for form
    list_sep: str  # between items and between key and value when not exploded
    item_sep: str  # between exploded items (cookies use "; " instead of "&")


_ROWS: Final[Mapping[str, _Row]] = {
    "matrix": _Row(lead=";", named=True, if_empty="", list_sep=",", item_sep=";"),
    "label": _Row(lead=".", named=False, if_empty="", list_sep=",", item_sep="."),
    "simple": _Row(lead="", named=False, if_empty="", list_sep=",", item_sep=","),
    "form": _Row(lead="", named=True, if_empty="=", list_sep=",", item_sep="&"),
    "spaceDelimited": _Row(lead="", named=True, if_empty="=", list_sep="%20", item_sep="&"),
    "pipeDelimited": _Row(lead="", named=True, if_empty="=", list_sep="%7C", item_sep="&"),
    "deepObject": _Row(lead="", named=True, if_empty="=", list_sep=",", item_sep="&"),
}
_COOKIE_SEP: Final = "; "  # appendix D: cookie pairs are separated by "; ", never "&"


@dataclass(frozen=True)
class ParamStyle:
    """How one parameter is written: its wire name, location, style, explode, allowReserved, content media type.

    `style` and `explode` default as the specification says; an unknown style, or one the "Style Values" table
    does not allow at that location, is a StyleError."""

    name: str
    location: str  # path | query | header | cookie
    style: str = ""  # "" means the location's default
    explode: bool | None = None  # None means the style's default
    allow_reserved: bool = False
    content_type: str | None = None  # set for a parameter described by `content` instead of `schema`

    def __post_init__(self) -> None:
        if self.location not in LOCATIONS:
            raise StyleError(f"parameter {self.name}: unknown location {self.location!r}")
        style = self.style or DEFAULT_STYLE[self.location]
        if style not in STYLE_LOCATIONS:
            raise StyleError(f"parameter {self.name}: unknown style {style!r}")
        if self.location not in STYLE_LOCATIONS[style]:
            raise StyleError(f"{self.location} parameter {self.name}: style {style} is not defined for {self.location}")
        object.__setattr__(self, "style", style)
        if self.explode is None:
            object.__setattr__(self, "explode", style == "form")

    @property
    def exploded(self) -> bool:
        return bool(self.explode)

    @property
    def label(self) -> str:
        return f"{self.location} parameter {self.name}"


@dataclass(frozen=True)
class Shape:
    """What the server expects a parameter to hold: how to split its text, and which JSON types to read.

    kind: primitive | array | object. `types`: the JSON types of a primitive, or of an array's items (a piece of
    text is read as the first type it fits, `string` winning). `properties`: an object's declared properties;
    `additional`: the shape of any other property (None: other keys are not part of this object)."""

    kind: str = "primitive"
    types: frozenset[str] = frozenset({"string"})
    properties: Mapping[str, Shape] = field(default_factory=dict)
    additional: Shape | None = None


# --- writing (client) -------------------------------------------------------------------------------------


def serialize(param: ParamStyle, value: Any) -> str:
    """The text of one parameter: what replaces `{name}` in a path, a `k=v&k=v` query fragment, a header value,
    or a `k=v; k=v` cookie fragment. Already percent-encoded as its location requires."""
    if param.content_type is not None:
        return _place_primitive(param, _media_text(param, value))
    kind = _kind(value)
    if param.style == "deepObject":
        if kind != "object":
            raise StyleError(f"{param.label}: deepObject carries an object")
        return "&".join(_deep_pairs(param, _key(param, param.name), value, 0))
    row = _ROWS[param.style]
    if kind == "primitive":
        return _place_primitive(param, "" if value is None else _scalar_text(param, value))
    atoms = _atoms(param, value, kind)
    if not atoms:
        return _place_primitive(param, "")
    if kind == "array" and len(atoms) == 1 and atoms[0] == "":
        raise StyleError(f"{param.label}: an array of one empty string cannot be told from an empty array")
    exploded = param.exploded
    item_sep = _COOKIE_SEP if param.location == "cookie" and row.item_sep == "&" else row.item_sep
    if param.style in ("spaceDelimited", "pipeDelimited") and exploded:
        row, exploded = _ROWS["form"], True
    if kind == "object":  # keys are names (always fully encoded), values follow allowReserved
        encoded = [_key(param, a) if i % 2 == 0 else _encode(param, a) for i, a in enumerate(atoms)]
    else:
        encoded = [_encode(param, atom) for atom in atoms]
    one_item = kind == "array" and len(atoms) == 1 and "," in atoms[0]
    if one_item and not exploded and row.list_sep == "," and param.location in ("query", "cookie"):
        raise StyleError(f"{param.label}: a one-item array whose item contains ',' reads as a list")
    if not exploded:
        _refuse_delimiter(param, encoded, row.list_sep)
        body = row.list_sep.join(encoded)
        return row.lead + (_key(param, param.name) + "=" + body if row.named else body)
    _refuse_delimiter(param, encoded, item_sep.strip() or item_sep)
    if kind == "array":
        if row.named:
            name = _key(param, param.name)
            pieces = [name + ("=" + item if item else row.if_empty) for item in encoded]
        else:
            pieces = encoded
    else:
        keys, values = encoded[0::2], encoded[1::2]
        _refuse_delimiter(param, keys, "=")
        pieces = [f"{k}={v}" for k, v in zip(keys, values, strict=True)]
    return row.lead + item_sep.join(pieces)


def join_query(fragments: Iterable[str]) -> str:
    """The query string (without `?`) from the fragments `serialize` gave for query parameters."""
    return "&".join(fragment for fragment in fragments if fragment)


def join_cookies(fragments: Iterable[str]) -> str:
    """The Cookie header value from the fragments `serialize` gave for cookie parameters."""
    return _COOKIE_SEP.join(fragment for fragment in fragments if fragment)


def expand_path(template: str, values: Mapping[str, str]) -> str:
    """The path with each `{name}` replaced by its serialized text (several may share one segment)."""
    parts = _template_parts(template)
    return "".join(part if index % 2 == 0 else values.get(part, "{" + part + "}") for index, part in enumerate(parts))


@lru_cache(maxsize=1024)
def _template_parts(template: str) -> list[str]:
    """Literal text and placeholder names, alternately (a template is split once: the client expands it per call)."""
    return _PLACEHOLDER.split(template)


_PLACEHOLDER: Final = re.compile(r"\{([^{}]+)\}")


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    return "primitive"


def _scalar_text(param: ParamStyle, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StyleError(f"{param.label}: {value} is not a JSON number")
        return json.dumps(value)
    if isinstance(value, (int, str)):
        return str(value)
    if isinstance(value, (Mapping, list, tuple)):
        raise StyleError(f"{param.label}: a nested array or object has no form in style {param.style}")
    return str(value)


def _atoms(param: ParamStyle, value: Any, kind: str) -> list[str]:
    if kind == "array":
        return [_scalar_text(param, item) for item in value]
    atoms: list[str] = []
    for key, item in value.items():
        atoms += [str(key), _scalar_text(param, item)]
    return atoms


def _encode(param: ParamStyle, text: str) -> str:
    """Percent-encoding for the location; header text is checked instead (it is never encoded)."""
    if param.location == "header":
        if not _HEADER_TEXT.fullmatch(text) or text != text.strip():
            raise StyleError(
                f"{param.label}: a header value must be printable ASCII without surrounding spaces; "
                "declare the parameter with `content` or encode the value first"
            )
        return text
    try:
        if param.allow_reserved and param.location == "query":
            # reserved expansion: keep reserved characters and existing %XX triples, encode everything else
            parts = _PERCENT_TRIPLE.split(text)
            triples = _PERCENT_TRIPLE.findall(text)
            out = quote(parts[0], safe=_RESERVED_KEPT)
            for triple, part in zip(triples, parts[1:], strict=True):
                out += triple + quote(part, safe=_RESERVED_KEPT)
            return out
        return quote(text, safe="")
    except UnicodeEncodeError:
        raise StyleError(f"{param.label}: the value is not valid Unicode text (lone surrogate)") from None


def _key(param: ParamStyle, name: str) -> str:
    """A name (the parameter's, or a deepObject property's): `allowReserved` is about values, so a name is always
    fully encoded, and `]`, `=` or `&` in a property name can never change how the pair is read back."""
    if param.location == "header":
        return _encode(param, name)  # never encoded, only checked
    try:
        return quote(name, safe="")
    except UnicodeEncodeError:
        raise StyleError(f"{param.label}: the name is not valid Unicode text (lone surrogate)") from None


def _refuse_delimiter(param: ParamStyle, encoded: Sequence[str], delimiter: str) -> None:
    needle = delimiter.lower()
    for piece in encoded:
        if needle in piece.lower():
            raise StyleError(f"{param.label}: a value contains {unquote(delimiter)!r}, the delimiter of its style")


def _place_primitive(param: ParamStyle, text: str) -> str:
    row = _ROWS[param.style]
    if param.location == "path" and param.style == "simple" and text == "":
        raise StyleError(f"{param.label} must not be empty")
    encoded = _encode(param, text)
    if not row.named:
        return row.lead + encoded
    name = _key(param, param.name)
    if param.location in ("query", "cookie"):
        return f"{name}={encoded}"
    return row.lead + name + ("=" + encoded if encoded else row.if_empty)


def _deep_pairs(param: ParamStyle, prefix: str, value: Any, depth: int) -> list[str]:
    if depth >= MAX_DEPTH:
        raise StyleError(f"{param.label}: nested deeper than {MAX_DEPTH} levels")
    pairs: list[str] = []
    for key, item in value.items():
        key_text = _key(param, str(key))
        if "%5b" in key_text.lower() or "%5d" in key_text.lower():
            raise StyleError(f"{param.label}: a property name contains '[' or ']', the delimiters of deepObject")
        name = f"{prefix}%5B{key_text}%5D"
        if isinstance(item, Mapping):
            pairs += _deep_pairs(param, name, item, depth + 1)
        elif isinstance(item, (list, tuple)):
            pairs += [f"{name}={_encode(param, _scalar_text(param, x))}" for x in item]
        else:
            pairs.append(f"{name}={_encode(param, _scalar_text(param, item))}")
    return pairs


def _media_text(param: ParamStyle, value: Any) -> str:
    media = (param.content_type or "").split(";")[0].strip()
    if _JSON_MEDIA.match(media):
        try:
            # ASCII escapes keep a JSON header value printable
            return json.dumps(value, separators=(",", ":"), allow_nan=False, ensure_ascii=param.location == "header")
        except (TypeError, ValueError):
            raise StyleError(f"{param.label}: the value cannot be written as {media}") from None
    if isinstance(value, (str, int, float, bool)):
        return _scalar_text(param, value)
    raise StyleError(f"{param.label}: a {media} parameter takes text")


# --- reading (server) -------------------------------------------------------------------------------------


def split_query(raw: str) -> list[tuple[str, str]]:
    """The raw `k=v` pairs of a query string (`?` excluded), still percent-encoded, in order."""
    pairs: list[tuple[str, str]] = []
    for piece in raw.split("&"):
        if piece:
            key, _, value = piece.partition("=")
            pairs.append((key, value))
    return pairs


def split_cookies(header: str) -> list[tuple[str, str]]:
    """The raw `name=value` pairs of a Cookie header, in order."""
    pairs: list[tuple[str, str]] = []
    for piece in header.split(";"):
        key, sep, value = piece.strip().partition("=")
        if key and sep:
            pairs.append((key.strip(), value.strip()))
    return pairs


def parse_path(param: ParamStyle, raw: str, shape: Shape) -> Any:
    """The value of a path parameter from the text its template variable matched (still percent-encoded)."""
    if param.content_type is not None:
        return _read_media(param, _decode(param, raw))
    row = _ROWS[param.style]
    text = raw
    if row.lead:
        if not text.startswith(row.lead):
            raise StyleError(f"{param.label} must start with {row.lead!r} (style {param.style})")
        text = text[len(row.lead) :]
    if not row.named:
        if param.style == "simple" and text == "":
            raise StyleError(f"{param.label} must not be empty")
        return _read_unnamed(param, text, shape, row)
    # matrix: `;name`, `;name=v`, `;name=a,b`, `;name=a;name=b`, `;k=v;k=v`
    pieces = text.split(";")
    if shape.kind == "object" and param.exploded:
        if [_decode(param, piece) for piece in pieces] == [param.name]:
            return {}  # `;name` alone: the empty object
        return _read_pairs(param, [_pair(piece) for piece in pieces if piece], shape)
    values: list[str] = []
    for piece in pieces:
        key, _, value = piece.partition("=")
        if _decode(param, key) != param.name:
            raise StyleError(f"{param.label} must be written as ';{param.name}=...' (style matrix)")
        values.append(value)
    if shape.kind == "array" and param.exploded:
        return _read_items(param, values, shape)
    if len(values) != 1:
        raise StyleError(f"{param.label} is given more than once")
    return _read_unnamed(param, values[0], shape, row)


def parse_header(param: ParamStyle, text: str | None, shape: Shape) -> Any:
    """The value of a header parameter (None: the header is absent). Header text is never percent-decoded."""
    if text is None:
        return MISSING
    if param.content_type is not None:
        return _read_media(param, text.strip())
    return _read_unnamed(param, text.strip(), shape, _ROWS["simple"])


def parse_query(
    param: ParamStyle, pairs: Sequence[tuple[str, str]], shape: Shape, other_names: Iterable[str] = ()
) -> Any:
    """The value of a query parameter from the raw pairs of the query string; MISSING when it is absent.

    `other_names`: the operation's other query parameters, which an exploded free-form object must not take."""
    return _parse_pairs(param, pairs, shape, frozenset(other_names))


def parse_cookie(
    param: ParamStyle, pairs: Sequence[tuple[str, str]], shape: Shape, other_names: Iterable[str] = ()
) -> Any:
    """The value of a cookie parameter from the raw pairs of the Cookie header; MISSING when it is absent."""
    return _parse_pairs(param, pairs, shape, frozenset(other_names))


def _parse_pairs(param: ParamStyle, pairs: Sequence[tuple[str, str]], shape: Shape, others: frozenset[str]) -> Any:
    decoded = [(_decode(param, key), value) for key, value in pairs]
    if param.style == "deepObject":
        return _read_deep(param, decoded, shape)
    mine = [value for key, value in decoded if key == param.name]
    if param.content_type is not None:
        return _read_media(param, _decode(param, mine[0])) if mine else MISSING
    if shape.kind == "object" and param.exploded and param.style != "deepObject":
        taken = [
            (key, value)
            for key, value in decoded
            if key in shape.properties or (shape.additional is not None and key not in others and key != param.name)
        ]
        return _read_pairs(param, taken, shape, encoded_keys=False) if taken else MISSING
    if not mine:
        return MISSING
    if shape.kind == "array" and (param.exploded or len(mine) > 1):
        return _read_items(param, mine, shape)
    if param.style in ("spaceDelimited", "pipeDelimited") and shape.kind != "primitive":
        return _read_delimited(param, mine[0], shape)
    return _read_unnamed(param, mine[0], shape, _ROWS["form"])


def _read_delimited(param: ParamStyle, raw: str, shape: Shape) -> Any:
    # The delimiter is percent-encoded like data (appendix E), so this style is split after decoding.
    delimiter = " " if param.style == "spaceDelimited" else "|"
    text = _decode(param, raw)
    items = text.split(delimiter) if text else []
    if shape.kind == "object":
        return _pairs_to_object(param, items, shape)
    return [coerce(item, shape.types) for item in items]


def _read_unnamed(param: ParamStyle, text: str, shape: Shape, row: _Row) -> Any:
    if shape.kind == "primitive":
        return coerce(_decode(param, text), shape.types)
    separator = row.item_sep if param.exploded else row.list_sep
    pieces = _split(param, text, separator) if text else []
    if shape.kind == "array":
        return _read_items(param, pieces, shape)
    if param.exploded:
        return _read_pairs(param, [_pair(piece) for piece in pieces], shape)
    return _pairs_to_object(param, [_decode(param, piece) for piece in pieces], shape)


_ENCODED_COMMA: Final = re.compile("%2C", re.IGNORECASE)


def _split(param: ParamStyle, text: str, separator: str) -> list[str]:
    if separator == "," and param.location in ("query", "cookie") and "," not in text:
        # Tolerated: form encoders (browsers, urlencode) percent-encode the comma delimiter too. The serializer
        # refuses the one value this misreads, a one-item array whose item holds a comma.
        return _ENCODED_COMMA.split(text)
    pieces = text.split(separator)
    if param.location == "header":
        pieces = [piece.strip() for piece in pieces]  # tolerate "a, b": spaces around header list items
    return pieces


def _read_items(param: ParamStyle, raw_items: Sequence[str], shape: Shape) -> list[Any]:
    if len(raw_items) == 1 and raw_items[0] == "":
        return []
    return [coerce(_decode(param, item), shape.types) for item in raw_items]


def _pair(piece: str) -> tuple[str, str]:
    key, _, value = piece.partition("=")
    return key, value


def _read_pairs(
    param: ParamStyle, raw_pairs: Sequence[tuple[str, str]], shape: Shape, *, encoded_keys: bool = True
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in raw_pairs:
        name = _decode(param, key) if encoded_keys else key
        result[name] = coerce(_decode(param, value), _property(shape, name).types)
    return result


def _pairs_to_object(param: ParamStyle, items: Sequence[str], shape: Shape) -> dict[str, Any]:
    if len(items) % 2:
        raise StyleError(f"{param.label}: an object is written as name,value pairs, and one value is missing")
    pairs = zip(items[0::2], items[1::2], strict=True)
    return {key: coerce(value, _property(shape, key).types) for key, value in pairs}


def _property(shape: Shape, name: str) -> Shape:
    return shape.properties.get(name) or shape.additional or Shape()


_BRACKETS: Final = re.compile(r"\[([^\[\]]*)\]")


def _read_deep(param: ParamStyle, decoded: Sequence[tuple[str, str]], shape: Shape) -> Any:
    result: dict[str, Any] = {}
    found = False
    prefix = param.name + "["
    for key, raw_value in decoded:
        if not key.startswith(prefix):
            continue
        rest = key[len(param.name) :]
        path = _BRACKETS.findall(rest)
        if not path or "".join(f"[{p}]" for p in path) != rest:
            raise StyleError(f"{param.label}: {key!r} is not a deepObject key")
        if len(path) > MAX_DEPTH:
            raise StyleError(f"{param.label}: nested deeper than {MAX_DEPTH} levels")
        found = True
        node, node_shape = result, shape
        for part in path[:-1]:
            node_shape = _property(node_shape, part)
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise StyleError(f"{param.label}: {key!r} is both a value and an object")
            node = child
        last = path[-1]
        leaf_shape = _property(node_shape, last)
        value = coerce(_decode(param, raw_value), leaf_shape.types)
        if leaf_shape.kind == "array":
            existing = node.setdefault(last, [])
            if not isinstance(existing, list):
                raise StyleError(f"{param.label}: {key!r} is both a value and an object")
            existing.append(value)
        elif last in node:
            raise StyleError(f"{param.label}: {key!r} is given more than once")
        else:
            node[last] = value
    return result if found else MISSING


def _decode(param: ParamStyle, text: str) -> str:
    if param.location == "header":
        return text
    if param.location == "query":
        text = text.replace("+", " ")  # RFC 1866: a query decodes `+` as a space
    try:
        return unquote(text, errors="strict")
    except UnicodeDecodeError:
        raise StyleError(f"{param.label} is not UTF-8 once percent-decoded") from None


def _read_media(param: ParamStyle, text: str) -> Any:
    media = (param.content_type or "").split(";")[0].strip()
    if not _JSON_MEDIA.match(media):
        return text
    try:
        return json.loads(text, parse_constant=_not_json)
    except (ValueError, RecursionError):
        raise StyleError(f"{param.label} must be a {media} document") from None


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def coerce(text: str, types: frozenset[str]) -> Any:
    """Text as the first JSON type of the schema it fits; text that fits none stays text (validation judges)."""
    if "string" in types:
        return text
    if "integer" in types and _INTEGER.fullmatch(text):
        return int(text)
    if "number" in types and _NUMBER.fullmatch(text):
        return int(text) if _INTEGER.fullmatch(text) else float(text)
    if "boolean" in types and text in ("true", "false"):
        return text == "true"
    if "null" in types and text in ("", "null"):
        return None
    return text


__all__ = [
    "DEFAULT_STYLE",
    "LOCATIONS",
    "MISSING",
    "STYLE_LOCATIONS",
    "ParamStyle",
    "Shape",
    "StyleError",
    "coerce",
    "expand_path",
    "join_cookies",
    "join_query",
    "parse_cookie",
    "parse_header",
    "parse_path",
    "parse_query",
    "serialize",
    "split_cookies",
    "split_query",
]
