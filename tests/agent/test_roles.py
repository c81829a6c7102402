"""The title-role model: its policy over the rules' roles (with a fake), the names the grounder passes
over, the parser and the service using it, its training data, and the real MiniLM head trained, saved and loaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.build import build_service, load_genre_judge, load_title_roles
from agent.service import MuseService
from agent.understand import understand
from agent.understand.cli import role_examples
from evals.understanding import load_split
from agent.understand.roles import ACCEPT_BELOW, CHANGE_FROM, DROP_FROM, FakeRoles, RoleOdds, names_a_film, second_opinion, sure_role
from muse.errors import BackendUnavailableError, InvalidInputError
from muse.settings import Settings
from stores import open_stores
from tools.retriever import FakeEmbedder


def odds(like: float = 0.0, dislike: float = 0.0, ask: float = 0.0, none: float = 0.0) -> RoleOdds:
    return RoleOdds({"like": like, "dislike": dislike, "ask": ask, "none": none})


def test_a_film_the_model_is_sure_names_nothing_is_dropped() -> None:
    assert second_opinion(odds(like=1 - DROP_FROM, none=DROP_FROM)) == "none"
    assert second_opinion(odds(like=0.5, none=DROP_FROM - 0.01)) is None  # the rules' role stands


def test_only_a_sure_role_is_given() -> None:
    assert sure_role(odds(dislike=CHANGE_FROM, like=1 - CHANGE_FROM)) == second_opinion(odds(dislike=CHANGE_FROM)) == "dislike"
    assert sure_role(odds(dislike=CHANGE_FROM - 0.01, like=0.01)) is None
    assert sure_role(None) is None  # no odds (a message too long to judge whole): the rules stand


def test_a_passed_over_name_is_a_film_only_when_the_model_is_sure() -> None:
    assert names_a_film(odds(dislike=0.6, like=0.3, none=ACCEPT_BELOW))
    assert not names_a_film(odds(like=0.5, none=ACCEPT_BELOW + 0.01))
    assert not names_a_film(None)


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MuseService]:
    from stores.datasets import prepare_dataset

    home = tmp_path_factory.mktemp("roles-home")
    settings = Settings(home=home, image_backend="none", llm_backend="none")
    prepare_dataset(settings)
    built = build_service(settings, llm=None, stores=open_stores(settings, "ml-latest-small"), embedder=FakeEmbedder(),
                          scorer=None, images=None, llm_capable=False, judge=None, roles=None)
    yield built
    built.close()


def read(service: MuseService, text: str, roles: FakeRoles | None) -> object:
    return understand(text, known_genres=service.known_genres, grounder=service.s.grounder, concepts=service.concepts,
                      newest_year=service.newest_year, roles=roles)


def titles(u: object) -> list[tuple[str, str]]:
    return [(t.title, t.sentiment) for t in u.titles]  # type: ignore[attr-defined]


def test_the_grounder_offers_exact_names_its_rules_passed_over(parser: MuseService) -> None:
    grounder = parser.s.grounder
    text = "watchd whale rider last nite, cried my eyes out"
    assert grounder.find_mentions(text) == []
    assert [g.title for g in grounder.passed_over(text, [])] == ["Whale Rider (2002)", "The Watch (2012)"]  # "watchd": near a title
    assert [g.title for g in grounder.passed_over(text, [(7, 18)])] == ["The Watch (2012)"]  # Whale Rider: taken already


def test_the_grounder_also_offers_names_a_letter_or_two_off_a_title(parser: MuseService) -> None:
    grounder = parser.s.grounder
    offered = [(g.mention, g.title) for g in grounder.passed_over("a kid left behind at christmas... home along? loved it", [])]
    assert ("home along", "Home Alone (1990)") in offered
    assert [g.title for g in grounder.passed_over("like the dark night but funnier", [])] == ["The Dark Knight (2008)"]
    around = [g.title for g in grounder.passed_over("i loved the dark knight", [(12, 16)])]
    assert "The Dark Knight (2008)" not in around  # the words on both sides of a name taken are no name
    offered = [g.mention for g in grounder.passed_over("heath ledger was great in it", [])]
    assert "ledger" not in offered  # a word of the language a letter off a title (*The Ledge*) is no title


def test_the_parser_takes_a_passed_over_name_the_model_is_sure_of(parser: MuseService) -> None:
    text = "watchd whale rider last nite, cried my eyes out"
    assert titles(read(parser, text, None)) == []
    sure = FakeRoles({"whale rider": odds(like=0.97, none=0.01)})
    assert titles(read(parser, text, sure)) == [("Whale Rider (2002)", "like")]
    unsure = FakeRoles({"whale rider": odds(like=0.7, none=0.3)})
    assert titles(read(parser, text, unsure)) == []


def test_the_parser_drops_a_film_the_model_is_sure_names_nothing(parser: MuseService) -> None:
    text = "can you do pitches? like if I mash two films together"
    assert [t for t, _ in titles(read(parser, text, None))] == ["M*A*S*H (1970)"]
    assert titles(read(parser, text, FakeRoles({"mash": odds(none=0.97)}))) == []


def test_the_models_role_stands_over_the_rules(parser: MuseService) -> None:
    text = "I loved Alien, is Aliens as good?"
    plain = dict(titles(read(parser, text, None)))
    assert plain == {"Alien (1979)": "like", "Aliens (1986)": "like"}
    asked = read(parser, text, FakeRoles({"aliens": odds(ask=0.97)}))
    assert dict(titles(asked)) == {"Alien (1979)": "like", "Aliens (1986)": "ask"}
    flipped = read(parser, text, FakeRoles({"alien": odds(dislike=0.97), "aliens": odds(ask=0.5, like=0.4)}))
    assert dict(titles(flipped)) == {"Alien (1979)": "dislike", "Aliens (1986)": "like"}  # Aliens: not sure enough to change


def test_a_sure_role_stands_even_where_the_rules_first_said_the_same_and_a_question_reader_changed_it(parser: MuseService) -> None:
    text = "is Alien too scary?"
    assert titles(read(parser, text, None)) == [("Alien (1979)", "ask")]
    assert titles(read(parser, text, FakeRoles({"alien": odds(dislike=0.97)}))) == [("Alien (1979)", "dislike")]


def test_a_refusal_the_rules_read_is_never_made_a_liking(parser: MuseService) -> None:
    text = "I want a movie like Inception, not like Star Wars"
    plain = dict(titles(read(parser, text, None)))
    assert plain["Inception (2010)"] == "like" and plain["Star Wars: Episode IV - A New Hope (1977)"] == "dislike"
    sure = FakeRoles({"star wars": odds(like=0.99), "inception": odds(dislike=0.99)})
    assert dict(titles(read(parser, text, sure))) == {"Inception (2010)": "dislike", "Star Wars: Episode IV - A New Hope (1977)": "dislike"}


def test_a_passed_over_name_goes_through_the_rules_filters(parser: MuseService) -> None:
    sure = FakeRoles({"amelie": odds(like=0.98), "juno": odds(like=0.98)})
    assert titles(read(parser, "any gentle french comedies would be great. Thanks so much! - Amelie", sure)) == []  # a sign-off
    assert titles(read(parser, "something cosy for tonight please. Best wishes, Juno", sure)) == []


def test_a_passed_over_genre_word_or_its_misspelling_is_no_film(parser: MuseService) -> None:
    sure = FakeRoles({"romanve": odds(like=0.98), "romance": odds(like=0.98)})
    u = read(parser, "romanve + comedy from 2010 onwards", sure)
    assert titles(u) == [] and set(u.genres) == {"Romance", "Comedy"}  # type: ignore[attr-defined]


def test_a_dropped_film_named_to_compare_stays_out_of_the_genres(parser: MuseService) -> None:
    text = "more like Shaun of the Dead than Scary Movie, a comedy"
    u = read(parser, text, FakeRoles({"scary movie": odds(none=0.99)}))
    assert "Scary Movie (2000)" not in [t for t, _ in titles(u)]
    assert u.genres == read(parser, text, None).genres  # type: ignore[attr-defined]


def test_the_words_of_a_dropped_film_are_read_as_the_request(parser: MuseService) -> None:
    text = "Looking for a Scary Movie for Halloween"
    assert read(parser, text, None).genres == []  # type: ignore[attr-defined]  # the rules read a film
    u = read(parser, text, FakeRoles({"scary movie": odds(none=0.99)}))
    assert titles(u) == [] and u.genres == ["Horror"]  # type: ignore[attr-defined]


def test_a_dropped_films_year_is_no_era_but_its_words_may_be(parser: MuseService) -> None:
    text = "pride & prejudice 2005, her A, me C. something else we'd both like?"
    u = read(parser, text, FakeRoles({"pride & prejudice 2005": odds(none=0.99), "her": odds(none=0.99)}))
    assert "Pride & Prejudice (2005)" not in [t for t, _ in titles(u)] and (u.year_min, u.year_max) == (None, None)  # type: ignore[attr-defined]
    text = "a romance actually made during the Blitz"
    assert read(parser, text, None).year_min is None  # type: ignore[attr-defined]  # the rules read a film, Blitz
    u = read(parser, text, FakeRoles({"blitz": odds(none=0.99)}))
    assert titles(u) == [] and (u.year_min, u.year_max) == (1940, 1941)  # type: ignore[attr-defined]  # the period


def test_a_film_named_to_compare_keeps_the_rules_reading(parser: MuseService) -> None:
    text = "Rocky beats Creed, give me more boxing films"
    plain = dict(titles(read(parser, text, None)))
    assert plain["Creed (2015)"] == "contrast"
    assert dict(titles(read(parser, text, FakeRoles({"creed": odds(like=0.99)})))) == plain


def test_a_film_under_a_label_with_a_verdict_keeps_the_labels_reading(parser: MuseService) -> None:
    text = "good: starman, alien. bad: titanic. more sci-fi please"
    sure = FakeRoles({"alien": odds(dislike=0.99), "titanic": odds(like=0.99)})
    assert dict(titles(read(parser, text, sure))) == {"Starman (1984)": "like", "Alien (1979)": "like", "Titanic (1997)": "dislike"}
    text = "these all bored me: whale rider, heat. more thrillers please"
    passed = FakeRoles({"whale rider": odds(like=0.99, none=0.0)})
    assert dict(titles(read(parser, text, passed)))["Whale Rider (2002)"] == "dislike"


def test_only_a_whole_label_carries_a_verdict() -> None:
    from agent.understand.parser import label_verdict

    for text, film in [("Top Gun: Maverick and Heat bored me.", "Heat"), ("Good news: I finally watched Cats and it was awful.", "Cats"),
                       ("Off the top of my head: Heat was awful", "Heat"), ("What I watch when bored: Friends reruns, Heat, Ronin.", "Heat")]:
        assert label_verdict(text, text.index(film)) is None, text
    assert label_verdict("these all bored me: heat, ronin", 20) == "dislike"


def test_a_rightly_spelt_title_that_looks_like_a_misspelt_genre_word_is_still_offered(parser: MuseService) -> None:
    u = read(parser, "we quote croods all the time at home", FakeRoles({"croods": odds(like=0.99, none=0.0)}))
    assert [t for t, _ in titles(u)] == ["The Croods (2013)"]


def test_a_passed_over_film_whose_role_the_model_doubts_gets_the_rules_verdict(parser: MuseService) -> None:
    text = "watchd whale rider last nite, loved it"
    doubtful = FakeRoles({"whale rider": odds(dislike=0.6, like=0.35, none=0.01)})
    assert titles(read(parser, text, doubtful)) == [("Whale Rider (2002)", "like")]
    sure = FakeRoles({"whale rider": odds(dislike=0.97, none=0.01)})
    assert titles(read(parser, text, sure)) == [("Whale Rider (2002)", "dislike")]


def test_the_service_passes_its_role_model_to_the_parser(parser: MuseService) -> None:
    roles = FakeRoles({"heat": odds(dislike=0.99)})
    service = build_service(parser.s.settings, llm=None, stores=parser.s.stores, embedder=FakeEmbedder(), scorer=None,
                            images=None, llm_capable=False, judge=None, roles=roles)
    try:
        result = service.chat("roles-user", "I loved Heat, more crime films please")
        assert roles.calls and result.profile.disliked_items and not result.profile.liked_items
    finally:
        service.close()


def test_training_data_labels_the_films_found_and_passed_over_with_the_corpus_role(parser: MuseService) -> None:
    from evals.understand.layers import LayerDeps

    deps = LayerDeps(settings=parser.s.settings, known_genres=parser.known_genres, grounder=parser.s.grounder,
                     concepts=parser.concepts, newest_year=parser.newest_year)
    examples = role_examples(["dev2"], deps)
    roles = [role for e in examples for _, _, role in e.films]
    assert {"like", "dislike", "ask", "none"} <= set(roles)
    assert all(0 <= a < b <= len(e.text) for e in examples for a, b, _ in e.films)
    by_text = {e.text: {e.text[a:b].lower(): role for a, b, role in e.films} for e in examples}
    first = [r for r in load_split("dev2") if r.text in by_text and not r.context]
    for role, slot in (("like", "liked_titles"), ("dislike", "disliked_titles"), ("ask", "asked_titles")):
        only = [by_text[r.text] for r in first if all(bool(getattr(r, other)) == (other == slot)
                                                      for other in ("liked_titles", "disliked_titles", "asked_titles"))]
        assert only and all(set(labels.values()) <= {role, "none"} for labels in only)  # the role its film has, or none
        assert sum(role in labels.values() for labels in only) >= len(only) // 2
    for held in ("test", "check"):
        with pytest.raises(InvalidInputError):
            role_examples(["dev", held], deps)


def test_a_missing_or_broken_role_file_means_the_rules_alone(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    assert load_title_roles(settings) is None
    settings.roles_path.parent.mkdir(parents=True)
    settings.roles_path.write_bytes(b"not a model")
    assert load_title_roles(settings) is None
    import torch

    for wrong in ({"format": 1}, {"kind": "title-roles", "format": 1, "head": {"weight": torch.zeros(2)}}):  # no head; another shape
        torch.save(wrong, settings.roles_path)
        assert load_title_roles(settings) is None
    judge = {"kind": "genre-judge", "format": 1, "genres": ["Comedy"], "head": {}}  # each model's file at the other's path
    torch.save(judge, settings.roles_path)
    assert load_title_roles(settings) is None
    torch.save({"kind": "title-roles", "format": 1, "head": {}}, settings.judge_path)
    assert load_genre_judge(settings) is None
    torch.save({**judge, "head": {"weight": torch.zeros(2)}}, settings.judge_path)
    assert load_genre_judge(settings) is None
    assert load_title_roles(Settings(home=tmp_path, title_roles=False)) is None


def test_the_minilm_role_model_trains_saves_and_loads(tmp_path: Path) -> None:
    from agent.understand.judge_model import MAX_TOKENS
    from agent.understand.roles_model import MiniLMRoles, RoleExample, train_roles

    def example(text: str, name: str, role: str) -> RoleExample:
        start = text.index(name)
        return RoleExample(text, ((start, start + len(name), role),))

    examples = [example(f"i loved {n} so much", n, "like") for n in ("heat", "alien", "jaws", "up")] \
        + [example(f"i hated {n} so much", n, "dislike") for n in ("heat", "alien", "jaws", "up")] \
        + [example(f"is {n} scary?", n, "ask") for n in ("heat", "alien", "jaws", "up")] \
        + [example(f"i {n} the hill", n, "none") for n in ("walked up", "ran up")]
    path = tmp_path / "roles.pt"
    report = train_roles(examples * 8, path, trained_on=["toy"], epochs=8)
    assert path.exists() and report.examples == 14 * 8
    model = MiniLMRoles(path)
    assert model.trained_on == ["toy"]
    text = "i hated alien so much, is jaws scary?"
    hated, asked = model.odds(text, [(8, 13), (26, 30)])
    assert hated is not None and asked is not None
    assert abs(sum(hated.p.values()) - 1) < 1e-5
    assert max(hated.p, key=hated.p.__getitem__) == "dislike" and max(asked.p, key=asked.p.__getitem__) == "ask"
    assert model.odds("   ", [(0, 1)]) == [None]  # nothing to judge
    assert model.odds("heat " * MAX_TOKENS, [(0, 4)]) == [None]  # too long to judge whole
    assert model.odds(text, []) == []
    alone, beside_a_longer_one = _head_odds(model, [text]), _head_odds(model, [text, "i loved heat " * 30])
    assert (alone[0] - beside_a_longer_one[0]).abs().max() < 1e-5  # padding in a batch does not change a message's odds
    path.write_bytes(b"garbage")
    with pytest.raises(BackendUnavailableError):
        MiniLMRoles(path)


def _head_odds(model: object, texts: list[str]) -> object:
    """The head's logits for the first film-sized span (the second token) of each text, batched together."""
    import torch

    from agent.understand.judge_model import _encoder, encode
    from agent.understand.roles_model import _batch

    encoded = encode(*_encoder(), texts)
    with torch.no_grad():
        return model._head(*_batch([(e, 1, 1) for e in encoded]))  # type: ignore[attr-defined]
