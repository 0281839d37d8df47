"""`fuzz`: schemathesis (its CLI, with the repository's schemathesis.toml) against a reference server started
for the run, or against any deployment, with a report per API under reports/.

The credential reaches schemathesis through a private temporary copy of the configuration (mode 0600, removed
afterwards), never through the command line or the environment, so it cannot show in `ps` or in a report.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus
from xml.sax.saxutils import escape as xml_escape

from generator.serve.compiled import CompiledSpec, compile_spec

FRESH_SERVER_ENV = "VENDOR_OPENAPI_FUZZ_FRESH_SERVER"
FILTERED = "[Filtered]"
# What a run writes into its report folder: only these are replaced by the next run, anything else stays.
_REPORT_FILE = re.compile(r"(?:junit|json|har|ndjson|vcr)-[^/]*|summary\.json")


@dataclass
class FuzzResult:
    api: str
    spec: str
    base_url: str
    fresh_server: bool
    exit_code: int
    operations: int
    cases: int
    failures: int
    errors: int
    seconds: float
    cases_per_second: float
    report_dir: str

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and self.failures == 0 and self.errors == 0


def auth_headers(spec: CompiledSpec, token: str) -> dict[str, str]:
    """The request headers that carry `token` for the security schemes the operations use."""
    used = {name for op in spec.operations for requirement in op.security for name in requirement}
    headers: dict[str, str] = {}
    for name in sorted(used):
        scheme = spec.schemes.get(name)
        if scheme is None:
            continue
        if scheme.type == "apiKey" and scheme.location == "header" and scheme.parameter:
            headers[scheme.parameter] = token
        elif (scheme.type == "http" and scheme.http_scheme == "bearer") or scheme.type in ("oauth2", "openIdConnect"):
            headers["Authorization"] = f"Bearer {token}"
    return headers


def auth_schemes(spec: CompiledSpec, token: str, basic: tuple[str, str] | None = None) -> dict[str, dict[str, str]]:
    """schemathesis' OpenAPI-aware credentials (`[auth.openapi.<scheme>]`) for every scheme the operations use:
    schemathesis puts each where its scheme says (an API key in a header, the query string or a cookie; bearer
    and basic in `Authorization`), per operation, so a basic operation never gets another's bearer header."""
    used = {name for op in spec.operations for requirement in op.security for name in requirement}
    schemes: dict[str, dict[str, str]] = {}
    for name in sorted(used):
        scheme = spec.schemes.get(name)
        if scheme is None:
            continue
        if scheme.type == "apiKey" and scheme.parameter:
            schemes[name] = {"api_key": token}
        elif (scheme.type == "http" and scheme.http_scheme == "bearer") or scheme.type in ("oauth2", "openIdConnect"):
            schemes[name] = {"bearer": token}
        elif scheme.type == "http" and scheme.http_scheme == "basic" and basic is not None:
            schemes[name] = {"username": basic[0], "password": basic[1]}
    return schemes


def secret_forms(secrets_: list[str]) -> list[str]:
    """Each credential as it can appear in a report: as sent, percent-encoded (URLs), JSON- and XML-escaped,
    and base64 (HTTP basic); longest first, so a longer form is replaced before a shorter one inside it."""
    forms: set[str] = set()
    for value in secrets_:
        scheme, _, credential = value.partition(" ")
        candidates = [value, credential] if scheme.lower() in ("bearer", "basic") and credential else [value]
        forms |= _forms(candidates)
    return sorted(forms, key=len, reverse=True)


def _forms(secrets_: list[str]) -> set[str]:
    forms: set[str] = set()
    for secret in secrets_:
        if not secret:
            continue
        forms |= {
            secret,
            quote(secret, safe=""),
            quote(secret),  # "/" kept, as in paths
            quote_plus(secret),
            json.dumps(secret)[1:-1],
            json.dumps(secret, ensure_ascii=False)[1:-1],
            xml_escape(secret, {'"': "&quot;"}),
            base64.b64encode(secret.encode()).decode(),
        }
    return forms


def scrub_reports(report_dir: Path, secrets_: list[str]) -> int:
    """Replace every credential of the run in every report file (HAR, JSON, JUnit, ...), whatever header, query
    parameter or cookie carried it, so that no report needs to know the spec's names. Returns the replacements."""
    forms = secret_forms(secrets_)
    replaced = 0
    for path in sorted(report_dir.rglob("*")):
        if not path.is_file() or not forms:
            continue
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        count = sum(text.count(form) for form in forms)
        if count:
            for form in forms:
                text = text.replace(form, FILTERED)
            path.write_text(text, encoding="utf-8", errors="surrogateescape")
            replaced += count
    return replaced


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string once non-ASCII is escaped (both use \uXXXX).
    return json.dumps(text, ensure_ascii=True)


def private_config(
    base: Path, headers: dict[str, str], directory: Path, auth: dict[str, dict[str, str]] | None = None
) -> Path:
    """The repository's schemathesis.toml plus a [headers] table and `[auth.openapi.<scheme>]` tables, in a file
    only this user can read."""
    text = base.read_text(encoding="utf-8") if base.is_file() else ""
    lines = [text.rstrip("\n"), "", "[headers]"]
    lines += [f"{_toml_string(name)} = {_toml_string(value)}" for name, value in headers.items()]
    for scheme, values in (auth or {}).items():
        lines += ["", f"[auth.openapi.{_toml_string(scheme)}]"]
        lines += [f"{key} = {_toml_string(value)}" for key, value in values.items()]
    descriptor, name = tempfile.mkstemp(prefix="schemathesis-", suffix=".toml", dir=directory)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.chmod(name, 0o600)
    return Path(name)


