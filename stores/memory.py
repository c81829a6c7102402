"""In-memory stores for tests and throwaway sessions. Same contract as the SQLite ones."""

from __future__ import annotations

import copy
import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from muse.domain import Feedback, Interaction, Item, Message, normalise_title, title_keys
from stores.base import Stores


@dataclass
class _State:
    """Records are immutable (frozen dataclasses, profiles copied on put), so a snapshot only has
    to copy the containers, not the records: cheap enough to take at every transaction."""

    items: dict[int, Item] = field(default_factory=dict)
    interactions: dict[tuple[str, int, int], Interaction] = field(default_factory=dict)
    users: set[str] = field(default_factory=set)
    sessions: dict[str, str] = field(default_factory=dict)
    messages: dict[str, list[Message]] = field(default_factory=lambda: defaultdict(list))
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    feedback: list[Feedback] = field(default_factory=list)

    def snapshot(self) -> "_State":
        messages: defaultdict[str, list[Message]] = defaultdict(list, {k: list(v) for k, v in self.messages.items()})
        return _State(dict(self.items), dict(self.interactions), set(self.users), dict(self.sessions), messages,
                      dict(self.profiles), list(self.feedback))


class _Shared:
    """State plus a re-entrant lock; a transaction snapshots the state and restores it on error."""

    def __init__(self) -> None:
        self.state = _State()
        self.lock = threading.RLock()
        self._depth = 0

    @contextmanager
    def tx(self) -> Iterator[None]:
        with self.lock:
            snapshot = self.state.snapshot() if self._depth == 0 else None
            self._depth += 1
            try:
                yield
            except BaseException:
                if snapshot is not None:
                    self.state = snapshot
                raise
            finally:
                self._depth -= 1


class MemoryCatalog:
    def __init__(self, shared: _Shared) -> None:
        self.s = shared

    def upsert(self, items: Iterable[Item]) -> int:
        n = 0
        with self.s.tx():
            for item in items:
                old = self.s.state.items.get(item.item_id)
                if old is not None and not item.description:
                    item = replace(item, description=old.description, keywords=item.keywords or old.keywords)
                self.s.state.items[item.item_id] = replace(item, popularity=old.popularity if old else item.popularity)
                n += 1
        return n

    def get(self, item_id: int) -> Item | None:
        return self.s.state.items.get(item_id)

    def get_many(self, item_ids: Iterable[int]) -> list[Item]:
        items = self.s.state.items
        return [items[i] for i in map(int, item_ids) if i in items]

    def find_by_title(self, text: str) -> list[Item]:
        norm = normalise_title(text)
        found = [i for i in self.s.state.items.values() if norm in title_keys(i)]
        return sorted(found, key=lambda i: (-i.popularity, i.item_id))

    def all(self) -> Iterator[Item]:
        yield from (self.s.state.items[k] for k in sorted(self.s.state.items))

    def count(self) -> int:
        return len(self.s.state.items)

    def genres(self) -> dict[str, int]:
        counts = Counter(g for item in self.s.state.items.values() for g in item.genres)
        return dict(sorted(counts.items()))

    def set_knowledge(self, item_id: int, description: str, keywords: tuple[str, ...]) -> None:
        with self.s.tx():
            item = self.s.state.items.get(item_id)
            if item is not None:
                self.s.state.items[item_id] = item.with_knowledge(description, tuple(keywords))

    def refresh_popularity(self, counts: dict[int, int]) -> None:
        with self.s.tx():
            items = self.s.state.items
            for item_id, item in items.items():
                items[item_id] = replace(item, popularity=counts.get(item_id, 0))


