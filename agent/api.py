"""The service every interface calls (Gradio UI, HTTP API, Telegram bot, eval scripts)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel

from agent.types import ImageRef, TurnResult, UserProfile


class ProfileEdit(BaseModel):
    """Remove one entry from a profile (the UI's ✕ on a like, a dislike, a genre, a keyword, the years)."""

    field: Literal["liked_items", "disliked_items", "liked_genres", "disliked_genres", "keywords", "avoid_keywords", "years"]
    value: str | int | None = None


@runtime_checkable
class ChatService(Protocol):
    def chat(self, user_id: str, message: str, session_id: str | None = None) -> TurnResult:
        """Run one turn: understand, update the profile, recommend, reply. Never raises for odd input."""

    def chat_stream(self, user_id: str, message: str, session_id: str | None = None) -> Iterator[str | TurnResult]:
        """The same turn, yielding reply text pieces as they come, then the final TurnResult."""

    def feedback(self, user_id: str, item_id: int, value: Literal[-1, 1], session_id: str | None = None) -> UserProfile:
        """Record 👍 (+1) / 👎 (-1): it enters the history and the profile, and the next turn uses it."""

    def profile(self, user_id: str) -> UserProfile: ...

    def edit_profile(self, user_id: str, edit: ProfileEdit) -> UserProfile: ...

    def reset_profile(self, user_id: str) -> UserProfile: ...

    def image(self, image_id: str) -> ImageRef | None:
        """The current state of an image (a pending one may have become ready)."""

    def image_path(self, image_id: str) -> Path | None:
        """The PNG file of a ready image."""

    def visual(self, user_id: str, item_id: int, wait_s: float = 30.0) -> ImageRef:
        """A visual of a catalog item made for this user's taste, rendered now (waits up to `wait_s`)."""
