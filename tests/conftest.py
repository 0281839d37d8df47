from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The generation cache of this test session (also for the CLI subprocesses), never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield
