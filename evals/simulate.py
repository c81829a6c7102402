"""Simulated users (the iEvaLM / InteRecAgent protocol) and the systems they talk to.

For a seeded sample of dataset users with >= 10 interactions, the last item (by time) is hidden as
the target. A rule-based simulator knows the earlier history and the target's attributes and reveals
one attribute per turn (genre, era, a similar title it liked, a tag), never the target's title. A
hit is the target among the items a system shows in a turn.

The systems run over stores holding the dataset minus every target, so nothing has seen a target.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from langchain_core.messages import HumanMessage

from agent.service import MuseService
from agent.structured import ask_text
from muse.domain import Interaction, Item, normalise_title
from prompts import render
from stores import sqlite_stores
from stores.base import Stores
from stores.datasets import DatasetSource, import_source
from tools.gr.metrics import ndcg_at_k
from tools.protocols import Scorer
from tools.retriever import Filters, Retriever

MISS_TURNS = 6  # a miss counts as one turn past the budget
SHOWN = 5  # items per turn, as the agent's plan shows


# The simulated user ----------------------------------------------------------------------------
@dataclass(frozen=True)
class HeldOut:
    """One evaluated user: the earlier history (oldest first) and the hidden target."""

    user_id: str
    history: tuple[Interaction, ...]
    target: Item


class LeakError(AssertionError):
    """The simulator was about to name its target."""


@dataclass(frozen=True)
class Stated:
    """The genres and era a simulated user has stated so far (only the oracle reference reads it)."""

    genres: tuple[str, ...] = ()
    year_min: int | None = None
    year_max: int | None = None


def advance(stated: Stated, kind: str, genres: Sequence[str], era: tuple[int | None, int | None]) -> Stated:
    """What is stated after a turn that revealed `kind` (see `RuleSimulator.reveal`)."""
    if kind == "opening" and genres:
        return replace(stated, genres=tuple(genres[:1]))
    if kind == "era":
        return replace(stated, year_min=era[0], year_max=era[1])
    if kind == "second":
        return replace(stated, genres=tuple(genres[:2]))
    return stated


class RuleSimulator:
    """Reveals one attribute of the target per turn; the opening adds a well-rated liked title."""

    def __init__(self, case: HeldOut, items: dict[int, Item], rng: random.Random) -> None:
        self.case, self.items, self.target = case, items, case.target
        rated = sorted(case.history, key=lambda i: (-(i.rating or 0.0), -i.ts, i.item_id))
        safe = [i.item_id for i in rated if self._safe(items[i.item_id].title)]
        self.opening_title = items[safe[0]].title if safe else None
        self.genres = [g for g in self.target.genres if g != "(no genres listed)"]
        rng.shuffle(self.genres)
        self.similar_title = self._similar(safe)
        # a tag that holds the title ("aliens" for Alien) would name the target: the first one that does not
        self.tag = next((t for t in self.target.tags if self.target.title.lower() not in t.lower()), None)
        self.stated = Stated()

    def _safe(self, title: str) -> bool:
        t, target = title.lower(), self.target.title.lower()
        return target not in t and t not in target

    def _similar(self, safe: list[int]) -> str | None:
        target = set(self.target.genres)
        by_overlap = sorted((i for i in safe if self.items[i].title != self.opening_title),
                            key=lambda i: -len(target & set(self.items[i].genres)) / max(1, len(target | set(self.items[i].genres))))
        return self.items[by_overlap[0]].title if by_overlap else None

    def reveal(self, turn: int) -> str:
        """What `turn` reveals: opening (genre + liked title), era, genre, also_liked, similar, tag,
        second (a second genre) or more. Every phrasing style follows this plan."""
        if turn == 1:
            return "opening"
        if turn == 2:
            return "era" if self.target.year else "genre"
        if turn == 3:
            return "also_liked" if self.similar_title else "similar"
        if turn == 4 and self.tag:
            return "tag"
        return "second" if len(self.genres) > 1 else "more"

    def message(self, turn: int) -> str:
        """The user's message for `turn` (1-based); guarded never to contain the target's title."""
        kind = self.reveal(turn)
        text = self._compose(kind)
        if self.target.title.lower() in text.lower():
            raise LeakError(f"simulator message names the target {self.target.title!r}: {text!r}")
        decade = self.target.year // 10 * 10 if self.target.year else None
        self.stated = advance(self.stated, kind, self.genres, (decade, decade + 9) if decade is not None else (None, None))
        return text

    def _compose(self, kind: str) -> str:
        genre = self.genres[0].lower() if self.genres else "good"
        if kind == "opening":
            liked = f" I liked {self.opening_title}." if self.opening_title else ""
            return f"I'm in the mood for a {genre} movie.{liked}"
        if kind == "era":
            return f"Something from the {decade_phrase(self.target.year or 0)}, please."
        if kind == "genre":
            return f"More {genre} please."
        if kind == "also_liked":
            return f"I also liked {self.similar_title}."
        if kind == "similar":
            return "Something similar to what I liked."
        if kind == "tag":
            return f"Ideally something {self.tag}."
        if kind == "second":
            return f"Maybe with some {self.genres[1].lower()} in it."
        return "Any other ideas?"


class Simulator(Protocol):
    stated: Stated

    def message(self, turn: int) -> str: ...


class LLMSimulator:
    """The same revealed facts, phrased by an LLM in its own words. The model is never told the
    target's title; the leak guard still checks every message, regenerates one that names the
    target (up to `tries` times), and falls back to the rule-based message."""

    def __init__(self, rule: RuleSimulator, llm: Any, *, timeout_s: float = 20.0, tries: int = 3) -> None:
        self.rule, self.llm, self.timeout_s, self.tries = rule, llm, timeout_s, tries
        self.regenerated = self.fallbacks = 0

    @property
    def stated(self) -> Stated:
        return self.rule.stated

    def leaks(self, text: str) -> bool:
        said = normalise_title(text)
        return any(normalise_title(name) in said for name in (self.rule.target.title, *self.rule.target.aka) if name)

    def message(self, turn: int) -> str:
        fact = self.rule.message(turn)
        prompt = [HumanMessage(render("simulator", fact=fact))]
        for attempt in range(self.tries):
            answer = ask_text(self.llm, prompt, timeout_s=self.timeout_s, max_tokens=60)
            text = " ".join((answer.text or "").split())[:300].strip('"')
            if text and not self.leaks(text):
                return text
            self.regenerated += bool(text)
        self.fallbacks += 1
        return fact


def decade_phrase(year: int) -> str:
    decade = year // 10 * 10
    return f"{decade % 100:02d}s" if decade < 2000 else f"{decade}s"


# Data: held-out users and the stores without their targets --------------------------------------
def sample_users(interactions: Sequence[Interaction], items: dict[int, Item], n: int, seed: int, min_len: int = 10) -> list[HeldOut]:
    """A seeded sample of users with >= `min_len` interactions, each with its last item hidden."""
    by_user: dict[str, list[Interaction]] = defaultdict(list)
    for i in interactions:
        by_user[i.user_id].append(i)
    eligible = sorted((u for u, rows in by_user.items() if len(rows) >= min_len), key=_user_key)
    chosen = sorted(random.Random(seed).sample(eligible, min(n, len(eligible))), key=_user_key)
    cases = []
    for user in chosen:
        rows = sorted(by_user[user], key=lambda i: (i.ts, i.item_id))
        cases.append(HeldOut(user, tuple(rows[:-1]), items[rows[-1].item_id]))
    return cases


def _user_key(user: str) -> tuple[int, str]:
    return (int(user), user) if user.isdigit() else (1 << 62, user)


@dataclass(frozen=True)
class _Rows:
    """A dataset reader over rows already in memory."""

    item_rows: Sequence[Item]
    interaction_rows: Sequence[Interaction]

    def items(self) -> Iterator[Item]:
        return iter(self.item_rows)

    def interactions(self) -> Iterator[Interaction]:
        return iter(self.interaction_rows)


def stores_without_targets(items: list[Item], interactions: Sequence[Interaction], cases: Sequence[HeldOut], db: Path) -> Stores:
    """Fresh SQLite stores at `db` holding the dataset minus each evaluated user's target interaction,
    imported the way `muse data prepare` imports (one transaction, popularity refreshed)."""
    hidden = {(c.user_id, c.target.item_id) for c in cases}
    kept = [i for i in interactions if (i.user_id, i.item_id) not in hidden]
    db.parent.mkdir(parents=True, exist_ok=True)
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    stores = sqlite_stores(db)
    import_source(stores, DatasetSource(db.stem, "held-out", db, _Rows(items, kept)))
    return stores


# Systems ---------------------------------------------------------------------------------------
class System(Protocol):
    name: str

    def turn(self, user_id: str, message: str, session: str) -> list[int]:
        """One turn of a conversation; returns the ids shown, best first."""


class _Paged:
    """Shared state of the non-chat baselines: a user's seen items and what a session has shown."""

    def __init__(self, stores: Stores) -> None:
        self.stores = stores
        self.shown: dict[str, list[int]] = defaultdict(list)
        self.said: dict[str, list[str]] = defaultdict(list)

    def exclude(self, user_id: str, session: str) -> set[int]:
        return {i.item_id for i in self.stores.interactions.history(user_id)} | set(self.shown[session])

    def show(self, session: str, ids: list[int]) -> list[int]:
        self.shown[session] += ids
        return ids


