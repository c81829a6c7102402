"""The serving catalog cache passes the catalog contract, and sees writes made through it."""

from __future__ import annotations

from pathlib import Path

import pytest

from stores import sqlite_stores
from stores.base import Stores
from stores.cached import CachedCatalog

from .test_contract import (  # noqa: F401 - the catalog contract, re-run here over the cache
    ALIEN,
    MATRIX,
    test_catalog_roundtrip_and_lookup,
    test_find_by_aka_and_accents,
    test_find_by_title_normalises,
    test_knowledge_survives_reimport,
    test_popularity,
)


@pytest.fixture
def stores(tmp_path: Path) -> Stores:
    s = sqlite_stores(tmp_path / "muse.sqlite3")
    s.catalog = CachedCatalog(s.catalog)
    yield s
    s.close()


def test_reads_come_from_memory_and_writes_refresh_them(stores: Stores) -> None:
    stores.catalog.upsert([MATRIX])
    assert stores.catalog.get(1) == MATRIX  # loaded
    inner = stores.catalog.inner
    inner.upsert([ALIEN])  # behind the cache's back (another process): not seen until a write here
    assert stores.catalog.get(3) is None
    stores.catalog.refresh_popularity({3: 7})
    assert stores.catalog.get(3).popularity == 7 and stores.catalog.count() == 2
