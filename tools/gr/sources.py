"""Where GR training data comes from: a prepared dataset's stores, and cached item text embeddings.

Kept apart from `data.py` so the model, trainer and tests never import the stores or an embedder.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from muse.domain import Interaction, Item
from muse.settings import Settings
from tools.gr.data import IdMap
from tools.protocols import Embedder

log = logging.getLogger(__name__)


@dataclass
class DatasetInput:
    """Everything a GR run reads from one prepared dataset."""

    slug: str
    sequences: list[tuple[str, list[Interaction]]]
    items: dict[int, Item]


def load_dataset(settings: Settings, spec: str) -> DatasetInput:
    """Import `spec` (a name or a path) into its store if needed and read every user's sequence.

    A name whose database already exists under the Muse home is read as it is (no download)."""
    from stores import dataset_ready, open_stores
    from stores.datasets import dataset_slug, prepare_dataset

    slug = dataset_slug(spec)
    if Path(spec).exists() or not dataset_ready(settings, slug):  # a prepared name needs no source
        slug = prepare_dataset(settings, spec).dataset
    stores = open_stores(settings, slug)
    try:
        sequences = list(stores.interactions.sequences())
        items = {item.item_id: item for item in stores.catalog.all()}
    finally:
        stores.close()
    return DatasetInput(slug, sequences, items)


def default_embedder() -> Embedder:
    """The retriever's MiniLM embedder (local weights, CPU)."""
    from tools.retriever.embedders import MiniLMEmbedder

    return MiniLMEmbedder(device="cpu")


def _text(item: Item | None) -> str:
    if item is None:
        return ""
    try:
        from tools.retriever.item_text import item_text

        return item_text(item)
    except ImportError:  # the retriever is optional for GR
        return f"{item.display_title}. Genres: {', '.join(item.genres)}"


def text_embeddings(
    settings: Settings, slug: str, id_map: IdMap, items: dict[int, Item], embedder: Embedder | None = None
) -> np.ndarray:
    """(N, d_text) float32 text embeddings of the id map's items, cached under the Muse home."""
    texts = [_text(items.get(int(i))) for i in id_map.item_ids]
    embedder = embedder or default_embedder()
    key = hashlib.sha256(("\n".join(texts) + embedder.name).encode()).hexdigest()[:16]
    cache = Path(settings.gr_dir(slug)) / f"text-{key}.npy"
    if cache.exists():
        return np.load(cache)
    log.info("embedding %d item texts with %s", len(texts), embedder.name)
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.save(cache, vectors)
    return vectors


def text_fn(settings: Settings, data: DatasetInput, embedder: Embedder | None = None) -> Callable[[IdMap], np.ndarray]:
    """The `item_text_fn` that `train.main` calls when content fusion is on."""
    return lambda id_map: text_embeddings(settings, data.slug, id_map, data.items, embedder)
