"""PostgreSQL implementation of the store Protocols (same contract as stores/sqlite.py).

Bulk writes go through COPY into a temporary table and one `INSERT ... ON CONFLICT` (an import of
100,000 interactions is a handful of round trips); small writes are plain statements.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

from psycopg.types.json import Jsonb

from muse.domain import Feedback, Interaction, Item, Message, normalise_title, title_keys
from stores.postgres.db import PgDatabase

COPY_FROM = 1000  # batches at least this big go through COPY

_ITEM_COLUMNS = "item_id, title, year, genres, tags, aka, raw_title, description, keywords, popularity"


def _now() -> int:
    return int(time.time())


def _clean(value: Any) -> Any:
    """PostgreSQL text and jsonb cannot hold U+0000 (SQLite can): it becomes U+FFFD, so a NUL typed
    into a chat or written by an LLM is stored instead of failing the turn."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _item(row: tuple[Any, ...]) -> Item:
    item_id, title, year, genres, tags, aka, raw_title, description, keywords, popularity = row
    return Item(item_id=item_id, title=title, year=year, genres=tuple(genres), tags=tuple(tags), aka=tuple(aka),
                raw_title=raw_title, description=description, keywords=tuple(keywords), popularity=popularity)


class PgCatalog:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def upsert(self, items: Iterable[Item]) -> int:
        rows = {item.item_id: item for item in items}  # the last copy of an id wins, as in SQLite
        names = sorted({(key, item_id) for item_id, item in rows.items() for key in title_keys(item)})
        with self.db.tx() as conn:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS items_in (LIKE items) ON COMMIT DROP")
            with conn.cursor().copy(f"COPY items_in (norm_title, {_ITEM_COLUMNS}) FROM STDIN") as copy:
                for i in rows.values():
                    copy.write_row(_clean((normalise_title(i.title), i.item_id, i.title, i.year, i.genres, i.tags,
                                           i.aka, i.raw_title, i.description, i.keywords, i.popularity)))
            # Knowledge (description, keywords) survives a re-import that carries none.
            conn.execute(f"""
                INSERT INTO items (norm_title, {_ITEM_COLUMNS}) SELECT norm_title, {_ITEM_COLUMNS} FROM items_in
                ON CONFLICT (item_id) DO UPDATE SET title = excluded.title, norm_title = excluded.norm_title,
                  year = excluded.year, genres = excluded.genres, tags = excluded.tags, aka = excluded.aka,
                  raw_title = excluded.raw_title,
                  description = CASE WHEN excluded.description <> '' THEN excluded.description ELSE items.description END,
                  keywords = CASE WHEN excluded.keywords <> '{{}}' THEN excluded.keywords ELSE items.keywords END""")
            conn.execute("DELETE FROM item_names WHERE item_id IN (SELECT item_id FROM items_in)")
            conn.execute("TRUNCATE items_in")
            with conn.cursor().copy("COPY item_names (norm, item_id) FROM STDIN") as copy:
                for row in names:
                    copy.write_row(row)
        return len(rows)

    def get(self, item_id: int) -> Item | None:
        row = self.db.one(f"SELECT {_ITEM_COLUMNS} FROM items WHERE item_id = %s", (int(item_id),))
        return _item(row) if row else None

    def get_many(self, item_ids: Iterable[int]) -> list[Item]:
        ids = [int(i) for i in item_ids]
        rows = self.db.rows(f"SELECT {_ITEM_COLUMNS} FROM items WHERE item_id = ANY(%s)", (ids,))
        found = {row[0]: _item(row) for row in rows}
        return [found[i] for i in ids if i in found]

    def find_by_title(self, text: str) -> list[Item]:
        rows = self.db.rows(
            f"""SELECT {_ITEM_COLUMNS} FROM items WHERE item_id IN
                (SELECT item_id FROM item_names WHERE norm = %s) ORDER BY popularity DESC, item_id""",
            (normalise_title(text),),
        )
        return [_item(r) for r in rows]

    def all(self) -> Iterator[Item]:
        for row in self.db.stream(f"SELECT {_ITEM_COLUMNS} FROM items ORDER BY item_id"):
            yield _item(row)

    def count(self) -> int:
        return self.db.one("SELECT COUNT(*) FROM items")[0]

    def genres(self) -> dict[str, int]:
        rows = self.db.rows("SELECT g, COUNT(*) FROM items, unnest(genres) AS g GROUP BY g")
        return dict(sorted(rows))  # Python's order, not the database collation's: same as SQLite

    def set_knowledge(self, item_id: int, description: str, keywords: tuple[str, ...]) -> None:
        with self.db.tx() as conn:
            conn.execute("UPDATE items SET description = %s, keywords = %s WHERE item_id = %s",
                         (_clean(description), _clean(keywords), int(item_id)))

    def refresh_popularity(self, counts: dict[int, int]) -> None:
        with self.db.tx() as conn:
            conn.execute("UPDATE items SET popularity = 0 WHERE popularity <> 0")
            conn.execute("""UPDATE items SET popularity = c.n FROM unnest(%s::bigint[], %s::integer[]) AS c(item_id, n)
                            WHERE items.item_id = c.item_id""", (list(counts), list(counts.values())))


