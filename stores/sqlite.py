"""SQLite implementation of the stores: one file per dataset, WAL mode, one connection per thread."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Any

from muse.domain import Feedback, Interaction, Item, Message, normalise_title, title_keys
from stores.base import Stores
from stores.schema import migrate


class Database:
    """Owns the file, hands each thread its own connection, and scopes transactions."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        migrate(self.conn)

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=30000")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; nested uses join the outer one."""
        conn = self.conn
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()


def _now() -> int:
    return int(time.time())


def _item_from_row(row: tuple[Any, ...]) -> Item:
    item_id, title, year, genres, tags, aka, raw_title, description, keywords, popularity = row
    return Item(
        item_id=item_id,
        title=title,
        year=year,
        genres=tuple(json.loads(genres)),
        tags=tuple(json.loads(tags)),
        aka=tuple(json.loads(aka)),
        raw_title=raw_title,
        description=description,
        keywords=tuple(json.loads(keywords)),
        popularity=popularity,
    )


_ITEM_COLUMNS = "item_id, title, year, genres, tags, aka, raw_title, description, keywords, popularity"


class SQLiteCatalog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def upsert(self, items: Iterable[Item]) -> int:
        rows, names = [], []
        for item in items:
            rows.append((item.item_id, item.title, normalise_title(item.title), item.year,
                         json.dumps(list(item.genres)), json.dumps(list(item.tags)), json.dumps(list(item.aka)),
                         item.raw_title, item.description, json.dumps(list(item.keywords)), item.popularity))
            names.extend((key, item.item_id) for key in title_keys(item))
        with self.db.tx() as conn:
            # Knowledge (description, keywords) survives a re-import that carries none.
            conn.executemany(
                f"""INSERT INTO items ({_ITEM_COLUMNS.replace('item_id, title', 'item_id, title, norm_title')})
                    VALUES (?,?,?,?,?,?,?,?,?,?,?)
                    ON CONFLICT(item_id) DO UPDATE SET title=excluded.title, norm_title=excluded.norm_title,
                      year=excluded.year, genres=excluded.genres, tags=excluded.tags, aka=excluded.aka,
                      raw_title=excluded.raw_title,
                      description=CASE WHEN excluded.description != '' THEN excluded.description ELSE description END,
                      keywords=CASE WHEN excluded.keywords != '[]' THEN excluded.keywords ELSE keywords END""",
                rows,
            )
            conn.executemany("DELETE FROM item_names WHERE item_id = ?", [(r[0],) for r in rows])
            conn.executemany("INSERT OR IGNORE INTO item_names (norm, item_id) VALUES (?, ?)", names)
        return len(rows)

    def get(self, item_id: int) -> Item | None:
        row = self.db.conn.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE item_id = ?", (item_id,)).fetchone()
        return _item_from_row(row) if row else None

    def get_many(self, item_ids: Iterable[int]) -> list[Item]:
        ids = [int(i) for i in item_ids]
        found: dict[int, Item] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.conn.execute(f"SELECT {_ITEM_COLUMNS} FROM items WHERE item_id IN ({marks})", chunk):
                found[row[0]] = _item_from_row(row)
        return [found[i] for i in ids if i in found]

    def find_by_title(self, text: str) -> list[Item]:
        norm = normalise_title(text)
        rows = self.db.conn.execute(
            f"""SELECT {_ITEM_COLUMNS} FROM items WHERE item_id IN
                (SELECT item_id FROM item_names WHERE norm = ?) ORDER BY popularity DESC, item_id""",
            (norm,),
        )
        return [_item_from_row(r) for r in rows]

    def all(self) -> Iterator[Item]:
        for row in self.db.conn.execute(f"SELECT {_ITEM_COLUMNS} FROM items ORDER BY item_id"):
            yield _item_from_row(row)

    def count(self) -> int:
        return self.db.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]

    def genres(self) -> dict[str, int]:
        rows = self.db.conn.execute(
            "SELECT value, COUNT(*) FROM items, json_each(items.genres) GROUP BY value ORDER BY value"
        )
        return {genre: n for genre, n in rows}

    def set_knowledge(self, item_id: int, description: str, keywords: tuple[str, ...]) -> None:
        with self.db.tx() as conn:
            conn.execute("UPDATE items SET description = ?, keywords = ? WHERE item_id = ?",
                         (description, json.dumps(list(keywords)), item_id))

    def refresh_popularity(self, counts: dict[int, int]) -> None:
        with self.db.tx() as conn:
            conn.execute("UPDATE items SET popularity = 0")
            conn.executemany("UPDATE items SET popularity = ? WHERE item_id = ?",
                             [(n, item_id) for item_id, n in counts.items()])


