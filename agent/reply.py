"""The reply: grounded, built from facts; an LLM may phrase it when it is capable and checked."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from agent.plan import Plan
from agent.recommend import Ranked
from agent.trace import Tracer
from agent.types import UserProfile
from agent.understand import Understanding

GREETING = ("Hi! I'm Muse. Tell me a few movies you loved (or hated), genres or an era you're in the mood for, "
            "and I'll find something for you.")


def clarifications_for(u: Understanding) -> list[str]:
    """Questions about titles we could not ground: ambiguous ones offer choices, unknown ones ask."""
    out: list[str] = []
    for t in u.unresolved:
        if t.status == "ambiguous" and t.alternatives:
            options = "; ".join(title for _, title in t.alternatives[:4])
            out.append(f"Which “{t.mention}” do you mean: {options}?")
        else:
            out.append(f"I couldn't find “{t.mention}” in the catalog. Could you check the title or add its year?")
    return out


def understood(u: Understanding, profile: UserProfile, titles: dict[int, str]) -> str:
    """One line saying what this turn changed, so the person can correct it."""
    bits: list[str] = []
    if u.liked_ids:
        bits.append("you liked " + ", ".join(titles.get(i, str(i)) for i in u.liked_ids))
    if u.disliked_ids:
        bits.append("you didn't like " + ", ".join(titles.get(i, str(i)) for i in u.disliked_ids))
    if u.genres:
        bits.append("in the mood for " + (" and " if profile.genres_all else ", ").join(profile.liked_genres if profile.genres_all else u.genres)
                    + (" together" if profile.genres_all else ""))
    if u.tags:
        bits.append("about " + ", ".join(u.tags[:3]))
    if profile.disliked_genres and (u.avoid_genres or u.unavoid_genres):
        bits.append("avoiding " + ", ".join(profile.disliked_genres))
    elif u.unavoid_genres:
        bits.append(", ".join(u.unavoid_genres) + " is back on the table")
    if profile.year_min or profile.year_max:
        bits.append(f"years {profile.year_min or '…'}–{profile.year_max or '…'}")
    return ("Noted: " + "; ".join(bits) + ".") if bits else ""


def item_lines(ranked: Sequence[Ranked]) -> list[str]:
    return [f"{n}. {r.item.display_title} — {r.reason}" for n, r in enumerate(ranked, start=1)]


def wants(u: Understanding, profile: UserProfile) -> str:
    """What the person asked for, in a few words (for the LLM's opening line; no titles)."""
    parts = [*profile.liked_genres, *u.keywords[:4]]
    if profile.year_min or profile.year_max:
        parts.append(f"films from {profile.year_min or 'any year'} to {profile.year_max or 'now'}")
    return ", ".join(parts) or "a good movie"


@dataclass(frozen=True)
class PendingLine:
    """An LLM line being written in the background, and the moment the reply stops waiting for it."""

    future: Future[str | None]
    deadline: float


def _intro_line(intro: PendingLine | None, tracer: Tracer) -> str | None:
    """The tiny LLM's opening line if it is ready by its deadline (it started with the turn)."""
    if intro is None:
        return None
    try:
        return intro.future.result(timeout=max(0.0, intro.deadline - time.monotonic()))
    except FutureTimeout:
        tracer.note("reply", "llm.intro", error="not ready within the budget: template used")
        return None


def compose_reply(u: Understanding, profile: UserProfile, ranked: list[Ranked], plan: Plan, services: Any,
                  tracer: Tracer, intro: PendingLine | None = None, llm_text: str | None = None,
                  extra_notes: Sequence[str] = ()) -> tuple[str, list[str]]:
    """(reply text, clarifying questions). `extra_notes` come from ranking (a relaxed constraint)."""
    clarifications = clarifications_for(u)
    if not plan.recommends:
        head = GREETING if u.intent == "chitchat" else "I'd rather ask than guess."
        return "\n".join([head, *clarifications]).strip(), clarifications
    catalog = services.stores.catalog
    titles = {i.item_id: i.title for i in catalog.get_many(u.liked_ids + u.disliked_ids)}
    lines = item_lines(ranked)
    notes = []
    if u.injection:
        notes.append("I can only help with finding movies, so here are recommendations instead.")
    if not ranked:
        notes.append("Nothing in the catalog matches all of that. Try loosening a constraint (genre or years).")
    elif len(ranked) < plan.k:
        notes.append(f"Only {len(ranked)} titles pass all your constraints; loosen one to see more.")
    notes += list(extra_notes)
    if u.intent == "ask_item" and u.asked_ids:
        about = catalog.get(u.asked_ids[0])
        if about is not None:
            facts = f"{about.display_title}: {', '.join(about.genres) or 'no genres listed'}"
            if about.tags:
                facts += "; people tag it " + ", ".join(about.tags[:5])
            if about.description:
                facts += f". {about.description}"
            notes.insert(0, facts + ". If you like it, try these:")
    body = None
    llm, capable, grounder = services.llm, services.llm_capable, services.grounder
    allowed = {r.item.item_id for r in ranked}
    if llm_text:
        from agent.llm_steps import names_only

        if names_only(llm_text, grounder, allowed):
            body = llm_text.strip()[:2000] + "\n" + "\n".join(lines)
        else:
            tracer.note("reply", "llm.tools", error="final text named titles that were not returned: template used")
    timeout = services.settings.llm_timeout_s
    if body is None and llm is not None and capable and ranked and tracer.llm_calls_left(services.settings.llm_max_calls_per_turn) > 0:
        from agent.llm_steps import llm_reply

        body = llm_reply(llm, u.text, lines, " ".join(notes), grounder, allowed, timeout, tracer)
    if body is None:
        opening = _intro_line(intro, tracer) if ranked else None
        opening = opening or (f"Here are {len(ranked)} picks for you:" if ranked else "")
        body = "\n".join([opening, *lines]) if ranked else ""
    parts = [understood(u, profile, titles), *notes, body, *clarifications]
    return "\n".join(p for p in parts if p).strip(), clarifications


def stream_pieces(text: str) -> Iterator[str]:
    """The reply in small pieces (words with their spacing), for streaming UIs."""
    for match in re.finditer(r"\S+\s*", text):
        yield match.group(0)
