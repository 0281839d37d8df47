"""The rendered-package cache (`generator.project.cache.Rendered`): a re-run over unchanged documents writes what
a run with an empty cache writes, without building anything; any change to a document it read, and any damage to
the entry, makes it render again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import generator.ir.build
from generator.project import pipeline
from generator.project.cache import cache_dir
from generator.spec.diagnostics import SpecError
from tests.conftest import FIXTURES

PETSTORE = FIXTURES / "generate" / "petstore" / "openapi.yaml"

ROOT = """\
openapi: 3.1.0
info: {title: Split, version: "1.0"}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "parts.yaml#/Thing"}
"""
PARTS = """\
Thing:
  type: object
  properties:
    name: {type: string}
"""


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The packages built from a document (not restored from the cache) from now on."""
    built: list[str] = []
    real = generator.ir.build.build_api

    def counting(spec: Path, package: str, workspace: object) -> object:
        built.append(package)
        return real(spec, package, workspace)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.ir.build, "build_api", counting)
    return built


def _cold(spec: Path, out: Path, monkeypatch: pytest.MonkeyPatch, package: str) -> dict[str, bytes]:
    with monkeypatch.context() as patch:
        patch.setenv("VENDOR_OPENAPI_CACHE", str(out.with_name(out.name + "-cache")))
        pipeline.generate_one(spec, out, package)
    return _tree(out)


def test_an_unchanged_re_run_restores_what_a_cold_run_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path / "cache"))
    built = _builds(monkeypatch)
    pipeline.generate_one(PETSTORE, tmp_path / "first", "pets")
    pipeline.generate_one(PETSTORE, tmp_path / "again", "pets")
    assert built == ["pets"]  # the second run built nothing
    cold = _cold(PETSTORE, tmp_path / "cold", monkeypatch, "pets")
    assert _tree(tmp_path / "again") == _tree(tmp_path / "first") == cold
    (entry,) = (cache_dir() / "rendered").iterdir()
    names = [name for name, _size in json.loads(entry.read_bytes().partition(b"\n")[0])["sizes"]]
    assert ".generated-by" in cold and ".generated-by" not in names  # the staging folder's marker is not ours

    pipeline.generate_one(PETSTORE, tmp_path / "other", "other_name")  # another package: another entry
    assert built == ["pets", "pets", "other_name"]  # the first run, the cold one, this one


def test_a_change_to_a_referenced_file_renders_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path / "cache"))
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "openapi.yaml").write_text(ROOT, encoding="utf-8")
    (specs / "parts.yaml").write_text(PARTS, encoding="utf-8")
    built = _builds(monkeypatch)
    pipeline.generate_one(specs / "openapi.yaml", tmp_path / "first", "split")

    (specs / "parts.yaml").write_text(PARTS + "    size: {type: integer}\n", encoding="utf-8")
    pipeline.generate_one(specs / "openapi.yaml", tmp_path / "second", "split")
    assert built == ["split", "split"]
    assert len(list((cache_dir() / "rendered").iterdir())) == 1  # the entry was replaced
    assert "size" in (tmp_path / "second" / "split" / "models.py").read_text(encoding="utf-8")
    assert _tree(tmp_path / "second") == _cold(specs / "openapi.yaml", tmp_path / "cold", monkeypatch, "split")


@pytest.mark.parametrize("damage", ["truncate", "garbage", "escape"])
def test_a_damaged_entry_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path / "cache"))
    pipeline.generate_one(PETSTORE, tmp_path / "first", "pets")
    (entry,) = (cache_dir() / "rendered").iterdir()
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) - 10])
    elif damage == "garbage":
        entry.write_bytes(b"\x00\xff" + data)
    else:  # a name that would leave the output folder
        entry.write_bytes(data.replace(b'"pets/client.py"', b'"../client.py"', 1))
    built = _builds(monkeypatch)
    pipeline.generate_one(PETSTORE, tmp_path / "second", "pets")
    assert built == ["pets"]
    assert not (tmp_path / "client.py").exists()
    assert _tree(tmp_path / "second") == _tree(tmp_path / "first")


def test_a_failed_run_records_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path / "cache"))
    spec = tmp_path / "broken.yaml"
    spec.write_text(ROOT, encoding="utf-8")  # parts.yaml is missing: the `$ref` dangles
    with pytest.raises(SpecError, match=r"parts\.yaml"):
        pipeline.generate_one(spec, tmp_path / "out", "broken")
    assert not (tmp_path / "out").exists()
    assert not (cache_dir() / "rendered").exists() or not any((cache_dir() / "rendered").iterdir())
