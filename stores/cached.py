"""A read-through, in-process cache of the catalog for serving: items are read on every turn
(hundreds a turn) and change only when a dataset is re-imported or augmented.

Writes through this wrapper drop the cache; writes by another process (`muse data prepare` while a
server runs) are seen after a restart, as for the title grounder and the vector index.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

from muse.domain import Item
from stores.base import CatalogStore


class CachedCatalog:
    """`CatalogStore` over another one, every item kept in memory after the first read."""

    def __init__(self, inner: CatalogStore) -> None:
        self.inner = inner
        self._items: dict[int, Item] | None = None
        self._genres: dict[str, int] | None = None
        self._lock = threading.Lock()

    def _all(self) -> dict[int, Item]:
        items = self._items
        if items is None:
            with self._lock:
                if self._items is None:
                    self._items = {item.item_id: item for item in self.inner.all()}
                items = self._items
        return items

    def _changed(self) -> None:
        with self._lock:
            self._items, self._genres = None, None

    def upsert(self, items: Iterable[Item]) -> int:
        try:
            return self.inner.upsert(items)
        finally:
            self._changed()

    def get(self, item_id: int) -> Item | None:
        return self._all().get(item_id)

    def get_many(self, item_ids: Iterable[int]) -> list[Item]:
        items = self._all()
        return [items[i] for i in map(int, item_ids) if i in items]

    def find_by_title(self, text: str) -> list[Item]:
        return self.inner.find_by_title(text)

    def all(self) -> Iterator[Item]:
        items = self._all()
        return iter([items[i] for i in sorted(items)])

    def count(self) -> int:
        return len(self._all())

    def genres(self) -> dict[str, int]:
        if self._genres is None:
            self._genres = self.inner.genres()
        return dict(self._genres)

    def set_knowledge(self, item_id: int, description: str, keywords: tuple[str, ...]) -> None:
        try:
            self.inner.set_knowledge(item_id, description, keywords)
        finally:
            self._changed()

    def refresh_popularity(self, counts: dict[int, int]) -> None:
        try:
            self.inner.refresh_popularity(counts)
        finally:
            self._changed()
