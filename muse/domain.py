"""The data model every part of Muse shares: items, interactions, feedback, chat messages.

Plain frozen dataclasses inside the process (cheap to build by the hundred thousand); pydantic
models wrap them where they cross a boundary (HTTP, LLM, tool arguments).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Item:
    """One catalog item (a movie in the demo data)."""

    item_id: int
    title: str
    year: int | None = None
    genres: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    aka: tuple[str, ...] = ()
    raw_title: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()
    popularity: int = 0

    @property
    def display_title(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def with_knowledge(self, description: str, keywords: tuple[str, ...]) -> "Item":
        return replace(self, description=description, keywords=keywords)


@dataclass(frozen=True, slots=True)
class Interaction:
    """A user's action on an item at a time (a rating, a like from chat, a thumbs down...)."""

    user_id: str
    item_id: int
    ts: int
    rating: float | None = None
    source: str = "dataset"


FeedbackValue = Literal[-1, 1]


@dataclass(frozen=True, slots=True)
class Feedback:
    """A 👍 (+1) or 👎 (-1) on a recommended item."""

    user_id: str
    item_id: int
    value: int
    ts: int
    session_id: str | None = None


@dataclass(frozen=True, slots=True)
class Message:
    """One chat message in a session; `payload` holds structured data (e.g. a TurnResult)."""

    session_id: str
    role: Literal["user", "assistant", "system"]
    content: str
    ts: int
    payload: dict[str, Any] = field(default_factory=dict)


_ARTICLE_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalise_title(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form used for exact title look-ups (cached: the grounder asks it
    for every word of a message, many times over).

    >>> normalise_title("  Amélie: Le Fabuleux!  ")
    'amelie le fabuleux'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = _ARTICLE_PUNCT.sub(" ", ascii_only.lower().replace("&", " and "))
    return _SPACES.sub(" ", cleaned).strip()


_LEADING_ARTICLE = re.compile(r"^(the|a|an|le|la|les|l|il|el|der|die|das) ")


def title_keys(item: Item) -> set[str]:
    """Every normalised name an item answers to: title, aka titles, and each without its article."""
    keys: set[str] = set()
    for name in (item.title, *item.aka):
        norm = normalise_title(name)
        if norm:
            keys.add(norm)
            keys.add(_LEADING_ARTICLE.sub("", norm))
    keys.discard("")
    return keys
