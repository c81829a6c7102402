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
    return bool(u.liked_ids or u.asked_ids or u.references or u.genres or u.avoid_genres or u.unavoid_genres
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


class PlanProposal(BaseModel):
    """What a capable LLM may propose (bounded for constrained decoding)."""

    steps: list[Step] = Field(max_length=len(FULL))
    k: int = Field(default=5, ge=1, le=10)


def validated_plan(proposal: PlanProposal, default: Plan) -> Plan | None:
    """The proposal as a plan in the fixed step order, or None when it cannot work
    (no reply, or ranking without any candidate source)."""
    steps = [s for s in FULL if s in proposal.steps]
    if "reply" not in steps:
        return None
    if "blend" in steps and not {"retrieve", "similar", "gr"} & set(steps):
        return None
    if default.steps == ["reply"] and steps != ["reply"]:
        return None  # never recommend where the default would ask (unknown titles) or greet
    return Plan(steps=steps, k=proposal.k, avoid_shown=default.avoid_shown, why="proposed by the LLM")


def propose_plan(llm: object, u: Understanding, default: Plan, timeout_s: float, tracer: object) -> Plan:
    """Let a capable LLM propose the plan as JSON; anything invalid keeps the default."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from agent.structured import ask_structured
    from prompts import render

    with tracer.step("plan", "llm.plan", {"default": default.steps}) as h:  # type: ignore[attr-defined]
        prompt = render("plan", message=u.text[:500], intent=u.intent, steps=", ".join(FULL), default=", ".join(default.steps))
        answer = ask_structured(llm, PlanProposal, [SystemMessage(render("system")), HumanMessage(prompt)], timeout_s=timeout_s)
        plan = validated_plan(answer.value, default) if answer.value is not None else None
        if plan is None:
            h.error = answer.error or "invalid plan: default kept"
            return default
        h.n_out = len(plan.steps)
        return plan