class PopularitySystem(_Paged):
    """The most popular unseen items, a new page each turn; ignores the chat."""

    name = "popularity"

    def __init__(self, stores: Stores) -> None:
        super().__init__(stores)
        counts = stores.interactions.item_counts()
        self.ranked = sorted(counts, key=lambda i: (-counts[i], i))

    def turn(self, user_id: str, message: str, session: str) -> list[int]:
        banned = self.exclude(user_id, session)
        return self.show(session, [i for i in self.ranked if i not in banned][:SHOWN])


class RetrievalSystem(_Paged):
    """Semantic search over everything said so far in the session; no GR, no parsing."""

    name = "retrieval-only"

    def __init__(self, stores: Stores, retriever: Retriever) -> None:
        super().__init__(stores)
        self.retriever = retriever

    def turn(self, user_id: str, message: str, session: str) -> list[int]:
        self.said[session].append(message)
        filters = {"exclude_ids": self.exclude(user_id, session)}
        result = self.retriever.search(" ".join(self.said[session]), filters=filters, k=SHOWN)
        return self.show(session, result.item_ids)


class GROnlySystem(_Paged):
    """The GR scorer's top items for the stored history, a new page each turn; ignores the chat."""

    name = "gr-only"

    def __init__(self, stores: Stores, scorer: Scorer) -> None:
        super().__init__(stores)
        self.scorer = scorer

    def turn(self, user_id: str, message: str, session: str) -> list[int]:
        history = [i.item_id for i in self.stores.interactions.history(user_id)]
        banned = self.exclude(user_id, session)
        return self.show(session, [i for i, _ in self.scorer.recommend(history, SHOWN, exclude=sorted(banned))])


