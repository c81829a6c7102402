"""Hard constraints on retrieval. Every backend translates them, and the retriever re-checks every
result with `Filters.accepts`, so a filter is never broken whatever a backend does."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from muse.domain import Item
from muse.errors import InvalidInputError

NO_GENRE = "(no genres listed)"
#: The release years a filter may name (a year outside them is a mistake, not a wish).
YEAR_FLOOR, YEAR_CEILING = 1800, 2200


class Filters(BaseModel):
    """Exact constraints: genres (include is any-of), year range (inclusive), ids to leave out.

    Validate with `Filters.model_validate(data, context={"known_genres": [...]})` (or use
    `Filters.parse`) to check genre names against the catalog; names are matched case-insensitively
    and stored in the catalog's spelling.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    include_genres: tuple[str, ...] = Field(default=(), description="Keep items having at least one of these genres.")
    exclude_genres: tuple[str, ...] = Field(default=(), description="Drop items having any of these genres.")
    year_min: int | None = Field(default=None, ge=YEAR_FLOOR, le=YEAR_CEILING, description="Earliest release year, inclusive.")
    year_max: int | None = Field(default=None, ge=YEAR_FLOOR, le=YEAR_CEILING, description="Latest release year, inclusive.")
    exclude_ids: frozenset[int] = Field(default=frozenset(), description="Item ids never to return (seen, disliked).")

    @field_validator("include_genres", "exclude_genres", mode="after")
    @classmethod
    def _known_genres(cls, genres: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        known = (info.context or {}).get("known_genres")
        cleaned = tuple(dict.fromkeys(g.strip() for g in genres if g.strip()))
        if known is None:
            return cleaned
        by_lower = {k.lower(): k for k in known}
        unknown = [g for g in cleaned if g.lower() not in by_lower]
        if unknown:
            choices = ", ".join(sorted(k for k in known if k != NO_GENRE))
            raise ValueError(f"unknown genre(s) {', '.join(map(repr, unknown))}; known genres: {choices}")
        return tuple(by_lower[g.lower()] for g in cleaned)

    @model_validator(mode="after")
    def _consistent(self) -> "Filters":
        if self.year_min is not None and self.year_max is not None and self.year_min > self.year_max:
            raise ValueError(f"year_min {self.year_min} is after year_max {self.year_max}")
        both = set(self.include_genres) & set(self.exclude_genres)
        if both:
            raise ValueError(f"genre(s) both included and excluded: {', '.join(sorted(both))}")
        return self

    @classmethod
    def parse(cls, data: "Filters | dict | None", known_genres: Iterable[str] | None = None) -> "Filters":
        """Validate `data` (against `known_genres` when given); raises `InvalidInputError` with pydantic's message."""
        if data is None:
            data = {}
        if isinstance(data, Filters):
            data = data.model_dump()
        context = {"known_genres": list(known_genres)} if known_genres is not None else None
        try:
            return cls.model_validate(data, context=context)
        except ValidationError as exc:
            reasons = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
            raise InvalidInputError(f"bad filters: {reasons}") from exc

    @property
    def active(self) -> bool:
        return bool(self.include_genres or self.exclude_genres or self.exclude_ids) or self.has_year_range

    @property
    def has_year_range(self) -> bool:
        return self.year_min is not None or self.year_max is not None

    def accepts(self, item: Item) -> bool:
        """True when `item` satisfies every constraint (an item without a year fails any year bound)."""
        if item.item_id in self.exclude_ids:
            return False
        if self.include_genres and not set(self.include_genres) & set(item.genres):
            return False
        if self.exclude_genres and set(self.exclude_genres) & set(item.genres):
            return False
        if self.has_year_range:
            if item.year is None:
                return False
            if self.year_min is not None and item.year < self.year_min:
                return False
            if self.year_max is not None and item.year > self.year_max:
                return False
        return True

    def describe(self) -> str:
        """A short human phrase for notes, e.g. "genres any of Horror; years 1980-1989; 3 excluded ids"."""
        parts = []
        if self.include_genres:
            parts.append("genres any of " + ", ".join(self.include_genres))
        if self.exclude_genres:
            parts.append("not " + ", ".join(self.exclude_genres))
        if self.has_year_range:
            parts.append(f"years {self.year_min or '…'}-{self.year_max or '…'}")
        if self.exclude_ids:
            parts.append(f"{len(self.exclude_ids)} excluded ids")
        return "; ".join(parts) or "no filters"