class SQLiteInteractions:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, interactions: Iterable[Interaction]) -> int:
        rows = [(i.user_id, i.item_id, i.ts, i.rating, i.source) for i in interactions]
        with self.db.tx() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO interactions (user_id, item_id, ts, rating, source) VALUES (?,?,?,?,?)", rows
            )
        return len(rows)

    def history(self, user_id: str, limit: int | None = None) -> list[Interaction]:
        sql = "SELECT user_id, item_id, ts, rating, source FROM interactions WHERE user_id = ? ORDER BY ts DESC, item_id DESC"
        params: tuple[Any, ...] = (user_id,)
        if limit is not None:
            sql += " LIMIT ?"
            params = (user_id, max(0, int(limit)))
        rows = self.db.conn.execute(sql, params).fetchall()
        return [Interaction(*row) for row in reversed(rows)]

    def sequences(self) -> Iterator[tuple[str, list[Interaction]]]:
        rows = self.db.conn.execute(
            "SELECT user_id, item_id, ts, rating, source FROM interactions ORDER BY user_id, ts, item_id"
        )
        for user_id, group in groupby(rows, key=lambda r: r[0]):
            yield user_id, [Interaction(*row) for row in group]

    def item_counts(self) -> dict[int, int]:
        return dict(self.db.conn.execute("SELECT item_id, COUNT(*) FROM interactions GROUP BY item_id"))

    def count(self) -> int:
        return self.db.conn.execute("SELECT COUNT(*) FROM interactions").fetchone()[0]

    def user_count(self) -> int:
        return self.db.conn.execute("SELECT COUNT(DISTINCT user_id) FROM interactions").fetchone()[0]


class SQLiteUsers:
    def __init__(self, db: Database) -> None:
        self.db = db

    def ensure(self, user_id: str) -> bool:
        with self.db.tx() as conn:
            cur = conn.execute("INSERT OR IGNORE INTO users (user_id, created) VALUES (?, ?)", (user_id, _now()))
        return cur.rowcount == 1

    def ensure_many(self, user_ids: Iterable[str]) -> int:
        now = _now()
        with self.db.tx() as conn:
            before = conn.total_changes
            conn.executemany("INSERT OR IGNORE INTO users (user_id, created) VALUES (?, ?)",
                             [(u, now) for u in user_ids])
            return conn.total_changes - before

    def exists(self, user_id: str) -> bool:
        return self.db.conn.execute("SELECT 1 FROM users WHERE user_id = ?", (user_id,)).fetchone() is not None

    def count(self) -> int:
        return self.db.conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]


class SQLiteSessions:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, user_id: str, session_id: str | None = None) -> str:
        session_id = session_id or uuid.uuid4().hex
        with self.db.tx() as conn:
            conn.execute("INSERT OR IGNORE INTO sessions (session_id, user_id, created) VALUES (?, ?, ?)",
                         (session_id, user_id, _now()))
        return session_id

    def owner(self, session_id: str) -> str | None:
        row = self.db.conn.execute("SELECT user_id FROM sessions WHERE session_id = ?", (session_id,)).fetchone()
        return row[0] if row else None

    def add_message(self, message: Message) -> None:
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO messages (session_id, role, content, ts, payload) VALUES (?,?,?,?,?)",
                (message.session_id, message.role, message.content, message.ts, json.dumps(message.payload)),
            )

    def messages(self, session_id: str, limit: int | None = None) -> list[Message]:
        rows = self.db.conn.execute(
            "SELECT session_id, role, content, ts, payload FROM messages WHERE session_id = ? ORDER BY id DESC LIMIT ?",
            (session_id, -1 if limit is None else max(0, int(limit))),
        ).fetchall()
        return [Message(s, r, c, t, json.loads(p)) for s, r, c, t, p in reversed(rows)]


class SQLiteProfiles:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, user_id: str) -> dict[str, Any] | None:
        row = self.db.conn.execute("SELECT data FROM profiles WHERE user_id = ?", (user_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, user_id: str, profile: dict[str, Any]) -> None:
        with self.db.tx() as conn:
            conn.execute("INSERT OR REPLACE INTO profiles (user_id, data, updated) VALUES (?, ?, ?)",
                         (user_id, json.dumps(profile), _now()))

    def delete(self, user_id: str) -> bool:
        with self.db.tx() as conn:
            return conn.execute("DELETE FROM profiles WHERE user_id = ?", (user_id,)).rowcount > 0


class SQLiteFeedback:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, feedback: Feedback) -> None:
        with self.db.tx() as conn:
            conn.execute("INSERT INTO feedback (user_id, item_id, value, ts, session_id) VALUES (?,?,?,?,?)",
                         (feedback.user_id, feedback.item_id, feedback.value, feedback.ts, feedback.session_id))

    def for_user(self, user_id: str) -> list[Feedback]:
        rows = self.db.conn.execute(
            "SELECT user_id, item_id, value, ts, session_id FROM feedback WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return [Feedback(*row) for row in rows]


def sqlite_stores(path: Path) -> Stores:
    """Open (creating and migrating if needed) the SQLite stores at `path`."""
    db = Database(path)
    return Stores(
        catalog=SQLiteCatalog(db),
        interactions=SQLiteInteractions(db),
        users=SQLiteUsers(db),
        sessions=SQLiteSessions(db),
        profiles=SQLiteProfiles(db),
        feedback=SQLiteFeedback(db),
        _transaction=db.tx,
        _close=db.close,
    )
