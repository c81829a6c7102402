"""PostgreSQL stores (psycopg 3, one connection pool per dataset, one schema per dataset) and the
coordination several API workers share: rate limits and per-user turn locks."""

from __future__ import annotations

from stores.base import Stores
from stores.postgres.coordination import PgRateLimiter, PgTurnLock, startup_lock
from stores.postgres.db import PgDatabase, redact, schema_has_data, schema_name
from stores.postgres.records import PgCatalog, PgFeedback, PgInteractions, PgProfiles, PgSessions, PgUsers
from stores.postgres.schema import SCHEMA_VERSION


def postgres_stores(url: str, slug: str, pool_size: int = 10) -> Stores:
    """Open (creating and migrating if needed) the stores of dataset `slug` in the database at `url`."""
    db = PgDatabase(url, slug, pool_size)
    return Stores(
        catalog=PgCatalog(db),
        interactions=PgInteractions(db),
        users=PgUsers(db),
        sessions=PgSessions(db),
        profiles=PgProfiles(db),
        feedback=PgFeedback(db),
        _transaction=db.tx,
        _close=db.close,
    )


__all__ = ["SCHEMA_VERSION", "PgRateLimiter", "PgTurnLock", "postgres_stores", "redact", "schema_has_data", "schema_name",
           "startup_lock"]
