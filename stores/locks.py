"""Per-user turn serialisation: the `TurnLock` Protocol and its in-process implementation.

A turn reads the profile, works, then writes it back; two turns of one user at once would lose
one update. One process needs only a lock per user; several processes need a shared one
(`stores.postgres.PgTurnLock`). `open_turn_lock(settings, slug)` picks from the settings.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from contextlib import AbstractContextManager
from typing import Protocol, runtime_checkable


@runtime_checkable
class TurnLock(Protocol):
    def hold(self, user_id: str) -> AbstractContextManager[None]:
        """Held while one turn (or feedback, or profile edit) of `user_id` runs."""

    def close(self) -> None: ...


class LocalTurnLock:
    """A `threading.Lock` per user: enough while one process serves every request."""

    def __init__(self) -> None:
        self._locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()

    def hold(self, user_id: str) -> threading.Lock:
        with self._guard:
            return self._locks[user_id]

    def close(self) -> None:
        pass
