"""The retriever tool: query text and/or vector -> candidates, honouring `Filters` exactly.

Every result is re-checked against the catalog item with `Filters.accepts` whatever the backend,
so a backend bug can shorten a list but never break a constraint. Lists are never padded: when
fewer than k items pass, the result says why in `note`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from muse.errors import InvalidInputError
from stores.base import CatalogStore
from tools.candidates import Candidate
from tools.protocols import Embedder
from tools.retriever.embedders import normalise_rows
from tools.retriever.exact import ExactIndex
from tools.retriever.filters import Filters
from tools.retriever.index import VectorIndex

#: Query text beyond this is cut (with a note); the embedders truncate to a few hundred tokens anyway.
MAX_QUERY_CHARS = 2000
MAX_K = 500


@dataclass(frozen=True, slots=True)
class RetrievalResult:
    """Candidates best first, and a note when the list is short, truncated or empty, saying why."""

    candidates: list[Candidate]
    note: str | None = None

    @property
    def item_ids(self) -> list[int]:
        return [c.item_id for c in self.candidates]


class Retriever:
    """Semantic search over catalog items with exact hard filters.

    `index` answers queries (exact numpy or Chroma); `vectors` is the exact index, the embedding
    cache used for "more like these" and for counting how many items pass the filters.
    """

    def __init__(self, catalog: CatalogStore, embedder: Embedder, index: VectorIndex, vectors: ExactIndex) -> None:
        self.catalog = catalog
        self.embedder = embedder
        self.index = index
        self.vectors = vectors
        self._known_genres = sorted(catalog.genres())
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def backend(self) -> str:
        return self.index.name

    def known_genres(self) -> list[str]:
        """Genre names the catalog uses (what `Filters` accepts)."""
        return list(self._known_genres)

    def filters(self, data: Filters | dict | None = None) -> Filters:
        """Validate filters against the catalog's genres (raises `InvalidInputError` listing known ones)."""
        return Filters.parse(data, self._known_genres)

    def search(
        self, text: str | None = None, vector: np.ndarray | None = None, filters: Filters | dict | None = None, k: int = 10
    ) -> RetrievalResult:
        """Items closest in meaning to `text` (and/or `vector`, averaged), passing `filters`, best first.

        Empty text without a vector gives an empty result with a note; text over 2000 characters is cut.
        """
        checked, k = self.filters(filters), _check_k(k)
        notes: list[str] = []
        query = self._query_vector(text, vector, notes)
        if query is None:
            return RetrievalResult([], "; ".join(notes))
        return self._ranked(query, checked, k, "retriever", notes)

    def similar_to(self, item_ids: Sequence[int], filters: Filters | dict | None = None, k: int = 10) -> RetrievalResult:
        """Items like the given ones (mean of their vectors); the given items themselves are left out."""
        checked, k = self.filters(filters), _check_k(k)
        seeds = [int(i) for i in item_ids]
        found = self.vectors.vectors(seeds)
        if not found:
            return RetrievalResult([], f"none of the items {seeds[:10]} is indexed (unknown ids, or run `muse index build`)")
        notes = [f"items not indexed, ignored: {sorted(set(seeds) - found.keys())}"] if len(found) < len(set(seeds)) else []
        query = normalise_rows(np.mean(np.stack(list(found.values())), axis=0))[0]
        checked = checked.model_copy(update={"exclude_ids": checked.exclude_ids | set(seeds)})
        return self._ranked(query, checked, k, "similar", notes)

    def browse(self, filters: Filters | dict | None = None, k: int = 10) -> RetrievalResult:
        """The most popular items passing `filters` (for requests with constraints but no description)."""
        checked, k = self.filters(filters), _check_k(k)
        top = self.vectors.most_popular(k, checked)
        items = {it.item_id: it for it in self.catalog.get_many([i for i, _ in top])}
        candidates = [Candidate.of(i, float(p), "popularity") for i, p in top if i in items and checked.accepts(items[i])]
        return RetrievalResult(candidates, self._shortfall_note(len(candidates), k, checked, []))

    # Internals ---------------------------------------------------------------------------------
    def _query_vector(self, text: str | None, vector: np.ndarray | None, notes: list[str]) -> np.ndarray | None:
        parts: list[np.ndarray] = []
        if vector is not None:
            given = np.asarray(vector, dtype=np.float32).reshape(-1)
            if given.shape[0] != self.embedder.dim or not np.isfinite(given).all():
                raise InvalidInputError(f"query vector must be {self.embedder.dim} finite floats, got shape {given.shape}")
            parts.append(normalise_rows(given)[0])
        cleaned = " ".join((text or "").split())
        if len(cleaned) > MAX_QUERY_CHARS:
            notes.append(f"query cut from {len(cleaned)} to {MAX_QUERY_CHARS} characters")
            cleaned = cleaned[:MAX_QUERY_CHARS]
        if cleaned:
            parts.append(self._embed_query(cleaned))
        if not parts:
            notes.append("empty query: give a description, a vector, or use similar_to/browse")
            return None
        query = normalise_rows(np.mean(parts, axis=0))[0]
        if not np.any(query):
            notes.append("query vector is zero")
            return None
        return query

    def _embed_query(self, text: str) -> np.ndarray:
        cached = self._query_cache.get(text)
        if cached is None:
            cached = self.embedder.embed([text])[0]
            self._query_cache[text] = cached
            if len(self._query_cache) > 256:
                self._query_cache.popitem(last=False)
        else:
            self._query_cache.move_to_end(text)
        return cached

    def _ranked(self, query: np.ndarray, filters: Filters, k: int, source: str, notes: list[str]) -> RetrievalResult:
        hits = self.index.query(query, k, filters)
        items = {it.item_id: it for it in self.catalog.get_many([i for i, _ in hits])}
        kept = [Candidate.of(i, s, source) for i, s in hits if i in items and filters.accepts(items[i])]
        dropped = len(hits) - len(kept)
        if dropped:
            notes.append(f"{dropped} result(s) from {self.index.name} failed the exact re-check and were dropped")
        return RetrievalResult(kept, self._shortfall_note(len(kept), k, filters, notes))

    def _shortfall_note(self, got: int, k: int, filters: Filters, notes: list[str]) -> str | None:
        if got < k:
            passing = self.vectors.matching(filters)
            if passing < k:
                notes.append(f"only {passing} of {self.vectors.count()} indexed items pass the filters ({filters.describe()})")
            elif got < passing:
                notes.append(f"{self.index.name} returned {got} of {k} asked")
        return "; ".join(notes) or None


def _check_k(k: int) -> int:
    if not isinstance(k, int) or k < 1:
        raise InvalidInputError(f"k must be a positive integer, got {k!r}")
    return min(k, MAX_K)

