"""`muse eval understand` over the dev split, and the layer registry."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from evals.understand import LAYERS, LayerDeps, Slots, evaluate
from evals.understanding import load_split
from muse.cli import app
from muse.settings import Settings


def test_cli_runs_on_the_dev_split(eval_settings: Settings, monkeypatch) -> None:
    monkeypatch.setenv("MUSE_HOME", str(eval_settings.home))
    result = CliRunner().invoke(app, ["eval", "understand", "--split", "dev", "--layer", "rules", "--fast", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["split"] == "dev" and out["n"] == len(load_split("dev"))
    rules = out["layers"][0]
    assert rules["layer"] == "rules" and rules["n"] == out["n"]
    # the parser reads plain genre words and exact titles: far from zero, far from perfect
    assert 0.3 < rules["slots"]["genres_wanted"]["f1"] < 1.0
    assert 0.3 < rules["slots"]["titles"]["f1"] < 1.0
    assert rules["misses"] and {"id", "text", "wrong"} <= set(rules["misses"][0])


def test_cli_table_skips_llm_without_a_capable_model(eval_settings: Settings, monkeypatch) -> None:
    monkeypatch.setenv("MUSE_HOME", str(eval_settings.home))
    result = CliRunner().invoke(app, ["eval", "understand", "--fast", "--layer", "rules", "--layer", "llm"])
    assert result.exit_code == 0, result.output
    assert "| rules | 309 |" in result.output
    assert "| llm | skipped: no capable LLM" in result.output


def test_unknown_layer_and_split_are_clear_errors(eval_settings: Settings, monkeypatch) -> None:
    monkeypatch.setenv("MUSE_HOME", str(eval_settings.home))
    result = CliRunner().invoke(app, ["eval", "understand", "--fast", "--layer", "nope"])
    assert result.exit_code == 2 and "unknown layer" in result.output
    result = CliRunner().invoke(app, ["eval", "understand", "--split", "train"])
    assert result.exit_code == 2 and "unknown split" in result.output


class _Perfect:
    """A layer that reads the gold answer: scores 1.0 everywhere (checks the scorer's plumbing)."""

    def __init__(self) -> None:
        self.gold = {r.text + "|" + "|".join(r.context): r for r in load_split("dev")}

    def parse(self, text: str, context: list[str]) -> Slots:
        r = self.gold[text + "|" + "|".join(context)]
        return Slots(intent=r.intent, genres_wanted=frozenset(r.genres_wanted), genres_avoided=frozenset(r.genres_avoided),
                     genres_all_required=r.genres_all_required, year_min=r.year_min, year_max=r.year_max,
                     liked_titles=frozenset(r.liked_titles), disliked_titles=frozenset(r.disliked_titles),
                     asked_titles=frozenset(r.asked_titles), tags=tuple(r.tags))


def test_a_registered_layer_that_knows_the_answers_scores_perfectly() -> None:
    deps = LayerDeps(settings=Settings(), known_genres=[], grounder=None)
    [score] = evaluate(load_split("dev"), deps, ["perfect"], layers={**LAYERS, "perfect": lambda d: _Perfect()})
    assert all(c.f1 == 1.0 for c in score.counts.values())
    assert score.year_iou == 1.0 and score.intent_accuracy == 1.0 and score.mix_accuracy == 1.0 and not score.misses


def test_a_message_refines_only_once_films_were_shown(eval_settings: Settings) -> None:
    from evals.understand import build_deps
    from evals.understand.layers import rules_layer

    deps, _ = build_deps(eval_settings, fast=True)
    layer = rules_layer(deps)
    wish = "Please something light for evening, a comedy from the last 10 years."
    assert layer.parse(wish, ["hey there, how are you?"]).intent == "recommend"  # small talk: the agent showed nothing
    assert layer.parse(wish, ["some 90s thrillers please"]).intent == "refine"
    assert layer.parse("something similar but older", ["I loved The Matrix"]).intent == "refine"  # feedback: films were shown
