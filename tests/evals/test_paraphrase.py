"""The paraphrase style of the simulated user and the oracle-constraint reference row."""

from __future__ import annotations

import random

import pytest
from pydantic import ValidationError

from evals.paraphrase import BANK_PATH, ParaphraseBank, ParaphraseSimulator, era_phrase, load_bank, names_target
from evals.simulate import HeldOut, LeakError, RuleSimulator, Stated, StatedReference, make_simulator, run_episode, sample_users
from muse.domain import Interaction, Item
from muse.settings import Settings
from stores.datasets import resolve_dataset
from stores.memory import memory_stores


@pytest.fixture(scope="module")
def population(eval_settings: Settings) -> tuple[dict[int, Item], list[HeldOut]]:
    source = resolve_dataset("movielens-small", eval_settings)
    items = {i.item_id: i for i in source.reader.items()}
    return items, sample_users(list(source.reader.interactions()), items, 200, seed=1)


def _messages(style: str, case: HeldOut, items: dict[int, Item], seed: int) -> tuple[list[str], Stated]:
    sim = make_simulator(style, case, items, seed)
    return [sim.message(t) for t in range(1, 6)], sim.stated


def test_same_seed_same_messages_other_seed_other_words(population) -> None:
    items, cases = population
    for case in cases[:30]:
        assert _messages("paraphrase", case, items, 0) == _messages("paraphrase", case, items, 0)
    differ = sum(_messages("paraphrase", c, items, 0)[0] != _messages("paraphrase", c, items, 1)[0] for c in cases[:30])
    assert differ >= 25


def test_paraphrase_never_names_the_target_and_states_only_the_truth(population) -> None:
    items, cases = population
    for case in cases:
        messages, stated = _messages("paraphrase", case, items, 0)
        names = tuple(n for n in (case.target.title, *case.target.aka) if n)
        assert not any(names_target(m, names) for m in messages), (case.target.title, messages)
        assert set(stated.genres) <= set(case.target.genres)
        year = case.target.year
        assert stated.year_min is None or year >= stated.year_min
        assert stated.year_max is None or year <= stated.year_max


def test_both_styles_reveal_the_same_facts_in_other_words(population) -> None:
    items, cases = population
    same_words = 0
    for case in cases[:50]:
        template, t_stated = _messages("template", case, items, 0)
        paraphrase, p_stated = _messages("paraphrase", case, items, 0)
        assert t_stated.genres == p_stated.genres
        same_words += sum(a == b for a, b in zip(template, paraphrase, strict=True))
        assert "I'm in the mood for a" not in paraphrase[0]
    assert same_words == 0


def test_era_phrases_state_a_range_holding_the_year() -> None:
    bank, rng = load_bank(), random.Random(0)
    text, era = era_phrase("part", 1995, 2018, bank, rng)
    assert era == (1994, 1996) and ("mid" in text or "middle" in text)
    assert era_phrase("part", 1981, 2018, bank, rng)[1] == (1980, 1983)
    assert era_phrase("part", 1968, 2018, bank, rng)[1] == (1967, 1969)
    for _ in range(20):
        text, (low, high) = era_phrase("around", 1992, 2018, bank, rng)
        assert high - low == 4 and low <= 1992 <= high and "give or take" in text or "either way" in text
        _, (low, high) = era_phrase("last_n", 2015, 2018, bank, rng)
        assert high == 2018 and low <= 2015
        _, (low, high) = era_phrase("no_later", 2017, 2018, bank, rng)
        assert low is None and 2017 <= high <= 2018
    assert era_phrase("or_later", 1994, 2018, bank, rng)[1] == (1990, None)
    assert era_phrase("oldie", 1943, 2018, bank, rng)[1] == (1940, 1949)


def test_bank_is_validated(tmp_path) -> None:
    bank = load_bank(BANK_PATH)
    data = bank.model_dump()
    del data["genres"]["Western"]
    with pytest.raises(ValidationError, match="Western"):
        ParaphraseBank.model_validate(data)


