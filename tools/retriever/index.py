"""The vector index protocol, and `build_index`: the incremental sync from catalog to indexes.

The exact index doubles as the embedding cache: it holds every item's vector and content hash, so
`build_index` embeds only items whose text changed, then copies vectors (never re-embedding) into
Chroma for any item whose hash there differs. Both backends thus always hold the same vectors.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
from pydantic import BaseModel

from muse.domain import Item
from stores.base import CatalogStore
from tools.protocols import Embedder
from tools.retriever.filters import Filters
from tools.retriever.item_text import content_hash, embed_items


@dataclass(frozen=True, slots=True)
class ItemMeta:
    """What an index keeps beside a vector: enough to filter exactly without the catalog."""

    item_id: int
    year: int | None
    genres: tuple[str, ...]
    popularity: int
    content_hash: str

    @classmethod
    def of(cls, item: Item) -> "ItemMeta":
        return cls(item.item_id, item.year, tuple(item.genres), int(item.popularity), content_hash(item))


@runtime_checkable
class VectorIndex(Protocol):
    """Vectors of catalog items with their metadata; `query` honours `Filters` exactly."""

    name: str

    def count(self) -> int: ...

    def stored(self) -> dict[int, ItemMeta]:
        """Item id -> metadata (with the content hash of the stored vector) of every indexed item."""

    def upsert(self, metas: Sequence[ItemMeta], vectors: np.ndarray) -> None: ...

    def update_meta(self, metas: Sequence[ItemMeta]) -> None:
        """Replace the metadata of already indexed items, keeping their vectors."""

    def delete(self, item_ids: Iterable[int]) -> None: ...

    def query(self, vector: np.ndarray, k: int, filters: Filters) -> list[tuple[int, float]]:
        """Up to k (item id, cosine similarity) best first, all passing `filters`."""

    def vectors(self, item_ids: Sequence[int]) -> dict[int, np.ndarray]:
        """Stored vectors of the ids that are indexed."""

    def clear(self) -> None: ...

    def save(self) -> None:
        """Make what was written durable (a no-op for backends that persist on write)."""


class BuildReport(BaseModel):
    """What `muse index build` did."""

    items: int
    embedded: int
    unchanged: int
    removed: int
    chroma_synced: int | None = None
    embed_seconds: float
    total_seconds: float
    embedder: str
    backends: list[str]

    @property
    def items_per_s(self) -> float:
        return self.embedded / self.embed_seconds if self.embed_seconds > 0 else 0.0


def build_index(
    catalog: CatalogStore,
    embedder: Embedder,
    exact: VectorIndex,
    mirrors: Sequence[VectorIndex] = (),
    *,
    rebuild: bool = False,
    batch_size: int = 128,
    progress: bool = False,
) -> BuildReport:
    """Embed new or changed catalog items into `exact`, drop removed ones, then sync each mirror."""
    started = time.perf_counter()
    if rebuild:
        for index in (exact, *mirrors):
            index.clear()
    items = list(catalog.all())
    metas = [ItemMeta.of(item) for item in items]
    stored = exact.stored()
    todo = [(item, meta) for item, meta in zip(items, metas) if _hash(stored, meta.item_id) != meta.content_hash]
    live = {m.item_id for m in metas}
    removed = [item_id for item_id in stored if item_id not in live]
    exact.delete(removed)

    embed_started = time.perf_counter()
    bar = _progress(len(todo), progress, f"embedding with {embedder.name}")
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        vectors = embed_items(embedder, [item for item, _ in batch])
        exact.upsert([meta for _, meta in batch], vectors)
        bar.update(len(batch))
    bar.close()
    embed_seconds = time.perf_counter() - embed_started
    # Popularity can change without the text: refresh metadata, keep vectors.
    exact.update_meta(_meta_only_changes(stored, metas))
    exact.save()

    synced = sum(sync_mirror(exact, mirror, metas, progress=progress) for mirror in mirrors) if mirrors else None
    return BuildReport(
        items=len(items),
        embedded=len(todo),
        unchanged=len(items) - len(todo),
        removed=len(removed),
        chroma_synced=synced,
        embed_seconds=round(embed_seconds, 3),
        total_seconds=round(time.perf_counter() - started, 3),
        embedder=embedder.name,
        backends=[exact.name, *(m.name for m in mirrors)],
    )


def sync_mirror(source: VectorIndex, mirror: VectorIndex, metas: Sequence[ItemMeta], *, batch_size: int = 1000, progress: bool = False) -> int:
    """Copy into `mirror` every vector whose hash there differs from `source`; returns how many."""
    have = mirror.stored()
    live = {m.item_id for m in metas}
    mirror.delete([item_id for item_id in have if item_id not in live])
    todo = [m for m in metas if _hash(have, m.item_id) != m.content_hash]
    mirror.update_meta(_meta_only_changes(have, metas))
    bar = _progress(len(todo), progress, f"syncing {mirror.name}")
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        vectors = source.vectors([m.item_id for m in batch])
        mirror.upsert(batch, np.stack([vectors[m.item_id] for m in batch]))
        bar.update(len(batch))
    bar.close()
    mirror.save()
    return len(todo)


def _hash(stored: dict[int, ItemMeta], item_id: int) -> str | None:
    meta = stored.get(item_id)
    return meta.content_hash if meta else None


def _meta_only_changes(stored: dict[int, ItemMeta], metas: Sequence[ItemMeta]) -> list[ItemMeta]:
    """Items whose vector is current but whose metadata (e.g. popularity) moved."""
    return [m for m in metas if m.item_id in stored and stored[m.item_id] != m and _hash(stored, m.item_id) == m.content_hash]


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, enabled: bool, desc: str):
    if not enabled or total == 0:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="item")
