"""Item 13: fuzz reports hold no credential, whatever header the spec's security scheme names (schemathesis masks
only the names it knows); and a report folder keeps every file the run did not write."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import quote

import pytest

from generator.fuzz.run import FILTERED, fuzz_one, scrub_reports
from generator.serve.app import ServeOptions, build_app
from generator.serve.auth import Credentials
from generator.serve.runner import BackgroundServer
from tests.conftest import ROOT
from tests.hostile.budget import HOSTILE, budget

TOKEN = "Tenant-Secret/0123+456789=abc"  # characters that URLs, JSON and XML each write differently


@pytest.mark.slow  # a real subprocess run of several seconds: `make test`, not `make check`
def test_a_deployment_run_writes_no_token_into_any_report(tmp_path: Path) -> None:
    spec = HOSTILE / "i19-big-numbers.yaml"  # its API key travels in X-Tenant-Cred
    options = ServeOptions(credentials=Credentials(token=TOKEN))
    (tmp_path / "reports" / spec.stem).mkdir(parents=True)
    keep = tmp_path / "reports" / spec.stem / "my-notes.txt"
    keep.write_text("not a report")
    with BackgroundServer(build_app(spec, options=options)) as server, budget(seconds=180, megabytes=512):
        result = fuzz_one(
            None,
            spec,
            root=ROOT,
            reports=tmp_path / "reports",
            base_url=server.base_url,
            token=TOKEN,
            max_examples=5,
            extra_args=["--phases=examples,fuzzing"],
        )
    report_dir = Path(result.report_dir)
    files = sorted(p for p in report_dir.iterdir() if p.is_file())
    har = [p for p in files if p.name.startswith("har-")]
    assert har, [p.name for p in files]
    assert keep.read_text() == "not a report"
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    assert result.cases > 0
    assert "X-Tenant-Cred" in text or "x-tenant-cred" in text.lower()  # the header was sent and recorded...
    assert TOKEN not in text and quote(TOKEN, safe="") not in text  # ...but never its value
    assert FILTERED in text


def test_every_written_form_of_a_secret_is_scrubbed(tmp_path: Path) -> None:
    secret = 's3cr/t+&<"x'
    forms = {
        "har.json": json.dumps(
            {"headers": [{"name": "X-Tenant-Cred", "value": secret}], "url": f"/x?k={quote(secret)}"}
        ),
        "junit.xml": '<failure message="token s3cr/t+&amp;&lt;&quot;x"/>',
        "basic.txt": "Authorization: Basic " + base64.b64encode(secret.encode()).decode(),
        "bearer.txt": "Authorization: Bearer " + secret,
    }
    for name, text in forms.items():
        (tmp_path / name).write_text(text)
    assert scrub_reports(tmp_path, [secret, f"Bearer {secret}"]) >= len(forms)
    for path in tmp_path.iterdir():
        text = path.read_text()
        assert "s3cr" not in text and base64.b64encode(secret.encode()).decode() not in text, (path.name, text)
