"""Any OpenAPI document, end to end: generate its client, serve it, call every operation through the client.

    python -m bench.anyspec SPEC [SPEC ...] [--json] [--examples N]

For each document: `generate` writes a package into a temporary folder; the reference server serves the same
document on 127.0.0.1; schemathesis draws requests the document allows (fixed seed, positive mode, from the copy
of the document `anyspec_draws` prepares); each request is made through the generated client, sync and async,
mapping wire names to the client's keyword arguments with the IR (the same names the generator used). An
operation passes when every drawn call returns the documented success and the client parses it.

A drawn request OpenAPI cannot carry (below: `undefined-style`, `breaks-discriminator`) was never sent: another
is drawn instead, from a larger run of the same seeded generator (at most `REDRAWS` per wanted request), so the
operation is still called and counted. The first real failure is the outcome even when redraws follow it, and
an uncarryable outcome stays only when no draw could be carried; `redrawn` says how many were redrawn. Every
operation counts in the denominator. Outcomes, so a failure says which side disagrees:

- `generate`: the package could not be generated or imported (the whole document fails);
- `client-refused`: the client refused, before sending, a request the document allows;
- `undefined-style`: every draw held a value the OpenAPI specification gives no serialization for in the
  parameter's style (an object nested in a `form` object, `[""]` in a `form` array; `NO_SERIALIZATION`);
- `breaks-discriminator`: every drawn body's discriminator value named no member, where the draw cannot tie
  the two (a discriminator with no union beside it); where it does tie them, a refusal is `client-refused`;
- `unsatisfiable`: the document's schema admits no value at all (`allOf` of a string and an integer), so there
  is no request to make;
- `server-refused`: the server answered 4xx/5xx to a request the document allows;
- `response-invalid`: the client could not parse the server's answer;
- `error`: anything else (the message says what).

Not a benchmark of speed: a measure of how much of a document nobody here wrote works end to end. The test
suite runs it on public example documents (tests/anyspec/); `--json` gives the numbers for a larger set.

One module over 400 lines because calling, classifying and tallying are one measurement that must agree on
every outcome; what is drawn (the document copy schemathesis reads, the seed) lives in `anyspec_draws`.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import inspect
import json
import re
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.anyspec_draws import drawn_cases, load_for_drawing

OUTCOMES = (
    "pass",
    "client-refused",
    "undefined-style",
    "breaks-discriminator",
    "unsatisfiable",
    "server-refused",
    "response-invalid",
    "error",
)
# The client's refusals of a value the OpenAPI specification gives no serialization in the parameter's (or form
# field's) style, by their text (`generator/runtime/styles.py`); its other style refusals stay `client-refused`.
NO_SERIALIZATION = (
    "has no form in style",
    "deepObject carries an object",
    "cannot be told from an empty array",
    "whose item contains ','",
    "the delimiter of its style",
    "contains '[' or ']', the delimiters of deepObject",
)
# pydantic's error types for a value whose discriminator names no (or another) member of the union
DISCRIMINATOR_ERRORS = frozenset({"union_tag_invalid", "union_tag_not_found", "literal_error"})
# Outcomes of a drawn request OpenAPI cannot carry: nothing was sent, another draw is made instead.
UNCARRYABLE = frozenset({"undefined-style", "breaks-discriminator"})
REDRAWS = 10  # at most this many draws per wanted request
TOKEN = "anyspec-token-5f1c"
USER, PASSWORD = "anyspec-user", "anyspec-password-9d3e"


@dataclass
class OperationResult:
    operation: str  # "METHOD /path"
    mode: str  # sync | async
    outcome: str
    detail: str = ""
    redrawn: int = 0  # drawn requests the document cannot carry, left out for others (see `Draws`)


@dataclass
class SpecResult:
    spec: str
    generated: bool
    detail: str = ""
    operations: list[OperationResult] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(1 for r in self.operations if r.outcome == "pass")


def _package_name(spec: Path, index: int) -> str:
    stem = re.sub(r"\W+", "_", spec.stem).strip("_").lower() or "api"
    return f"anyspec_{index}_{stem}"


@contextmanager
def _imported(folder: Path, package: str) -> Iterator[Any]:
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


def _short(exc: BaseException, limit: int = 300) -> str:
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _classify(package: Any, exc: BaseException, discriminators: frozenset[str] = frozenset()) -> str:
    errors = package.errors
    if isinstance(exc, errors.RequestValidationError):
        kinds = {str(e.get("type", "")) for e in exc.errors}
        if kinds <= {"style", "parameter_style"} and all(_no_serialization(e) for e in exc.errors):
            return "undefined-style"
        if kinds <= DISCRIMINATOR_ERRORS and _discriminated(exc, discriminators):
            return "breaks-discriminator"
        return "client-refused"
    if isinstance(exc, errors.APIResponseValidationError):
        return "response-invalid"
    if isinstance(exc, errors.APIStatusError):
        return "server-refused"
    return "error"


def _no_serialization(error: dict[str, Any]) -> bool:
    return any(text in str(error.get("msg", "")) for text in NO_SERIALIZATION)


def _discriminated(exc: Any, names: frozenset[str]) -> bool:
    """Every problem is about a discriminator whose value the draw did not tie to the body (`untied` in
    `anyspec_draws`): schemathesis draws from the JSON Schema, which does not tie the two together. Where the
    draw did tie them, a refusal is the client's own."""

    def untied(error: dict[str, Any]) -> bool:
        if error.get("type") == "literal_error":
            return (error.get("loc") or ("",))[-1] in names
        return any(f"'{name}'" in str(error.get("msg", "")) for name in names)

    return bool(names) and all(untied(e) for e in exc.errors)


