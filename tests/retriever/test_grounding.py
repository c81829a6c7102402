"""Title grounding over the whole shipped ml-latest-small catalog."""

from __future__ import annotations

import pytest

from tools.retriever.grounding import TitleGrounder, split_year


@pytest.fixture(scope="module")
def grounder(ml_stores) -> TitleGrounder:
    return TitleGrounder(ml_stores.catalog)


@pytest.mark.parametrize(
    ("mention", "item_id", "method"),
    [
        ("blade runner", 541, "exact"),
        ("the matrix 99", 2571, "exact"),
        ("The Matrix (1999)", 2571, "exact"),
        ("matrx", 2571, "fuzzy"),
        ("Amelie", 4973, "exact"),
        ("amélie", 4973, "exact"),
        ("Le Fabuleux destin d'Amélie Poulain", 4973, "exact"),
        ("blade runer", 541, "fuzzy"),
        ("Blade Runner 2049", 176371, "exact"),
        ("dracula 1931", 2644, "exact"),
        ("Titanic", 1721, "exact"),  # popularity breaks the tie: 1997 dwarfs 1953
        ("titanic 1953", 3404, "exact"),
    ],
)
def test_mentions_resolve(grounder: TitleGrounder, mention: str, item_id: int, method: str) -> None:
    grounding = grounder.ground(mention)
    assert (grounding.status, grounding.item_id, grounding.method) == ("matched", item_id, method)
    assert 0.5 < grounding.confidence <= 1.0


def test_exact_unique_matches_are_fully_confident(grounder: TitleGrounder) -> None:
    grounding = grounder.ground("Blade Runner")
    assert grounding.confidence == 1.0 and grounding.title == "Blade Runner (1982)"


def test_dominated_tie_keeps_the_other_version_as_alternative(grounder: TitleGrounder) -> None:
    grounding = grounder.ground("Titanic")
    assert grounding.confidence < 1.0 and [a.item_id for a in grounding.alternatives] == [3404]


@pytest.mark.parametrize(("mention", "expected"), [("Dracula", {1339, 2644, 6665}), ("crash", {33166, 1483})])
def test_ambiguous_mentions_offer_alternatives_instead_of_a_guess(grounder: TitleGrounder, mention: str, expected: set[int]) -> None:
    grounding = grounder.ground(mention)
    assert grounding.status == "ambiguous" and grounding.item_id is None
    assert expected <= {a.item_id for a in grounding.alternatives}


def test_franchise_names_are_ambiguous(grounder: TitleGrounder) -> None:
    grounding = grounder.ground("harry potter")
    assert grounding.status == "ambiguous"
    assert all("Harry Potter" in a.title for a in grounding.alternatives)


@pytest.mark.parametrize("mention", ["asdfgh qwerty", "something", "", "   ", "a movie"])
def test_nonsense_and_chat_words_are_unknown(grounder: TitleGrounder, mention: str) -> None:
    assert grounder.ground(mention).status == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I loved Alien and Blade Runner, nothing romantic", [1214, 541]),
        ("something like the matrix but funnier", [2571]),
        ("Have you seen Blade Runer or The Godfather?", [541, 858]),
        ('I liked "Amelie" and Heat', [4973, 6]),
        ("I watched Dracula (1931) and Her last week", [2644, 106920]),
        ("like amelie but darker", [4973]),
        ("i want something fun tonight, nothing too dark", []),
        ("The Thing is, I want a comedy", []),
        ("Tom Hanks films please", []),
        ("I want something romantic from the 90s", []),
        # lower-case titles: popular ones people name casually, all-common words only with a cue
        ("i liked home alone", [586]),
        ("is jurassic park too scary for kids?", [480]),
        ("a quiet night home alone", []),
        ("something with aliens and robots", []),
        ("nothing too hard to follow", []),
        ("the killer was obvious from the start", []),
        # one word of a longer title is a word; capitalised common words naming a film open a sentence
        ("Feeling lucky, any comedy?", []),
        ("Home Alone is a classic", [586]),
        ("I loved Eternal Sunshine", [7361]),
        # misspelt lower-case titles where a title is expected; ordinary words there stay words
        ("movies like jurasic park", [480]),
        ("i loved toy story and the lion kng", [1, 364]),
        ("fight clubb is the best", [2959]),
        ("stuff like gladiater with more romance", [3578]),
        ("like a good time tonight", []),
        ("something like space adventures", []),
        # a sequel's number as typed; a number among numbers is a number
        ("I loved Rocky 2", [2409]),
        ("loved the godfather part 2", [1221]),
        ("my kids (7 and 10) love dragons", []),
    ],
)
def test_find_mentions(grounder: TitleGrounder, text: str, expected: list[int]) -> None:
    found = grounder.find_mentions(text)
    assert [g.item_id for g in found] == expected
    for grounding in found:
        assert text[grounding.start : grounding.end].lower().startswith(grounding.mention.lower()[:4])


def test_find_mentions_keeps_ambiguous_titles_for_the_agent_to_ask(grounder: TitleGrounder) -> None:
    found = grounder.find_mentions("Something with Star Wars vibes")
    assert len(found) == 1 and found[0].status == "ambiguous" and found[0].mention == "Star Wars"


@pytest.mark.parametrize(
    ("mention", "expected"),
    [("the matrix 99", ("the matrix", 1999)), ("Heat (1995)", ("Heat", 1995)), ("Alien", ("Alien", None)), ("Up 09", ("Up", 2009))],
)
def test_split_year(mention: str, expected: tuple[str, int | None]) -> None:
    assert split_year(mention) == expected


def test_embedding_fallback_offers_candidates_not_a_guess(minilm_built, minilm) -> None:
    stores, indexes, _ = minilm_built
    grounder = TitleGrounder(stores.catalog, embedder=minilm, index=indexes.exact)
    grounding = grounder.ground("animated toys cowboy and spaceman")  # no title is close; the meaning is
    assert (grounding.status, grounding.method) == ("ambiguous", "embedding")
    assert 1 in [a.item_id for a in grounding.alternatives]  # Toy Story
    assert TitleGrounder(stores.catalog).ground("animated toys cowboy and spaceman").status == "unknown"
    assert grounder.ground("xyzzy plugh").status == "unknown"


def test_a_bare_year_is_not_the_film_of_that_name(grounder: TitleGrounder) -> None:
    found = grounder.find_mentions("something from 1984 like The Terminator (1984)")
    assert [g.title for g in found if g.status == "matched"] == ["The Terminator (1984)"]
    quoted = grounder.find_mentions('I loved "1984"')
    assert [g.item_id for g in quoted] == [2117]
