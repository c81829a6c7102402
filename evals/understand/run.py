"""Score understanding layers on a corpus split and format the table."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from evals.understand.layers import LAYERS, Layer, LayerDeps, LayerUnavailable, Slots
from evals.understand.metrics import Counts, set_counts, tag_tokens, year_iou
from evals.understanding import Request

SET_SLOTS: tuple[str, ...] = ("genres_wanted", "genres_avoided", "liked_titles", "disliked_titles", "asked_titles")
DEFAULT_SPAN = (1902, 2018)  # ml-latest-small's first and newest release years


@dataclass
class LayerScore:
    """A layer's figures on one split."""

    layer: str
    n: int = 0
    counts: dict[str, Counts] = field(default_factory=dict)
    year_ious: list[float] = field(default_factory=list)
    intent_hits: int = 0
    mix_hits: int = 0
    mix_n: int = 0
    seconds: float = 0.0
    misses: list[dict[str, Any]] = field(default_factory=list)
    skipped: str | None = None

    def f1(self, slot: str) -> float:
        return self.counts[slot].f1

    @property
    def year_iou(self) -> float:
        """Mean IoU over the requests where the gold or the prediction states a range."""
        return sum(self.year_ious) / len(self.year_ious) if self.year_ious else 1.0

    @property
    def intent_accuracy(self) -> float:
        return self.intent_hits / self.n if self.n else 1.0

    @property
    def mix_accuracy(self) -> float:
        """How often the all-required flag is right where the gold wants two or more genres."""
        return self.mix_hits / self.mix_n if self.mix_n else 1.0

    def to_json(self) -> dict[str, Any]:
        if self.skipped:
            return {"layer": self.layer, "skipped": self.skipped}
        slots = {name: {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
                        "tp": c.tp, "fp": c.fp, "fn": c.fn} for name, c in self.counts.items()}
        return {"layer": self.layer, "n": self.n, "slots": slots,
                "year_iou": round(self.year_iou, 4), "year_n": len(self.year_ious),
                "intent_accuracy": round(self.intent_accuracy, 4),
                "mix_accuracy": round(self.mix_accuracy, 4), "mix_n": self.mix_n,
                "ms_per_request": round(1000 * self.seconds / max(self.n, 1), 2), "misses": self.misses}


def _title_pairs(s: Request | Slots) -> set[tuple[str, int]]:
    return {(role, i) for role in ("liked", "disliked", "asked") for i in getattr(s, f"{role}_titles")}


def score_request(score: LayerScore, gold: Request, pred: Slots, span: tuple[int, int]) -> None:
    """Add one request's comparison to `score` (and record what it got wrong)."""
    score.n += 1
    found: dict[str, Counts] = {name: set_counts(getattr(gold, name), getattr(pred, name)) for name in SET_SLOTS}
    found["titles"] = set_counts(_title_pairs(gold), _title_pairs(pred))
    found["tags"] = set_counts(tag_tokens(gold.tags), tag_tokens(pred.tags))
    for name, c in found.items():
        score.counts[name] = score.counts.get(name, Counts()) + c
    gold_years, pred_years = (gold.year_min, gold.year_max), (pred.year_min, pred.year_max)
    if gold_years != (None, None) or pred_years != (None, None):
        score.year_ious.append(year_iou(gold_years, pred_years, span))
    score.intent_hits += pred.intent == gold.intent
    if len(gold.genres_wanted) >= 2:
        score.mix_n += 1
        score.mix_hits += pred.genres_all_required == gold.genres_all_required
    wrong = [n for n in (*SET_SLOTS, "tags") if found[n].fp or found[n].fn]
    wrong += ["years"] * (gold_years != pred_years) + ["intent"] * (pred.intent != gold.intent)
    if wrong:
        score.misses.append({"id": gold.id, "text": gold.text, "wrong": wrong, **_diff(gold, pred, wrong)})


