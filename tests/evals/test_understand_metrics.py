"""Metric functions of `muse eval understand`, with hand-computed cases."""

from __future__ import annotations

import pytest

from evals.understand import Counts, LayerScore, Slots, score_request, set_counts, tag_tokens, year_iou
from evals.understanding import Request

SPAN = (1902, 2018)


def test_set_counts_and_prf() -> None:
    c = set_counts({"Comedy", "Romance"}, {"Comedy", "Horror", "Drama"})
    assert c == Counts(tp=1, fp=2, fn=1)
    assert c.precision == pytest.approx(1 / 3)
    assert c.recall == pytest.approx(1 / 2)
    assert c.f1 == pytest.approx(2 * 1 / (2 * 1 + 2 + 1))  # 0.4


def test_empty_gold_and_empty_prediction_is_perfect() -> None:
    c = set_counts([], [])
    assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0)


def test_empty_gold_with_a_prediction_and_the_reverse() -> None:
    assert set_counts([], ["Comedy"]).f1 == 0.0
    assert set_counts([], ["Comedy"]).recall == 1.0
    assert set_counts(["Comedy"], []).f1 == 0.0
    assert set_counts(["Comedy"], []).precision == 1.0


def test_counts_add_up_micro() -> None:
    total = set_counts({1, 2}, {1}) + set_counts(set(), {3}) + set_counts({4}, {4})
    assert total == Counts(tp=2, fp=1, fn=1)
    assert total.f1 == pytest.approx(4 / 6)


def test_year_iou_closed_ranges() -> None:
    assert year_iou((1980, 1989), (1980, 1989), SPAN) == 1.0
    assert year_iou((1990, 1999), (1995, 2004), SPAN) == pytest.approx(5 / 15)
    assert year_iou((1990, 1993), (1997, 1999), SPAN) == 0.0
    assert year_iou((1985, 1985), (1980, 1989), SPAN) == pytest.approx(1 / 10)


def test_year_iou_nulls() -> None:
    assert year_iou((None, None), (None, None), SPAN) == 1.0
    assert year_iou((1990, 1999), (None, None), SPAN) == 0.0
    assert year_iou((None, None), (1990, None), SPAN) == 0.0


def test_year_iou_open_ranges_clip_to_the_span() -> None:
    # 1990-null is 1990-2018 (29 years); 2000-null is 2000-2018 (19 years)
    assert year_iou((1990, None), (2000, None), SPAN) == pytest.approx(19 / 29)
    # null-1969 is 1902-1969 (68 years) against 1950-1969 (20 years)
    assert year_iou((None, 1969), (1950, 1969), SPAN) == pytest.approx(20 / 68)
    # the 2010s clip to 2010-2018
    assert year_iou((2010, 2019), (2010, 2018), SPAN) == 1.0
    # wholly outside the span: empty, so no overlap with anything real
    assert year_iou((2030, None), (2010, 2018), SPAN) == 0.0


def test_tag_tokens() -> None:
    assert tag_tokens(["Time travel", "the zombies", "twist-ending"]) == {"time", "travel", "zombie", "twist", "ending"}
    assert tag_tokens([]) == set()
    assert tag_tokens(["class"]) == {"class"}


def _request(**kw: object) -> Request:
    return Request.model_validate({"id": "r1", "text": "t", "intent": "recommend", "voice": "v", **kw})


def test_score_request_records_slots_and_misses() -> None:
    score = LayerScore(layer="x")
    gold = _request(genres_wanted=["Comedy", "Adventure"], genres_all_required=True, year_min=1980, year_max=1989,
                    liked_titles=[1214], tags=["road trip"])
    pred = Slots(intent="recommend", genres_wanted=frozenset({"Comedy"}), year_min=1980, year_max=1989,
                 liked_titles=frozenset({1214}), disliked_titles=frozenset({541}), tags=("trip",))
    score_request(score, gold, pred, SPAN)
    assert score.counts["genres_wanted"] == Counts(1, 0, 1)
    assert score.counts["titles"] == Counts(1, 1, 0)
    assert score.counts["tags"] == Counts(1, 0, 1)
    assert score.year_ious == [1.0]
    assert (score.intent_hits, score.mix_n, score.mix_hits) == (1, 1, 0)
    assert score.misses[0]["wrong"] == ["genres_wanted", "disliked_titles", "tags"]


def test_requests_without_any_year_do_not_enter_the_iou_mean() -> None:
    score = LayerScore(layer="x")
    score_request(score, _request(), Slots(intent="chitchat"), SPAN)
    assert score.year_ious == [] and score.year_iou == 1.0 and score.intent_accuracy == 0.0
