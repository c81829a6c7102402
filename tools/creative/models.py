"""Typed boundary of the creative generator: what is asked for, what comes back, who can draw it."""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, field_validator

from muse.domain import Item

ImageKind = Literal["diffusion", "openai", "poster"]


class ItemFacts(BaseModel):
    """The catalog facts of one item that a visual may show (never user text)."""

    model_config = ConfigDict(frozen=True)

    item_id: int
    title: str
    year: int | None = None
    genres: tuple[str, ...] = ()
    keywords: tuple[str, ...] = Field(default=(), description="Tags and keywords of the item.")

    @classmethod
    def of(cls, item: Item) -> "ItemFacts":
        """Facts of a catalog `Item` (its tags and knowledge keywords merged, order kept)."""
        keywords = tuple(dict.fromkeys((*item.keywords, *item.tags)))
        return cls(item_id=item.item_id, title=item.title, year=item.year, genres=item.genres, keywords=keywords)


class ImageRequest(BaseModel):
    """One personalised visual: an item drawn for a user whose taste is given as keyword lists.

    `like_keywords` are ordered strongest first (the agent maps its profile to them: liked genres,
    keywords, liked titles' keywords); `dislike_keywords` feed the negative prompt. Both are
    user-derived and are sanitised before they reach any prompt.
    """

    model_config = ConfigDict(frozen=True)

    item: ItemFacts
    user_id: str
    like_keywords: tuple[str, ...] = ()
    dislike_keywords: tuple[str, ...] = ()
    style: str = "cinematic"
    domain: str = "movie"
    seed: int | None = Field(default=None, description="Fixed seed; default is derived from (user, item).")
    size: int = Field(default=512, ge=32, le=2048)

    @field_validator("size")
    @classmethod
    def _multiple_of_8(cls, value: int) -> int:
        if value % 8:
            raise ValueError("size must be a multiple of 8")
        return value


class ImagePlan(BaseModel):
    """Everything a backend needs to render, decided before any pixel is drawn."""

    model_config = ConfigDict(frozen=True)

    image_id: str
    prompt: str
    negative_prompt: str
    seed: int
    size: int
    model: str
    like_keywords: tuple[str, ...] = Field(description="Sanitised, weighted taste keywords used in the prompt.")
    dislike_keywords: tuple[str, ...] = ()


class ImageResult(BaseModel):
    """A rendered (or cached) visual and how it was made."""

    model_config = ConfigDict(frozen=True)

    image_id: str
    item_id: int
    user_id: str
    path: str
    kind: ImageKind
    prompt: str
    negative_prompt: str
    seed: int
    size: int
    model: str
    cached: bool = False
    seconds: float = 0.0
    fallback_reason: str | None = Field(
        default=None, description="Why this is not the configured generator's output (poster fallback)."
    )

    @property
    def is_fallback(self) -> bool:
        return self.kind == "poster"


@runtime_checkable
class ImageGenerator(Protocol):
    """A backend that turns an `ImageRequest` into a stored PNG.

    `inline` says the backend is fast enough (tens of ms) to run inside a chat turn.
    """

    kind: ImageKind
    model: str
    inline: bool

    def plan(self, request: ImageRequest) -> ImagePlan:
        """Prompt, seed and content-addressed id for `request`, without rendering."""

    def cached(self, request: ImageRequest) -> ImageResult | None:
        """The stored result for `request`, or None when it has not been rendered yet."""

    def generate(self, request: ImageRequest) -> ImageResult:
        """Render `request` (or return it from the cache) and store the PNG."""
