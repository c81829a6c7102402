"""One contract, every store implementation (in-memory, SQLite, and PostgreSQL on a real server)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from muse.domain import Feedback, Interaction, Item, Message
from stores import memory_stores, sqlite_stores
from stores.base import Stores

MATRIX = Item(1, "The Matrix", 1999, ("Action", "Sci-Fi"), ("cyberpunk",), (), "Matrix, The (1999)")
AMELIE = Item(2, "Amelie", 2001, ("Comedy", "Romance"), (), ("Le Fabuleux destin d'Amélie Poulain",))
ALIEN = Item(3, "Alien", 1979, ("Horror", "Sci-Fi"))


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Stores]:
    if request.param == "postgres":
        from stores.postgres import postgres_stores

        s = postgres_stores(request.getfixturevalue("postgres_url"), request.getfixturevalue("pg_slug"), pool_size=6)
    else:
        s = memory_stores() if request.param == "memory" else sqlite_stores(tmp_path / "muse.sqlite3")
    yield s
    s.close()


def test_catalog_roundtrip_and_lookup(stores: Stores) -> None:
    assert stores.catalog.upsert([MATRIX, AMELIE, ALIEN]) == 3
    assert stores.catalog.get(1) == MATRIX
    assert stores.catalog.get(99) is None
    assert [i.item_id for i in stores.catalog.get_many([3, 99, 1])] == [3, 1]
    assert [i.item_id for i in stores.catalog.all()] == [1, 2, 3]
    assert stores.catalog.count() == 3
    assert stores.catalog.genres() == {"Action": 1, "Comedy": 1, "Horror": 1, "Romance": 1, "Sci-Fi": 2}


@pytest.mark.parametrize("text", ["The Matrix", "matrix", "  MATRIX!! ", "the matrix"])
def test_find_by_title_normalises(stores: Stores, text: str) -> None:
    stores.catalog.upsert([MATRIX, AMELIE])
    assert [i.item_id for i in stores.catalog.find_by_title(text)] == [1]


def test_find_by_aka_and_accents(stores: Stores) -> None:
    stores.catalog.upsert([MATRIX, AMELIE])
    assert [i.item_id for i in stores.catalog.find_by_title("fabuleux destin d amelie poulain")] == [2]
    assert [i.item_id for i in stores.catalog.find_by_title("Amélie")] == [2]
    assert stores.catalog.find_by_title("Blade Runner") == []


def test_knowledge_survives_reimport(stores: Stores) -> None:
    stores.catalog.upsert([MATRIX])
    stores.catalog.set_knowledge(1, "A hacker learns reality is simulated.", ("simulation", "kung fu"))
    stores.catalog.upsert([MATRIX])
    item = stores.catalog.get(1)
    assert item.description.startswith("A hacker") and item.keywords == ("simulation", "kung fu")


def test_popularity(stores: Stores) -> None:
    stores.catalog.upsert([MATRIX, AMELIE, ALIEN])
    stores.catalog.refresh_popularity({1: 5, 3: 2})
    assert [stores.catalog.get(i).popularity for i in (1, 2, 3)] == [5, 0, 2]


def test_interactions_history_order_and_idempotence(stores: Stores) -> None:
    rows = [Interaction("u1", 3, 30, 4.0), Interaction("u1", 1, 10, 5.0), Interaction("u1", 2, 10, 3.0),
            Interaction("u2", 1, 5, 1.0)]
    stores.interactions.add(rows)
    stores.interactions.add(rows)  # re-adding changes nothing
    assert stores.interactions.count() == 4
    assert [i.item_id for i in stores.interactions.history("u1")] == [1, 2, 3]  # ts, then item id
    assert [i.item_id for i in stores.interactions.history("u1", limit=2)] == [2, 3]
    assert stores.interactions.history("u1", limit=0) == []
    assert stores.interactions.history("nobody") == []
    assert [(u, [i.item_id for i in h]) for u, h in stores.interactions.sequences()] == [("u1", [1, 2, 3]), ("u2", [1])]
    assert stores.interactions.item_counts() == {1: 2, 2: 1, 3: 1}
    assert stores.interactions.user_count() == 2


def test_users(stores: Stores) -> None:
    assert stores.users.ensure("alice") is True
    assert stores.users.ensure("alice") is False
    assert stores.users.ensure_many(["alice", "bob", "carol"]) == 2
    assert stores.users.exists("bob") and not stores.users.exists("dave")
    assert stores.users.count() == 3


def test_sessions_and_messages(stores: Stores) -> None:
    sid = stores.sessions.create("alice")
    assert stores.sessions.create("alice", sid) == sid
    assert stores.sessions.owner(sid) == "alice" and stores.sessions.owner("nope") is None
    for n in range(3):
        stores.sessions.add_message(Message(sid, "user", f"m{n}", n, {"n": n}))
    assert [m.content for m in stores.sessions.messages(sid)] == ["m0", "m1", "m2"]
    assert [m.payload["n"] for m in stores.sessions.messages(sid, limit=2)] == [1, 2]
    assert stores.sessions.messages("nope") == []


def test_nul_characters_are_stored_not_fatal(stores: Stores) -> None:
    """A NUL in a chat message or an LLM's text is stored (PostgreSQL keeps it as U+FFFD)."""
    sid = stores.sessions.create("alice")
    stores.sessions.add_message(Message(sid, "user", "hi\x00there", 1, {"text": "a\x00b", "list": ["\x00"]}))
    stores.profiles.put("alice", {"keywords": ["dark\x00"]})
    stores.catalog.upsert([Item(9, "Nul\x00Film", 2000, ("Drama",))])
    stores.catalog.set_knowledge(9, "desc\x00", ("kw\x00",))
    message = stores.sessions.messages(sid)[0]
    assert message.content in {"hi\x00there", "hi\ufffdthere"} and message.payload["text"] in {"a\x00b", "a\ufffdb"}
    assert stores.profiles.get("alice")["keywords"][0] in {"dark\x00", "dark\ufffd"}
    assert stores.catalog.get(9).description in {"desc\x00", "desc\ufffd"}