def _credentials(client_class: type, api: Any) -> dict[str, Any]:
    """A value for every credential keyword the generated constructor takes: the token for each apiKey/bearer
    scheme (its keyword from the IR), user and password for HTTP basic."""
    accepted = set(inspect.signature(client_class).parameters)
    given: dict[str, Any] = {}
    for scheme in api.schemes:
        if scheme.kind == "basic":
            given.update(username=USER, password=PASSWORD)
        else:
            given[scheme.argument] = TOKEN
    return {name: value for name, value in given.items() if name in accepted}


def _server_credentials() -> Any:
    """What the reference server accepts: the token, and user + password where the server checks basic auth."""
    import dataclasses

    from generator.serve.auth import Credentials

    fields = {f.name for f in dataclasses.fields(Credentials)}
    basic = {"user": USER, "password": PASSWORD} if {"user", "password"} <= fields else {}
    return Credentials(token=TOKEN, **basic)


def _arguments(api: Any, operation: Any, case: Any) -> dict[str, Any]:
    """schemathesis' Case (wire names per location) -> the generated method's keyword arguments."""
    sources = {
        "path": case.path_parameters or {},
        "query": case.query or {},
        "header": {k.lower(): v for k, v in (case.headers or {}).items()},
        "cookie": case.cookies or {},
    }
    arguments: dict[str, Any] = {}
    for parameter in operation.parameters:
        key = parameter.name.lower() if parameter.location == "header" else parameter.name
        if key in sources[parameter.location]:
            value = sources[parameter.location][key]
            if parameter.location == "path":
                value = _path_value(api, parameter, value)
            arguments[parameter.argument] = value
    if operation.body is not None and not _is_unset(case.body):
        arguments["body"] = _bytes_for_files(case.body, text=operation.body.kind == "json")
    return arguments


