"""What several API workers share through PostgreSQL: each key's rate limit and each user's turn lock.

Why PostgreSQL and not Redis: the stores already need PostgreSQL once there is more than one
worker, so this adds no server to run, back up or secure; an advisory lock dies with the
connection of a worker that crashes (no lease to expire, no stuck lock); and the token bucket is
one row updated under a row lock by one function call, so it is exact under any number of workers
and uses the database's clock only. The cost is one round trip per request (about a millisecond
on a LAN), far below a turn.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from muse.errors import BackendUnavailableError
from stores.locks import LocalTurnLock
from stores.postgres.db import checkout, open_pool, schema_name
from stores.postgres.schema import lock_key

TURN_WAIT_S = 60.0  # a user's turn waits this long for the same user's previous turn, then 503


class PgRateLimiter:
    """Per-key token buckets in the `rate_buckets` table: `rate_per_minute` a minute, bursts up to it."""

    def __init__(self, url: str, slug: str, rate_per_minute: int, pool_size: int = 4) -> None:
        self.capacity = float(max(1, rate_per_minute))
        self.refill_per_s = self.capacity / 60.0
        self.pool = open_pool(url, schema_name(slug), pool_size, name=f"muse-rate-{slug}")

    def take(self, key: str) -> float:
        """Spend one token; returns 0 when allowed, else the seconds until a token is back."""
        with checkout(self.pool) as conn:
            row = conn.execute("SELECT take_token(%s, %s, %s)", (key, self.capacity, self.refill_per_s)).fetchone()
        return float(row[0])

    def acquire(self, key: str) -> float | None:
        """`ui.limits.RateLimiter`: None when allowed, else the seconds to wait."""
        wait_s = self.take(key)
        return wait_s if wait_s > 0 else None

    def close(self) -> None:
        self.pool.close()


class PgTurnLock:
    """One user's turns run one at a time across every worker: a session advisory lock per user.

    A worker first queues its own threads on an in-process lock, so it holds at most one database
    connection per user waiting; the lock connections come from their own pool, so turns waiting
    here never starve the stores of connections."""

    def __init__(self, url: str, slug: str, pool_size: int = 10, wait_s: float = TURN_WAIT_S) -> None:
        self.schema = schema_name(slug)
        self.local = LocalTurnLock()
        self.wait_s = wait_s
        self.busy = f"another turn of this user has run for over {wait_s:g} s; try again"
        self.pool = open_pool(url, self.schema, pool_size, name=f"muse-locks-{slug}",
                              session_sql=f"SET lock_timeout = {int(wait_s * 1000)}")

    @contextmanager
    def hold(self, user_id: str) -> Iterator[None]:
        key, local = lock_key(self.schema, "turn", user_id), self.local.hold(user_id)
        if not local.acquire(timeout=self.wait_s):
            raise BackendUnavailableError(self.busy)
        try:
            with checkout(self.pool) as conn:
                try:
                    conn.execute("SELECT pg_advisory_lock(%s)", (key,))
                except psycopg.errors.LockNotAvailable as exc:
                    raise BackendUnavailableError(self.busy) from exc
                try:
                    yield
                finally:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (key,))
        finally:
            local.release()

    def close(self) -> None:
        self.pool.close()


@contextmanager
def startup_lock(url: str, slug: str) -> Iterator[None]:
    """Held while one worker builds its service: workers that start together take turns, so a
    missing index or cache is built once and the others find it done."""
    with psycopg.connect(url, autocommit=True) as conn:
        key = lock_key(schema_name(slug), "startup")
        conn.execute("SELECT pg_advisory_lock(%s)", (key,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (key,))
