"""Versioned PostgreSQL schema, one schema per dataset. `schema_version` holds the step reached;
each run applies the pending migrations under an advisory lock, so workers that start together
migrate once."""

from __future__ import annotations

import hashlib

import psycopg
from psycopg import sql

MIGRATIONS: list[str] = [
    # 1: the same records as SQLite v1 (lists as text[], JSON as jsonb), plus the API's shared
    # token buckets (one row per key, spent by one atomic function call).
    """
    CREATE TABLE items (
        item_id     bigint PRIMARY KEY,
        title       text NOT NULL,
        norm_title  text NOT NULL,
        year        integer,
        genres      text[] NOT NULL DEFAULT '{}',
        tags        text[] NOT NULL DEFAULT '{}',
        aka         text[] NOT NULL DEFAULT '{}',
        raw_title   text NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        keywords    text[] NOT NULL DEFAULT '{}',
        popularity  integer NOT NULL DEFAULT 0
    );
    CREATE TABLE item_names (
        norm    text NOT NULL,
        item_id bigint NOT NULL REFERENCES items(item_id) ON DELETE CASCADE,
        PRIMARY KEY (norm, item_id)
    );
    CREATE INDEX item_names_item ON item_names(item_id);
    CREATE TABLE interactions (
        user_id text NOT NULL,
        item_id bigint NOT NULL,
        ts      bigint NOT NULL,
        rating  double precision,
        source  text NOT NULL DEFAULT 'dataset',
        PRIMARY KEY (user_id, ts, item_id)
    );
    CREATE INDEX interactions_item ON interactions(item_id);
    CREATE TABLE users (user_id text PRIMARY KEY, created bigint NOT NULL);
    CREATE TABLE sessions (
        session_id text PRIMARY KEY,
        user_id    text NOT NULL,
        created    bigint NOT NULL
    );
    CREATE INDEX sessions_user ON sessions(user_id);
    CREATE TABLE messages (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id text NOT NULL REFERENCES sessions(session_id),
        role       text NOT NULL,
        content    text NOT NULL,
        ts         bigint NOT NULL,
        payload    jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX messages_session ON messages(session_id, id);
    CREATE TABLE profiles (user_id text PRIMARY KEY, data jsonb NOT NULL, updated bigint NOT NULL);
    CREATE TABLE feedback (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id    text NOT NULL,
        item_id    bigint NOT NULL,
        value      smallint NOT NULL CHECK (value IN (-1, 1)),
        ts         bigint NOT NULL,
        session_id text
    );
    CREATE INDEX feedback_user ON feedback(user_id, id);
    CREATE TABLE rate_buckets (
        key     text PRIMARY KEY,
        tokens  double precision NOT NULL,
        updated timestamptz NOT NULL
    );
    -- Spend one token of `p_key`'s bucket; 0 when allowed, else the seconds until one is back.
    -- The row lock serialises callers of one key across every worker; the server's clock is the
    -- only clock, so workers on several machines agree.
    CREATE FUNCTION take_token(p_key text, p_capacity double precision, p_per_s double precision)
    RETURNS double precision LANGUAGE plpgsql AS $$
    DECLARE
        now_ts timestamptz := clock_timestamp();
        have   double precision;
    BEGIN
        INSERT INTO rate_buckets (key, tokens, updated) VALUES (p_key, p_capacity, now_ts)
            ON CONFLICT (key) DO NOTHING;
        SELECT LEAST(p_capacity, tokens + GREATEST(0, EXTRACT(EPOCH FROM now_ts - updated)) * p_per_s)
            INTO have FROM rate_buckets WHERE key = p_key FOR UPDATE;
        IF have >= 1 THEN
            UPDATE rate_buckets SET tokens = have - 1, updated = GREATEST(updated, now_ts) WHERE key = p_key;
            RETURN 0;
        END IF;
        UPDATE rate_buckets SET tokens = have, updated = GREATEST(updated, now_ts) WHERE key = p_key;
        RETURN (1 - have) / p_per_s;
    END $$;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def lock_key(*parts: str) -> int:
    """A signed 64-bit advisory-lock key for `parts` (sha256: no practical collisions)."""
    digest = hashlib.sha256("\x00".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def migrate(conn: psycopg.Connection, schema: str) -> int:
    """Create `schema` if needed and apply pending migrations in one transaction; returns the version.

    `conn` must have `schema` first on its search_path (the pool's `configure` sets it)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key("muse-migrate", schema),))
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        version = row[0] if row else 0
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"database schema {schema} v{version} is newer than this Muse (v{SCHEMA_VERSION})")
        for number in range(version, SCHEMA_VERSION):
            conn.execute(MIGRATIONS[number])  # several statements: fine without parameters
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (SCHEMA_VERSION,))
    return SCHEMA_VERSION
