"""Candidate generation, GR scoring, blending, diversity and grounded reasons.

Blend (documented): each signal is min-max normalised over the candidate set, then
    score = 0.40·semantic + 0.35·gr + 0.15·genre + 0.10·popularity
where `semantic` is the best retriever similarity (text query or "more like" liked items),
`gr` the HSTU score for the user's sequence (history + liked items, one M-FALCON pass),
`genre` the overlap of the item's genres with the wanted and long-term genres, `popularity`
log interaction count. A missing signal counts 0. Then MMR (λ = 0.75) over item vectors for diversity.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from agent.trace import Tracer
from agent.types import UserProfile
from muse.domain import Item
from tools.candidates import Candidate, merge_into
from tools.protocols import Scorer
from tools.retriever import Filters, Retriever

WEIGHTS = {"semantic": 0.40, "gr": 0.35, "genre": 0.15, "popularity": 0.10}
POOL = 100
MMR_LAMBDA = 0.75


@dataclass
class Ranked:
    item: Item
    candidate: Candidate
    reason: str


def profile_filters(retriever: Retriever, profile: UserProfile, exclude: set[int]) -> Filters:
    """Hard constraints from the profile: wanted genres (any of), avoided genres, years, seen items."""
    include = tuple(g for g in profile.liked_genres if g not in profile.disliked_genres)
    return retriever.filters({
        "include_genres": include, "exclude_genres": tuple(profile.disliked_genres),
        "year_min": profile.year_min, "year_max": profile.year_max, "exclude_ids": frozenset(exclude),
    })


def query_text(profile: UserProfile, keywords: Sequence[str], liked_titles: Sequence[str]) -> str:
    """The semantic query: this turn's words first, then the standing taste."""
    parts = [*keywords, *profile.liked_genres, *profile.keywords[:6]]
    if liked_titles:
        parts.append("like " + ", ".join(liked_titles[:5]))
    return " ".join(dict.fromkeys(p for p in parts if p))


def gather(retriever: Retriever, scorer: Scorer | None, filters: Filters, text: str, seeds: Sequence[int],
           sequence: Sequence[int], tracer: Tracer) -> dict[int, Candidate]:
    """The candidate bus: retriever (text), similar-to-liked, GR user-embedding candidates; popularity if empty."""
    bus: dict[int, Candidate] = {}

    def add(candidates: Sequence[Candidate], signal: str) -> None:
        merge_into(bus, candidates, signal)

    if text:
        with tracer.step("retrieve", "retriever.search", {"query": text, "filters": filters.describe(), "k": POOL}) as h:
            result = retriever.search(text=text, filters=filters, k=POOL)
            add(result.candidates, "semantic")
            h.n_out = len(result.candidates)
            h.error = result.note if not result.candidates else None
    if seeds:
        with tracer.step("retrieve", "retriever.similar_to", {"items": list(seeds), "k": POOL}) as h:
            h.n_in = len(seeds)
            result = retriever.similar_to(seeds, filters=filters, k=POOL)
            add(result.candidates, "semantic")
            h.n_out = len(result.candidates)
    if scorer is not None and sequence:
        with tracer.step("retrieve", f"{scorer.name}.recommend", {"history": len(sequence), "k": POOL * 3}) as h:
            h.n_in = len(sequence)
            recs = scorer.recommend(sequence, POOL * 3, exclude=sorted(filters.exclude_ids))
            items = {i.item_id: i for i in retriever.catalog.get_many([i for i, _ in recs])}
            kept = [Candidate.of(i, s, "gr") for i, s in recs if i in items and filters.accepts(items[i])][:POOL]
            add(kept, "gr_retrieval")
            h.n_out = len(kept)
    if not bus:
        with tracer.step("retrieve", "retriever.browse", {"filters": filters.describe(), "k": POOL}) as h:
            result = retriever.browse(filters=filters, k=POOL)
            add(result.candidates, "popularity_rank")
            h.n_out = len(result.candidates)
    return bus


def _minmax(values: dict[int, float]) -> dict[int, float]:
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    span = high - low
    return {k: (v - low) / span if span > 1e-9 else 1.0 for k, v in values.items()}


