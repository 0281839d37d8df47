"""`make generate` prints the breaking changes of the new bundles against the committed ones, before the swap."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.diff.hook import report_breaks
from generator.project.catalog import load_catalog
from tests.conftest import ROOT


def test_a_narrowed_bundle_is_reported_and_an_equal_one_is_silent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    apis = [api for api in load_catalog(ROOT) if api.name == "apig"]
    committed, staging = tmp_path / "committed", tmp_path / "staging"
    for folder in (committed, staging):
        (folder / "openapi").mkdir(parents=True)
        shutil.copy(ROOT / "generated" / "openapi" / "apig.openapi.json", folder / "openapi")
    report_breaks(committed, staging, apis)
    assert capsys.readouterr().err == ""

    bundle = staging / "openapi" / "apig.openapi.json"
    document = json.loads(bundle.read_text(encoding="utf-8"))
    name = document["components"]["schemas"]["CreatePluginRequest"]["properties"]["plugin_name"]
    name["maxLength"] = 10
    bundle.write_text(json.dumps(document, indent=2), encoding="utf-8")
    report_breaks(committed, staging, apis)
    err = capsys.readouterr().err
    assert "apig: 1 breaking change(s) against the committed bundle" in err
    assert "maxLength lowered to 10" in err
    assert "witness:" in err
