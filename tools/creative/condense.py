"""Optional LLM step of PMG: condense a long taste into <= 8 visual keywords per side.

The LLM only ever sees keywords that already passed `clean_keywords`, its reply is validated with
pydantic and cleaned again (LLM output is untrusted too), and any failure falls back to the
deterministic keywords, so a broken or absent LLM never costs an image.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, Field, ValidationError

import prompts
from tools.creative.sanitize import clean_keywords

log = logging.getLogger(__name__)

MAX_CONDENSED = 8
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


class CondensedTaste(BaseModel):
    """The LLM's reply, as the template asks for it."""

    like: list[str] = Field(default_factory=list, max_length=3 * MAX_CONDENSED)
    dislike: list[str] = Field(default_factory=list, max_length=3 * MAX_CONDENSED)


@dataclass(frozen=True, slots=True)
class Taste:
    """Clean taste keywords, strongest first; `condensed` says whether an LLM produced them."""

    like: tuple[str, ...]
    dislike: tuple[str, ...]
    condensed: bool = False


def _parse(text: str) -> CondensedTaste:
    match = _JSON_OBJECT.search(text)
    if not match:
        raise ValueError("no JSON object in the reply")
    return CondensedTaste.model_validate(json.loads(match.group(0)))


class TasteCondenser:
    """Condenses taste keywords with a LangChain chat model; memoised per distinct input."""

    def __init__(self, llm: object, max_keywords: int = MAX_CONDENSED, memo_size: int = 256) -> None:
        self.llm = llm
        self.max_keywords = max_keywords
        self._memo: dict[tuple[tuple[str, ...], tuple[str, ...]], Taste] = {}
        self._memo_size = memo_size
        self._lock = threading.Lock()

    def condense(self, like: Sequence[str], dislike: Sequence[str]) -> Taste:
        """<= `max_keywords` keywords per side; the clean input itself on any LLM failure."""
        clean = Taste(clean_keywords(like, 24), clean_keywords(dislike, 24))
        if not clean.like and not clean.dislike:
            return clean
        key = (clean.like, clean.dislike)
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        taste = self._ask(clean)
        with self._lock:
            if len(self._memo) >= self._memo_size:
                self._memo.pop(next(iter(self._memo)))
            self._memo[key] = taste
        return taste

    def _ask(self, clean: Taste) -> Taste:
        text = prompts.render(
            "image_keywords",
            likes=", ".join(clean.like) or "(none)",
            dislikes=", ".join(clean.dislike) or "(none)",
            max_keywords=self.max_keywords,
        )
        fallback = Taste(clean.like[: self.max_keywords], clean.dislike[: self.max_keywords])
        try:
            reply = self.llm.invoke(text)  # type: ignore[attr-defined]
            parsed = _parse(str(getattr(reply, "content", reply)))
        except (ValidationError, ValueError, TypeError) as exc:
            log.info("taste condensation rejected, using deterministic keywords: %s", exc)
            return fallback
        except Exception:  # a backend that is down must not cost the image
            log.warning("taste condensation failed, using deterministic keywords", exc_info=True)
            return fallback
        like = clean_keywords(parsed.like, self.max_keywords)
        dislike = clean_keywords(parsed.dislike, self.max_keywords)
        if not like and clean.like:
            return fallback
        return Taste(like, dislike, condensed=True)
