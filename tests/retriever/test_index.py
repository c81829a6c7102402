"""VectorIndex contract (exact numpy and real Chroma) and the incremental build."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from muse.settings import Settings
from tools.retriever.chroma import ChromaIndex, chroma_client, collection_name
from tools.retriever.embedders import FakeEmbedder
from tools.retriever.exact import ExactIndex
from tools.retriever.factory import open_indexes
from tools.retriever.filters import Filters
from tools.retriever.index import ItemMeta, VectorIndex, build_index

from .conftest import CountingEmbedder, stores_with

DIM = 8


def _metas() -> list[ItemMeta]:
    return [
        ItemMeta(1, 1979, ("Horror", "Sci-Fi"), 10, "h1"),
        ItemMeta(2, 1995, ("Comedy",), 5, "h2"),
        ItemMeta(3, None, (), 0, "h3"),
        ItemMeta(4, 2001, ("Comedy", "Romance"), 7, "h4"),
    ]


def _vectors(n: int) -> np.ndarray:
    vectors = np.random.default_rng(0).standard_normal((n, DIM)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.fixture(params=["exact", "chroma"])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> VectorIndex:
    if request.param == "exact":
        return ExactIndex(tmp_path / "index.npz", DIM)
    return ChromaIndex(chroma_client(path=tmp_path / "chroma"), "muse-test", DIM)


class TestVectorIndexContract:
    def test_upsert_query_and_stored_metadata(self, index: VectorIndex) -> None:
        vectors = _vectors(4)
        index.upsert(_metas(), vectors)
        assert index.count() == 4
        assert index.stored() == {m.item_id: m for m in _metas()}
        hits = index.query(vectors[1], 2, Filters())
        assert hits[0][0] == 2 and hits[0][1] == pytest.approx(1.0, abs=1e-4)

    @pytest.mark.parametrize(
        ("filters", "expected"),
        [
            (Filters(include_genres=("Comedy",)), {2, 4}),
            (Filters(include_genres=("Horror", "Romance")), {1, 4}),
            (Filters(exclude_genres=("Comedy",)), {1, 3}),
            (Filters(year_min=1990), {2, 4}),
            (Filters(year_max=1999), {1, 2}),
            (Filters(exclude_ids=frozenset({1, 2})), {3, 4}),
            (Filters(include_genres=("Comedy",), year_max=1999), {2}),
        ],
    )
    def test_filters_are_exact(self, index: VectorIndex, filters: Filters, expected: set[int]) -> None:
        index.upsert(_metas(), _vectors(4))
        assert {i for i, _ in index.query(_vectors(5)[4], 10, filters)} == expected

    def test_upsert_replaces_delete_removes_clear_empties(self, index: VectorIndex) -> None:
        index.upsert(_metas(), _vectors(4))
        index.upsert([replace(_metas()[0], content_hash="new")], _vectors(5)[4:])
        assert index.stored()[1].content_hash == "new"
        np.testing.assert_allclose(index.vectors([1])[1], _vectors(5)[4], atol=1e-5)
        index.update_meta([replace(_metas()[1], popularity=99)])
        assert index.stored()[2].popularity == 99
        index.delete([2, 3])
        assert set(index.stored()) == {1, 4}
        index.clear()
        assert index.count() == 0 and index.query(_vectors(1)[0], 3, Filters()) == []


def test_exact_index_survives_save_and_reload(tmp_path: Path) -> None:
    index = ExactIndex(tmp_path / "ix.npz", DIM)
    index.upsert(_metas(), _vectors(4))
    index.save()
    again = ExactIndex(tmp_path / "ix.npz", DIM)
    assert again.stored() == index.stored()
    np.testing.assert_array_equal(again.vectors([1, 2, 3, 4])[3], index.vectors([3])[3])


def test_exact_index_of_another_dimension_starts_empty(tmp_path: Path) -> None:
    index = ExactIndex(tmp_path / "ix.npz", DIM)
    index.upsert(_metas(), _vectors(4))
    index.save()
    assert ExactIndex(tmp_path / "ix.npz", DIM * 2).count() == 0


def test_collection_names_are_valid() -> None:
    assert collection_name("ml-latest-small", "st-all MiniLM/L6") == "muse-ml-latest-small-st-all-MiniLM-L6"


def test_incremental_build_reembeds_only_changed_items(small_items, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    stores = stores_with(small_items)
    embedder = CountingEmbedder(FakeEmbedder())
    indexes = open_indexes(settings, "small", embedder)
    first = build_index(stores.catalog, embedder, indexes.exact, indexes.mirrors)
    assert first.embedded == first.items == len(small_items) and first.chroma_synced == len(small_items)

    embedder.texts.clear()
    again = build_index(stores.catalog, embedder, indexes.exact, indexes.mirrors)
    assert (again.embedded, again.unchanged, again.chroma_synced, embedder.texts) == (0, len(small_items), 0, [])

    stores.catalog.set_knowledge(1214, "A spaceship crew is stalked by a deadly creature.", ("space", "creature"))
    stores.catalog.refresh_popularity({1: 999})  # metadata-only change: no re-embedding
    changed = build_index(stores.catalog, embedder, indexes.exact, indexes.mirrors)
    assert changed.embedded == 1 and changed.chroma_synced == 1
    assert len(embedder.texts) == 2 and "deadly creature" in embedder.texts[0]  # the content, then the title
    assert indexes.exact.stored()[1].popularity == 999 and indexes.chroma.stored()[1].popularity == 999

    # an item gone from the catalog leaves both indexes
    fewer = stores_with([i for i in small_items if i.item_id != 2])
    removed = build_index(fewer.catalog, embedder, indexes.exact, indexes.mirrors)
    assert removed.removed == 1 and 2 not in indexes.exact.stored() and 2 not in indexes.chroma.stored()

    rebuilt = build_index(fewer.catalog, embedder, indexes.exact, indexes.mirrors, rebuild=True)
    assert rebuilt.embedded == len(small_items) - 1


def test_the_real_build_wrote_both_backends(minilm_built) -> None:
    stores, indexes, _ = minilm_built
    assert indexes.exact.count() == indexes.chroma.count() == stores.catalog.count()
    assert indexes.exact.stored() == indexes.chroma.stored()
