"""`API|SPEC` on the command line: a catalog name, or a path to any OpenAPI document."""

from __future__ import annotations

from pathlib import Path

from generator.project.catalog import find_root, load_catalog
from generator.spec.diagnostics import Diagnostic, SpecError


def resolve_api(name_or_path: str) -> tuple[Path, str | None]:
    """(spec path, catalog API name or None). A path that is a catalog spec gets that API's vendor module."""
    root = find_root()
    apis = load_catalog(root)
    for api in apis:
        if api.name == name_or_path:
            return api.spec, api.name
    path = Path(name_or_path)
    if path.exists():
        for api in apis:
            if api.spec.resolve() == path.resolve():
                return api.spec, api.name
        return path, None
    names = ", ".join(api.name for api in apis)
    raise SpecError([Diagnostic(path, 1, 1, "", f"neither a catalog API ({names}) nor an existing file")])
