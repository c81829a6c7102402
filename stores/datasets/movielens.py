"""MovieLens readers: the CSV family (latest-small, 20m, 25m, 32m), ml-100k and ml-1m.

Each reader yields `Item`s (titles cleaned, genres split, top user tags aggregated) and
`Interaction`s (user ids as strings, ratings, unix timestamps).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from muse.domain import Interaction, Item
from muse.errors import DataError
from stores.datasets.csvio import as_float, as_int, csv_rows, split_rows

TOP_TAGS = 10
NO_GENRES = "(no genres listed)"
# ml-100k and ml-1m spell one genre the old way; the CSV family does not.
GENRE_ALIASES = {"Children's": "Children", "unknown": ""}
ARTICLES = ("The", "A", "An", "Les", "La", "Le", "L'", "Il", "El", "Los", "Las", "Lo", "Das", "Der", "Die",
            "Det", "Den", "De", "I", "Gli", "Un", "Une", "Una", "Ein", "Eine", "O", "Os", "As")
_YEAR = re.compile(r"^(?P<rest>.*?)\s*\((?P<year>\d{4})(?:\s*[-–]\s*(?:\d{4})?)?\)\s*$")
_TRAILING_PAREN = re.compile(r"^(?P<rest>.+?)\s*\((?P<inner>[^()]+)\)\s*$")
_ARTICLE_AT_END = re.compile(r"^(?P<body>.+),\s*(?P<art>" + "|".join(re.escape(a) for a in ARTICLES) + r")$")


def move_article(name: str) -> str:
    """'Matrix, The' -> 'The Matrix'; "Auberge espagnole, L'" -> "L'Auberge espagnole"."""
    match = _ARTICLE_AT_END.match(name.strip())
    if not match:
        return name.strip()
    art = match["art"]
    return f"{art}{match['body']}" if art.endswith("'") else f"{art} {match['body']}"


def parse_title(raw: str) -> tuple[str, int | None, tuple[str, ...]]:
    """Split a MovieLens title into (clean title, year, alternative titles).

    >>> parse_title("City of Lost Children, The (Cité des enfants perdus, La) (1995)")
    ('The City of Lost Children', 1995, ('La Cité des enfants perdus',))
    """
    text, year = raw.strip(), None
    match = _YEAR.match(text)
    if match:
        text, year = match["rest"], int(match["year"])
    aka: list[str] = []
    while (paren := _TRAILING_PAREN.match(text)) and paren["rest"].strip():
        inner = re.sub(r"^(a\.k\.a\.|aka)\s+", "", paren["inner"].strip(), flags=re.IGNORECASE)
        aka.insert(0, move_article(inner))
        text = paren["rest"]
    return move_article(text) or raw.strip(), year, tuple(a for a in aka if a)


def split_genres(field: str, sep: str = "|") -> tuple[str, ...]:
    if field.strip() == NO_GENRES:
        return ()
    genres = (GENRE_ALIASES.get(g.strip(), g.strip()) for g in field.split(sep))
    return tuple(dict.fromkeys(g for g in genres if g))


def make_item(item_id: int, raw_title: str, genres: tuple[str, ...], tags: tuple[str, ...] = ()) -> Item:
    title, year, aka = parse_title(raw_title)
    return Item(item_id=item_id, title=title, year=year, genres=genres, tags=tags, aka=aka, raw_title=raw_title)


@dataclass(frozen=True)
class CsvFamily:
    """latest-small / ml-20m / ml-25m / ml-32m: movies.csv, ratings.csv, optional tags.csv."""

    root: Path

    def _top_tags(self) -> dict[int, tuple[str, ...]]:
        path = self.root / "tags.csv"
        if not path.exists():
            return {}
        counts: dict[int, Counter[str]] = defaultdict(Counter)
        spelling: dict[str, str] = {}
        for line, row in csv_rows(path, ["userId", "movieId", "tag", "timestamp"]):
            tag = row[2].strip()
            if tag:
                key = tag.lower()
                spelling.setdefault(key, tag)
                counts[as_int(row[1], path, line, "movieId")][key] += 1
        return {
            item_id: tuple(spelling[k] for k, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TAGS])
            for item_id, c in counts.items()
        }

    def items(self) -> Iterator[Item]:
        tags = self._top_tags()
        path = self.root / "movies.csv"
        for line, row in csv_rows(path, ["movieId", "title", "genres"]):
            item_id = as_int(row[0], path, line, "movieId")
            yield make_item(item_id, row[1], split_genres(row[2]), tags.get(item_id, ()))

    def interactions(self) -> Iterator[Interaction]:
        path = self.root / "ratings.csv"
        for line, row in csv_rows(path, ["userId", "movieId", "rating", "timestamp"]):
            yield Interaction(user_id=str(as_int(row[0], path, line, "userId")),
                              item_id=as_int(row[1], path, line, "movieId"),
                              ts=as_int(row[3], path, line, "timestamp"),
                              rating=as_float(row[2], path, line, "rating"))


ML100K_GENRES = ("unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
                 "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller",
                 "War", "Western")


@dataclass(frozen=True)
class Ml100k:
    """ml-100k: u.item (pipe-separated, latin-1, 19 genre flags) and u.data (tab-separated)."""

    root: Path

    def items(self) -> Iterator[Item]:
        path = self.root / "u.item"
        for line, row in split_rows(path, "|", 5 + len(ML100K_GENRES), "latin-1"):
            flags = row[5:]
            if any(f not in ("0", "1") for f in flags):
                raise DataError(f"genre flags must be 0 or 1, found {flags}", path=str(path), line=line)
            genres = split_genres("|".join(g for g, f in zip(ML100K_GENRES, flags) if f == "1"))
            yield make_item(as_int(row[0], path, line, "item id"), row[1], genres)

    def interactions(self) -> Iterator[Interaction]:
        path = self.root / "u.data"
        for line, row in split_rows(path, "\t", 4, "latin-1"):
            yield Interaction(user_id=str(as_int(row[0], path, line, "user id")),
                              item_id=as_int(row[1], path, line, "item id"),
                              ts=as_int(row[3], path, line, "timestamp"),
                              rating=as_float(row[2], path, line, "rating"))


@dataclass(frozen=True)
class Ml1m:
    """ml-1m: movies.dat and ratings.dat (or ratings.dat.gz), '::'-separated, latin-1."""

    root: Path

    @property
    def ratings_path(self) -> Path:
        plain = self.root / "ratings.dat"
        return plain if plain.exists() else self.root / "ratings.dat.gz"

    def items(self) -> Iterator[Item]:
        path = self.root / "movies.dat"
        for line, row in split_rows(path, "::", 3, "latin-1"):
            yield make_item(as_int(row[0], path, line, "MovieID"), row[1], split_genres(row[2]))

    def interactions(self) -> Iterator[Interaction]:
        path = self.ratings_path
        for line, row in split_rows(path, "::", 4, "latin-1"):
            yield Interaction(user_id=str(as_int(row[0], path, line, "UserID")),
                              item_id=as_int(row[1], path, line, "MovieID"),
                              ts=as_int(row[3], path, line, "Timestamp"),
                              rating=as_float(row[2], path, line, "Rating"))
