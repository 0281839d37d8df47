"""Where generated files say they come from: the provenance line of the Python packages, and the source named in
the bundles' header."""

from __future__ import annotations

import hashlib
from pathlib import Path

import generator


def provenance(spec: Path) -> str:
    """The spec (its path in its git repository, else its file name), the first 16 hex digits of the SHA-256 of
    its content, and the generator's version: enough to tell which input and which tool wrote a file."""
    resolved = spec.resolve()
    shown = resolved.name
    for folder in resolved.parents:
        if (folder / ".git").exists():
            shown = resolved.relative_to(folder).as_posix()
            break
    digest = hashlib.sha256(resolved.read_bytes()).hexdigest()[:16]
    name = " ".join(shown.split())  # one line, whatever the file is called
    return f"Generated from {name} (sha256 {digest}) by vendor-openapi-toolchain {generator.__version__}: do not edit."


def source_label(spec: Path) -> str:
    """The spec's path relative to the catalog's repository when it is in one (the bundles' header), else its name."""
    from generator.project.catalog import CATALOG_PATH

    spec = spec.resolve()
    for folder in spec.parents:
        if (folder / CATALOG_PATH).is_file():
            return spec.relative_to(folder).as_posix()
    return spec.name
