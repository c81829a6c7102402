"""Persistence behind small Protocols: catalog, interactions, users, sessions, profiles, feedback.

SQLite files under the Muse home by default; PostgreSQL when `MUSE_DATABASE_URL` is set (one
schema per dataset in that database). Every caller goes through `open_stores`.
"""

from __future__ import annotations

from muse.settings import Settings
from stores.base import Stores
from stores.locks import LocalTurnLock, TurnLock
from stores.memory import memory_stores
from stores.sqlite import sqlite_stores


def _url(settings: Settings) -> str:
    assert settings.database_url is not None
    return settings.database_url.get_secret_value()


def open_stores(settings: Settings, slug: str) -> Stores:
    """The stores of one dataset: PostgreSQL when a database URL is set, else a SQLite file."""
    if settings.uses_postgres:
        from stores.postgres import postgres_stores

        return postgres_stores(_url(settings), slug, pool_size=settings.db_pool_size)
    return sqlite_stores(settings.db_path(slug))


def dataset_ready(settings: Settings, slug: str) -> bool:
    """True when the dataset has been prepared into its stores (nothing is created to find out)."""
    if settings.uses_postgres:
        from stores.postgres import schema_has_data

        return schema_has_data(_url(settings), slug)
    return settings.db_path(slug).exists()


def store_location(settings: Settings, slug: str) -> str:
    """Where a dataset's stores live, for people: a file path, or the database (no password) and schema."""
    if settings.uses_postgres:
        from stores.postgres import redact, schema_name

        return f"{redact(_url(settings))} schema {schema_name(slug)}"
    return str(settings.db_path(slug))


def open_turn_lock(settings: Settings, slug: str) -> TurnLock:
    """Per-user turn serialisation: shared through PostgreSQL when the stores are there (several
    workers may serve one user), else in-process."""
    if settings.uses_postgres:
        from stores.postgres import PgTurnLock

        return PgTurnLock(_url(settings), slug, pool_size=settings.db_pool_size)
    return LocalTurnLock()


__all__ = ["LocalTurnLock", "Stores", "TurnLock", "dataset_ready", "memory_stores", "open_stores", "open_turn_lock",
           "sqlite_stores", "store_location"]
