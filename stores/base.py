"""Store interfaces. One small Protocol per kind of record; SQL lives only in implementations.

Every implementation (in-memory for tests, SQLite for one process, PostgreSQL for several) passes
the same contract tests in `tests/stores/test_contract.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from muse.domain import Feedback, Interaction, Item, Message


@runtime_checkable
class CatalogStore(Protocol):
    def upsert(self, items: Iterable[Item]) -> int:
        """Insert or replace items; returns how many were written."""

    def get(self, item_id: int) -> Item | None: ...

    def get_many(self, item_ids: Iterable[int]) -> list[Item]:
        """Items in the order asked, unknown ids skipped."""

    def find_by_title(self, text: str) -> list[Item]:
        """Items whose normalised title or alternative title equals the normalised `text`."""

    def all(self) -> Iterator[Item]:
        """Every item, ordered by id."""

    def count(self) -> int: ...

    def genres(self) -> dict[str, int]:
        """Genre -> number of items carrying it."""

    def set_knowledge(self, item_id: int, description: str, keywords: tuple[str, ...]) -> None:
        """Store an LLM-written description and keywords for an item (knowledge augmentation)."""

    def refresh_popularity(self, counts: dict[int, int]) -> None:
        """Set each item's popularity (interaction count); items absent from `counts` get 0."""


@runtime_checkable
class InteractionStore(Protocol):
    def add(self, interactions: Iterable[Interaction]) -> int:
        """Add interactions; an identical (user, item, ts) is replaced, so re-adding changes nothing."""

    def history(self, user_id: str, limit: int | None = None) -> list[Interaction]:
        """A user's interactions, oldest first (ties by item id); the last `limit` when given."""

    def sequences(self) -> Iterator[tuple[str, list[Interaction]]]:
        """Every user's history, users ordered by id: the input of sequential models."""

    def item_counts(self) -> dict[int, int]: ...

    def count(self) -> int: ...

    def user_count(self) -> int: ...


@runtime_checkable
class UserStore(Protocol):
    def ensure(self, user_id: str) -> bool:
        """Create the user if absent; True if created."""

    def ensure_many(self, user_ids: Iterable[str]) -> int:
        """Create the absent users; returns how many were created."""

    def exists(self, user_id: str) -> bool: ...

    def count(self) -> int: ...


@runtime_checkable
class SessionStore(Protocol):
    def create(self, user_id: str, session_id: str | None = None) -> str:
        """Create (or reuse) a chat session for a user and return its id."""

    def owner(self, session_id: str) -> str | None: ...

    def add_message(self, message: Message) -> None: ...

    def messages(self, session_id: str, limit: int | None = None) -> list[Message]:
        """Messages oldest first (the last `limit` when given)."""


@runtime_checkable
class ProfileStore(Protocol):
    def get(self, user_id: str) -> dict[str, Any] | None: ...

    def put(self, user_id: str, profile: dict[str, Any]) -> None: ...

    def delete(self, user_id: str) -> bool: ...


@runtime_checkable
class FeedbackStore(Protocol):
    def add(self, feedback: Feedback) -> None: ...

    def for_user(self, user_id: str) -> list[Feedback]:
        """A user's feedback, oldest first."""


@dataclass
class Stores:
    """All stores of one dataset, opened together, sharing one transaction scope."""

    catalog: CatalogStore
    interactions: InteractionStore
    users: UserStore
    sessions: SessionStore
    profiles: ProfileStore
    feedback: FeedbackStore
    _transaction: Any = None
    _close: Any = None

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all."""
        return self._transaction()

    def close(self) -> None:
        if self._close is not None:
            self._close()
