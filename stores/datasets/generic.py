"""The generic format for one's own catalog.

A directory with
- `items.jsonl` (one JSON object a line) or `items.csv`, fields: `id` (integer, required), `title`
  (required), `year`, `genres` (list, or a `|`-separated string), `tags` (same), `description`;
- `interactions.csv` with header `user_id,item_id,rating,timestamp` (`rating` may be empty;
  `timestamp` in unix seconds).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator

from muse.domain import Interaction, Item
from muse.errors import DataError
from stores.datasets.csvio import as_float, as_int, csv_rows, text_lines


class GenericItem(BaseModel):
    id: int
    title: str = Field(min_length=1, max_length=500)
    year: int | None = Field(default=None, ge=1800, le=2200)
    genres: list[str] = []
    tags: list[str] = []
    description: str = Field(default="", max_length=5000)

    @field_validator("genres", "tags", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split("|") if part.strip()]
        return value

    @field_validator("year", mode="before")
    @classmethod
    def _empty_year(cls, value: Any) -> Any:
        return None if value in ("", None) else value

    def to_item(self) -> Item:
        return Item(item_id=self.id, title=self.title.strip(), year=self.year, genres=tuple(self.genres),
                    tags=tuple(self.tags), raw_title=self.title, description=self.description)


def _validated(data: Any, path: Path, line: int) -> Item:
    try:
        return GenericItem.model_validate(data).to_item()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "item"
        raise DataError(f"{where}: {first['msg']}", path=str(path), line=line) from None


@dataclass(frozen=True)
class Generic:
    root: Path

    def items(self) -> Iterator[Item]:
        jsonl = self.root / "items.jsonl"
        if jsonl.exists():
            for line, text in text_lines(jsonl):
                if not text.strip():
                    continue
                try:
                    data = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise DataError(f"invalid JSON: {exc.msg}", path=str(jsonl), line=line) from None
                yield _validated(data, jsonl, line)
            return
        path = self.root / "items.csv"
        rows = csv_rows(path, ["id", "title"])
        fields: list[str] = []
        for line, row in rows:
            fields = fields or _header(path)
            yield _validated(dict(zip(fields, row)), path, line)

    def interactions(self) -> Iterator[Interaction]:
        path = self.root / "interactions.csv"
        for line, row in csv_rows(path, ["user_id", "item_id", "rating", "timestamp"]):
            user = row[0].strip()
            if not user:
                raise DataError("user_id is empty", path=str(path), line=line)
            yield Interaction(user_id=user, item_id=as_int(row[1], path, line, "item_id"),
                              ts=as_int(row[3], path, line, "timestamp"),
                              rating=as_float(row[2], path, line, "rating") if row[2].strip() else None)


def _header(path: Path) -> list[str]:
    for _, text in text_lines(path):
        return [h.strip().lstrip("\ufeff") for h in text.split(",")]
    return []
