"""The registry of live clients' secrets (`generator/runtime/auth.py`) never deadlocks with a client's finalizer.

Found by a hang of `make check`: the garbage collector ran a dropped client's `__del__` (which removes its
secrets) inside another client's constructor, while that thread held the registry's lock in `add`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

from generator.runtime.auth import SecretRegistry


def test_a_removal_while_the_same_thread_adds_neither_hangs_nor_is_lost() -> None:
    registry = SecretRegistry()
    registry.add(["old-secret-1"])

    def secrets() -> Iterator[str]:
        yield "new-secret-2"
        registry.remove(["old-secret-1"])  # as a finalizer would, in the middle of `add`
        yield "new-secret-3"

    worker = threading.Thread(target=registry.add, args=(secrets(),), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "add and a finalizer's remove deadlocked"
    text = "old-secret-1 new-secret-2 new-secret-3"
    assert registry.mask(text) == "old-secret-1 ***** *****".replace("*****", _redacted())
    _uninstall(registry)


def test_removed_secrets_are_no_longer_masked_and_counts_hold() -> None:
    registry = SecretRegistry()
    registry.add(["shared-secret"])
    registry.add(["shared-secret"])
    registry.remove(["shared-secret"])
    assert "shared-secret" not in registry.mask("shared-secret")  # one client still holds it
    registry.remove(["shared-secret"])
    assert registry.mask("shared-secret") == "shared-secret"
    _uninstall(registry)


def _uninstall(registry: SecretRegistry) -> None:
    for name in SecretRegistry.LOGGERS:
        logging.getLogger(name).removeFilter(registry.filter)


def _redacted() -> str:
    from generator.runtime.auth import REDACTED

    return str(REDACTED)