def _diff(gold: Request, pred: Slots, wrong: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in wrong:
        if name == "years":
            out[name] = {"gold": [gold.year_min, gold.year_max], "pred": [pred.year_min, pred.year_max]}
        elif name in ("intent",):
            out[name] = {"gold": gold.intent, "pred": pred.intent}
        else:
            out[name] = {"gold": sorted(getattr(gold, name)), "pred": sorted(getattr(pred, name))}
    return out


def score_layer(name: str, layer: Layer, requests: Sequence[Request], span: tuple[int, int] = DEFAULT_SPAN) -> LayerScore:
    """Run `layer` over every request and score it."""
    score = LayerScore(layer=name)
    for r in requests:
        start = time.perf_counter()
        pred = layer.parse(r.text, list(r.context))
        score.seconds += time.perf_counter() - start
        score_request(score, r, pred, span)
    return score


def evaluate(requests: Sequence[Request], deps: LayerDeps, names: Sequence[str],
             span: tuple[int, int] = DEFAULT_SPAN, layers: dict[str, Callable[[LayerDeps], Layer]] = LAYERS) -> list[LayerScore]:
    """Score each named layer; an unavailable one comes back with `skipped` set to its reason."""
    unknown = [n for n in names if n not in layers]
    if unknown:
        raise LayerUnavailable(f"unknown layer(s) {', '.join(unknown)}; known: {', '.join(layers)}")
    scores = []
    for name in names:
        try:
            layer = layers[name](deps)
        except LayerUnavailable as err:
            scores.append(LayerScore(layer=name, skipped=str(err)))
            continue
        scores.append(score_layer(name, layer, requests, span))
    return scores


COLUMNS = ("genres_wanted", "genres_avoided", "titles", "liked_titles", "disliked_titles", "tags")
HEADER = "| layer | n | genres wanted F1 | genres avoided F1 | year IoU (n) | titles F1 | liked F1 | disliked F1 | intent acc | mix acc (n) | tags F1 | ms/req |"


def table(scores: Sequence[LayerScore]) -> list[str]:
    """A markdown table, one row per layer; skipped layers get a line with the reason."""
    lines = [HEADER, "|" + "---|" * HEADER.count(" | ") + "---|"]
    for s in scores:
        if s.skipped:
            lines.append(f"| {s.layer} | skipped: {s.skipped} |")
            continue
        f = {c: f"{s.f1(c):.3f}" for c in COLUMNS}
        lines.append(f"| {s.layer} | {s.n} | {f['genres_wanted']} | {f['genres_avoided']} | {s.year_iou:.3f} ({len(s.year_ious)}) "
                     f"| {f['titles']} | {f['liked_titles']} | {f['disliked_titles']} | {s.intent_accuracy:.3f} "
                     f"| {s.mix_accuracy:.3f} ({s.mix_n}) | {f['tags']} | {1000 * s.seconds / max(s.n, 1):.1f} |")
    return lines


def catalog_span(items: Any) -> tuple[int, int]:
    """The first and newest release years of a catalog (`DEFAULT_SPAN` when none has a year)."""
    years = [i.year for i in items if i.year]
    return (min(years), max(years)) if years else DEFAULT_SPAN


def build_deps(settings: Any, *, fast: bool = False, with_llm: bool = False) -> tuple[LayerDeps, tuple[int, int]]:
    """Layer dependencies wired as the service wires them, over ml-latest-small (the corpus's ids).

    `fast` swaps the MiniLM embedder (used for fuzzy title grounding) for the FakeEmbedder."""
    from agent.build import load_genre_judge, load_title_roles
    from agent.understand.concepts import build_concepts
    from stores import open_stores
    from stores.datasets import dataset_slug, prepare_dataset
    from tools.retriever import FakeEmbedder, TitleGrounder, build_embedder, build_retriever

    settings = settings.model_copy(update={"dataset": "movielens-small"})
    slug = dataset_slug(settings.dataset)
    if not settings.db_path(slug).exists():
        prepare_dataset(settings)
    stores = open_stores(settings, slug)
    embedder = FakeEmbedder() if fast else build_embedder(settings)
    retriever = build_retriever(settings, stores, embedder, slug=slug, ensure_built=True)
    concepts, newest = build_concepts(stores.catalog, embedder, retriever.known_genres(), settings.home / "cache")
    deps = LayerDeps(settings=settings, known_genres=retriever.known_genres(),
                     grounder=TitleGrounder(stores.catalog, embedder=embedder, index=retriever.vectors),
                     concepts=concepts, newest_year=newest, judge=load_genre_judge(settings),
                     roles=load_title_roles(settings))
    if with_llm:
        from agent.llm import build_chat_model, is_capable

        deps.llm_capable = is_capable(settings)
        deps.llm = build_chat_model(settings) if deps.llm_capable else None
    return deps, catalog_span(stores.catalog.all())
