from __future__ import annotations

import pytest
from pydantic import ValidationError

from muse.domain import Item
from muse.errors import InvalidInputError
from tools.retriever.filters import Filters

KNOWN = ["Action", "Comedy", "Horror", "Sci-Fi", "Romance"]


def test_genres_are_matched_case_insensitively_and_stored_in_catalog_spelling() -> None:
    filters = Filters.parse({"include_genres": ["sci-fi", "HORROR"], "exclude_genres": ["romance"]}, KNOWN)
    assert filters.include_genres == ("Sci-Fi", "Horror")
    assert filters.exclude_genres == ("Romance",)


def test_unknown_genre_lists_the_known_ones() -> None:
    with pytest.raises(InvalidInputError) as info:
        Filters.parse({"include_genres": ["Horor"]}, KNOWN)
    assert "'Horor'" in str(info.value) and "Action, Comedy, Horror, Romance, Sci-Fi" in str(info.value)


def test_year_min_after_year_max_is_an_error() -> None:
    with pytest.raises(ValidationError, match="year_min 2000 is after year_max 1990"):
        Filters(year_min=2000, year_max=1990)
    with pytest.raises(InvalidInputError, match="after year_max"):
        Filters.parse({"year_min": 2000, "year_max": 1990})


def test_a_genre_both_included_and_excluded_is_an_error() -> None:
    with pytest.raises(InvalidInputError, match="both included and excluded"):
        Filters.parse({"include_genres": ["Horror"], "exclude_genres": ["horror"]}, KNOWN)


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(InvalidInputError):
        Filters.parse({"genre": "Horror"}, KNOWN)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), True),
        (Filters(include_genres=("Comedy", "Horror")), True),
        (Filters(include_genres=("Comedy",)), False),
        (Filters(exclude_genres=("Sci-Fi",)), False),
        (Filters(year_min=1979, year_max=1979), True),
        (Filters(year_min=1980), False),
        (Filters(year_max=1978), False),
        (Filters(exclude_ids=frozenset({1214})), False),
    ],
)
def test_accepts(filters: Filters, expected: bool) -> None:
    alien = Item(1214, "Alien", 1979, ("Horror", "Sci-Fi"))
    assert filters.accepts(alien) is expected


def test_an_item_without_year_fails_any_year_bound() -> None:
    assert not Filters(year_min=1900).accepts(Item(1, "Undated"))
    assert Filters().accepts(Item(1, "Undated"))