def _case(title: str, genres: tuple[str, ...]) -> tuple[HeldOut, dict[int, Item]]:
    items = {1: Item(1, "Alien", 1979, ("Horror", "Sci-Fi")), 2: Item(2, title, 1990, genres)}
    return HeldOut("u", (Interaction("u", 1, 1, 5.0),), items[2]), items


def test_a_phrasing_that_would_name_the_target_is_redrawn() -> None:
    case, items = _case("A Good Laugh", ("Comedy",))  # one of the bank's comedy phrases
    for seed in range(40):
        sim = ParaphraseSimulator(RuleSimulator(case, items, random.Random(seed)), load_bank(), random.Random(seed), 2018)
        assert "a good laugh" not in sim.message(1).lower()


def test_leak_guard_raises_when_every_phrasing_names_the_target() -> None:
    case, items = _case("Hmm", ("Drama",))
    data = load_bank().model_dump()
    data["more"] = ["Hmm, anything else?"]
    sim = ParaphraseSimulator(RuleSimulator(case, items, random.Random(0)), ParaphraseBank.model_validate(data), random.Random(0), 2018)
    with pytest.raises(LeakError):
        sim.message(5)


def _reference() -> StatedReference:
    stores = memory_stores()
    stores.catalog.upsert([
        Item(1, "Old Comedy", 1985, ("Comedy",)), Item(2, "Old Romcom", 1988, ("Comedy", "Romance")),
        Item(3, "New Comedy", 2005, ("Comedy",)), Item(4, "Old Horror", 1984, ("Horror",)),
        Item(5, "Nineties Comedy", 1994, ("Comedy",)), Item(6, "Seen Comedy", 1986, ("Comedy",)),
    ])
    # popularity: 4 > 3 > 6 > 5 > 2 > 1; user "u" has seen item 6
    stores.interactions.add([Interaction(f"x{k}", i, k) for i, n in {4: 6, 3: 5, 6: 4, 5: 3, 2: 2, 1: 1}.items() for k in range(n)])
    stores.interactions.add([Interaction("u", 6, 99)])
    return StatedReference(stores)


def test_reference_ranks_by_popularity_inside_the_stated_genre_and_era() -> None:
    ref = _reference()
    ref.observe("s", Stated(genres=("Comedy",), year_min=1980, year_max=1989))
    shown = ref.turn("u", "ignored", "s")
    assert shown[:2] == [2, 1]  # the only unseen 1980s comedies, by popularity
    assert shown[2:4] == [3, 5]  # then the era relaxed: other comedies by popularity
    assert shown[4:] == [4]  # then the genre relaxed
    assert ref.turn("u", "ignored", "s") == []  # everything unseen was shown


def test_reference_without_statements_is_popularity_and_reads_observe_in_episodes(population) -> None:
    ref = _reference()
    assert ref.turn("u", "hi", "fresh") == [4, 3, 5, 2, 1]
    items, cases = population
    stores = memory_stores()
    stores.catalog.upsert(items.values())
    reference = StatedReference(stores)
    episode = run_episode(reference, cases[0], items, turns=2, seed=0, style="paraphrase")
    stated = next(iter(reference.stated.values()))
    assert stated.genres and set(stated.genres) <= set(cases[0].target.genres) and len(episode.messages) >= 1


def test_simulate_cli_reports_both_styles_and_the_reference(eval_settings: Settings, monkeypatch) -> None:
    import json

    from typer.testing import CliRunner

    from muse.cli import app

    monkeypatch.setenv("MUSE_HOME", str(eval_settings.home))
    result = CliRunner().invoke(app, ["eval", "simulate", "--users", "6", "--turns", "3", "--seed", "2", "--fast",
                                      "--simulator", "rule", "--style", "both", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output[result.output.index("{"):])
    rows = [(s["name"], s["style"]) for s in out["systems"]]
    for style in ("template", "paraphrase"):
        assert ("agent", style) in rows and ("reference: popularity in stated genre+era (oracle)", style) in rows
    assert out["styles"] == ["template", "paraphrase"] and out["report"].endswith("-template-paraphrase/report.md")
    bad = CliRunner().invoke(app, ["eval", "simulate", "--fast", "--style", "fancy"])
    assert bad.exit_code == 2 and "--style" in bad.output
