"""A series' films by number: the numbers titles carry, and the gaps counted in release order."""

from __future__ import annotations

from tools.retriever.sequels import NUMBER_AFTER, by_number, first_films


def test_numbers_titles_carry_are_kept_and_gaps_are_counted_in_release_order() -> None:
    # Shrek (1), Shrek 2 (2), then Shrek the Third, which carries no number
    assert by_number({1: 10, 2: 20}, [10, 20, 30]) == {1: 10, 2: 20, 3: 30}
    # Harry Potter: no title carries a number
    assert by_number({}, [1, 2, 3, 4]) == {1: 1, 2: 2, 3: 3, 4: 4}


def test_a_gap_is_filled_only_when_the_films_between_fit_it() -> None:
    # Alien (1), Alien Nation, Alien 3 (3), Resurrection: one film between 1 and 3 would be "alien 2", but
    # the caller leaves Alien Nation out (little known), so nothing is between and 2 stays unnamed
    assert by_number({1: 1, 3: 3}, [1, 3, 4]) == {1: 1, 3: 3, 4: 4}
    assert by_number({1: 1, 4: 4}, [1, 2, 4]) == {1: 1, 4: 4}  # one film where two numbers are missing: neither is named


def test_the_first_films() -> None:
    assert first_films({1: 10, 2: 20, 3: 30}, 2) == [10, 20]
    assert first_films({1: 10, 3: 30}, 3) == [10, 30]


def test_a_number_after_a_film_is_read_only_as_a_sequel_number() -> None:
    def runs(text: str) -> list[str]:
        return [m["run"] for m in NUMBER_AFTER.finditer(text)]

    assert runs(", 3 made me sob") == ["3"]
    assert runs(", skip 5.") == ["5"]
    assert runs(" yes, 1 2 3 absolutely not") == ["1 2 3"]
    assert runs(" then 3 times more") == []  # a count
    assert runs(", 10/10") == [] and runs(", 4 stars") == [] and runs(" and 2.5 hours") == []
