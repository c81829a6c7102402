"""Slot metrics for the understanding eval: set precision/recall/F1, year-range IoU, tag tokens.

Each function scores one request; `Counts` add up over a split (micro-averaging), so a split's F1 is
computed from its total true/false positives, not averaged per request.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    """True positives, false positives, false negatives of one slot."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """1.0 when nothing was predicted (and so nothing predicted was wrong)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean; empty gold and empty prediction is a perfect 1.0."""
        if not (self.tp or self.fp or self.fn):
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


def set_counts(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> Counts:
    """Counts of one request's slot, compared as sets."""
    g, p = set(gold), set(predicted)
    return Counts(len(g & p), len(p - g), len(g - p))


YearRange = tuple[int | None, int | None]


def _clip(r: YearRange, span: tuple[int, int]) -> tuple[int, int]:
    low = span[0] if r[0] is None else max(r[0], span[0])
    high = span[1] if r[1] is None else min(r[1], span[1])
    return low, high


def year_iou(gold: YearRange, predicted: YearRange, span: tuple[int, int]) -> float:
    """Intersection over union of two inclusive year ranges, open ends clipped to the catalog's span.

    Both without any bound: 1.0. Exactly one without any bound: 0.0. A range that falls wholly outside
    the span is empty and scores 0.0 against anything but another empty range.
    """
    gold_none, pred_none = gold == (None, None), predicted == (None, None)
    if gold_none or pred_none:
        return 1.0 if gold_none and pred_none else 0.0
    (g0, g1), (p0, p1) = _clip(gold, span), _clip(predicted, span)
    g_len, p_len = max(0, g1 - g0 + 1), max(0, p1 - p0 + 1)
    if not g_len or not p_len:
        return 1.0 if g_len == p_len else 0.0
    inter = max(0, min(g1, p1) - max(g0, p0) + 1)
    return inter / (g_len + p_len - inter)


_STOP = frozenset("a an the of and or with in on for to from about at by it its is are be some any more less very".split())
_TOKEN = re.compile(r"[a-z0-9]+")


def tag_tokens(tags: Iterable[str]) -> set[str]:
    """Content tokens of free tags: lower-cased, split on non-letters, crude singular, stop words out."""
    out: set[str] = set()
    for tag in tags:
        for tok in _TOKEN.findall(tag.lower()):
            if tok in _STOP:
                continue
            if len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss"):
                tok = tok[:-1]
            out.add(tok)
    return out
