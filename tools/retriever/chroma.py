"""Chroma as a vector index: a local PersistentClient under HOME, or a `chroma run` server.

Genres are a list-valued metadata field (Chroma >= 1.x: `$contains` / `$not_contains`); Chroma
rejects empty lists, so items without genres simply lack the key (`$not_contains` then matches,
`$contains` does not: exactly the semantics of `Filters`). Items without a year store `year = -1`,
and any year bound also requires `year >= 0`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from muse.errors import BackendUnavailableError
from tools.retriever.filters import Filters
from tools.retriever.index import ItemMeta

_NO_YEAR = -1
_PAGE = 5000


def chroma_client(*, path: Path | None = None, url: str | None = None) -> Any:
    """A Chroma client with telemetry off: HttpClient for `url`, else PersistentClient at `path`."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if url:
            parsed = urlparse(url if "://" in url else f"http://{url}")
            port = parsed.port or (443 if parsed.scheme == "https" else 8000)
            return chromadb.HttpClient(host=parsed.hostname or "localhost", port=port, ssl=parsed.scheme == "https", settings=settings)
        if path is None:
            raise ValueError("chroma_client needs a path or a url")
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=settings)
    except ValueError:
        raise
    except Exception as exc:
        raise BackendUnavailableError(f"cannot open Chroma at {url or path}: {exc}") from exc


def collection_name(slug: str, embedder_name: str) -> str:
    """A valid Chroma collection name (3-512 chars of [a-zA-Z0-9._-], alphanumeric ends)."""
    raw = re.sub(r"[^a-zA-Z0-9._-]+", "-", f"muse-{slug}-{embedder_name}").strip("-._")
    return raw[:200]


class ChromaIndex:
    """Item vectors in one Chroma collection (cosine space), metadata: item_id, year, genres, popularity, hash."""

    name = "chroma"

    def __init__(self, client: Any, collection: str, dim: int) -> None:
        self.client = client
        self.collection_name = collection
        self.dim = dim
        self._open()

    def _open(self) -> None:
        try:
            self._collection = self.client.get_or_create_collection(
                self.collection_name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
        except Exception as exc:
            raise BackendUnavailableError(f"cannot open Chroma collection {self.collection_name}: {exc}") from exc
        self._max_batch = int(self.client.get_max_batch_size()) if hasattr(self.client, "get_max_batch_size") else 1000

    # Writes --------------------------------------------------------------------------------------
    def count(self) -> int:
        return int(self._collection.count())

    def stored(self) -> dict[int, ItemMeta]:
        out: dict[int, ItemMeta] = {}
        offset = 0
        while True:
            page = self._collection.get(include=["metadatas"], limit=_PAGE, offset=offset)
            for meta in page["metadatas"] or []:
                item = _to_meta(meta)
                out[item.item_id] = item
            if len(page["ids"]) < _PAGE:
                return out
            offset += _PAGE

    def upsert(self, metas: Sequence[ItemMeta], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(metas), self.dim)
        for start in range(0, len(metas), self._max_batch):
            batch = metas[start : start + self._max_batch]
            self._collection.upsert(
                ids=[str(m.item_id) for m in batch],
                embeddings=vectors[start : start + len(batch)],
                metadatas=[_to_chroma(m) for m in batch],
            )

    def update_meta(self, metas: Sequence[ItemMeta]) -> None:
        for start in range(0, len(metas), self._max_batch):
            batch = metas[start : start + self._max_batch]
            self._collection.update(ids=[str(m.item_id) for m in batch], metadatas=[_to_chroma(m) for m in batch])

    def delete(self, item_ids: Iterable[int]) -> None:
        ids = [str(i) for i in item_ids]
        for start in range(0, len(ids), self._max_batch):
            self._collection.delete(ids=ids[start : start + self._max_batch])

    def clear(self) -> None:
        try:
            self.client.delete_collection(self.collection_name)
        except Exception:
            pass  # absent already
        self._open()

    def save(self) -> None:
        """Chroma persists on write."""

    # Reads ---------------------------------------------------------------------------------------
    def query(self, vector: np.ndarray, k: int, filters: Filters) -> list[tuple[int, float]]:
        total = self.count()
        if k <= 0 or total == 0:
            return []
        result = self._collection.query(
            query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, self.dim),
            n_results=min(k, total),
            where=where_clause(filters),
            include=["distances"],
        )
        ids, distances = result["ids"][0], result["distances"][0]
        return [(int(i), 1.0 - float(d)) for i, d in zip(ids, distances)]

    def vectors(self, item_ids: Sequence[int]) -> dict[int, np.ndarray]:
        out: dict[int, np.ndarray] = {}
        ids = [str(i) for i in item_ids]
        for start in range(0, len(ids), self._max_batch):
            page = self._collection.get(ids=ids[start : start + self._max_batch], include=["embeddings"])
            for item_id, vector in zip(page["ids"], page["embeddings"]):
                out[int(item_id)] = np.asarray(vector, dtype=np.float32)
        return out


def where_clause(filters: Filters) -> dict[str, Any] | None:
    """The Chroma `where` for `filters` (None when nothing is filtered)."""
    clauses: list[dict[str, Any]] = []
    if filters.include_genres:
        ors = [{"genres": {"$contains": g}} for g in filters.include_genres]
        clauses.append(ors[0] if len(ors) == 1 else {"$or": ors})
    clauses.extend({"genres": {"$not_contains": g}} for g in filters.exclude_genres)
    if filters.has_year_range:
        clauses.append({"year": {"$gte": max(filters.year_min or 0, 0)}})
        if filters.year_max is not None:
            clauses.append({"year": {"$lte": filters.year_max}})
    if filters.exclude_ids:
        clauses.append({"item_id": {"$nin": sorted(filters.exclude_ids)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _to_chroma(meta: ItemMeta) -> dict[str, Any]:
    record: dict[str, Any] = {
        "item_id": meta.item_id,
        "year": _NO_YEAR if meta.year is None else meta.year,
        "popularity": meta.popularity,
        "hash": meta.content_hash,
    }
    if meta.genres:
        record["genres"] = list(meta.genres)
    return record


def _to_meta(record: dict[str, Any]) -> ItemMeta:
    year = int(record["year"])
    genres = tuple(str(g) for g in record.get("genres") or ())
    return ItemMeta(int(record["item_id"]), None if year == _NO_YEAR else year, genres, int(record["popularity"]), str(record["hash"]))
