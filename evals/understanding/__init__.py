"""The labelled understanding corpus: what people ask for, with gold slots.

`dev.jsonl`, `dev2.jsonl`, `dev3.jsonl`, `dev4.jsonl`, `dev5.jsonl`, `dev6.jsonl`, `dev7.jsonl`, `dev8.jsonl`,
`dev9.jsonl`, `dev10.jsonl`, `dev11.jsonl`, `dev12.jsonl`, `dev13.jsonl`, `dev14.jsonl`, `dev15.jsonl`,
`dev16.jsonl` ... `dev91.jsonl` are for development;
`check.jsonl` is held out (report only) and `test.jsonl` is frozen (see README.md).
`load_split("dev")` returns validated `Request`s; a malformed line raises `CorpusError` naming the file and line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from muse.errors import MuseError

CATALOG_GENRES: tuple[str, ...] = (
    "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
    "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
)
"""The 19 genre names of the MovieLens catalogs; gold genres use only these."""

Genre = Literal[
    "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
    "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
]
Intent = Literal["recommend", "refine", "ask_item", "feedback", "chitchat"]
SPLITS: tuple[str, ...] = (
    "dev", "test", "dev2", "check", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12",
    "dev13", "dev14", "dev15", "dev16", "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23", "dev24", "dev25", "dev26", "dev27", "dev28", "dev29", "dev30", "dev31", "dev32", "dev33", "dev34", "dev35", "dev36", "dev37", "dev38", "dev39", "dev40", "dev41", "dev42", "dev43", "dev44", "dev45", "dev46", "dev47", "dev48", "dev49", "dev50", "dev51", "dev52", "dev53", "dev54", "dev55", "dev56", "dev57", "dev58", "dev59", "dev60", "dev61", "dev62", "dev63", "dev64", "dev65", "dev66", "dev67", "dev68", "dev69", "dev70", "dev71", "dev72", "dev73", "dev74", "dev75", "dev76", "dev77", "dev78", "dev79", "dev80", "dev81", "dev82", "dev83", "dev84", "dev85", "dev86", "dev87", "dev88", "dev89", "dev90", "dev91",
)
CORPUS_DIR = Path(__file__).resolve().parent


class CorpusError(MuseError):
    """A corpus file is missing or one of its lines is not a valid request."""


class Request(BaseModel):
    """One labelled request: the text, the earlier user messages, and the gold slots after it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    context: list[str] = Field(default_factory=list)
    intent: Intent
    genres_wanted: list[Genre] = Field(default_factory=list)
    genres_avoided: list[Genre] = Field(default_factory=list)
    genres_all_required: bool = False
    year_min: int | None = None
    year_max: int | None = None
    liked_titles: list[int] = Field(default_factory=list)
    disliked_titles: list[int] = Field(default_factory=list)
    asked_titles: list[int] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    voice: str = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> "Request":
        if self.year_min is not None and self.year_max is not None and self.year_min > self.year_max:
            raise ValueError(f"year_min {self.year_min} > year_max {self.year_max}")
        if set(self.genres_wanted) & set(self.genres_avoided):
            raise ValueError("a genre is both wanted and avoided")
        if self.genres_all_required and len(self.genres_wanted) < 2:
            raise ValueError("genres_all_required needs at least two wanted genres")
        titles = [*self.liked_titles, *self.disliked_titles, *self.asked_titles]
        if len(titles) != len(set(titles)):
            raise ValueError("a title is in more than one of liked/disliked/asked")
        return self


def split_path(split: str) -> Path:
    """Where a split lives; an unknown split name is a `CorpusError`."""
    if split not in SPLITS:
        raise CorpusError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    return CORPUS_DIR / f"{split}.jsonl"


def read_requests(path: Path) -> list[Request]:
    """Parse and validate a JSONL file of requests; ids must be unique."""
    if not path.exists():
        raise CorpusError(f"{path} does not exist")
    requests: list[Request] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            requests.append(Request.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as err:
            raise CorpusError(f"{path.name}:{number}: {err}") from err
    ids = [r.id for r in requests]
    if len(ids) != len(set(ids)):
        raise CorpusError(f"{path.name}: duplicate ids")
    return requests


def load_split(split: str) -> list[Request]:
    """The validated requests of one split: `dev`, `test`, `dev2`, `check`, `dev3`, `dev4`, `dev5`, `dev6`, `dev7`,
    `dev8` ... `dev23`."""
    return read_requests(split_path(split))
