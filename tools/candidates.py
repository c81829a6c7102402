"""The one candidate type that flows retriever -> scorer -> creative -> reply."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from types import MappingProxyType


def _frozen(scores: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(scores))


@dataclass(frozen=True, slots=True)
class Candidate:
    """An item id with its current score and the per-signal scores that produced it.

    `source` says which tool first proposed the item ("retriever", "gr", "popularity", "similar").
    `signals` keeps every score seen so far (e.g. {"retriever": 0.61, "gr": 0.34}); tools add
    signals with `with_signal`, they never mutate.
    """

    item_id: int
    score: float
    source: str
    signals: Mapping[str, float] = field(default_factory=lambda: _frozen({}))

    def with_signal(self, name: str, value: float, *, rescore: float | None = None) -> "Candidate":
        return self.with_signals({name: value}, rescore=rescore)

    def with_signals(self, values: Mapping[str, float], *, rescore: float | None = None) -> "Candidate":
        """Several signals added in one copy (the blend adds four per candidate, every turn)."""
        merged = _frozen({**self.signals, **{name: float(v) for name, v in values.items()}})
        return Candidate(self.item_id, self.score if rescore is None else float(rescore), self.source, merged)

    @classmethod
    def of(cls, item_id: int, score: float, source: str) -> "Candidate":
        return cls(int(item_id), float(score), source, _frozen({source: float(score)}))


def merge_into(bus: MutableMapping[int, "Candidate"], candidates: Iterable["Candidate"], signal: str) -> None:
    """Add candidates to a bus keyed by item id; an item seen again keeps its best `signal` score."""
    for c in candidates:
        old = bus.get(c.item_id)
        value = max(c.score, old.signals.get(signal, -1.0)) if old else c.score
        bus[c.item_id] = (old or c).with_signal(signal, value)
