"""Catalog specs as they were at a git revision: `git archive` of `specs/` into a temporary folder.

Only git's own plumbing is used (no network); a missing revision - a shallow clone's cut-off parent, a fresh
repository with a single commit - is a `RevisionError` that callers report (or skip on) by name.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MAX_ARCHIVE = 64 * 1024 * 1024


class RevisionError(Exception):
    pass


def _git(root: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git {args[0]} timed out") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


def resolve(root: Path, revision: str) -> str:
    """The commit id of `revision`; RevisionError when the repository does not have it."""
    if revision.startswith("-"):
        raise RevisionError(f"not a revision: {revision!r}")
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except RevisionError:
        raise RevisionError(f"revision {revision!r} is not in this repository (a shallow or fresh clone?)") from None


@contextmanager
def checkout_specs(root: Path, revision: str, folder: str = "specs") -> Iterator[Path]:
    """A temporary copy of `folder` at `revision`; yields the copy's repository root."""
    commit = resolve(root, revision)
    data = _git(root, "archive", "--format=tar", commit, "--", folder)
    if len(data) > MAX_ARCHIVE:
        raise RevisionError(f"{folder}/ at {revision} is larger than {MAX_ARCHIVE // 2**20} MiB")
    with tempfile.TemporaryDirectory(prefix="diff-base-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            archive.extractall(tmp, filter="data")
        yield Path(tmp)