def _bytes_for_files(value: Any, *, text: bool) -> Any:
    """schemathesis draws file contents as `Binary` (a `str` subclass holding `.data`); the client takes bytes,
    or, inside a JSON document (which cannot hold raw bytes), text."""
    if type(value).__name__ == "Binary" and isinstance(getattr(value, "data", None), bytes):
        return value.data.decode("latin-1") if text else value.data
    if isinstance(value, dict):
        return {k: _bytes_for_files(v, text=text) for k, v in value.items()}
    if isinstance(value, list):
        return [_bytes_for_files(v, text=text) for v in value]
    return value


def _path_value(api: Any, parameter: Any, text: Any) -> Any:
    """Undo schemathesis' serialization of a path value (simple, label or matrix), by the parameter's schema."""
    from urllib.parse import unquote

    if not isinstance(text, str):
        return text
    schema = parameter.schema
    for _ in range(8):  # the IR names object schemas: follow `$ref`s to the model's schema
        if not isinstance(schema.get("$ref"), str):
            break
        schema = api.schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
    kind = schema.get("type") or ("object" if "properties" in schema else None)
    if kind not in ("array", "object"):
        return unquote(text)
    if parameter.style == "label":
        text = text.removeprefix(".")
        separator = "." if parameter.explode else ","
    elif parameter.style == "matrix":
        text = text.removeprefix(";")
        separator = ";" if parameter.explode else ","
        if not parameter.explode or kind == "object":
            text = text.removeprefix(parameter.name + "=")
    else:
        separator = ","
    parts = [unquote(p) for p in text.split(separator)] if text else []
    if kind == "array":
        if parameter.style == "matrix" and parameter.explode:
            return [p.split("=", 1)[-1] for p in parts]
        return parts
    if parameter.explode:
        return dict(p.split("=", 1) for p in parts if "=" in p)
    return dict(zip(parts[::2], parts[1::2], strict=False))


def _is_unset(value: Any) -> bool:
    return type(value).__name__ == "NotSet"


class Draws:
    """The requests for one operation: the first `examples` drawn and, asked for only when the client refused
    one the document cannot carry (`UNCARRYABLE`: nothing was sent), further draws from a larger run of the same
    seeded generator, up to `REDRAWS` per wanted request. The same sequence for the sync and the async client."""

    def __init__(self, api: Any, operation: Any, schema: Any, examples: int) -> None:
        self.api, self.operation, self.schema, self.examples = api, operation, schema, examples
        self.first = [self._arguments(case) for case in self._draw(examples)]
        self._more: list[dict[str, Any]] | None = None

    def _draw(self, count: int) -> list[Any]:
        return drawn_cases(self.schema, self.operation.http_method, self.operation.path, count)

    def _arguments(self, case: Any) -> dict[str, Any]:
        return _arguments(self.api, self.operation, case)

    def more(self) -> list[dict[str, Any]]:
        if self._more is None:
            try:
                extra = [self._arguments(case) for case in self._draw(self.examples * REDRAWS)]
            except Exception:  # the first draws worked: a failure here only ends the redraws
                extra = []
            seen = {repr(arguments) for arguments in self.first}
            self._more = []
            for arguments in extra:
                if repr(arguments) not in seen:
                    seen.add(repr(arguments))
                    self._more.append(arguments)
        return self._more


class Tally:
    """The outcome of one operation in one mode. The first real failure is the outcome; a draw the document
    cannot carry is counted and redrawn, and is the outcome only when no draw it can carry was found."""

    def __init__(self, label: str, mode: str, examples: int) -> None:
        self.label, self.mode, self.examples = label, mode, examples
        self.made = self.redrawn = 0
        self.uncarryable: tuple[str, str] | None = None

    def passed(self) -> OperationResult | None:
        self.made += 1
        return self.result("pass") if self.made >= self.examples else None

    def failed(self, outcome: str, detail: str) -> OperationResult | None:
        if outcome not in UNCARRYABLE:
            return self.result(outcome, detail)
        self.redrawn += 1
        self.uncarryable = self.uncarryable or (outcome, detail)
        return None

    def wants_more(self) -> bool:
        return self.redrawn > 0 and self.made < self.examples

    def final(self) -> OperationResult:
        if self.made == 0 and self.uncarryable is not None:
            outcome, detail = self.uncarryable
            return self.result(outcome, f"no carryable draw in {self.redrawn}: {detail}")
        return self.result("pass")

    def result(self, outcome: str, detail: str = "") -> OperationResult:
        return OperationResult(self.label, self.mode, outcome, detail, self.redrawn)


