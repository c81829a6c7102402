"""Ranking metrics, shared by offline GR evaluation and conversation evaluation.

Two views of the same quantities:
- from ranks (0-based position of the one relevant item; leave-one-out evaluation): `hit_rate`,
  `ndcg`, `mrr` over an array of ranks;
- from a ranked list and a set of relevant ids (conversation evaluation): `hr_at_k`,
  `ndcg_at_k`, `reciprocal_rank`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np


def target_ranks(scores: np.ndarray, targets: np.ndarray, exclude: np.ndarray | None = None) -> np.ndarray:
    """0-based rank of each row's target among its candidates (full ranking).

    scores: (U, N) one score per item; targets: (U,) column of the held-out item; exclude: (U, N)
    bool, items removed from the ranking (the user's history). The target itself is never excluded.
    Ties count against the target (pessimistic), so a constant scorer gets no credit.
    """
    scores = np.asarray(scores, dtype=np.float64)
    rows = np.arange(len(targets))
    target_scores = scores[rows, targets][:, None]  # (U, 1)
    competing = scores >= target_scores
    competing[rows, targets] = False
    if exclude is not None:
        competing &= ~exclude
    return competing.sum(axis=1)


def hit_rate(ranks: np.ndarray, k: int) -> float:
    """Share of ranks inside the top k (HR@k). 0.0 for no ranks."""
    ranks = np.asarray(ranks)
    return float((ranks < k).mean()) if ranks.size else 0.0


def ndcg(ranks: np.ndarray, k: int) -> float:
    """NDCG@k with one relevant item: 1 / log2(rank + 2) inside the top k, else 0."""
    ranks = np.asarray(ranks, dtype=np.float64)
    if not ranks.size:
        return 0.0
    gains = np.where(ranks < k, 1.0 / np.log2(ranks + 2.0), 0.0)
    return float(gains.mean())


def mrr(ranks: np.ndarray) -> float:
    """Mean reciprocal rank over the full ranking (no cut-off)."""
    ranks = np.asarray(ranks, dtype=np.float64)
    return float((1.0 / (ranks + 1.0)).mean()) if ranks.size else 0.0


def summarize(ranks: np.ndarray, ks: Sequence[int] = (10, 50, 200)) -> dict[str, float]:
    """HR@k and NDCG@k for each k, plus MRR."""
    out = {f"hr@{k}": hit_rate(ranks, k) for k in ks}
    out.update({f"ndcg@{k}": ndcg(ranks, k) for k in ks})
    out["mrr"] = mrr(ranks)
    return out


def hr_at_k(ranked: Sequence[int], relevant: Collection[int], k: int) -> float:
    """1.0 if any relevant id is in the first k of `ranked`, else 0.0 (also for no relevant ids)."""
    return 1.0 if any(item in relevant for item in ranked[:k]) else 0.0


def ndcg_at_k(ranked: Sequence[int], relevant: Collection[int], k: int) -> float:
    """Binary-relevance NDCG@k of one ranked list; 0.0 when nothing is relevant."""
    if not relevant or k <= 0:
        return 0.0
    dcg = sum(1.0 / np.log2(i + 2.0) for i, item in enumerate(ranked[:k]) if item in relevant)
    ideal = sum(1.0 / np.log2(i + 2.0) for i in range(min(len(relevant), k)))
    return float(dcg / ideal)


def reciprocal_rank(ranked: Sequence[int], relevant: Collection[int]) -> float:
    """1 / (1 + position of the first relevant id), 0.0 when none appears."""
    for i, item in enumerate(ranked):
        if item in relevant:
            return 1.0 / (i + 1.0)
    return 0.0
