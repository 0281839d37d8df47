"""The catalog of APIs (specs/catalog.yaml): the one place that names each API, its spec and its package."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.spec.diagnostics import Diagnostic, SpecError
from generator.spec.load import read_document

CATALOG_PATH = Path("specs") / "catalog.yaml"


@dataclass(frozen=True)
class Api:
    name: str
    title: str
    spec: Path
    package: str
    package_dir: Path

    def as_json(self, root: Path) -> dict[str, str]:
        return {
            "name": self.name,
            "title": self.title,
            "spec": self.spec.relative_to(root).as_posix(),
            "package": self.package,
            "package_dir": self.package_dir.relative_to(root).as_posix(),
        }


def find_root(start: Path | None = None) -> Path:
    """The repository root: $VENDOR_OPENAPI_ROOT, else the nearest folder above cwd holding the catalog,
    else the checkout this package was installed from."""
    if env := os.environ.get("VENDOR_OPENAPI_ROOT"):
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CATALOG_PATH).is_file():
            return folder
    return Path(__file__).resolve().parent.parent


def load_catalog(root: Path | None = None) -> list[Api]:
    root = root or find_root()
    document = read_document(root / CATALOG_PATH)
    apis = document.data.get("apis") if isinstance(document.data, dict) else None
    if not isinstance(apis, list):
        raise SpecError([document.diagnostic("", "the catalog needs a list under `apis`")])
    result: list[Api] = []
    for index, entry in enumerate(apis):
        pointer = f"/apis/{index}"
        missing = [k for k in ("name", "spec", "package", "package_dir") if not isinstance(entry.get(k), str)]
        if missing:
            raise SpecError([document.diagnostic(pointer, f"catalog entry lacks {', '.join(missing)}")])
        result.append(
            Api(
                name=entry["name"],
                title=entry.get("title", entry["name"]),
                spec=root / entry["spec"],
                package=entry["package"],
                package_dir=root / entry["package_dir"],
            )
        )
    return result


def find_api(name: str, root: Path | None = None) -> Api:
    apis = load_catalog(root)
    for api in apis:
        if api.name == name:
            return api
    raise KeyError(f"unknown API {name!r}; the catalog has: {', '.join(a.name for a in apis)}")


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
