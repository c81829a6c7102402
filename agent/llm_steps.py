"""The LLM's parts of a turn, each validated, each optional: the deterministic path answers anyway.

- `llm_extract`: a capable model's structured reading of the message, grounded before use.
- `llm_intro`: one friendly sentence (what a tiny model can do); rejected if it names a title.
- `llm_reply`: a capable model's full reply, checked to mention only returned titles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Any

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from agent.structured import ask_structured, ask_text
from agent.trace import Tracer
from agent.understand import INJECTION, TitleMention, Understanding
from prompts import render

SYSTEM = "system"
Short = Annotated[str, Field(max_length=80)]


class LLMExtraction(BaseModel):
    """Bounded schema (llama.cpp grammars loop on unbounded arrays and strings)."""

    liked_titles: list[Short] = Field(default=[], max_length=5)
    disliked_titles: list[Short] = Field(default=[], max_length=5)
    genres: list[Short] = Field(default=[], max_length=5)
    avoid_genres: list[Short] = Field(default=[], max_length=5)
    year_min: int | None = Field(default=None, ge=1870, le=2100)
    year_max: int | None = Field(default=None, ge=1870, le=2100)
    keywords: list[Short] = Field(default=[], max_length=5)


def _messages(prompt: str) -> list[Any]:
    return [SystemMessage(render(SYSTEM)), HumanMessage(prompt)]


def llm_extract(llm: Any, u: Understanding, known_genres: Sequence[str], grounder: Any, timeout_s: float, tracer: Tracer) -> None:
    """Merge a capable model's extraction into `u`: titles only when grounded, genres only when known."""
    with tracer.step("understand", "llm.extract", {"schema": "LLMExtraction"}) as h:
        answer = ask_structured(llm, LLMExtraction, _messages(render("extract", genres=", ".join(known_genres), message=u.text)),
                                timeout_s=timeout_s)
        if answer.value is None:
            h.error = answer.error or "no value"
            return
        got: LLMExtraction = answer.value
        known = {g.lower(): g for g in known_genres}
        have = {t.item_id for t in u.titles}
        dropped: list[str] = []
        for titles, sentiment in ((got.liked_titles, "like"), (got.disliked_titles, "dislike")):
            for title in titles:
                g = grounder.ground(str(title)[:200]) if grounder is not None else None
                if g is None or g.status != "matched":
                    dropped.append(title)
                elif g.item_id not in have:
                    u.titles.append(TitleMention(title, "matched", g.item_id, g.title, sentiment))
                    have.add(g.item_id)
        if dropped:
            h.error = "ungrounded titles dropped: " + ", ".join(dropped)[:200]
        u.genres += [known[g.lower()] for g in got.genres if g.lower() in known and known[g.lower()] not in u.avoid_genres + u.genres]
        u.avoid_genres += [known[g.lower()] for g in got.avoid_genres if g.lower() in known and known[g.lower()] not in u.avoid_genres]
        u.genres = [g for g in u.genres if g not in u.avoid_genres]
        if u.year_min is None and u.year_max is None and (got.year_min or got.year_max):
            low, high = got.year_min, got.year_max
            if low is None or high is None or low <= high:
                u.year_min, u.year_max = low, high
        u.keywords = list(dict.fromkeys([*u.keywords, *(k.lower()[:30] for k in got.keywords)]))[:8]
        h.n_out = len(u.titles)


def names_only(text: str, grounder: Any, allowed: set[int]) -> bool:
    """True when every title the text mentions is among `allowed`, at least one is when any are
    allowed, and the text is prose (no JSON, no leaked instructions)."""
    if INJECTION.search(text) or "never reveal" in text.lower() or text.lstrip()[:1] in "{[<":
        return False
    if grounder is None:
        return not allowed
    mentioned = {g.item_id for g in grounder.find_mentions(text) if g.status == "matched"}
    return mentioned <= allowed and (bool(mentioned) or not allowed)


def plain_sentence_problem(sentence: str) -> str | None:
    """Why a tiny model's opening line is unusable, or None. Invented titles show up as quotes,
    years and capitalised words mid-sentence, so none of those are allowed."""
    if not 20 <= len(sentence) <= 160:
        return "length"
    if re.search(r"[\d\"“”«»:]", sentence):
        return "digits or quotes (a title or a year)"
    if any(w[:1].isupper() for w in re.findall(r"[\w']+", sentence)[1:] if w != "I"):
        return "capitalised words mid-sentence (a made-up title?)"
    if sentence[-1] not in ".!":
        return "not a full sentence"
    return None


def llm_intro(llm: Any, wants: str, grounder: Any, timeout_s: float, tracer: Tracer) -> str | None:
    """One sentence of welcome from the model, or None (timeout, error, or it named a title)."""
    with tracer.step("reply", "llm.intro", {"wants": wants}) as h:
        # No system message: every prompt token costs ~10-20 ms on the tiny CPU model.
        prompt = [HumanMessage(render("intro", wants=wants or "something good to watch"))]
        answer = ask_text(llm, prompt, timeout_s=timeout_s, max_tokens=32)
        text = " ".join((answer.text or "").split()).strip('"')
        if not text:
            h.error = answer.error or "empty"
            return None
        sentence = text.split("\n")[0][:200]
        problem = plain_sentence_problem(sentence)
        if problem or not names_only(sentence, grounder, set()):
            h.error = f"rejected: {problem or 'named a catalog title or leaked instructions'}"
            return None
        h.n_out = 1
        return sentence


def llm_reply(llm: Any, message: str, lines: Sequence[str], notes: str, grounder: Any, allowed: set[int],
              timeout_s: float, tracer: Tracer) -> str | None:
    """A capable model's reply; one retry when it names a title it was not given; else None."""
    prompt = render("reply", message=message[:500], items="\n".join(lines), notes=notes)
    for attempt in (1, 2):
        with tracer.step("reply", "llm.reply", {"attempt": attempt}) as h:
            answer = ask_text(llm, _messages(prompt), timeout_s=timeout_s)
            text = (answer.text or "").strip()
            if not text:
                h.error = answer.error or "empty"
                return None
            if names_only(text, grounder, allowed):
                h.n_out = 1
                return text[:2000]
            h.error = "rejected: mentions a title that was not recommended"
            prompt += "\nUse ONLY the titles listed above."
    return None
