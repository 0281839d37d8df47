"""Which schema keywords may reach datamodel-code-generator: those of JSON Schema 2020-12 and OpenAPI, nothing else.

datamodel-code-generator honours extension keywords of its own (`customTypePath` and `customBasePath` make
`models.py` import a module the spec names; `x-python-import`, `x-python-type` and friends do the same).
`generator.ir.build` already drops every `x-` keyword; this module is the allow-list for the others: a keyword
outside it is dropped from the models, with a located warning on stderr, so a spec can never choose code to
import. Property names are not keywords: only the keys of a schema object are checked here.
"""

from __future__ import annotations

import logging

from generator.spec.load import Document

log = logging.getLogger(__name__)

SCHEMA_KEYWORDS = frozenset(
    {
        # core
        "$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs",
        "definitions",
        # applicators
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "prefixItems", "items",
        "contains", "properties", "patternProperties", "additionalProperties", "propertyNames",
        "unevaluatedItems", "unevaluatedProperties",
        # validation
        "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
        "maxProperties", "minProperties", "required", "dependentRequired",
        # annotations, format, content
        "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples", "format",
        "contentEncoding", "contentMediaType", "contentSchema",
        # OpenAPI 3.0/3.1 schema object
        "discriminator", "xml", "externalDocs", "example", "nullable",
    }
)  # fmt: skip


def understood(document: Document, pointer: str, keyword: str) -> bool:
    """Whether `keyword` (a key of the schema at `pointer`, e.g. `/components/schemas/Pet/customTypePath`) may
    be passed on; `x-` extensions are the caller's business. Anything else is reported once and dropped."""
    if keyword in SCHEMA_KEYWORDS or keyword.startswith("x-"):
        return True
    diagnostic = document.diagnostic(pointer, f"warning: schema keyword {keyword!r} is not understood; dropped")
    log.warning("%s", diagnostic.format())
    return False
