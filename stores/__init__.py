"""Persistence behind small Protocols: catalog, interactions, users, sessions, profiles, feedback."""

from __future__ import annotations

from muse.settings import Settings
from stores.base import Stores
from stores.memory import memory_stores
from stores.sqlite import sqlite_stores


def open_stores(settings: Settings, slug: str) -> Stores:
    """The SQLite stores of one dataset under the Muse home."""
    return sqlite_stores(settings.db_path(slug))


__all__ = ["Stores", "memory_stores", "open_stores", "sqlite_stores"]
