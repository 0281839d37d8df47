"""readOnly/writeOnly per direction, end to end: the package generated from tests/fixtures/anydoc/models.yaml
calls the reference server serving the same document on 127.0.0.1 (which does not demand the readOnly `id` of a
request). A create request goes out without the `id` (and refuses one), requires the writeOnly `password`, and
the answer, with the server's `id`, parses into the shared model, which does not require the password."""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.project.pipeline import generate_one
from generator.serve.app import ServeOptions, build_app
from generator.serve.runner import BackgroundServer
from tests.conftest import FIXTURES

SPEC = FIXTURES / "anydoc" / "models.yaml"
USER = {"email": "ann@example.com", "password": "correct horse", "name": "ann"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, str]]:
    folder: Path = tmp_path_factory.mktemp("readonly")
    generate_one(SPEC, folder / "readonly_models", "readonly_models")
    sys.path.insert(0, str(folder / "readonly_models"))
    try:
        package = importlib.import_module("readonly_models")
        with BackgroundServer(build_app(SPEC, options=ServeOptions())) as server:
            yield package, server.base_url + "/api"
    finally:
        sys.path.remove(str(folder / "readonly_models"))
        for name in [n for n in sys.modules if n.split(".")[0] == "readonly_models"]:
            del sys.modules[name]


def _call(package: ModuleType, base_url: str, kind: str, method: str, **arguments: Any) -> Any:
    if kind == "sync":
        with package.Client(base_url=base_url, max_retries=0) as client:
            return getattr(client, method)(**arguments)

    async def run() -> Any:
        async with package.AsyncClient(base_url=base_url, max_retries=0) as client:
            return await getattr(client, method)(**arguments)

    return asyncio.run(run())


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_create_without_the_read_only_id_reads_the_answer_without_the_password(
    served: tuple[ModuleType, str], kind: str
) -> None:
    package, base = served
    models = package.models
    assert "id" not in models.UserRequest.model_fields and "password" in models.UserRequest.model_fields
    created = _call(package, base, kind, "create_user", body=models.UserRequest(**USER))
    assert isinstance(created, models.User)
    assert isinstance(created.id, int) and created.id >= 1  # the server's, read back
    # writeOnly: an answer need not have the password (this server echoes a required one; others leave it out)
    answer = models.User.model_validate({"id": 3, "email": "ann@example.com", "name": "ann"})
    assert "password" not in answer.model_dump(exclude_unset=True)
    # a dict is validated into the request class too; a nested user is sent without its id
    team = _call(package, base, kind, "create_team", body={"name": "core", "lead": USER})
    assert isinstance(team, models.Team) and team.name


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_read_only_property_is_refused_before_sending(served: tuple[ModuleType, str], kind: str) -> None:
    package, base = served
    errors = package.errors
    for method, body in (
        ("create_user", {**USER, "id": 7}),
        ("create_team", {"name": "core", "lead": {**USER, "id": 7}}),
        ("create_team", {"name": "core", "lead": USER, "createdAt": "2024-01-01T00:00:00Z"}),
    ):
        with pytest.raises(errors.RequestValidationError) as caught:
            _call(package, base, kind, method, body=body)
        assert "readOnly" in str(caught.value), caught.value
    # the writeOnly password is required of a request (the shared model, which reads answers, does not)
    with pytest.raises(errors.RequestValidationError) as missing:
        _call(package, base, kind, "create_user", body={k: v for k, v in USER.items() if k != "password"})
    assert "password" in str(missing.value)
