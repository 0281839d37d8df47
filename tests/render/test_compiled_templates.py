"""Compiled templates come from the generation cache when they can, and from the source when the entry is
missing, damaged or for another template text."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.project.cache import cache_dir
from generator.render import environment as environment_module


def _render() -> str:
    env = environment_module.environment()
    env.cache.clear()  # jinja2's in-memory cache: each call goes to the bytecode cache
    return env.get_template("python/pyproject.toml.jinja").render(
        api=type("A", (), {"distribution": "d", "version": "1", "title": "t", "description": ""})(),
        package="p",
        dependencies=(),
    )


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_a_damaged_entry_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes | None
) -> None:
    monkeypatch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path))
    first = _render()
    (entry,) = (cache_dir() / "templates").iterdir()
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2] if damage is None else damage)
    assert _render() == first
    assert entry.read_bytes() == data  # compiled again, and written again
    assert _render() == first
