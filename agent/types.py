"""Typed results of a chat turn. The UI and the HTTP API render these; they never parse prose."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Intent = Literal["recommend", "refine", "ask_item", "feedback", "chitchat"]


class UserProfile(BaseModel):
    """What Muse believes about a person's taste. Every item id is a real catalog id."""

    liked_items: list[int] = []
    disliked_items: list[int] = []
    liked_genres: list[str] = []
    disliked_genres: list[str] = []
    mood_avoided: list[str] = Field(default=[], description="Of the disliked genres, those refused only as a mood (\"nothing sad\": "
                                    "Drama): an item of one stays when it is also a comedy (a comedy-drama is not sad).")
    genres_all: bool = Field(default=False, description="The liked genres are wanted together (a mix), not as alternatives.")
    year_min: int | None = None
    year_max: int | None = None
    keywords: list[str] = Field(default=[], description="Moods, themes, tags the person asked for.")
    avoid_keywords: list[str] = []
    tags: list[str] = Field(default=[], description="Catalog tags the person asked for (\"christmas\", \"hit men\").")
    liked_years: list[int] = Field(default=[], description="Release years of the films the latest message that liked any liked: "
                                   "with no era set, \"older\" means before the earliest, \"newer\" after the latest.")
    history_genres: dict[str, float] = Field(default={}, description="Long-term genre taste from the history.")
    titles: dict[str, str] = Field(default={}, description="Display titles of the liked and disliked items (filled by the service).")

    def is_empty(self) -> bool:
        return self.model_copy(update={"titles": {}}) == UserProfile()


class ImageRef(BaseModel):
    image_id: str
    kind: Literal["diffusion", "poster", "openai", "pending"]
    url: str | None = None
    path: str | None = None
    note: str | None = None


class ItemCard(BaseModel):
    item_id: int
    title: str
    year: int | None = None
    genres: list[str] = []
    score: float
    reason: str
    image: ImageRef | None = None


class TraceStep(BaseModel):
    step: str
    tool: str
    args: dict[str, Any] = {}
    ms: float = 0.0
    n_in: int = 0
    n_out: int = 0
    error: str | None = None


class TurnResult(BaseModel):
    user_id: str
    session_id: str
    intent: Intent
    reply: str
    items: list[ItemCard] = []
    profile: UserProfile
    clarifications: list[str] = Field(default=[], description="Questions back to the person (e.g. unknown titles).")
    trace: list[TraceStep] = []
    llm_used: bool = False
