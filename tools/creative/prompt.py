"""PMG-style prompts: the item's own keywords plus the user's weighted preference keywords.

After PMG ("Personalized Multimodal Generation with LLMs", Shen et al., WWW 2024): a visual for a
recommended item is conditioned on the item (accuracy) *and* on the user's preference keywords
(personalisation), and dislikes become the negative prompt.

Weighting is expressed by **order and selection**, not by `(keyword:1.2)` syntax: the plain diffusers
pipeline does not parse that syntax (CLIP would read the brackets as text), CLIP attends most to early
tokens, and it truncates after 77 tokens. Each keyword gets a weight:

- item keywords: 1.0 (the anchor that keeps the visual about *this* item);
- a taste keyword the item also has: 1.3 (agreement between user and item is the strongest signal);
- other taste keywords: 0.9 minus 0.05 per rank (the agent lists them strongest first).

Keywords are sorted by weight (stable) and cut to fit the token budget; the weights are kept in the
plan for inspection. A disliked keyword never appears in the positive prompt, even if the item has it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import prompts
from tools.creative.models import ImageRequest
from tools.creative.sanitize import clean_keyword, clean_keywords, clean_title

MAX_TASTE_KEYWORDS = 8
MAX_ITEM_KEYWORDS = 5
MAX_DISLIKES = 8
#: Rough CLIP budget: 77 tokens is ~55 English words once punctuation takes its share.
MAX_PROMPT_WORDS = 55

STYLES: dict[str, tuple[str, str]] = {
    "cinematic": ("cinematic film still", "dramatic lighting, 35mm, rich colour grading, highly detailed"),
    "poster": ("illustrated poster artwork", "bold graphic composition, striking shapes, high contrast"),
    "painterly": ("oil painting", "visible brush strokes, painterly light, museum quality"),
    "anime": ("anime key visual", "clean line art, vibrant colours, detailed background"),
    "noir": ("black and white film still", "hard shadows, high contrast, moody"),
}
DEFAULT_STYLE = "cinematic"

DOMAIN_NOUNS: dict[str, str] = {"movie": "film", "book": "book", "music": "album", "game": "video game"}
_COMMON_NEGATIVE = ("text", "letters", "watermark", "logo", "signature", "blurry", "lowres", "jpeg artifacts")
DOMAIN_NEGATIVES: dict[str, tuple[str, ...]] = {
    "movie": ("movie poster text", "credits", "deformed faces", "extra fingers", "bad anatomy", "nsfw"),
    "book": ("deformed faces", "bad anatomy", "nsfw"),
    "music": ("deformed hands", "bad anatomy", "nsfw"),
}
_DEFAULT_NEGATIVE = ("deformed", "bad anatomy", "nsfw")


@dataclass(frozen=True, slots=True)
class PromptParts:
    """A rendered prompt pair and the weighted keywords behind it."""

    prompt: str
    negative_prompt: str
    weighted: tuple[tuple[str, float], ...]
    dislikes: tuple[str, ...]

    @property
    def like_keywords(self) -> tuple[str, ...]:
        return tuple(keyword for keyword, _ in self.weighted)


def seed_for(user_id: str, item_id: int) -> int:
    """A stable 31-bit seed per (user, item), so the same person sees the same visual again."""
    digest = hashlib.sha256(f"{user_id}\x1f{item_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") & 0x7FFFFFFF


def weigh_keywords(request: ImageRequest) -> tuple[tuple[tuple[str, float], ...], tuple[str, ...]]:
    """(keyword, weight) pairs for the positive prompt, strongest first, and the clean dislikes."""
    dislikes = clean_keywords(request.dislike_keywords, MAX_DISLIKES)
    banned = set(dislikes)
    item_terms = clean_keywords((*request.item.genres, *request.item.keywords), 64)
    item_set = set(item_terms)
    weights: dict[str, float] = {}
    for rank, keyword in enumerate(clean_keywords(request.like_keywords, 3 * MAX_TASTE_KEYWORDS)):
        weights[keyword] = 1.3 if keyword in item_set else max(0.5, 0.9 - 0.05 * rank)
    taste = sorted(weights.items(), key=lambda kv: -kv[1])[:MAX_TASTE_KEYWORDS]
    genres = set(clean_keywords(request.item.genres, 16))
    item_only = [k for k in item_terms if k not in weights and k not in genres][:MAX_ITEM_KEYWORDS]
    merged = [*taste, *((k, 1.0) for k in item_only)]
    merged.sort(key=lambda kv: -kv[1])  # stable: taste before item at equal weight
    return tuple((k, w) for k, w in merged if k not in banned), dislikes


def _tidy(text: str) -> str:
    return ", ".join(part.strip() for part in text.strip().split(",") if part.strip())


def _subject(request: ImageRequest, banned: set[str]) -> str:
    title = clean_title(request.item.title) or "untitled"
    year = f" ({request.item.year})" if request.item.year else ""
    genres = [g for g in clean_keywords(request.item.genres, 3) if g not in banned]
    noun = DOMAIN_NOUNS.get(request.domain, request.domain if clean_keyword(request.domain) else "work")
    kind = f"{' '.join(genres)} {noun}" if genres else noun
    article = "an" if kind[0] in "aeiou" else "a"
    return f"{title}{year}, {article} {kind}"


def _style(style: str) -> tuple[str, str]:
    if style in STYLES:
        return STYLES[style]
    custom = clean_keyword(style)
    return (custom, STYLES[DEFAULT_STYLE][1]) if custom else STYLES[DEFAULT_STYLE]


def _fit(keywords: list[str], fixed_words: int) -> list[str]:
    budget, kept = MAX_PROMPT_WORDS - fixed_words, []
    for keyword in keywords:
        words = len(keyword.split())
        if words > budget:
            break
        kept.append(keyword)
        budget -= words
    return kept


def build_prompt(request: ImageRequest) -> PromptParts:
    """The PMG-style positive and negative prompts for `request` (deterministic, no LLM)."""
    weighted, dislikes = weigh_keywords(request)
    medium, finish = _style(request.style)
    subject = _subject(request, set(dislikes))
    fixed = len(f"{medium} {subject} {finish}".split())
    kept = _fit([k for k, _ in weighted], fixed)
    weighted = weighted[: len(kept)]
    prompt = prompts.render("image", medium=medium, subject=subject, keywords=", ".join(kept), finish=finish)
    domain_terms = (*DOMAIN_NEGATIVES.get(request.domain, _DEFAULT_NEGATIVE), *_COMMON_NEGATIVE)
    negative = prompts.render("image_negative", dislikes=", ".join(dislikes), domain_terms=", ".join(domain_terms))
    return PromptParts(_tidy(prompt), _tidy(negative), weighted, dislikes)
