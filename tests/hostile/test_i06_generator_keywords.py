"""Item 6: only JSON Schema / OpenAPI keywords reach datamodel-code-generator; its own extensions are dropped with
a located warning, so a spec can never make models.py import a module of its choosing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.budget import HOSTILE, run_cli

SPEC = HOSTILE / "i6-custom-type-path.yaml"


@pytest.mark.slow
def test_extension_keywords_never_become_imports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("generate", SPEC, "--out", out, "--package", "things", cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    models = (out / "things" / "models.py").read_text()
    assert "evilmod" not in models and "from this" not in models and "import this" not in models
    # the property merely named like the keyword is kept, and required
    assert "\n    customTypePath: str\n" in models
    # each dropped keyword is reported once, located in the spec
    warnings = [line for line in result.stderr.splitlines() if "not understood" in line]
    assert any("i6-custom-type-path.yaml:29:23: /components/schemas/Thing/customBasePath:" in w for w in warnings)
    assert any("/components/schemas/Thing/properties/name/customTypePath:" in w for w in warnings)
    assert any("/properties/tags/items/customTypePath:" in w for w in warnings)
    # a module of the caller's working directory must not run when the client is imported
    (tmp_path / "evilmod.py").write_text("raise SystemExit('evilmod ran')\n")
    (tmp_path / "this.py").write_text("raise SystemExit('this ran')\n")
    check = subprocess.run(
        [sys.executable, "-c", "import things.models as m; print(sorted(m.Thing.model_fields))"],
        cwd=tmp_path,
        env={"PYTHONPATH": f"{out}:{tmp_path}", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    assert "'customTypePath'" in check.stdout and "ran" not in check.stdout + check.stderr
