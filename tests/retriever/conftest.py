"""Retriever fixtures: the shipped ml-latest-small in memory, a ~400-item slice of it, the real
MiniLM, and both real indexes (exact numpy file + Chroma PersistentClient) in a temp directory."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from muse.domain import Item
from muse.settings import Settings
from stores import memory_stores
from stores.base import Stores
from stores.datasets import import_source, resolve_dataset
from tools.retriever.embedders import FakeEmbedder
from tools.retriever.factory import Indexes, open_indexes
from tools.retriever.index import build_index
from tools.retriever.retriever import Retriever

#: Items the grounding and semantic tests name, kept in the small slice.
NAMED = (1214, 1200, 541, 176371, 2571, 6365, 4973, 1339, 2644, 5649, 6665, 1721, 3404, 6, 1, 2, 260)


class CountingEmbedder:
    """Wraps an embedder and records every text it embeds (to assert what a build re-embedded)."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return self.inner.embed(texts)


@pytest.fixture(scope="session")
def ml_stores() -> Stores:
    """The whole shipped ml-latest-small (9,742 items, popularity from ratings), in memory."""
    stores = memory_stores()
    import_source(stores, resolve_dataset("movielens-small", Settings()))
    return stores


@pytest.fixture(scope="session")
def small_items(ml_stores: Stores) -> list[Item]:
    """About 400 real items: the first 380 by id plus the ones tests name."""
    items = list(ml_stores.catalog.all())
    keep = {i.item_id for i in items[:380]} | set(NAMED)
    return [i for i in items if i.item_id in keep]


def stores_with(items: list[Item]) -> Stores:
    stores = memory_stores()
    stores.catalog.upsert(items)
    return stores


@pytest.fixture(scope="session")
def minilm():
    from tools.retriever.embedders import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def minilm_built(tmp_path_factory: pytest.TempPathFactory, small_items: list[Item], minilm) -> tuple[Stores, Indexes, Settings]:
    """The small slice embedded by the real MiniLM into a real exact index and a real Chroma collection."""
    settings = Settings(home=tmp_path_factory.mktemp("minilm-home"))
    stores = stores_with(small_items)
    indexes = open_indexes(settings, "small", minilm)
    build_index(stores.catalog, minilm, indexes.exact, indexes.mirrors)
    return stores, indexes, settings


@pytest.fixture(scope="session")
def retrievers(minilm_built, minilm) -> dict[str, Retriever]:
    """One retriever per backend over the same vectors."""
    stores, indexes, _ = minilm_built
    return {
        "exact": Retriever(stores.catalog, minilm, indexes.exact, indexes.exact),
        "chroma": Retriever(stores.catalog, minilm, indexes.chroma, indexes.exact),
    }


@pytest.fixture
def fake_settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", embedder="fake")


@pytest.fixture
def fake() -> FakeEmbedder:
    return FakeEmbedder()
