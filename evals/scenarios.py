"""Scripted scenarios: a user's history, a few turns, and checks on each turn's `TurnResult`.

A scenario file is YAML:

    scenarios:
      - name: opening
        history: [1214]            # optional item ids, stored as the user's interactions first
        turns:
          - message: "I loved Alien and Blade Runner, nothing romantic, 80s or 90s"
            checks: {no_genre: Romance, years_within: [1980, 1999], liked_contains: [1214, 541]}

`run_scenarios(service, path)` runs every scenario on a fresh user and session and returns one
`ScenarioResult` per scenario with the reasons of every failed check.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from agent.service import MuseService
from agent.types import TurnResult
from muse.domain import Interaction
from muse.errors import InvalidInputError


class Checks(BaseModel):
    """What must hold after one turn; every field is optional."""

    model_config = ConfigDict(extra="forbid")

    no_genre: str | None = None
    years_within: tuple[int, int] | None = None
    contains_one_of: list[int] | None = None
    never_recommends_liked_or_seen: bool = False
    reply_mentions_only_returned: bool = False
    latency_under_s: float | None = None
    liked_contains: list[int] | None = None
    clarifies: bool = False
    min_items: int | None = None
    intent: str | None = None
    profile_dislikes_genre: str | None = None
    profile_not_dislikes_genre: str | None = None
    reply_excludes: list[str] | None = None


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str
    checks: Checks = Checks()


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    history: list[int] = []
    turns: list[Turn]


class ScenarioFile(BaseModel):
    scenarios: list[Scenario]


@dataclass
class ScenarioResult:
    name: str
    passed: bool
    failures: list[str] = field(default_factory=list)
    turns: int = 0
    seconds: float = 0.0


def load_scenarios(path: Path) -> list[Scenario]:
    """Parse and validate a scenario file (raises `InvalidInputError` with pydantic's message)."""
    try:
        return ScenarioFile.model_validate(yaml.safe_load(Path(path).read_text())).scenarios
    except (ValueError, yaml.YAMLError) as exc:
        raise InvalidInputError(f"bad scenario file {path}: {exc}") from exc


def check_turn(service: MuseService, result: TurnResult, checks: Checks, seconds: float, seen: set[int]) -> list[str]:
    """The reasons `result` breaks `checks` (empty when it passes)."""
    out: list[str] = []
    ids = [c.item_id for c in result.items]
    if checks.no_genre and (bad := [c.title for c in result.items if checks.no_genre in c.genres]):
        out.append(f"genre {checks.no_genre} in {bad}")
    if checks.years_within:
        lo, hi = checks.years_within
        if bad := [f"{c.title} ({c.year})" for c in result.items if c.year is None or not lo <= c.year <= hi]:
            out.append(f"years outside [{lo}, {hi}]: {bad}")
    if checks.contains_one_of and not set(ids) & set(checks.contains_one_of):
        out.append(f"none of {checks.contains_one_of} in {ids}")
    if checks.never_recommends_liked_or_seen:
        known = seen | set(result.profile.liked_items) | set(result.profile.disliked_items)
        if bad_ids := sorted(set(ids) & known):
            out.append(f"recommended liked/seen items {bad_ids}")
    if checks.reply_mentions_only_returned:
        out += _ungrounded_mentions(service, result)
    if checks.latency_under_s is not None and seconds > checks.latency_under_s:
        out.append(f"took {seconds:.2f}s > {checks.latency_under_s}s")
    if checks.liked_contains and (missing := sorted(set(checks.liked_contains) - set(result.profile.liked_items))):
        out.append(f"profile likes lack {missing}")
    if checks.clarifies and (not result.clarifications or result.items):
        out.append(f"expected a clarification and no items, got {len(result.clarifications)} questions, {len(ids)} items")
    if checks.min_items is not None and len(ids) < checks.min_items:
        out.append(f"{len(ids)} items < {checks.min_items}")
    if checks.intent and result.intent != checks.intent:
        out.append(f"intent {result.intent} != {checks.intent}")
    if checks.profile_dislikes_genre and checks.profile_dislikes_genre not in result.profile.disliked_genres:
        out.append(f"profile does not dislike {checks.profile_dislikes_genre}")
    if checks.profile_not_dislikes_genre and checks.profile_not_dislikes_genre in result.profile.disliked_genres:
        out.append(f"profile still dislikes {checks.profile_not_dislikes_genre}")
    for text in checks.reply_excludes or []:
        if text.lower() in result.reply.lower():
            out.append(f"reply contains {text!r}")
    return out


def _ungrounded_mentions(service: MuseService, result: TurnResult) -> list[str]:
    # Titles the person named (now in the profile) may be echoed back; anything else must be shown.
    allowed = {c.item_id for c in result.items} | set(result.profile.liked_items) | set(result.profile.disliked_items)
    # A bare year the reply states ("from 1984") is not the film "1984".
    years = {c.year for c in result.items} | {result.profile.year_min, result.profile.year_max}
    out = []
    for m in service.s.grounder.find_mentions(result.reply):
        if m.mention.strip().isdigit() and int(m.mention) in years:
            continue
        if m.status == "matched" and m.item_id not in allowed:
            out.append(f"reply mentions {m.title!r} ({m.item_id}), not returned")
    return out


def run_scenario(service: MuseService, scenario: Scenario, index: int) -> ScenarioResult:
    user_id, session = f"scenario-{index}", f"scenario-{index}-s"
    service.reset_profile(user_id)
    stores = service.s.stores
    if scenario.history:
        stores.users.ensure(user_id)
        stores.interactions.add([Interaction(user_id, int(i), 1_000_000 + n, 5.0, "scenario") for n, i in enumerate(scenario.history)])
    seen = {i.item_id for i in stores.interactions.history(user_id)}
    failures: list[str] = []
    start = time.perf_counter()
    for n, turn in enumerate(scenario.turns, 1):
        t0 = time.perf_counter()
        result = service.chat(user_id, turn.message, session)
        failures += [f"turn {n}: {r}" for r in check_turn(service, result, turn.checks, time.perf_counter() - t0, seen)]
    return ScenarioResult(scenario.name, not failures, failures, len(scenario.turns), round(time.perf_counter() - start, 3))


def run_scenarios(service: MuseService, path: Path) -> list[ScenarioResult]:
    """Run every scenario of a file, each on its own user and session."""
    return [run_scenario(service, s, i) for i, s in enumerate(load_scenarios(path))]
