from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


# Modules whose tests schemathesis builds while the module is imported (seconds per module, in every xdist
# worker): all their tests are `slow`, so when slow tests are deselected (`make check`) they are not imported.
BUILT_AT_IMPORT = frozenset({"tests/fuzz/test_inprocess.py", "tests/serve/test_fuzz_fixtures.py"})


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if config.getoption("markexpr", "") != "not slow" or not collection_path.is_relative_to(ROOT):
        return None
    return collection_path.relative_to(ROOT).as_posix() in BUILT_AT_IMPORT or None


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The generation cache of this test session (also for the CLI subprocesses), never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VENDOR_OPENAPI_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield
