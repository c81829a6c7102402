"""Wiring: which indexes exist for a dataset, which one answers queries, and `build_retriever`.

Backend choice (`settings.retrieval_backend`): `exact` numpy search, `chroma`, or `auto` = exact for
catalogs up to `AUTO_EXACT_MAX_ITEMS` on a local machine, Chroma beyond that or when a Chroma
server is configured. Why (bench/retrieval.py, shared 2-core box at load ~9): on ml-latest-small
(9,742 items) a filtered top-50 `Retriever.search` takes p50 6-11 ms / p95 11-20 ms on exact versus
p50 30-75 ms on local Chroma, and exact has recall 1.0 where Chroma's HNSW gives recall@50
0.94-1.0. The raw exact scan grows linearly: p95 ~7 ms at 10k, ~27 ms at 50k, ~46 ms at 100k.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from muse.errors import NotFoundError
from muse.settings import Settings
from stores.base import Stores
from stores.datasets import dataset_slug
from tools.protocols import Embedder
from tools.retriever.chroma import ChromaIndex, chroma_client, collection_name
from tools.retriever.embedders import build_embedder
from tools.retriever.exact import ExactIndex
from tools.retriever.index import BuildReport, VectorIndex, build_index
from tools.retriever.retriever import Retriever

#: Largest catalog `auto` serves with exact search (p95 <= 30 ms on the 2-core box up to here).
AUTO_EXACT_MAX_ITEMS = 50_000


def _safe(name: str) -> str:
    return re.sub(r"[^a-zA-Z0-9._-]+", "-", name).strip("-.") or "default"


def exact_index_path(settings: Settings, slug: str, embedder: Embedder) -> Path:
    """Where the exact index (and embedding cache) of a dataset and embedder lives."""
    return settings.home / "index" / _safe(slug) / f"{_safe(embedder.name)}.npz"


@dataclass
class Indexes:
    """The indexes of one (dataset, embedder): exact always, Chroma unless disabled."""

    exact: ExactIndex
    chroma: ChromaIndex | None

    @property
    def mirrors(self) -> list[VectorIndex]:
        return [self.chroma] if self.chroma is not None else []


def open_indexes(settings: Settings, slug: str, embedder: Embedder, *, with_chroma: bool = True) -> Indexes:
    """Open (creating if absent) the exact index file and the Chroma collection."""
    exact = ExactIndex(exact_index_path(settings, slug, embedder), embedder.dim)
    chroma = None
    if with_chroma:
        client = chroma_client(path=settings.chroma_path, url=settings.chroma_url)
        chroma = ChromaIndex(client, collection_name(slug, embedder.name), embedder.dim)
    return Indexes(exact, chroma)


def choose_backend(settings: Settings, item_count: int) -> str:
    """`exact` or `chroma`, resolving `auto` from the catalog size and whether a server is configured."""
    if settings.retrieval_backend != "auto":
        return settings.retrieval_backend
    return "chroma" if settings.chroma_url or item_count > AUTO_EXACT_MAX_ITEMS else "exact"


def build_retriever(
    settings: Settings, stores: Stores, embedder: Embedder | None = None, *, slug: str | None = None, ensure_built: bool = False
) -> Retriever:
    """The retriever the agent uses. Raises `NotFoundError` when the index was never built
    (unless `ensure_built`, which runs the incremental build first)."""
    embedder = embedder or build_embedder(settings)
    slug = slug or dataset_slug(settings.dataset)
    backend = choose_backend(settings, stores.catalog.count())
    indexes = open_indexes(settings, slug, embedder, with_chroma=backend == "chroma")
    if ensure_built:
        build_index(stores.catalog, embedder, indexes.exact, indexes.mirrors)
    if indexes.exact.count() == 0:
        raise NotFoundError(f"no {embedder.name} index for dataset {slug!r}: run `muse index build`")
    if indexes.chroma is not None and indexes.chroma.count() != indexes.exact.count():
        build_index(stores.catalog, embedder, indexes.exact, indexes.mirrors)  # copies vectors, embeds only stale items
    index: VectorIndex = indexes.chroma if backend == "chroma" and indexes.chroma is not None else indexes.exact
    return Retriever(stores.catalog, embedder, index, indexes.exact)


def build(settings: Settings, stores: Stores, embedder: Embedder, *, slug: str, rebuild: bool = False, progress: bool = False) -> BuildReport:
    """`muse index build`: the incremental build of the exact index and its Chroma mirror."""
    indexes = open_indexes(settings, slug, embedder)
    return build_index(stores.catalog, embedder, indexes.exact, indexes.mirrors, rebuild=rebuild, progress=progress)
