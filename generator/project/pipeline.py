"""`make generate`: specs -> validate, and beside it (IR -> render) -> format -> one atomic swap of the output.

Every output is built into a staging directory beside the target; only when every step has succeeded is the
staging directory swapped in, so a failing run leaves the previous output exactly as it was.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from generator.project.catalog import Api, find_root, load_catalog
from generator.spec.diagnostics import Diagnostic, SpecError
from generator.spec.lint import lint_all
from generator.spec.lint.severity import errors, warnings
from generator.spec.load import Workspace

AfterValidation = Callable[[Workspace], None]


def _problems_in_worker(
    specs: list[Path], project_rules: bool, strict: bool, then: AfterValidation | None
) -> list[Diagnostic]:
    workspace = Workspace()
    problems = lint_all(specs, workspace, project_rules=project_rules, strict=strict)
    if not errors(problems) and then is not None:
        then(workspace)
    return problems


def _raise_errors(problems: list[Diagnostic]) -> None:
    """Warnings are shown (stderr) and block nothing; errors raise."""
    for warning in warnings(problems):
        print(warning.format(), file=sys.stderr)
    if errors(problems):
        raise SpecError(errors(problems))


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
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    if context is None or (os.cpu_count() or 1) < 2:
        _raise_errors(lint_all(specs, workspace, project_rules=project_rules, strict=strict))
        yield
        if then is not None:
            then(workspace)
        return
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(_problems_in_worker, specs, project_rules, strict, then)
        try:
            yield
        except Exception:
            problems = future.result()
            if errors(problems):
                raise SpecError(errors(problems)) from None
            raise
        except BaseException:  # KeyboardInterrupt: do not wait for the worker
            future.cancel()
            raise
        _raise_errors(future.result())


@contextmanager
def staged(target: Path) -> Iterator[Path]:
    """Yield an empty staging directory; on success it replaces `target` (rename, not copy)."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = target.with_name(f".{target.name}.previous-{os.getpid()}")
    if target.exists():
        os.replace(target, previous)
    try:
        os.replace(staging, target)
    except BaseException:  # put the old output back before reporting
        if previous.exists():
            os.replace(previous, target)
        raise
    shutil.rmtree(previous, ignore_errors=True)
    # mkdtemp creates 0700 directories; the output is ordinary source
    os.chmod(target, 0o755)


def format_python(directory: Path) -> None:
    """ruff (import sorting, then the formatter): one process for the whole tree, so it stays cheap."""
    ruff = [sys.executable, "-m", "ruff"]
    config = ["--no-cache", "--config", "line-length=120"]
    # `format` without --quiet: on a syntax error in generated code, its message names the file, line and column
    for args in (["check", "--select", "I", "--fix", "--quiet", *config], ["format", *config]):
        result = subprocess.run([*ruff, *args, str(directory)], capture_output=True, text=True, check=False)
        if result.returncode not in (0, 1) or (args[0] == "format" and result.returncode):
            raise RuntimeError(f"ruff {args[0]} failed on generated code:\n{result.stdout}{result.stderr}")


Step = Callable[[Api, Path, Workspace], None]


def _python_package(api: Api, out: Path, workspace: Workspace) -> None:
    from generator.render.python_package import render_package

    render_package(api.spec, api.package, out / "python" / api.package, workspace=workspace)


def _bundles(api: Api, out: Path, workspace: Workspace) -> None:
    from generator.spec.bundle import bundle_step

    bundle_step(api, out, workspace)


def _docs(api: Api, out: Path, workspace: Workspace) -> None:
    from generator.render.docs import docs_step

    docs_step(api, out, workspace)


# Each step writes one kind of output for one API below the staging directory. The side steps need nothing
# from the others: they run in the validation worker, beside the Python packages (see `validated`).
STEPS: list[Step] = [_python_package]
SIDE_STEPS: list[Step] = [_bundles, _docs]


def _side_steps(apis: list[Api], staging: Path, workspace: Workspace) -> None:
    for api in apis:
        for step in SIDE_STEPS:
            step(api, staging, workspace)


def generate_all(root: Path | None = None, output: Path | None = None) -> list[Api]:
    root = root or find_root()
    apis = load_catalog(root)
    workspace = Workspace()
    specs = [api.spec for api in apis]
    with (
        staged(output or root / "generated") as staging,
        validated(specs, workspace, then=partial(_side_steps, apis, staging)),
    ):
        for api in apis:
            for step in STEPS:
                step(api, staging, workspace)
        format_python(staging)
    return apis


def generate_one(spec: Path, out: Path, package: str, *, strict: bool = False) -> None:
    """Any OpenAPI 3.0/3.1 document -> one Python client package in `out`. Style findings and examples or
    defaults that break their schema are warnings unless `strict` (`generator.spec.lint.severity`)."""
    from generator.render.python_package import render_package

    workspace = Workspace()
    with staged(out) as staging, validated([spec], workspace, strict=strict):
        render_package(spec, package, staging, workspace=workspace)
        format_python(staging)
