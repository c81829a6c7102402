"""Parsers on real MovieLens lines and files."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from stores.datasets.generic import Generic
from stores.datasets.movielens import CsvFamily, Ml1m, Ml100k, parse_title, split_genres
from tests.conftest import SHIPPED_SMALL, shared_dataset


@pytest.mark.parametrize(
    ("raw", "title", "year", "aka"),
    [
        ("Matrix, The (1999)", "The Matrix", 1999, ()),
        ("American President, The (1995)", "The American President", 1995, ()),
        ("Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)", "Amelie", 2001, ("Le Fabuleux destin d'Amélie Poulain",)),
        ("City of Lost Children, The (Cité des enfants perdus, La) (1995)", "The City of Lost Children", 1995,
         ("La Cité des enfants perdus",)),
        ("Seven (a.k.a. Se7en) (1995)", "Seven", 1995, ("Se7en",)),
        ("Lord of the Rings: The Fellowship of the Ring, The (2001)",
         "The Lord of the Rings: The Fellowship of the Ring", 2001, ()),
        ("Auberge espagnole, L' (2002)", "L'Auberge espagnole", 2002, ()),
        ("Fawlty Towers (1975-1979)", "Fawlty Towers", 1975, ()),
        ("Babylon 5", "Babylon 5", None, ()),
        ("Blade Runner (1982)", "Blade Runner", 1982, ()),
        ("Toy Story (1995) ", "Toy Story", 1995, ()),
    ],
)
def test_parse_title(raw: str, title: str, year: int | None, aka: tuple[str, ...]) -> None:
    assert parse_title(raw) == (title, year, aka)


def test_split_genres() -> None:
    assert split_genres("Adventure|Animation|Children") == ("Adventure", "Animation", "Children")
    assert split_genres("(no genres listed)") == ()
    assert split_genres("Children's|Comedy|unknown") == ("Children", "Comedy")


def test_latest_small_reader() -> None:
    reader = CsvFamily(SHIPPED_SMALL)
    items = {i.item_id: i for i in reader.items()}
    assert len(items) == 9742
    assert items[2571].title == "The Matrix" and items[2571].year == 1999
    assert items[2571].genres == ("Action", "Sci-Fi", "Thriller")
    assert "Keanu Reeves" in items[2571].tags or "philosophy" in {t.lower() for t in items[2571].tags}
    assert all(len(i.tags) <= 10 for i in items.values())
    assert sum(1 for i in items.values() if not i.genres) == 34  # "(no genres listed)"
    first = next(reader.interactions())
    assert (first.user_id, first.item_id, first.rating, first.ts) == ("1", 1, 4.0, 964982703)


def test_ml100k_reader() -> None:
    reader = Ml100k(shared_dataset("ml-100k"))
    items = list(reader.items())
    assert len(items) == 1682
    toy = items[0]
    assert (toy.title, toy.year, toy.genres) == ("Toy Story", 1995, ("Animation", "Children", "Comedy"))
    assert sum(1 for _ in reader.interactions()) == 100_000


def test_ml1m_reader_on_partial_ratings(tmp_path: Path) -> None:
    meta, ratings = shared_dataset("ml-1m-metadata"), shared_dataset("ml-1m-partial-ratings")
    shutil.copy(meta / "movies.dat", tmp_path / "movies.dat")
    with gzip.open(ratings / "ratings_users0001-2999.dat.gz", "rb") as src, gzip.open(tmp_path / "ratings.dat.gz", "wb") as dst:
        for _ in range(1000):
            dst.write(src.readline())
    reader = Ml1m(tmp_path)
    items = {i.item_id: i for i in reader.items()}
    assert len(items) == 3883 and items[1].title == "Toy Story"
    rows = list(reader.interactions())
    assert len(rows) == 1000 and rows[0].user_id == "1"


def test_generic_jsonl_and_csv(tmp_path: Path) -> None:
    (tmp_path / "items.jsonl").write_text(
        '{"id": 1, "title": "Widget", "genres": "Tools|Home", "year": 2020}\n\n{"id": 2, "title": "Gadget", "tags": ["shiny"]}\n'
    )
    (tmp_path / "interactions.csv").write_text("user_id,item_id,rating,timestamp\nann,1,5,10\nann,2,,11\n")
    reader = Generic(tmp_path)
    items = list(reader.items())
    assert [(i.item_id, i.genres, i.year) for i in items] == [(1, ("Tools", "Home"), 2020), (2, (), None)]
    assert [i.rating for i in reader.interactions()] == [5.0, None]
    (tmp_path / "items.jsonl").unlink()
    (tmp_path / "items.csv").write_text("id,title,year,genres\n7,Gizmo,,A|B\n")
    assert [(i.item_id, i.year, i.genres) for i in Generic(tmp_path).items()] == [(7, None, ("A", "B"))]
