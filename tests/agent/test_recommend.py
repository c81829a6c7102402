"""The ranking helpers on their own: MMR's trade between score and likeness to items already picked."""

from __future__ import annotations

import numpy as np

from agent.recommend import mmr
from tools.candidates import Candidate

A, B = np.array([1.0, 0.0]), np.array([0.0, 1.0])


def _picked(scores: dict[int, float], vectors: dict[int, np.ndarray], k: int = 2) -> list[int]:
    return [c.item_id for c in mmr([Candidate.of(i, s, "test") for i, s in scores.items()], vectors, k)]


def test_a_near_copy_gives_way_when_scores_are_close() -> None:
    # item 2 is a copy of item 1 (a sequel's vector); item 3 is unlike both and scores a little lower
    assert _picked({1: 1.0, 2: 0.99, 3: 0.97}, {1: A, 2: A, 3: B}) == [1, 3]


def test_a_clearly_better_item_is_kept_even_when_alike() -> None:
    assert _picked({1: 1.0, 2: 0.8, 3: 0.55}, {1: A, 2: A, 3: B}) == [1, 2]  # λ 0.75 would show item 3


def test_items_without_vectors_rank_by_score() -> None:
    assert _picked({1: 0.2, 2: 0.9, 3: 0.5}, {}, k=3) == [2, 3, 1]