class PgInteractions:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def add(self, interactions: Iterable[Interaction]) -> int:
        rows: dict[tuple[str, int, int], Interaction] = {}
        n = 0
        for i in interactions:  # an identical (user, item, ts) is replaced: the last one wins
            rows[(i.user_id, i.ts, i.item_id)] = i
            n += 1
        upsert = """INSERT INTO interactions (user_id, item_id, ts, rating, source) {}
                    ON CONFLICT (user_id, ts, item_id) DO UPDATE SET rating = excluded.rating, source = excluded.source"""
        with self.db.tx() as conn:
            if len(rows) < COPY_FROM:
                conn.cursor().executemany(upsert.format("VALUES (%s, %s, %s, %s, %s)"),
                                          [(i.user_id, i.item_id, i.ts, i.rating, i.source) for i in rows.values()])
                return n
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS interactions_in (LIKE interactions) ON COMMIT DROP")
            with conn.cursor().copy("COPY interactions_in (user_id, item_id, ts, rating, source) FROM STDIN") as copy:
                for i in rows.values():
                    copy.write_row((i.user_id, i.item_id, i.ts, i.rating, i.source))
            conn.execute(upsert.format("SELECT user_id, item_id, ts, rating, source FROM interactions_in"))
            conn.execute("TRUNCATE interactions_in")
        return n

    def history(self, user_id: str, limit: int | None = None) -> list[Interaction]:
        rows = self.db.rows(
            """SELECT user_id, item_id, ts, rating, source FROM interactions WHERE user_id = %s
               ORDER BY ts DESC, item_id DESC LIMIT %s""",
            (user_id, None if limit is None else max(0, int(limit))),
        )
        return [Interaction(*row) for row in reversed(rows)]

    def sequences(self) -> Iterator[tuple[str, list[Interaction]]]:
        rows = self.db.stream("SELECT user_id, item_id, ts, rating, source FROM interactions ORDER BY user_id COLLATE \"C\", ts, item_id")
        for user_id, group in groupby(rows, key=lambda r: r[0]):
            yield user_id, [Interaction(*row) for row in group]

    def item_counts(self) -> dict[int, int]:
        return dict(self.db.rows("SELECT item_id, COUNT(*) FROM interactions GROUP BY item_id"))

    def count(self) -> int:
        return self.db.one("SELECT COUNT(*) FROM interactions")[0]

    def user_count(self) -> int:
        return self.db.one("SELECT COUNT(DISTINCT user_id) FROM interactions")[0]


class PgUsers:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def ensure(self, user_id: str) -> bool:
        return self.ensure_many([user_id]) == 1

    def ensure_many(self, user_ids: Iterable[str]) -> int:
        with self.db.tx() as conn:
            cur = conn.execute("""INSERT INTO users (user_id, created) SELECT DISTINCT u, %s FROM unnest(%s::text[]) AS u
                                  ON CONFLICT (user_id) DO NOTHING""", (_now(), list(user_ids)))
            return cur.rowcount

    def exists(self, user_id: str) -> bool:
        return self.db.one("SELECT 1 FROM users WHERE user_id = %s", (user_id,)) is not None

    def count(self) -> int:
        return self.db.one("SELECT COUNT(*) FROM users")[0]


class PgSessions:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def create(self, user_id: str, session_id: str | None = None) -> str:
        session_id = session_id or uuid.uuid4().hex
        with self.db.tx() as conn:
            conn.execute("""INSERT INTO sessions (session_id, user_id, created) VALUES (%s, %s, %s)
                            ON CONFLICT (session_id) DO NOTHING""", (session_id, user_id, _now()))
        return session_id

    def owner(self, session_id: str) -> str | None:
        row = self.db.one("SELECT user_id FROM sessions WHERE session_id = %s", (session_id,))
        return row[0] if row else None

    def add_message(self, message: Message) -> None:
        with self.db.tx() as conn:
            conn.execute("INSERT INTO messages (session_id, role, content, ts, payload) VALUES (%s, %s, %s, %s, %s)",
                         (message.session_id, message.role, _clean(message.content), message.ts, Jsonb(_clean(message.payload))))

    def messages(self, session_id: str, limit: int | None = None) -> list[Message]:
        rows = self.db.rows(
            "SELECT session_id, role, content, ts, payload FROM messages WHERE session_id = %s ORDER BY id DESC LIMIT %s",
            (session_id, None if limit is None else max(0, int(limit))),
        )
        return [Message(*row) for row in reversed(rows)]


class PgProfiles:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def get(self, user_id: str) -> dict[str, Any] | None:
        row = self.db.one("SELECT data FROM profiles WHERE user_id = %s", (user_id,))
        return row[0] if row else None  # decoded afresh on every read: callers cannot alias it

    def put(self, user_id: str, profile: dict[str, Any]) -> None:
        with self.db.tx() as conn:
            conn.execute("""INSERT INTO profiles (user_id, data, updated) VALUES (%s, %s, %s)
                            ON CONFLICT (user_id) DO UPDATE SET data = excluded.data, updated = excluded.updated""",
                         (user_id, Jsonb(_clean(profile)), _now()))

    def delete(self, user_id: str) -> bool:
        with self.db.tx() as conn:
            return conn.execute("DELETE FROM profiles WHERE user_id = %s", (user_id,)).rowcount > 0


class PgFeedback:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def add(self, feedback: Feedback) -> None:
        with self.db.tx() as conn:
            conn.execute("INSERT INTO feedback (user_id, item_id, value, ts, session_id) VALUES (%s, %s, %s, %s, %s)",
                         (feedback.user_id, feedback.item_id, feedback.value, feedback.ts, feedback.session_id))

    def for_user(self, user_id: str) -> list[Feedback]:
        rows = self.db.rows("SELECT user_id, item_id, value, ts, session_id FROM feedback WHERE user_id = %s ORDER BY id",
                            (user_id,))
        return [Feedback(*row) for row in rows]
