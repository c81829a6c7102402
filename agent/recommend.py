"""Candidate generation, GR scoring, an adaptive blend, diversity and grounded reasons.

Candidates come from one bus: text search on the turn's content words, "more like" the liked
items, HSTU's own top items, and the most popular items inside the constraints (so a request
that only states constraints still ranks everything that fits). Every signal is min-max
normalised over the candidates and combined with weights that depend on which signals the turn
carries (`weights_for`): a signal that is absent gets weight 0 and the rest are rescaled, so
    constraints only           -> GR 0.55, popularity 0.35, genre 0.10
    content words (mood, tags) -> semantic and tag matches join, GR and popularity shrink
    liked titles               -> similarity to them joins.
Then MMR (λ = 0.95) over item vectors: a near-copy of an item already picked gives way to the next
item when their scores are close (λ 0.75 cost hits in simulated conversations, see `evals/README.md`).
When wanted genres are asked together ("a mix of comedy and adventure") only items with all of them
are kept, unless too few exist; then the rest are filled with items having some of them and the
reply says so.
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

BASE_WEIGHTS = {"semantic": 0.30, "similar": 0.05, "tag": 0.15, "gr": 0.60, "popularity": 0.35, "genre": 0.10}
MULTI_GENRE_WEIGHT = 0.30
POOL = 100
BROWSE_POOL = 400
MMR_LAMBDA = 0.95
#: Genres that keep an item of a genre refused only as a mood: "nothing sad" keeps comedy-dramas.
LIGHTER = frozenset({"Comedy"})


@dataclass
class Ranked:
    item: Item
    candidate: Candidate
    reason: str


def profile_filters(retriever: Retriever, profile: UserProfile, exclude: set[int]) -> Filters:
    """Hard constraints from the profile: wanted genres (any of; "all of" is applied after), avoided
    genres (those refused only as a mood are applied after, by `mood_allows`), years, seen items."""
    include = tuple(g for g in profile.liked_genres if g not in profile.disliked_genres)
    return retriever.filters({
        "include_genres": include, "exclude_genres": tuple(g for g in profile.disliked_genres if g not in profile.mood_avoided),
        "year_min": profile.year_min, "year_max": profile.year_max, "exclude_ids": frozenset(exclude),
    })


def mood_allows(item: Item, profile: UserProfile) -> bool:
    """A genre refused only as a mood ("nothing sad": Drama) rules out its items unless they are also
    lighter (`LIGHTER`): a comedy-drama is not what "nothing sad" refuses."""
    refused = set(profile.mood_avoided) & set(profile.disliked_genres) & set(item.genres)
    return not refused or bool(LIGHTER & set(item.genres))


def query_text(profile: UserProfile, keywords: Sequence[str], tags: Sequence[str] = ()) -> str:
    """The semantic query: content only (this turn's mood and plot words and tags first, then the
    standing ones). Titles, filler and era words never enter it; liked titles count through their
    item vectors ("more like"), not their words."""
    parts = [*tags, *keywords, *profile.tags, *profile.keywords[:6]]
    return " ".join(dict.fromkeys(p for p in parts if p and p not in profile.avoid_keywords))


def gather(retriever: Retriever, scorer: Scorer | None, filters: Filters, text: str, seeds: Sequence[int],
           sequence: Sequence[int], tracer: Tracer) -> dict[int, Candidate]:
    """The candidate bus: text search, similar-to-liked, GR candidates, popular items inside the filters."""
    bus: dict[int, Candidate] = {}
    if text:
        with tracer.step("retrieve", "retriever.search", {"query": text, "filters": filters.describe(), "k": POOL * 3}) as h:
            result = retriever.search(text=text, filters=filters, k=POOL * 3)
            merge_into(bus, result.candidates, "semantic")
            h.n_out = len(result.candidates)
            h.error = result.note if not result.candidates else None
    if seeds:
        with tracer.step("retrieve", "retriever.similar_to", {"items": list(seeds), "k": POOL * 3}) as h:
            h.n_in = len(seeds)
            result = retriever.similar_to(seeds, filters=filters, k=POOL * 3)
            merge_into(bus, result.candidates, "similar")
            h.n_out = len(result.candidates)
    if scorer is not None and sequence:
        with tracer.step("retrieve", f"{scorer.name}.recommend", {"history": len(sequence), "k": POOL * 3}) as h:
            h.n_in = len(sequence)
            recs = scorer.recommend(sequence, POOL * 3, exclude=sorted(filters.exclude_ids))
            items = {i.item_id: i for i in retriever.catalog.get_many([i for i, _ in recs])}
            kept = [Candidate.of(i, s, "gr") for i, s in recs if i in items and filters.accepts(items[i])][:POOL]
            merge_into(bus, kept, "gr_retrieval")
            h.n_out = len(kept)
    with tracer.step("retrieve", "retriever.browse", {"filters": filters.describe(), "k": BROWSE_POOL}) as h:
        result = retriever.browse(filters=filters, k=BROWSE_POOL)
        merge_into(bus, result.candidates, "popularity_rank")
        h.n_out = len(result.candidates)
    return bus


def _minmax(values: dict[int, float]) -> dict[int, float]:
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    span = high - low
    return {k: (v - low) / span if span > 1e-9 else 1.0 for k, v in values.items()}


def weights_for(*, content: bool, seeds: bool, tags: bool, gr: bool, genres: int = 0) -> dict[str, float]:
    """The blend for the signals this turn carries (absent ones get 0; the rest sum to 1). With two
    or more wanted genres, covering all of them counts more."""
    present = {"semantic": content, "similar": seeds, "tag": tags, "gr": gr, "popularity": True, "genre": True}
    raw = {k: w if present[k] else 0.0 for k, w in BASE_WEIGHTS.items()}
    if genres >= 2:
        raw["genre"] = MULTI_GENRE_WEIGHT
    total = sum(raw.values())
    return {k: round(v / total, 4) for k, v in raw.items()}


def tag_match(item: Item, tags: Sequence[str]) -> float:
    """The share of the asked tags the item carries (catalog tags, case-insensitive)."""
    if not tags:
        return 0.0
    have = {t.lower() for t in item.tags}
    return sum(1.0 for t in tags if t.lower() in have) / len(tags)


def genre_match(item: Item, liked: Sequence[str], history: dict[str, float]) -> float:
    """The share of the wanted genres the item has (an item with all of them scores 1), or, with
    none wanted, its overlap with the long-term taste."""
    if liked:
        return sum(1.0 for g in liked if g in item.genres) / len(liked)
    return min(1.0, sum(history.get(g, 0.0) for g in item.genres))


def blend(bus: dict[int, Candidate], items: dict[int, Item], scorer: Scorer | None, sequence: Sequence[int],
          profile: UserProfile, tracer: Tracer, *, content: bool = False) -> list[Candidate]:
    """GR-score every candidate in one pass, then combine the normalised signals with `weights_for`."""
    ids = [i for i in bus if i in items]
    gr: dict[int, float] = {}
    if scorer is not None and ids and sequence:
        with tracer.step("score", f"{scorer.name}.score", {"history": len(sequence), "candidates": len(ids)}) as h:
            h.n_in = len(ids)
            gr = dict(zip(ids, (float(x) for x in scorer.score(sequence, ids))))
            h.n_out = len(gr)
    liked = [g for g in profile.liked_genres if g not in profile.disliked_genres]
    semantic = _minmax({i: bus[i].signals["semantic"] for i in ids if "semantic" in bus[i].signals})
    similar = _minmax({i: bus[i].signals["similar"] for i in ids if "similar" in bus[i].signals})
    gr_norm = _minmax({i: s for i, s in gr.items() if math.isfinite(s)})
    pop = _minmax({i: math.log1p(items[i].popularity) for i in ids})
    tags = [*profile.tags]
    weights = weights_for(content=content and bool(semantic), seeds=bool(similar), tags=bool(tags), gr=bool(gr_norm),
                          genres=len(liked))
    out: list[Candidate] = []
    with tracer.step("blend", "blend", {"weights": weights, "candidates": len(ids)}) as h:
        for i in ids:
            genre = genre_match(items[i], liked, profile.history_genres)
            parts = {"semantic": semantic.get(i, 0.0), "similar": similar.get(i, 0.0), "tag": tag_match(items[i], tags),
                     "gr": gr_norm.get(i, 0.0), "genre": genre, "popularity": pop.get(i, 0.0)}
            total = sum(weights[k] * v for k, v in parts.items())
            signals = {name: value for name, value in (("gr", gr.get(i)), ("gr_norm", gr_norm.get(i)), ("genre", genre),
                                                       ("tag", parts["tag"])) if value is not None}
            out.append(bus[i].with_signals({**signals, "blend": total}, rescore=total))
        out.sort(key=lambda c: (-c.score, c.item_id))
        h.n_in, h.n_out = len(ids), len(out)
    return out


def require_all(ranked: list[Candidate], items: dict[int, Item], genres: Sequence[str], k: int) -> tuple[list[Candidate], str | None]:
    """Keep items having every wanted genre; when fewer than `k` do, fill with the best of the
    rest and say so (a relaxation is never silent)."""
    need = set(genres)
    both = [c for c in ranked if need <= set(items[c.item_id].genres)]
    if len(both) >= k or len(need) < 2:
        return both if len(need) >= 2 else ranked, None
    rest = [c for c in ranked if c not in both]
    joined = " and ".join(sorted(need))
    note = (f"Only {len(both)} title(s) here are {joined} at once; the rest have some of those genres."
            if both else f"Nothing here is {joined} at once, so these have some of those genres.")
    return both + rest, note


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
    """A short reason built only from facts: the liked title it is closest to, matched genres and tags, GR, era."""
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
    tagged = [t for t in profile.tags if t.lower() in {x.lower() for x in item.tags}]
    if tagged:
        bits.append("tagged " + ", ".join(tagged[:3]))
    if c.signals.get("semantic", 0) > 0 and not close and not tagged:
        bits.append("matches what you asked for")
    if c.signals.get("gr_norm", 0.0) >= 0.7 or "gr_retrieval" in c.signals:
        bits.append("fits your viewing history")
    if profile.year_min is not None or profile.year_max is not None:
        bits.append(f"from {item.year}")
    if not bits:
        bits.append("popular with people of similar taste" if item.popularity else "a match for your request")
    text = "; ".join(bits)
    return text[:1].upper() + text[1:]
