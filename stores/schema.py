"""Versioned SQLite schema. Each migration moves `PRAGMA user_version` one step forward."""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: catalog, interactions, users, sessions, messages, profiles, feedback
    """
    CREATE TABLE items (
        item_id     INTEGER PRIMARY KEY,
        title       TEXT NOT NULL,
        norm_title  TEXT NOT NULL,
        year        INTEGER,
        genres      TEXT NOT NULL DEFAULT '[]',
        tags        TEXT NOT NULL DEFAULT '[]',
        aka         TEXT NOT NULL DEFAULT '[]',
        raw_title   TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        keywords    TEXT NOT NULL DEFAULT '[]',
        popularity  INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE item_names (
        norm    TEXT NOT NULL,
        item_id INTEGER NOT NULL REFERENCES items(item_id) ON DELETE CASCADE,
        PRIMARY KEY (norm, item_id)
    ) WITHOUT ROWID;
    CREATE TABLE interactions (
        user_id TEXT NOT NULL,
        item_id INTEGER NOT NULL,
        ts      INTEGER NOT NULL,
        rating  REAL,
        source  TEXT NOT NULL DEFAULT 'dataset',
        PRIMARY KEY (user_id, ts, item_id)
    ) WITHOUT ROWID;
    CREATE INDEX interactions_item ON interactions(item_id);
    CREATE TABLE users (user_id TEXT PRIMARY KEY, created INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE sessions (
        session_id TEXT PRIMARY KEY,
        user_id    TEXT NOT NULL,
        created    INTEGER NOT NULL
    );
    CREATE INDEX sessions_user ON sessions(user_id);
    CREATE TABLE messages (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL REFERENCES sessions(session_id),
        role       TEXT NOT NULL,
        content    TEXT NOT NULL,
        ts         INTEGER NOT NULL,
        payload    TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX messages_session ON messages(session_id, id);
    CREATE TABLE profiles (user_id TEXT PRIMARY KEY, data TEXT NOT NULL, updated INTEGER NOT NULL);
    CREATE TABLE feedback (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id    TEXT NOT NULL,
        item_id    INTEGER NOT NULL,
        value      INTEGER NOT NULL CHECK (value IN (-1, 1)),
        ts         INTEGER NOT NULL,
        session_id TEXT
    );
    CREATE INDEX feedback_user ON feedback(user_id, id);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations in one transaction each; returns the resulting version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"database schema v{version} is newer than this Muse (v{SCHEMA_VERSION})")
    for number in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
