from __future__ import annotations

import math

import numpy as np
import pytest

from tools.gr.metrics import hit_rate, hr_at_k, mrr, ndcg, ndcg_at_k, reciprocal_rank, summarize, target_ranks


def test_rank_metrics_match_hand_computation() -> None:
    ranks = np.array([0, 1, 4, 20])
    assert hit_rate(ranks, 1) == 0.25
    assert hit_rate(ranks, 5) == 0.75
    assert ndcg(ranks, 5) == pytest.approx((1 + 1 / math.log2(3) + 1 / math.log2(6) + 0) / 4)
    assert mrr(ranks) == pytest.approx((1 + 1 / 2 + 1 / 5 + 1 / 21) / 4)


def test_empty_ranks_give_zero() -> None:
    empty = np.zeros(0)
    assert hit_rate(empty, 10) == ndcg(empty, 10) == mrr(empty) == 0.0
    assert set(summarize(empty)) == {"hr@10", "hr@50", "hr@200", "ndcg@10", "ndcg@50", "ndcg@200", "mrr"}


def test_target_ranks_exclude_history_but_never_the_target() -> None:
    scores = np.array([[0.9, 0.8, 0.7, 0.1], [0.1, 0.2, 0.3, 0.4]])
    targets = np.array([2, 0])
    exclude = np.array([[True, False, True, False], [False, False, False, True]])
    # row 0: item 0 excluded, item 1 beats the target -> rank 1; target itself "excluded" is ignored.
    # row 1: items 1, 2 beat the target, item 3 excluded -> rank 2.
    assert target_ranks(scores, targets, exclude).tolist() == [1, 2]


def test_ties_count_against_the_target() -> None:
    scores = np.zeros((1, 5))
    assert target_ranks(scores, np.array([3])).tolist() == [4]


def test_list_metrics() -> None:
    ranked = [5, 3, 9, 1]
    assert hr_at_k(ranked, {9}, 2) == 0.0 and hr_at_k(ranked, {9}, 3) == 1.0
    assert ndcg_at_k(ranked, {3, 1}, 4) == pytest.approx((1 / math.log2(3) + 1 / math.log2(5)) / (1 + 1 / math.log2(3)))
    assert ndcg_at_k(ranked, set(), 4) == 0.0 and ndcg_at_k(ranked, {5}, 0) == 0.0
    assert reciprocal_rank(ranked, {9}) == pytest.approx(1 / 3) and reciprocal_rank(ranked, {42}) == 0.0
    assert hr_at_k([], {1}, 10) == 0.0
