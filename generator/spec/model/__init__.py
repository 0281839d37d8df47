"""One resolved model of an OpenAPI 3.0/3.1 document, built once per spec and read by every stage.

`load_spec(path, workspace)` (or `build_spec(workspace, root)`) walks the document once: operations with their
merged parameters (location, style, explode, allowReserved, schema or content), request bodies and responses
per media type (schemas, examples, encodings, headers), security requirements (the operation's or the
document's), servers, and the security schemes; every `$ref` is followed and every node keeps where it is
written (`Node`: site and target, each a document + JSON pointer + value). The IR builder, the reference server,
the docs page and the linter's operation rules read this model instead of walking the document themselves.

- `media`: the one JSON media-type predicate;
- `nodes`: `Node`, a located node;
- `objects`: the model's dataclasses and the specification's defaults;
- `build`: the walk, and the one behaviour on a dangling `$ref` (a located SpecError);
- `schemas`: every JSON Schema object below a root, across files, each once.
"""

from generator.spec.model.build import build_spec, in_memory, load_spec, spec_of_data, status_key
from generator.spec.model.media import JSON_MEDIA, is_json_media, media_essence
from generator.spec.model.nodes import Node
from generator.spec.model.objects import (
    LOCATIONS,
    Encoding,
    Example,
    Examples,
    Header,
    MediaType,
    Operation,
    Parameter,
    ParameterLocation,
    PathItem,
    RequestBody,
    Response,
    SecurityRequirement,
    SecurityScheme,
    Server,
    ServerVariable,
    Spec,
    default_explode,
    default_style,
)

__all__ = [
    "JSON_MEDIA",
    "LOCATIONS",
    "Encoding",
    "Example",
    "Examples",
    "Header",
    "MediaType",
    "Node",
    "Operation",
    "Parameter",
    "ParameterLocation",
    "PathItem",
    "RequestBody",
    "Response",
    "SecurityRequirement",
    "SecurityScheme",
    "Server",
    "ServerVariable",
    "Spec",
    "build_spec",
    "default_explode",
    "default_style",
    "in_memory",
    "is_json_media",
    "load_spec",
    "media_essence",
    "spec_of_data",
    "status_key",
]
