"""`_lazy.LazyModule`: the stand-in a runtime module binds instead of httpx or pydantic, imported on first use."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from generator.runtime._lazy import LazyModule


def test_the_first_attribute_read_imports_the_module_and_replaces_the_stand_in() -> None:
    namespace: dict[str, Any] = {}
    namespace["json"] = stand_in = LazyModule("json", namespace)
    assert "imported on first use" in repr(stand_in)
    assert stand_in.dumps([1]) == "[1]"
    import json

    assert namespace["json"] is json
    assert stand_in.loads("2") == 2  # a copy kept elsewhere still works


def test_a_relative_name_is_imported_from_its_package() -> None:
    namespace: dict[str, Any] = {}
    namespace["styles"] = stand_in = LazyModule(".styles", namespace, "generator.runtime")
    assert stand_in.DEFAULT_STYLE["query"] == "form"
    assert namespace["styles"] is sys.modules["generator.runtime.styles"]


def test_a_rebound_name_is_left_alone() -> None:
    namespace: dict[str, Any] = {}
    stand_in = LazyModule("json", namespace)
    namespace["json"] = "something else"
    assert stand_in.dumps(1) == "1"
    assert namespace["json"] == "something else"


def test_nothing_is_imported_before_an_attribute_is_read() -> None:
    probe = (
        "import sys; from generator.runtime._lazy import LazyModule; ns = {}; "
        "ns['xml'] = LazyModule('xml.dom.minidom', ns); "
        "assert 'xml.dom.minidom' not in sys.modules; ns['xml'].parseString; "
        "assert 'xml.dom.minidom' in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