def test_profiles(stores: Stores) -> None:
    assert stores.profiles.get("alice") is None
    stores.profiles.put("alice", {"liked": [1], "genres": {"Sci-Fi": 1.0}})
    got = stores.profiles.get("alice")
    got["liked"].append(99)  # callers can't mutate what is stored
    assert stores.profiles.get("alice") == {"liked": [1], "genres": {"Sci-Fi": 1.0}}
    assert stores.profiles.delete("alice") is True and stores.profiles.delete("alice") is False


def test_feedback(stores: Stores) -> None:
    stores.feedback.add(Feedback("alice", 1, 1, 100, "s1"))
    stores.feedback.add(Feedback("alice", 2, -1, 101))
    stores.feedback.add(Feedback("bob", 1, -1, 102))
    assert [(f.item_id, f.value) for f in stores.feedback.for_user("alice")] == [(1, 1), (2, -1)]
    with pytest.raises(Exception):
        stores.feedback.add(Feedback("alice", 3, 7, 103))


def test_transaction_rolls_back_everything(stores: Stores) -> None:
    stores.catalog.upsert([MATRIX])
    with pytest.raises(RuntimeError):
        with stores.transaction():
            stores.catalog.upsert([AMELIE])
            stores.interactions.add([Interaction("u1", 2, 1)])
            stores.profiles.put("u1", {"x": 1})
            raise RuntimeError("boom")
    assert stores.catalog.count() == 1
    assert stores.interactions.count() == 0
    assert stores.profiles.get("u1") is None


def test_concurrent_writers(stores: Stores) -> None:
    def write(user: str) -> None:
        for n in range(20):
            stores.interactions.add([Interaction(user, n, n)])
            stores.profiles.put(user, {"n": n})

    threads = [threading.Thread(target=write, args=(f"u{k}",)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert stores.interactions.count() == 80
    assert all(stores.profiles.get(f"u{k}") == {"n": 19} for k in range(4))


def test_sqlite_persists_across_reopen(tmp_path: Path) -> None:
    first = sqlite_stores(tmp_path / "db.sqlite3")
    first.catalog.upsert([MATRIX])
    first.profiles.put("alice", {"liked": [1]})
    first.close()
    second = sqlite_stores(tmp_path / "db.sqlite3")
    assert second.catalog.get(1) == MATRIX and second.profiles.get("alice") == {"liked": [1]}
    mode = second.catalog.db.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    second.close()
