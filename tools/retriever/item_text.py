"""The text an item is embedded from, and its content hash (what decides re-embedding).

An item's vector is `normalise(embed(content_text) + TITLE_WEIGHT * embed(title_text))`: the
content (genres, tags, era, description, keywords) leads and the title only nudges, so a request
for "a heavy, thoughtful film" finds heavy, thoughtful films rather than *Heavy* (1995), and "more
like Toy Story" is not "anything called Story" (measured in `bench/title_words.py`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from muse.domain import Item
from tools.protocols import Embedder

#: User tags kept per item: the loader orders tags by frequency, the long tail is noise.
MAX_TAGS = 8

#: How much the title's own vector counts next to the content vector.
TITLE_WEIGHT = 0.35

#: Bump when the text layout changes, so every item is re-embedded once.
TEXT_VERSION = "v2"


def content_text(item: Item) -> str:
    """What the item is about, without its title.

    >>> content_text(Item(1, "Alien", 1979, ("Horror", "Sci-Fi"), ("space",)))
    'Horror, Sci-Fi. Tags: space. From the 1970s.'
    """
    genres = [g for g in item.genres if g and g != "(no genres listed)"]
    parts = [f"{', '.join(genres)}." if genres else "A film."]
    if item.tags:
        parts.append(f"Tags: {', '.join(item.tags[:MAX_TAGS])}.")
    if item.description:
        parts.append(item.description.strip())
    if item.keywords:
        parts.append(f"Keywords: {', '.join(item.keywords)}.")
    if item.year:
        parts.append(f"From the {item.year // 10 * 10}s.")
    return " ".join(parts)


def title_text(item: Item) -> str:
    """The title and its other names."""
    names = [item.display_title, *item.aka]
    return "; ".join(names)


def item_text(item: Item) -> str:
    """Both texts, for display and hashing (the vector is built from the two parts separately).

    >>> item_text(Item(1, "Alien", 1979, ("Horror", "Sci-Fi"), ("space",)))
    'Alien (1979) | Horror, Sci-Fi. Tags: space. From the 1970s.'
    """
    return f"{title_text(item)} | {content_text(item)}"


def content_hash(item: Item) -> str:
    """A short stable hash of the item's text: equal hashes mean the stored vector is still valid."""
    digest = hashlib.blake2b(f"{TEXT_VERSION}\n{TITLE_WEIGHT}\n{item_text(item)}".encode(), digest_size=10)
    return digest.hexdigest()


def embed_items(embedder: Embedder, items: Sequence[Item]) -> np.ndarray:
    """Item vectors: the content vector plus `TITLE_WEIGHT` times the title vector, unit length."""
    if not items:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    content = np.asarray(embedder.embed([content_text(i) for i in items]), dtype=np.float32)
    title = np.asarray(embedder.embed([title_text(i) for i in items]), dtype=np.float32)
    mixed = content + TITLE_WEIGHT * title
    norms = np.linalg.norm(mixed, axis=1, keepdims=True)
    return mixed / np.where(norms == 0, 1.0, norms)
