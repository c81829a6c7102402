"""A connection pool bound to one dataset's schema, with transactions that follow the thread.

Every Muse dataset lives in its own PostgreSQL schema (`muse_<slug>`), so one database holds
them all. Connections are autocommit; `tx()` opens a real transaction and binds it to the calling
thread, so every store written inside one `Stores.transaction()` uses the same connection and
commits together, exactly like the SQLite stores.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool, PoolTimeout

from muse.errors import BackendUnavailableError
from stores.postgres.schema import lock_key, migrate

MAX_IDENTIFIER = 63  # PostgreSQL's NAMEDATALEN - 1
log = logging.getLogger("muse.stores")


@contextmanager
def checkout(pool: ConnectionPool) -> Iterator[psycopg.Connection]:
    """A pooled connection; a full pool or a lost server becomes BackendUnavailableError (a 503 for
    the API), with the details in the log, not in the message a client sees."""
    try:
        with pool.connection() as conn:
            yield conn
    except PoolTimeout as exc:
        log.error("PostgreSQL pool %s: no free connection within %.0f s", pool.name, pool.timeout)
        raise BackendUnavailableError("the database is busy; try again") from exc
    except psycopg.OperationalError as exc:
        log.error("PostgreSQL pool %s: %s", pool.name, exc)
        raise BackendUnavailableError("the database is unavailable; try again") from exc


def schema_name(slug: str) -> str:
    """The PostgreSQL schema of a dataset: `muse_<slug>`, shortened with a hash when too long."""
    name = f"muse_{slug}"
    if len(name.encode()) <= MAX_IDENTIFIER:
        return name
    return f"muse_{slug[:40]}_{lock_key(slug) & 0xFFFFFFFF:08x}"


def redact(url: str) -> str:
    """The URL without its password (for messages and summaries)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def open_pool(url: str, schema: str, max_size: int, *, name: str, session_sql: str = "",
              wait_s: float = 15.0) -> ConnectionPool:
    """An open, autocommit pool whose connections see `schema` first; the schema is migrated."""
    set_path = sql.SQL("SET search_path TO {}").format(sql.Identifier(schema))

    def configure(conn: psycopg.Connection) -> None:
        conn.execute(set_path)
        if session_sql:
            conn.execute(session_sql)

    try:  # one plain attempt first: a wrong host or password fails now, with the reason, not after wait_s
        psycopg.connect(url, connect_timeout=int(wait_s)).close()
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise BackendUnavailableError(f"PostgreSQL at {redact(url)} is unreachable: {reason}") from exc
    pool = ConnectionPool(url, min_size=1, max_size=max(1, max_size), kwargs={"autocommit": True},
                          configure=configure, check=ConnectionPool.check_connection, name=name, open=False)
    try:
        pool.open(wait=True, timeout=wait_s)
    except PoolTimeout as exc:
        pool.close()
        raise BackendUnavailableError(f"PostgreSQL at {redact(url)} did not answer within {wait_s:.0f} s") from exc
    try:
        with pool.connection() as conn:
            migrate(conn, schema)
    except BaseException:
        pool.close()
        raise
    return pool


class PgDatabase:
    """One dataset's pool; `tx()` and `conn()` hand out the thread's transaction when one is open."""

    def __init__(self, url: str, slug: str, pool_size: int = 10) -> None:
        self.url = url
        self.schema = schema_name(slug)
        self._local = threading.local()
        self.pool = open_pool(url, self.schema, pool_size, name=f"muse-stores-{slug}")

    @contextmanager
    def tx(self) -> Iterator[psycopg.Connection]:
        """A write transaction; nested uses join the outer one."""
        active = getattr(self._local, "conn", None)
        if active is not None:
            yield active
            return
        with checkout(self.pool) as conn:
            self._local.conn = conn
            try:
                with conn.transaction():
                    yield conn
            finally:
                self._local.conn = None

    @contextmanager
    def conn(self) -> Iterator[psycopg.Connection]:
        """A connection for reads: the thread's open transaction, else one from the pool."""
        active = getattr(self._local, "conn", None)
        if active is not None:
            yield active
            return
        with checkout(self.pool) as conn:
            yield conn

    def one(self, query: Any, params: Any = None) -> tuple[Any, ...] | None:
        with self.conn() as conn:
            return conn.execute(query, params).fetchone()

    def rows(self, query: Any, params: Any = None) -> list[tuple[Any, ...]]:
        with self.conn() as conn:
            return conn.execute(query, params).fetchall()

    def stream(self, query: Any, params: Any = None, batch: int = 5000) -> Iterator[tuple[Any, ...]]:
        """Rows through a server-side cursor: a 30M-row table never sits in memory at once."""
        with self.conn() as conn, conn.transaction(), conn.cursor(name=f"muse_{uuid.uuid4().hex}") as cur:
            cur.itersize = batch
            cur.execute(query, params)
            yield from cur

    def close(self) -> None:
        self.pool.close()


def schema_has_data(url: str, slug: str) -> bool:
    """True when the dataset's schema exists and holds items (checked without creating anything)."""
    schema = schema_name(slug)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:  # noqa: SIM117
            found = conn.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = %s"
                                 " AND table_name = 'items'", (schema,)).fetchone()
            if found is None:
                return False
            query = sql.SQL("SELECT EXISTS (SELECT 1 FROM {}.items)").format(sql.Identifier(schema))
            return bool(conn.execute(query).fetchone()[0])
    except psycopg.OperationalError as exc:
        raise BackendUnavailableError(f"PostgreSQL at {redact(url)}: {exc}".strip()) from exc
