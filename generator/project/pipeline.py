"""`make generate`: specs -> validate, and beside it (IR -> render) -> format -> one atomic swap of the output.

Every output is built into a staging directory beside the target; only when every step has succeeded is the
staging directory swapped in, so a failing run leaves the previous output exactly as it was.
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from generator.project.catalog import CATALOG_PATH, Api, find_root, load_catalog
from generator.project.formatting import format_python
from generator.project.ownership import check_owned, needs_marker, write_marker
from generator.spec.diagnostics import Diagnostic, SpecError
from generator.spec.lint.severity import errors, warnings
from generator.spec.load import Workspace, spec_root


def _problems(
    specs: list[Path], workspace: Workspace, project_rules: bool, strict: bool, *, load: bool = True
) -> list[Diagnostic]:
    """Every finding of `specs`, each with its rule and severity; a spec whose files all hash as when it was last
    linted (same rules, strictness and rule settings) is not linted again (`generator.project.cache.Verdict`), and
    its documents are only loaded if `load` (the workspace is used afterwards)."""
    from generator.project.cache import PieceFiles, Verdict
    from generator.spec.lint import lint  # imported when needed: a no-op `make generate` never validates
    from generator.spec.lint.severity import configured

    overrides = configured()
    problems: list[Diagnostic] = []
    for spec in specs:
        verdict = Verdict(spec, project_rules, f"{strict}:{sorted(overrides.items())}")
        known = verdict.lookup()
        if known is not None:
            if load:
                workspace.load_closure(spec)  # what validation would have loaded: callers build on these documents
            problems.extend(
                Diagnostic(Path(f), line, col, ptr, msg, rule, severity)
                for f, line, col, ptr, msg, rule, severity in known
            )
            continue
        found = lint(spec, workspace, project_rules=project_rules, strict=strict, store=PieceFiles()).diagnostics
        problems.extend(found)
        # every document loaded so far: a superset of what this spec reached, so never too few hashes
        verdict.record(
            [spec, *workspace.documents],
            [(str(d.file), d.line, d.col, d.pointer, d.message, d.rule, d.severity) for d in found],
        )
    return sorted(set(problems))


def _raise_errors(problems: list[Diagnostic]) -> None:
    """Warnings are shown (stderr) and block nothing; errors raise."""
    for warning in warnings(problems):
        print(warning.format(), file=sys.stderr)
    if errors(problems):
        raise SpecError(errors(problems))


AfterValidation = Callable[[Workspace], None]


# The workspace of the process that forked this worker (set by the pool's initializer, which a forked process
# runs with the parent's objects, unpickled): the documents it had loaded, their models and resolved `$ref`s.
_inherited: Workspace | None = None


def _start_worker(mask: set[int], workspace: Workspace) -> None:
    global _inherited
    _inherited = workspace
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _problems_in_worker(
    specs: list[Path], project_rules: bool, strict: bool, then: AfterValidation | None
) -> list[Diagnostic]:
    workspace = _inherited if _inherited is not None else Workspace()
    # a worker with nothing to do afterwards need not load a document whose verdict is known (13 MB for GitHub's)
    problems = _problems(specs, workspace, project_rules, strict, load=then is not None)
    if not errors(problems) and then is not None:
        then(workspace)
    return problems


@contextmanager
def validated(
    specs: list[Path],
    workspace: Workspace,
    *,
    project_rules: bool = True,
    strict: bool = True,
    then: AfterValidation | None = None,
) -> Iterator[None]:
    """Validate `specs` while the block renders them; the block's work only counts if they are valid.

    Validation (openapi-spec-validator above all) and rendering (datamodel-code-generator above all) are the two
    halves of `generate`, and neither needs the other's result: with a second core, validation runs in a forked
    process beside the block (`make bench`: 1,000 operations went from their sum to nearly the larger of the
    two), followed there by `then` (more work independent of the block; it must pickle, e.g. a partial of a
    module-level function) once the specs are valid. Problems are raised as SpecError at the end of the block,
    and take precedence over any error of the block itself, which may just be a consequence of them. With one
    core, or no fork, validation runs first and `then` after the block.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    if context is None or (os.cpu_count() or 1) < 2:
        _raise_errors(_problems(specs, workspace, project_rules, strict))
        yield
        if then is not None:
            then(workspace)
        return
    # The pool's start (a fork, threads) and shutdown must not be cut by a signal's exception: that can deadlock
    # it or lose the exception. Signals wait until it is done; the worker starts with them unblocked.
    with _deferred_signals() as mask:
        pool = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_start_worker, initargs=(mask, workspace)
        )
        future = pool.submit(_problems_in_worker, specs, project_rules, strict, then)
    try:
        try:
            yield
        except Exception:
            problems = future.result()
            if errors(problems):
                raise SpecError(errors(problems)) from None
            raise
        except BaseException:  # KeyboardInterrupt, SystemExit from a signal: the worker's result is moot
            future.cancel()
            raise
        _raise_errors(future.result())
    finally:
        with _deferred_signals():
            pool.shutdown(wait=True, cancel_futures=True)


_STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


@contextmanager
def _deferred_signals() -> Iterator[set[int]]:
    """Block SIGINT/SIGTERM/SIGHUP inside the block (threads and processes started there inherit the block);
    one that arrives meanwhile is delivered when it ends. Yields the signal mask to restore."""
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield mask
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


@contextmanager
def _signals_raise() -> Iterator[list[int]]:
    """SIGTERM and SIGHUP raise SystemExit inside the block (as SIGINT raises KeyboardInterrupt), so cleanup runs.

    Their default action ends the process at once, which would leave a staging directory behind. A handler's
    exception can be swallowed (Python ignores exceptions raised in fork hooks and `__del__`), so the signals
    received are also recorded in the yielded list: the block checks it before committing.
    """
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def _exit(signum: int, _frame: object) -> None:
        received.append(signum)
        raise SystemExit(128 + signum)

    def _interrupt(signum: int, _frame: object) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    default_hook = sys.unraisablehook

    def _quiet(unraisable: Any) -> None:  # the swallowed exception is ours, and is acted on: no traceback
        if not (received and isinstance(unraisable.exc_value, (SystemExit, KeyboardInterrupt))):
            default_hook(unraisable)

    handlers = {signal.SIGTERM: _exit, signal.SIGHUP: _exit, signal.SIGINT: _interrupt}
    previous = {sig: signal.signal(sig, handler) for sig, handler in handlers.items()}
    sys.unraisablehook = _quiet
    try:
        yield received
    finally:
        sys.unraisablehook = default_hook
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def staged(target: Path, *, inputs: Iterable[Path] = ()) -> Iterator[Path]:
    """Yield an empty staging directory; on success it replaces `target` (rename, not copy).

    `target` must be this tool's own output (see `generator.project.ownership`; `inputs` are files the run reads,
    which must not lie inside it): otherwise NotOwned is raised before anything is written. The staging
    directory is removed on any failure, SIGINT, SIGTERM and SIGHUP included.
    """
    check_owned(target, inputs=inputs)
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _signals_raise() as received:
        staging: Path | None = None
        try:
            with _deferred_signals():  # so that a signal cannot come between its creation and `staging = `
                staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
            if needs_marker(target):
                write_marker(staging)
            yield staging
            if received:  # a signal whose exception was swallowed: the run was still interrupted
                raise SystemExit(128 + received[0])
        except BaseException:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            raise
        previous = target.with_name(f".{target.name}.previous-{os.getpid()}")
        # No signal between the two renames: the output is either the old one or the new one, never missing.
        with _deferred_signals():
            if target.exists():
                os.replace(target, previous)
            try:
                os.replace(staging, target)
            except BaseException:  # put the old output back before reporting
                if previous.exists():
                    os.replace(previous, target)
                shutil.rmtree(staging, ignore_errors=True)
                raise
            shutil.rmtree(previous, ignore_errors=True)
            # mkdtemp creates 0700 directories; the output is ordinary source
            os.chmod(target, 0o755)


Step = Callable[[Api, Path, Workspace], None]


def render_python(spec: Path, package: str, out: Path, workspace: Workspace) -> None:
    """spec -> IR -> the client package project in `out`. The renderer sees only the IR; what it cannot render
    is located here, in the spec."""
    from generator.project.cache import Rendered, tree_digests
    from generator.project.provenance import provenance

    line = provenance(spec)
    # the folders `$ref`s may read (a document outside them is an error, not a cache hit)
    rendered = Rendered(spec, package, line, workspace.roots | {spec_root(spec.resolve())})
    if rendered.restore(out):
        return
    before = tree_digests(out) if out.is_dir() else {}
    from generator.ir.build import build_api
    from generator.render.python_package import ModelsError, render_package

    api = build_api(spec, package, workspace)
    try:
        render_package(api, out, provenance=line)
    except ModelsError as exc:
        document = workspace.load(spec)
        raise SpecError([document.diagnostic("/components/schemas", f"cannot generate models: {exc}")]) from exc
    # every document loaded so far: a superset of what this package was built from
    rendered.record([spec, *workspace.documents], out, before)


