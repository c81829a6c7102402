"""Small builders shared by the creative tests."""

from __future__ import annotations

from tools.creative.models import ImageRequest, ItemFacts

HEAT = ItemFacts(
    item_id=6, title="Heat", year=1995, genres=("Action", "Crime", "Thriller"), keywords=("heist", "los angeles")
)


def request(
    user_id: str = "u1",
    like: tuple[str, ...] = ("neo-noir", "heist", "night city"),
    dislike: tuple[str, ...] = (),
    item: ItemFacts = HEAT,
    **extra: object,
) -> ImageRequest:
    """An `ImageRequest` for `item` with the given taste."""
    return ImageRequest(item=item, user_id=user_id, like_keywords=like, dislike_keywords=dislike, **extra)
