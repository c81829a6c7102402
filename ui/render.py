"""Pure converters from the service's typed results to what the interfaces show.

No Gradio, no network: turn results become chat messages, card text, profile views, trace tables
and Telegram captions here, and each is unit-tested on its own.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from agent.api import ProfileEdit
from agent.types import ItemCard, TraceStep, UserProfile

ChatMessage = dict[str, Any]
TELEGRAM_TEXT_LIMIT = 4096
TELEGRAM_CAPTION_LIMIT = 1024


def user_and_reply(history: Sequence[ChatMessage], user_text: str, reply: str) -> list[ChatMessage]:
    """The chat history plus the user's message and the (possibly partial) assistant reply."""
    return [*history, {"role": "user", "content": user_text}, {"role": "assistant", "content": reply}]


def with_clarifications(reply: str, clarifications: Sequence[str]) -> str:
    """The reply followed by the service's questions back to the person, one per line."""
    extra = "\n".join(f"❓ {question}" for question in clarifications if question.strip())
    return f"{reply}\n\n{extra}" if extra else reply


def card_title(card: ItemCard) -> str:
    return f"{card.title} ({card.year})" if card.year else card.title


def card_markdown(card: ItemCard, rank: int) -> str:
    """A card's text: rank and title, year and genres, the reason (escaped: titles are data)."""
    meta = " · ".join(p for p in (str(card.year) if card.year else "", ", ".join(card.genres[:3])) if p)
    lines = [f"**{rank}. {_md(card.title)}**", f"<span class='muse-meta'>{_md(meta)}</span>" if meta else "",
             f"<span class='muse-reason'>{_md(card.reason)}</span>"]
    return "\n\n".join(line for line in lines if line)


def card_image(card: ItemCard) -> str | None:
    """The local file to show for a card, or None while its image is pending or absent."""
    ref = card.image
    if ref is None or ref.kind == "pending" or not ref.path:
        return None
    return ref.path


def pending_images(cards: Sequence[ItemCard]) -> list[str]:
    """Image ids still being rendered (the UI polls these)."""
    return [c.image.image_id for c in cards if c.image is not None and c.image.kind == "pending"]


def item_titles(cards: Sequence[ItemCard], known: Mapping[str, str] | None = None, limit: int = 500) -> dict[str, str]:
    """Item id (as a string: it round-trips through JSON) -> display title, cards merged into what was known."""
    merged = {**(known or {}), **{str(card.item_id): card_title(card) for card in cards}}
    return dict(list(merged.items())[-limit:])


def _item(item_id: int, titles: Mapping[str, str]) -> str:
    return titles.get(str(item_id), f"item #{item_id}")


def profile_entries(profile: UserProfile, titles: Mapping[str, str]) -> list[tuple[str, str]]:
    """Every removable entry as (label, key); the key round-trips through `edit_from_key`."""
    titles = {**profile.titles, **titles}
    entries: list[tuple[str, str]] = []
    entries += [(f"👍 {_item(i, titles)}", f"liked_items:{i}") for i in profile.liked_items]
    entries += [(f"👎 {_item(i, titles)}", f"disliked_items:{i}") for i in profile.disliked_items]
    entries += [(f"♥ genre: {g}", f"liked_genres:{g}") for g in profile.liked_genres]
    entries += [(f"✕ genre: {g}", f"disliked_genres:{g}") for g in profile.disliked_genres]
    entries += [(f"♥ keyword: {k}", f"keywords:{k}") for k in profile.keywords]
    entries += [(f"✕ keyword: {k}", f"avoid_keywords:{k}") for k in profile.avoid_keywords]
    if profile.year_min is not None or profile.year_max is not None:
        entries.append((f"📅 years: {_years(profile)}", "years:"))
    return entries


def edit_from_key(key: str) -> ProfileEdit:
    """The `ProfileEdit` that removes the entry `key` (from `profile_entries`)."""
    field, _, value = key.partition(":")
    if field in ("liked_items", "disliked_items"):
        return ProfileEdit(field=field, value=int(value))  # type: ignore[arg-type]
    return ProfileEdit(field=field, value=value or None)  # type: ignore[arg-type]


def _years(profile: UserProfile) -> str:
    return f"{profile.year_min or '…'}–{profile.year_max or '…'}"


def profile_markdown(profile: UserProfile, titles: Mapping[str, str]) -> str:
    """The inferred profile as short labelled lines; an empty profile says so."""
    if profile.is_empty():
        return "_Nothing yet: tell me what you like, or rate a pick with 👍 / 👎._"
    titles = {**profile.titles, **titles}
    rows = [
        ("Likes", [_item(i, titles) for i in profile.liked_items]),
        ("Dislikes", [_item(i, titles) for i in profile.disliked_items]),
        ("Genres ♥", profile.liked_genres),
        ("Genres ✕", profile.disliked_genres),
        ("Keywords", profile.keywords),
        ("Avoid", profile.avoid_keywords),
        ("Years", [_years(profile)] if profile.year_min is not None or profile.year_max is not None else []),
    ]
    lines = [f"**{name}:** {_md(', '.join(values))}" for name, values in rows if values]
    top = sorted(profile.history_genres.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    if top:
        lines.append("**From your ratings:** " + ", ".join(f"{_md(g)} {w:+.1f}" for g, w in top))
    return "\n\n".join(lines)


def trace_markdown(trace: Sequence[TraceStep]) -> str:
    """The turn's tool steps as a table with timings; errors shown in their row."""
    if not trace:
        return "_No steps recorded yet._"
    rows = ["| step | tool | in → out | ms | note |", "|---|---|---|---:|---|"]
    for s in trace:
        note = f"⚠ {s.error}" if s.error else ", ".join(f"{k}={v}" for k, v in list(s.args.items())[:3])
        rows.append(f"| {_cell(s.step)} | {_cell(s.tool)} | {s.n_in} → {s.n_out} | {s.ms:.1f} | {_cell(note)[:120]} |")
    total = sum(s.ms for s in trace)
    return "\n".join(rows) + f"\n\n**Total:** {total:.1f} ms"


def telegram_caption(card: ItemCard, rank: int) -> str:
    """A photo caption (plain text, under Telegram's 1024-character limit)."""
    genres = ", ".join(card.genres[:3])
    text = f"{rank}. {card_title(card)}" + (f"\n{genres}" if genres else "") + f"\n{card.reason}"
    return text if len(text) <= TELEGRAM_CAPTION_LIMIT else text[: TELEGRAM_CAPTION_LIMIT - 1] + "…"


def chunk_text(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Split text into pieces of at most `limit` characters, at paragraph, line or word ends when possible."""
    if limit < 1:
        raise ValueError("limit must be positive")
    chunks: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        cut = cut if cut > limit // 2 else limit
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        chunks.append(rest)
    return chunks


def _md(text: str) -> str:
    """Escape text for Markdown with inline HTML: no tags, no emphasis from data."""
    escaped = html.escape(text, quote=False)
    return "".join("\\" + ch if ch in "\\`*_[]|" else ch for ch in escaped)


def _cell(text: str) -> str:
    return _md(str(text)).replace("\n", " ")
