"""A typed plan of tool calls, chosen from the intent (InteRecAgent's plan-first idea).

The executor follows the plan's flags in a fixed order (retrieve -> similar -> GR candidates ->
score -> blend -> diversify -> visuals -> reply), so a plan can skip steps but never reorder
them into nonsense. The cap on calls per turn is the number of steps.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from agent.types import UserProfile
from agent.understand import Understanding

Step = Literal["retrieve", "similar", "gr", "score", "blend", "diversify", "visuals", "reply"]
FULL: tuple[Step, ...] = ("retrieve", "similar", "gr", "score", "blend", "diversify", "visuals", "reply")


class Plan(BaseModel):
    steps: list[Step] = Field(max_length=len(FULL))
    k: int = Field(default=5, ge=1, le=20)
    avoid_shown: bool = False
    why: str = ""

    @property
    def recommends(self) -> bool:
        return "blend" in self.steps

    @property
    def retrieve(self) -> bool:
        return "retrieve" in self.steps

    @property
    def similar(self) -> bool:
        return "similar" in self.steps

    @property
    def score(self) -> bool:
        return "score" in self.steps or "gr" in self.steps


def _has_signal(u: Understanding, profile: UserProfile, has_history: bool) -> bool:
    """Is there anything to recommend from besides titles we could not ground? (Loose words next
    to an unknown title are likely part of it, so they don't count.)"""
    return bool(u.liked_ids or u.references or u.genres or u.avoid_genres or u.unavoid_genres
                or (u.keywords and not u.unresolved) or u.year_min or u.year_max or u.era_shift
                or not profile.is_empty() or has_history)


def default_plan(u: Understanding, profile: UserProfile, *, has_history: bool, k: int = 5) -> Plan:
    if u.intent == "chitchat":
        return Plan(steps=["reply"], k=k, why="greeting or small talk")
    if u.unresolved and not _has_signal(u, profile, has_history):
        return Plan(steps=["reply"], k=k, why="only titles we could not find: ask, don't guess")
    if u.intent == "ask_item":
        return Plan(steps=["similar", "gr", "score", "blend", "diversify", "visuals", "reply"], k=k, why="item question: describe it and show similar ones")
    return Plan(steps=list(FULL), k=k, avoid_shown=u.intent == "refine", why=f"{u.intent}: full pipeline")