def run_schemathesis(
    spec_path: Path,
    base_url: str,
    headers: dict[str, str],
    *,
    auth: dict[str, dict[str, str]] | None = None,
    secrets_: list[str] | None = None,
    root: Path,
    report_dir: Path,
    max_examples: int | None,
    extra_args: list[str],
    fresh_server: bool,
) -> tuple[int, dict[str, Any]]:
    report_dir.mkdir(parents=True, exist_ok=True)
    for old in report_dir.glob("*"):
        if old.is_file() and _REPORT_FILE.fullmatch(old.name):
            old.unlink()
    config = private_config(root / "schemathesis.toml", headers, report_dir, auth)
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run", str(spec_path)]
    # every check, whatever the configuration file says (custom checks registered by the hooks included)
    command += ["--url", base_url, "--checks", "all", "--report", "junit,json,har", "--report-dir", str(report_dir)]
    if max_examples is not None:
        command += ["--max-examples", str(max_examples)]
    command += extra_args
    env = dict(os.environ)
    env[FRESH_SERVER_ENV] = "1" if fresh_server else "0"
    env.setdefault("PYTHONPATH", str(root))
    try:
        completed = subprocess.run(command, cwd=root, env=env, check=False)
    finally:
        config.unlink(missing_ok=True)
        # schemathesis masks only the header names it knows (Authorization, X-API-Key, ...): the values are
        # scrubbed here, whatever the spec's security schemes call them (X-Tenant-Cred)
        scrub_reports(report_dir, sorted(set(headers.values()) | set(secrets_ or ())))
    reports = sorted(report_dir.glob("json-*.json"))
    summary: dict[str, Any] = json.loads(reports[-1].read_text(encoding="utf-8")) if reports else {}
    return completed.returncode, summary


def fuzz_one(
    api_name: str | None,
    spec_path: Path,
    *,
    root: Path,
    reports: Path,
    base_url: str | None,
    token: str | None,
    max_examples: int | None,
    extra_args: list[str],
) -> FuzzResult:
    from generator.serve.app import ServeOptions, build_app
    from generator.serve.auth import Credentials
    from generator.serve.runner import BackgroundServer

    spec = compile_spec(spec_path)
    label = api_name or spec_path.stem
    report_dir = reports / label
    with ExitStack() as stack:
        fresh = base_url is None
        basic: tuple[str, str] | None = None
        if fresh:
            # Credentials for this run only, so the ignored_auth check has something to be wrong about.
            token = secrets.token_urlsafe(24)
            basic = ("fuzz", secrets.token_urlsafe(18))
            options = ServeOptions(credentials=Credentials(token=token, user=basic[0], password=basic[1]))
            server = stack.enter_context(BackgroundServer(build_app(spec, api_name=api_name, options=options)))
            base_url = server.base_url
        assert base_url is not None
        headers = auth_headers(spec, token or "")
        auth = auth_schemes(spec, token or "", basic)
        sent = [token or "", *headers.values()]
        if basic is not None:
            sent += [basic[1], "Basic " + base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode()]
        started = time.perf_counter()
        exit_code, summary = run_schemathesis(
            spec_path,
            base_url,
            {},  # every credential goes through `auth`; `headers` only lists the values to scrub
            auth=auth,
            secrets_=sent,
            root=root,
            report_dir=report_dir,
            max_examples=max_examples,
            extra_args=extra_args,
            fresh_server=fresh,
        )
        seconds = time.perf_counter() - started
    cases = int((summary.get("test_cases") or {}).get("generated", 0))
    result = FuzzResult(
        api=label,
        spec=str(spec_path),
        base_url=base_url,
        fresh_server=fresh,
        exit_code=exit_code,
        operations=int((summary.get("operations") or {}).get("tested", 0)),
        cases=cases,
        failures=len(summary.get("failures") or []),
        errors=len(summary.get("errors") or []),
        seconds=round(seconds, 2),
        cases_per_second=round(cases / seconds, 1) if seconds else 0.0,
        report_dir=str(report_dir),
    )
    (report_dir / "summary.json").write_text(json.dumps(asdict(result), indent=2) + "\n", encoding="utf-8")
    return result


def format_results(results: list[FuzzResult]) -> str:
    rows = [("API", "operations", "cases", "failures", "errors", "seconds", "cases/s")]
    for r in results:
        rows.append(
            (
                r.api,
                str(r.operations),
                str(r.cases),
                str(r.failures),
                str(r.errors),
                f"{r.seconds:.1f}",
                f"{r.cases_per_second:.1f}",
            )
        )
    total_cases = sum(r.cases for r in results)
    total_seconds = sum(r.seconds for r in results)
    rows.append(
        (
            "total",
            str(sum(r.operations for r in results)),
            str(total_cases),
            str(sum(r.failures for r in results)),
            str(sum(r.errors for r in results)),
            f"{total_seconds:.1f}",
            f"{total_cases / total_seconds:.1f}" if total_seconds else "0",
        )
    )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows)