class StatedReference(_Paged):
    """ORACLE-CONSTRAINT REFERENCE, not a system: reads the simulator's true stated genres and era
    (`observe`) instead of the chat, and shows the most popular unseen items inside them (all stated
    genres, year in the stated range). When fewer than 5 qualify it fills with the era relaxed, then
    the genres relaxed. It shows what exact understanding plus popularity alone would reach."""

    name = "reference: popularity in stated genre+era (oracle)"

    def __init__(self, stores: Stores) -> None:
        super().__init__(stores)
        counts = stores.interactions.item_counts()
        self.items = {i.item_id: i for i in stores.catalog.all()}
        self.ranked = sorted(self.items, key=lambda i: (-counts.get(i, 0), i))
        self.stated: dict[str, Stated] = {}

    def observe(self, session: str, stated: Stated) -> None:
        """The simulator's stated constraints after its latest message."""
        self.stated[session] = stated

    def turn(self, user_id: str, message: str, session: str) -> list[int]:
        stated, banned = self.stated.get(session, Stated()), self.exclude(user_id, session)
        in_era = Filters(year_min=stated.year_min, year_max=stated.year_max)
        strict = [i for i in self.ranked if set(stated.genres) <= set(self.items[i].genres)]
        shown: list[int] = []
        for pool in ([i for i in strict if in_era.accepts(self.items[i])], strict, self.ranked):
            shown += [i for i in pool if i not in banned and i not in shown][:SHOWN - len(shown)]
            if len(shown) == SHOWN:
                break
        return self.show(session, shown)


class AgentSystem:
    """The full Muse agent (`MuseService.chat`)."""

    name = "agent"

    def __init__(self, service: MuseService) -> None:
        self.service = service

    def start(self, user_id: str) -> None:
        """Forget the profile an earlier episode (another style) left for this user."""
        self.service.reset_profile(user_id)

    def turn(self, user_id: str, message: str, session: str) -> list[int]:
        return [c.item_id for c in self.service.chat(user_id, message, session).items]


def baseline_systems(service: MuseService, *, reference: bool = False) -> list[System]:
    """Popularity, retrieval-only, GR-only (when a scorer exists) and the full agent, on one service;
    with `reference`, the oracle-constraint reference row last."""
    s = service.s
    systems: list[System] = [PopularitySystem(s.stores), RetrievalSystem(s.stores, s.retriever)]
    if s.scorer is not None:
        systems.append(GROnlySystem(s.stores, s.scorer))
    systems.append(AgentSystem(service))
    return [*systems, StatedReference(s.stores)] if reference else systems


# The harness -----------------------------------------------------------------------------------
@dataclass
class Episode:
    user_id: str
    target: int
    hit_turn: int | None  # 1-based, None on a miss
    ndcg: float
    latencies: list[float] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


STYLES: tuple[str, ...] = ("template", "paraphrase")


def make_simulator(style: str, case: HeldOut, items: dict[int, Item], seed: int, *, llm: Any = None,
                   newest: int | None = None) -> Simulator:
    """The simulated user of `case` in `style`. Both styles reveal the same facts in the same order
    (the same seeded `RuleSimulator` underneath); `llm` rephrases the template style."""
    rule = RuleSimulator(case, items, random.Random(f"{seed}:{case.user_id}"))
    if style == "paraphrase":
        from evals.paraphrase import ParaphraseSimulator, load_bank

        newest = newest or max(i.year for i in items.values() if i.year)
        return ParaphraseSimulator(rule, load_bank(), random.Random(f"{seed}:{case.user_id}:paraphrase"), newest)
    if style != "template":
        raise ValueError(f"unknown style {style!r}; choose one of {', '.join(STYLES)}")
    return LLMSimulator(rule, llm) if llm is not None else rule


def run_episode(system: System, case: HeldOut, items: dict[int, Item], turns: int, seed: int, llm: Any = None,
                style: str = "template", newest: int | None = None) -> Episode:
    """Talk to `system` for up to `turns` turns; stop at the first turn that shows the target.
    A system with `start(user_id)` starts each episode fresh; one with `observe(session, stated)`
    (the oracle reference) is told the simulator's stated constraints before each turn."""
    sim = make_simulator(style, case, items, seed, llm=llm, newest=newest)
    session = "".join(c if c.isalnum() or c in "_-" else "-" for c in f"sim-{style}-{system.name}-{case.user_id}")[:128]
    start_fresh, observe = getattr(system, "start", None), getattr(system, "observe", None)
    if start_fresh is not None:
        start_fresh(case.user_id)
    episode = Episode(case.user_id, case.target.item_id, None, 0.0)
    for turn in range(1, turns + 1):
        message = sim.message(turn)
        if observe is not None:
            observe(session, sim.stated)
        start = time.perf_counter()
        shown = system.turn(case.user_id, message, session)
        episode.latencies.append(time.perf_counter() - start)
        episode.messages.append(message)
        if case.target.item_id in shown:
            episode.hit_turn = turn
            episode.ndcg = ndcg_at_k(shown, {case.target.item_id}, len(shown))
            break
    return episode


@dataclass
class SystemReport:
    name: str
    users: int
    hit_rate: float
    hit_by_turn: list[float]
    avg_turns: float
    ndcg: float
    latency_p50_ms: float
    latency_p95_ms: float
    latencies: list[float] = field(repr=False, default_factory=list)
    style: str = "template"

    def row(self) -> dict[str, float | str | int | list[float]]:
        return {k: v for k, v in self.__dict__.items() if k != "latencies"}


def summarize(name: str, episodes: Sequence[Episode], turns: int) -> SystemReport:
    """Hit rate within the budget, cumulative hit rate by turn, turns to hit (miss = 6), NDCG, latency."""
    n = max(1, len(episodes))
    hits = [e.hit_turn for e in episodes]
    lat = np.array([t for e in episodes for t in e.latencies]) * 1000 if episodes else np.zeros(1)
    return SystemReport(
        name=name, users=len(episodes),
        hit_rate=sum(h is not None for h in hits) / n,
        hit_by_turn=[sum(h is not None and h <= t for h in hits) / n for t in range(1, turns + 1)],
        avg_turns=sum(h if h is not None else MISS_TURNS for h in hits) / n,
        ndcg=sum(e.ndcg for e in episodes) / n,
        latency_p50_ms=float(np.percentile(lat, 50)), latency_p95_ms=float(np.percentile(lat, 95)),
        latencies=[float(x) for x in lat],
    )


def evaluate(systems: Sequence[System], cases: Sequence[HeldOut], items: dict[int, Item], turns: int, seed: int,
             progress: Callable[[str], None] | None = None, llm: Any = None,
             styles: Sequence[str] = ("template",)) -> list[SystemReport]:
    """Every system against every simulated user, in each phrasing style."""
    newest = max(i.year for i in items.values() if i.year)
    reports = []
    for style in styles:
        for system in systems:
            episodes = [run_episode(system, case, items, turns, seed, llm, style, newest) for case in cases]
            reports.append(replace(summarize(system.name, episodes, turns), style=style))
            if progress:
                progress(f"{system.name} [{style}]: hit rate {reports[-1].hit_rate:.3f}")
    return reports