class MemoryInteractions:
    def __init__(self, shared: _Shared) -> None:
        self.s = shared

    def add(self, interactions: Iterable[Interaction]) -> int:
        n = 0
        with self.s.tx():
            for i in interactions:
                self.s.state.interactions[(i.user_id, i.ts, i.item_id)] = i
                n += 1
        return n

    def _sorted(self, user_id: str | None = None) -> list[Interaction]:
        rows = self.s.state.interactions.values()
        if user_id is not None:
            rows = [i for i in rows if i.user_id == user_id]
        return sorted(rows, key=lambda i: (i.user_id, i.ts, i.item_id))

    def history(self, user_id: str, limit: int | None = None) -> list[Interaction]:
        rows = self._sorted(user_id)
        if limit is None:
            return rows
        limit = max(0, int(limit))
        return rows[-limit:] if limit else []

    def sequences(self) -> Iterator[tuple[str, list[Interaction]]]:
        grouped: dict[str, list[Interaction]] = defaultdict(list)
        for i in self._sorted():
            grouped[i.user_id].append(i)
        yield from sorted(grouped.items())

    def item_counts(self) -> dict[int, int]:
        return dict(Counter(i.item_id for i in self.s.state.interactions.values()))

    def count(self) -> int:
        return len(self.s.state.interactions)

    def user_count(self) -> int:
        return len({i.user_id for i in self.s.state.interactions.values()})


class MemoryUsers:
    def __init__(self, shared: _Shared) -> None:
        self.s = shared

    def ensure(self, user_id: str) -> bool:
        return self.ensure_many([user_id]) == 1

    def ensure_many(self, user_ids: Iterable[str]) -> int:
        with self.s.tx():
            before = len(self.s.state.users)
            self.s.state.users.update(user_ids)
            return len(self.s.state.users) - before

    def exists(self, user_id: str) -> bool:
        return user_id in self.s.state.users

    def count(self) -> int:
        return len(self.s.state.users)


class MemorySessions:
    def __init__(self, shared: _Shared) -> None:
        self.s = shared

    def create(self, user_id: str, session_id: str | None = None) -> str:
        session_id = session_id or uuid.uuid4().hex
        with self.s.tx():
            self.s.state.sessions.setdefault(session_id, user_id)
        return session_id

    def owner(self, session_id: str) -> str | None:
        return self.s.state.sessions.get(session_id)

    def add_message(self, message: Message) -> None:
        with self.s.tx():
            self.s.state.messages[message.session_id].append(message)

    def messages(self, session_id: str, limit: int | None = None) -> list[Message]:
        rows = list(self.s.state.messages.get(session_id, []))
        if limit is None:
            return rows
        limit = max(0, int(limit))
        return rows[-limit:] if limit else []


class MemoryProfiles:
    def __init__(self, shared: _Shared) -> None:
        self.s = shared

    def get(self, user_id: str) -> dict[str, Any] | None:
        profile = self.s.state.profiles.get(user_id)
        return copy.deepcopy(profile) if profile is not None else None

    def put(self, user_id: str, profile: dict[str, Any]) -> None:
        with self.s.tx():
            self.s.state.profiles[user_id] = copy.deepcopy(profile)

    def delete(self, user_id: str) -> bool:
        with self.s.tx():
            return self.s.state.profiles.pop(user_id, None) is not None


class MemoryFeedback:
    def __init__(self, shared: _Shared) -> None:
        self.s = shared

    def add(self, feedback: Feedback) -> None:
        if feedback.value not in (-1, 1):
            raise ValueError("feedback value must be -1 or 1")
        with self.s.tx():
            self.s.state.feedback.append(feedback)

    def for_user(self, user_id: str) -> list[Feedback]:
        return [f for f in self.s.state.feedback if f.user_id == user_id]


def memory_stores() -> Stores:
    """Fresh, empty in-memory stores."""
    shared = _Shared()
    return Stores(
        catalog=MemoryCatalog(shared),
        interactions=MemoryInteractions(shared),
        users=MemoryUsers(shared),
        sessions=MemorySessions(shared),
        profiles=MemoryProfiles(shared),
        feedback=MemoryFeedback(shared),
        _transaction=shared.tx,
    )