def run_spec(spec: Path, index: int = 0, *, examples: int = 3, workdir: Path) -> SpecResult:
    from generator.ir.build import build_api
    from generator.project.pipeline import generate_one
    from generator.serve.app import ServeOptions, build_app
    from generator.serve.runner import BackgroundServer
    from generator.spec.diagnostics import SpecError
    from generator.spec.load import Workspace

    result = SpecResult(spec=str(spec), generated=False)
    package_name = _package_name(spec, index)
    out = workdir / package_name
    try:
        generate_one(spec, out, package_name)
        api = build_api(spec, package_name, Workspace())
    except SpecError as exc:
        result.detail = exc.diagnostics[0].format() if exc.diagnostics else "refused"
        return result
    except Exception as exc:  # a crash of the generator is a finding, reported like any other
        result.detail = _short(exc)
        return result
    try:
        if not api.operations:  # nothing to call (a webhooks-only document): generated and imported is all
            with _imported(out, package_name):
                result.generated = True
            return result
        app = build_app(spec, options=ServeOptions(credentials=_server_credentials()))
    except SpecError as exc:
        result.detail = "serve: " + (exc.diagnostics[0].format() if exc.diagnostics else "refused")
        return result
    schema, untied = load_for_drawing(spec)
    with _imported(out, package_name) as package:
        result.generated = True
        with BackgroundServer(app) as server:
            base = server.base_url + _base_path(api)
            credentials = _credentials(package.Client, api)
            names = untied
            for operation in api.operations:
                label = f"{operation.http_method} {operation.path}"
                try:
                    draws = Draws(api, operation, schema, examples)
                except Exception as exc:
                    outcome = "unsatisfiable" if type(exc).__name__ == "UnsatisfiableSchema" else "error"
                    for mode in ("sync", "async"):
                        result.operations.append(OperationResult(label, mode, outcome, "draw: " + _short(exc)))
                    continue
                result.operations.append(_sync(package, base, credentials, operation, label, draws, names))
                result.operations.append(_async(package, base, credentials, operation, label, draws, names))
    return result


def _base_path(api: Any) -> str:
    """The path part of the first server URL (the server routes below it, as the client sends)."""
    from urllib.parse import urlsplit

    for server in api.servers:
        url = server.url
        for variable in server.variables:
            url = url.replace("{" + variable.name + "}", variable.default)
        path = urlsplit(url).path if "://" in url else url
        return "/" + path.strip("/") if path.strip("/") else ""
    return ""


def _sync(
    package: Any,
    base: str,
    credentials: dict[str, Any],
    operation: Any,
    label: str,
    draws: Draws,
    names: frozenset[str],
) -> OperationResult:
    tally = Tally(label, "sync", draws.examples)
    with package.Client(base_url=base, max_retries=0, timeout=10, **credentials) as client:
        method = getattr(client, operation.method_name)
        for batch in (draws.first, None):
            if batch is None:
                if not tally.wants_more():
                    break
                batch = draws.more()
            for arguments in batch:
                try:
                    method(**arguments)
                    done = tally.passed()
                except Exception as exc:
                    done = tally.failed(_classify(package, exc, names), _short(exc))
                if done is not None:
                    return done
    return tally.final()


