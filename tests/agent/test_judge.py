"""The genre judge: its policy over the rules' reading (with a fake), the parser and the service using
it, its training command's data, and the real MiniLM head trained, saved and loaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.build import build_service, load_genre_judge
from agent.service import MuseService
from agent.understand import understand
from agent.understand.cli import judge_examples, lexicon_examples
from agent.understand.judge import AVOID_FROM, KEEP_AVOIDED_FROM, VETO_BELOW, WANT_FROM, FakeJudge, GenreOdds, judge_genres
from muse.errors import BackendUnavailableError, InvalidInputError
from muse.settings import Settings
from stores import open_stores
from tools.retriever import FakeEmbedder

KNOWN = {"Action", "Comedy", "Horror", "Romance", "Drama"}


def test_a_wanted_genre_the_judge_is_sure_of_not_is_dropped() -> None:
    odds = GenreOdds(wanted={"Action": VETO_BELOW / 2, "Comedy": 0.4})
    judged = judge_genres(["Action", "Comedy", "Drama"], [], odds, KNOWN)
    assert judged.wanted == ["Comedy", "Drama"]  # Drama: no odds, kept
    assert judged.dropped == ["Action"]


def test_an_avoided_genre_the_judge_is_sure_of_is_added_unless_wanted() -> None:
    odds = GenreOdds(avoided={"Horror": AVOID_FROM, "Comedy": 0.999, "Romance": AVOID_FROM - 0.01, "Western": 0.999})
    judged = judge_genres(["Comedy"], ["Drama"], odds, KNOWN)
    assert judged.avoided == ["Drama", "Horror"]  # Comedy is wanted, Romance under the bar, Western not in the catalog
    assert judged.added == ["Horror"]


def test_an_avoided_genre_the_judge_rules_out_is_no_longer_avoided() -> None:
    odds = GenreOdds(avoided={"Horror": KEEP_AVOIDED_FROM / 2, "Drama": KEEP_AVOIDED_FROM})
    judged = judge_genres([], ["Horror", "Drama", "Romance"], odds, KNOWN)
    assert judged.avoided == ["Drama", "Romance"]  # Romance: no odds, kept
    assert judged.overruled == ["Horror"]


def test_a_wanted_genre_the_judge_is_sure_of_is_added_unless_avoided() -> None:
    odds = GenreOdds(wanted={"Comedy": WANT_FROM, "Romance": 0.999, "Action": WANT_FROM - 0.01, "Western": 0.999, "Horror": 0.999},
                     avoided={"Horror": AVOID_FROM})
    judged = judge_genres(["Drama"], ["Romance"], odds, KNOWN, wishable=KNOWN)
    assert judged.wanted == ["Drama", "Comedy"]  # Romance avoided, Action under the bar, Western not in the catalog, Horror avoided by the judge
    assert judged.wished == ["Comedy"]
    assert judged.avoided == ["Romance", "Horror"]
    assert judge_genres(["Drama"], [], odds, KNOWN).wished == []  # nothing offered, nothing added


def test_a_genre_the_rules_avoid_is_not_wished_even_when_the_judge_overrules_the_refusal() -> None:
    odds = GenreOdds(wanted={"Horror": 0.999}, avoided={"Horror": KEEP_AVOIDED_FROM / 2})
    judged = judge_genres([], ["Horror"], odds, KNOWN, wishable=KNOWN)
    assert (judged.wanted, judged.avoided, judged.overruled) == ([], [], ["Horror"])


def test_the_parser_offers_wishes_only_to_requests_for_films(parser: MuseService) -> None:
    judge = FakeJudge({"alien": GenreOdds(wanted={"Horror": 0.999}), "action comedy": GenreOdds(wanted={"Romance": 0.999}),
                       "something": GenreOdds(wanted={"Romance": 0.999})})
    assert read(parser, "is alien too scary?", judge).genres == []  # a question about a film
    assert sorted(read(parser, "an action comedy please", judge).genres) == ["Action", "Comedy"]  # a mix that needs both
    assert read(parser, "something from the 90s please", judge).genres == ["Romance"]


@pytest.fixture(scope="module")
def parser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MuseService]:
    from stores.datasets import prepare_dataset

    home = tmp_path_factory.mktemp("judge-home")
    settings = Settings(home=home, image_backend="none", llm_backend="none")
    prepare_dataset(settings)
    built = build_service(settings, llm=None, stores=open_stores(settings, "ml-latest-small"), embedder=FakeEmbedder(),
                          scorer=None, images=None, llm_capable=False)
    yield built
    built.close()


def read(service: MuseService, text: str, judge: FakeJudge | None) -> object:
    return understand(text, known_genres=service.known_genres, grounder=service.s.grounder, concepts=service.concepts,
                      newest_year=service.newest_year, judge=judge)


def test_the_parser_applies_the_judge(parser: MuseService) -> None:
    judge = FakeJudge({"action comedy": GenreOdds(wanted={"Action": 0.001, "Comedy": 0.9}),
                       "jump": GenreOdds(avoided={"Horror": 0.99})})
    plain = read(parser, "an action comedy please", None)
    assert sorted(plain.genres) == ["Action", "Comedy"] and plain.genre_mode == "all"
    judged = read(parser, "an action comedy please", judge)
    assert judged.genres == ["Comedy"]
    assert "Horror" in read(parser, "a comedy, nothing that makes me jump", judge).avoid_genres
    calls = len(judge.calls)
    read(parser, "hello there", judge)  # chitchat: the judge is not asked
    assert len(judge.calls) == calls


def test_a_genre_let_back_in_is_not_avoided_by_the_judge(parser: MuseService) -> None:
    judge = FakeJudge({"horror": GenreOdds(avoided={"Horror": 0.99})})
    assert "Horror" not in read(parser, "ok, horror is fine now", judge).avoid_genres


def test_the_service_passes_its_judge_to_the_parser(parser: MuseService) -> None:
    judge = FakeJudge({"funny": GenreOdds(wanted={"Comedy": 0.0})})
    service = build_service(parser.s.settings, llm=None, stores=parser.s.stores, embedder=FakeEmbedder(), scorer=None,
                            images=None, llm_capable=False, judge=judge)
    try:
        result = service.chat("judge-user", "something funny from the 90s")
        assert judge.calls and "Comedy" not in result.profile.liked_genres
    finally:
        service.close()


def test_training_data_is_dev_requests_without_earlier_messages() -> None:
    examples = judge_examples(["dev10"])
    assert examples and all("maybe a comedy, not sure" != e.text for e in examples)
    assert not any(e.text.startswith("yeah actually, comedy's right") for e in examples)  # it has an earlier message
    for held in ("test", "check"):
        with pytest.raises(InvalidInputError):
            judge_examples(["dev", held])


def test_the_judge_also_learns_the_lexicon_phrases_on_their_own() -> None:
    examples = {e.text: e for e in lexicon_examples(["Thriller", "Action"])}
    assert examples["white-knuckle, please"].wanted == ("Thriller",)
    assert all(e.wanted and set(e.wanted) <= {"Thriller", "Action"} and not e.avoided for e in examples.values())


def test_a_missing_or_broken_judge_file_means_the_rules_alone(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    assert load_genre_judge(settings) is None
    settings.judge_path.parent.mkdir(parents=True)
    settings.judge_path.write_bytes(b"not a judge")
    assert load_genre_judge(settings) is None
    assert load_genre_judge(Settings(home=tmp_path, genre_judge=False)) is None


def test_the_minilm_judge_trains_saves_and_loads(tmp_path: Path) -> None:
    from agent.understand.judge_model import MAX_TOKENS, MIN_EXAMPLES, JudgeExample, MiniLMJudge, train_judge

    genres = ["Comedy", "Horror", "IMAX"]
    examples = [JudgeExample(f"{w} {g.lower()} please", (g,) if w == "a" else (), (g,) if w == "no" else ())
                for g in genres[:2] for w in ("a", "no")] * MIN_EXAMPLES
    path = tmp_path / "judge.pt"
    report = train_judge(examples, genres, path, trained_on=["toy"], epochs=6)
    assert path.exists() and report.examples == 4 * MIN_EXAMPLES
    judge = MiniLMJudge(path)
    assert judge.trained_on == ["toy"]
    odds = judge.odds("no horror please")
    assert set(odds.wanted) == set(odds.avoided) == {"Comedy", "Horror"}  # no odds for a genre it never learned
    assert odds.avoided["Horror"] > 0.5 > odds.wanted["Horror"]
    assert judge.odds("a comedy please").wanted["Comedy"] > 0.5
    assert judge.odds("   ") == GenreOdds() == judge.odds("horror " * MAX_TOKENS)  # nothing to judge, or too long to judge whole
    path.write_bytes(b"garbage")
    with pytest.raises(BackendUnavailableError):
        MiniLMJudge(path)


def test_the_minilm_judge_answers_concurrent_turns(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from agent.understand.judge_model import JudgeExample, MiniLMJudge, train_judge

    path = tmp_path / "judge.pt"
    train_judge([JudgeExample("a comedy please", ("Comedy",), ())] * 20, ["Comedy"], path, epochs=1)
    judge = MiniLMJudge(path)
    texts = [f"a comedy from the {decade}s, nothing too long" for decade in range(1900, 2020, 5)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(judge.odds, texts))
    assert answers == [judge.odds(t) for t in texts]