@contextmanager
def _long_lived(build: Callable[[], None]) -> Iterator[None]:
    """`build` (loading the documents and their models: millions of objects for a large document, no garbage)
    runs without the cyclic garbage collector; within the block, what it built is left out of the collector's
    passes, which would otherwise walk it all again each time (a third of regenerating GitHub's description after
    a one-operation change), and they come less often (the block makes large, long-lived structures, not
    garbage). A forked worker inherits this, and so does not copy their pages by touching them. Afterwards
    everything is as before, and collectable again."""
    enabled, threshold = gc.isenabled(), gc.get_threshold()
    gc.disable()
    try:
        build()
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    gc.set_threshold(_YOUNG_OBJECTS, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


# New objects between collections of the youngest generation (CPython's default: 700)
_YOUNG_OBJECTS = 50_000


def _preload(spec: Path, package: str, workspace: Workspace) -> None:
    """The document and its model, built before the validation worker is forked: the worker inherits them (the
    linter reads the same model) instead of building them again beside the renderer; not when the package will
    come from the cache (`Rendered`), which needs neither."""
    from generator.project.cache import Rendered
    from generator.project.provenance import provenance
    from generator.spec.model import load_spec

    try:
        if Rendered(spec, package, provenance(spec), workspace.roots | {spec_root(spec.resolve())}).fresh():
            return
        load_spec(spec, workspace, strict=False)
    except Exception:  # met again where it is reported: in the linter, or inside the block
        return


def _python_package(api: Api, out: Path, workspace: Workspace) -> None:
    render_python(api.spec, api.package, out / "python" / api.package, workspace)


def _bundles(api: Api, out: Path, workspace: Workspace) -> None:
    """generated/openapi/<api>.openapi.yaml, .openapi.json and .openapi-3.0.yaml."""
    from generator.project.provenance import source_label
    from generator.spec.bundle import write_bundles

    write_bundles(api.name, api.spec, out / "openapi", workspace, source_label(api.spec))


def _docs(api: Api, out: Path, workspace: Workspace) -> None:
    from generator.render.docs import write_page

    write_page(api.name, api.spec, out / "docs", workspace)


# Each step writes one kind of output for one API below the staging directory. The side steps need nothing
# from the others: they run in the validation worker, beside the Python packages (see `validated`).
STEPS: list[Step] = [_python_package]
SIDE_STEPS: list[Step] = [_bundles, _docs]


def _side_steps(apis: list[Api], staging: Path, workspace: Workspace) -> None:
    for api in apis:
        for step in SIDE_STEPS:
            step(api, staging, workspace)


def generate_all(root: Path | None = None, output: Path | None = None) -> list[Api]:
    """Regenerate the catalog's output, unless every input and every output file still hashes as the last
    complete run left them (`generator.project.cache.Stamp`): then nothing is read further or written."""
    from generator.project.cache import Stamp

    root = root or find_root()
    apis = load_catalog(root)
    target = output or root / "generated"
    stamp = Stamp(target)
    if stamp.up_to_date():
        return apis
    from generator.diff.hook import breaking_report

    workspace = Workspace()
    specs = [api.spec for api in apis]
    with (
        staged(target, inputs=specs) as staging,
        breaking_report(target, staging, apis),  # after everything is built, before the swap
        validated(specs, workspace, then=partial(_side_steps, apis, staging)),
    ):
        for api in apis:
            for step in STEPS:
                step(api, staging, workspace)
        format_python(staging)
    for spec in specs:  # every file the specs reach, as the validation worker read them
        workspace.load_closure(spec)
    stamp.record([root / CATALOG_PATH, *workspace.documents])
    return apis


def generate_one(spec: Path, out: Path, package: str, *, strict: bool = False) -> None:
    """Any OpenAPI 3.0/3.1 document -> one Python client package in `out`. Style findings and examples or
    defaults that break their schema are warnings unless `strict` (`generator.spec.lint.severity`)."""
    workspace = Workspace()
    with (
        _long_lived(partial(_preload, spec, package, workspace)),
        staged(out, inputs=[spec]) as staging,
        validated([spec], workspace, strict=strict),
    ):
        render_python(spec, package, staging, workspace)
        format_python(staging)