def _async(
    package: Any,
    base: str,
    credentials: dict[str, Any],
    operation: Any,
    label: str,
    draws: Draws,
    names: frozenset[str],
) -> OperationResult:
    async def go() -> OperationResult:
        tally = Tally(label, "async", draws.examples)
        async with package.AsyncClient(base_url=base, max_retries=0, timeout=10, **credentials) as client:
            method = getattr(client, operation.method_name)
            for batch in (draws.first, None):
                if batch is None:
                    if not tally.wants_more():
                        break
                    batch = draws.more()
                for arguments in batch:
                    try:
                        await method(**arguments)
                        done = tally.passed()
                    except Exception as exc:
                        done = tally.failed(_classify(package, exc, names), _short(exc))
                    if done is not None:
                        return done
        return tally.final()

    return asyncio.run(go())


SPEC_TIMEOUT = 900  # seconds for one document, generation to the last call


def run_all(specs: list[Path], *, examples: int = 3) -> list[SpecResult]:
    """Each document in a process of its own: one document's crash, hang or leftover interpreter state (a deep
    recursion in one spec once broke `ast` for the next) cannot change another's result."""
    import subprocess

    results: list[SpecResult] = []
    for index, spec in enumerate(specs):
        command = [sys.executable, "-m", "bench.anyspec", "--one", str(index), "--examples", str(examples), str(spec)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=SPEC_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            results.append(SpecResult(spec=str(spec), generated=False, detail=f"timed out after {SPEC_TIMEOUT} s"))
            continue
        try:
            data = json.loads(done.stdout)
            operations = [OperationResult(**op) for op in data.pop("operations")]
            results.append(SpecResult(**data, operations=operations))
        except (ValueError, TypeError, KeyError):
            tail = " ".join(done.stderr.split())[-300:]
            results.append(SpecResult(spec=str(spec), generated=False, detail=f"exit {done.returncode}: {tail}"))
    return results


def _run_one(spec: Path, index: int, examples: int) -> SpecResult:
    with tempfile.TemporaryDirectory(prefix="anyspec-") as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_spec(spec, index, examples=examples, workdir=Path(tmp))


def summary(results: list[SpecResult]) -> dict[str, Any]:
    operations = [r for result in results for r in result.operations]
    counts = {outcome: sum(1 for r in operations if r.outcome == outcome) for outcome in OUTCOMES}
    defined = len(operations) - counts["undefined-style"] - counts["breaks-discriminator"] - counts["unsatisfiable"]
    return {
        "specs": len(results),
        "generated": sum(1 for r in results if r.generated),
        "calls": len(operations),
        "passed": counts["pass"],
        "pass_rate": round(counts["pass"] / len(operations), 4) if operations else 0.0,
        # the same, leaving out the calls whose draw the OpenAPI specification itself cannot carry or allow
        "pass_rate_defined": round(counts["pass"] / defined, 4) if defined else 0.0,
        "outcomes": counts,
        "redrawn": sum(r.redrawn for r in operations),  # draws the document could not carry, drawn again
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.anyspec", description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="+", type=Path)
    parser.add_argument("--examples", type=int, default=3, help="drawn requests per operation (default 3)")
    parser.add_argument("--json", action="store_true", help="print every result as JSON")
    parser.add_argument("--one", type=int, metavar="INDEX", help=argparse.SUPPRESS)  # a child of `run_all`
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(asdict(_run_one(args.specs[0], args.one, args.examples))))
        return 0
    results = run_all(args.specs, examples=args.examples)
    if args.json:
        print(json.dumps({"summary": summary(results), "results": [asdict(r) for r in results]}, indent=2))
    else:
        for result in results:
            ops = result.operations
            print(f"{result.spec}: {'generated' if result.generated else 'NOT GENERATED ' + result.detail}")
            for op in ops:
                if op.outcome != "pass":
                    print(f"  {op.mode:5} {op.outcome:16} {op.operation}: {op.detail}")
            if ops:
                print(f"  {result.passed}/{len(ops)} calls pass")
        print(json.dumps(summary(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
