"""The text an item is embedded from, and its content hash (what decides re-embedding)."""

from __future__ import annotations

import hashlib

from muse.domain import Item

#: User tags kept per item: the loader orders tags by frequency, the long tail is noise.
MAX_TAGS = 8

#: Bump when the text layout changes, so every item is re-embedded once.
TEXT_VERSION = "v1"


def item_text(item: Item) -> str:
    """Title, year, genres, top user tags and, when present, the LLM-written description and keywords.

    >>> item_text(Item(1, "Alien", 1979, ("Horror", "Sci-Fi"), ("space",)))
    'Alien (1979). Genres: Horror, Sci-Fi. Tags: space.'
    """
    parts = [f"{item.display_title}."]
    if item.aka:
        parts.append(f"Also known as: {', '.join(item.aka)}.")
    genres = [g for g in item.genres if g and g != "(no genres listed)"]
    if genres:
        parts.append(f"Genres: {', '.join(genres)}.")
    if item.tags:
        parts.append(f"Tags: {', '.join(item.tags[:MAX_TAGS])}.")
    if item.description:
        parts.append(item.description.strip())
    if item.keywords:
        parts.append(f"Keywords: {', '.join(item.keywords)}.")
    return " ".join(parts)


def content_hash(item: Item) -> str:
    """A short stable hash of the item's text: equal hashes mean the stored vector is still valid."""
    digest = hashlib.blake2b(f"{TEXT_VERSION}\n{item_text(item)}".encode(), digest_size=10)
    return digest.hexdigest()