def blend(bus: dict[int, Candidate], items: dict[int, Item], scorer: Scorer | None, sequence: Sequence[int],
          profile: UserProfile, tracer: Tracer) -> list[Candidate]:
    """GR-score every candidate in one pass, then combine the normalised signals."""
    ids = [i for i in bus if i in items]
    gr: dict[int, float] = {}
    if scorer is not None and ids:
        with tracer.step("score", f"{scorer.name}.score", {"history": len(sequence), "candidates": len(ids)}) as h:
            h.n_in = len(ids)
            gr = dict(zip(ids, (float(x) for x in scorer.score(sequence, ids))))
            h.n_out = len(gr)
    wanted = {g: 1.0 for g in profile.liked_genres} | {g: w for g, w in profile.history_genres.items() if g not in profile.liked_genres}
    semantic = _minmax({i: bus[i].signals.get("semantic", 0.0) for i in ids if "semantic" in bus[i].signals})
    gr_norm = _minmax({i: s for i, s in gr.items() if math.isfinite(s)})
    pop = _minmax({i: math.log1p(items[i].popularity) for i in ids})
    out: list[Candidate] = []
    with tracer.step("blend", "blend", {"weights": WEIGHTS, "candidates": len(ids)}) as h:
        for i in ids:
            genre = min(1.0, sum(wanted.get(g, 0.0) for g in items[i].genres))
            parts = {"semantic": semantic.get(i, 0.0), "gr": gr_norm.get(i, 0.0), "genre": genre, "popularity": pop.get(i, 0.0)}
            total = sum(WEIGHTS[k] * v for k, v in parts.items())
            signals = {name: value for name, value in (("gr", gr.get(i)), ("gr_norm", gr_norm.get(i)), ("genre", genre))
                       if value is not None}
            out.append(bus[i].with_signals({**signals, "blend": total}, rescore=total))
        out.sort(key=lambda c: (-c.score, c.item_id))
        h.n_in, h.n_out = len(ids), len(out)
    return out


def mmr(ranked: list[Candidate], vectors: dict[int, np.ndarray], k: int, lam: float = MMR_LAMBDA) -> list[Candidate]:
    """Maximal marginal relevance: trade a little score for items unlike those already picked."""
    pool = ranked[: max(k * 6, 30)]
    picked: list[Candidate] = []
    while pool and len(picked) < k:
        def gain(c: Candidate) -> float:
            v = vectors.get(c.item_id)
            if v is None or not picked:
                return lam * c.score
            sims = [float(v @ vectors[p.item_id]) for p in picked if p.item_id in vectors]
            return lam * c.score - (1 - lam) * max(sims, default=0.0)
        best = max(pool, key=gain)
        picked.append(best)
        pool.remove(best)
    return picked


def reason_for(item: Item, c: Candidate, profile: UserProfile, liked: dict[int, Item],
               vectors: dict[int, np.ndarray]) -> str:
    """A short reason built only from facts: the liked title it is closest to, matched genres, GR, era."""
    bits: list[str] = []
    v = vectors.get(item.item_id)
    close = [(float(v @ vectors[i]), liked[i]) for i in liked if v is not None and i in vectors]
    if close:
        sim, nearest = max(close, key=lambda t: t[0])
        if sim > 0.3:
            bits.append(f"close to {nearest.title}, which you liked")
    matched = [g for g in item.genres if g in profile.liked_genres or g in profile.history_genres]
    if matched:
        bits.append("your genres: " + ", ".join(matched[:3]))
    if c.signals.get("semantic", 0) > 0 and not close:
        bits.append("matches what you asked for")
    if c.signals.get("gr_norm", 0.0) >= 0.7 or "gr_retrieval" in c.signals:
        bits.append("fits your viewing history")
    if profile.year_min is not None or profile.year_max is not None:
        bits.append(f"from {item.year}")
    if not bits:
        bits.append("popular with people of similar taste" if item.popularity else "a match for your request")
    text = "; ".join(bits)
    return text[:1].upper() + text[1:]

