"""The pure converters: no server, no browser."""

from __future__ import annotations

import pytest

from agent.types import ImageRef, ItemCard, TraceStep, UserProfile
from ui import render


def card(item_id: int = 1, kind: str = "poster", **kw: object) -> ItemCard:
    image = ImageRef(image_id=f"i{item_id}", kind=kind, path=None if kind == "pending" else f"/tmp/i{item_id}.png")  # type: ignore[arg-type]
    fields = {"item_id": item_id, "title": "Toy Story", "year": 1995, "genres": ["Animation", "Comedy"],
              "score": 1.0, "reason": "Because you like comedy.", "image": image}
    return ItemCard(**{**fields, **kw})  # type: ignore[arg-type]


def test_chat_messages_append_user_and_reply() -> None:
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    out = render.user_and_reply(history, "comedy", "Try Toy Story")
    assert out[:2] == history and out[2:] == [{"role": "user", "content": "comedy"}, {"role": "assistant", "content": "Try Toy Story"}]
    assert history == [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]  # not mutated


def test_clarifications_follow_the_reply() -> None:
    assert render.with_clarifications("Here.", []) == "Here."
    assert render.with_clarifications("Here.", ["Which Alien?", " "]) == "Here.\n\n❓ Which Alien?"


def test_card_text_and_images() -> None:
    text = render.card_markdown(card(), 2)
    assert text.startswith("**2. Toy Story**") and "1995 · Animation, Comedy" in text and "Because you like comedy." in text
    assert render.card_image(card()) == "/tmp/i1.png"
    assert render.card_image(card(kind="pending")) is None
    assert render.card_image(card(image=None)) is None
    assert render.pending_images([card(1), card(2, kind="pending")]) == ["i2"]


def test_card_text_escapes_markup_in_data() -> None:
    text = render.card_markdown(card(title="<script>x</script> *bold*", reason="[link](http://x)"), 1)
    assert "<script>" not in text and "\\*bold\\*" in text and "\\[link\\]" in text


def test_titles_are_string_keyed_and_merge() -> None:
    titles = render.item_titles([card(1), card(2, title="Heat", year=None)], {"9": "Old (1990)"})
    assert titles == {"9": "Old (1990)", "1": "Toy Story (1995)", "2": "Heat"}
    assert len(render.item_titles([card(i) for i in range(10)], limit=4)) == 4


def test_profile_view_and_entries_round_trip() -> None:
    profile = UserProfile(liked_items=[1], disliked_items=[5], liked_genres=["Comedy"], disliked_genres=["Horror"],
                          keywords=["heist"], avoid_keywords=["gore"], year_min=1990, history_genres={"Comedy": 1.5})
    titles = {"1": "Toy Story (1995)"}
    view = render.profile_markdown(profile, titles)
    assert "**Likes:** Toy Story (1995)" in view and "**Dislikes:** item #5" in view and "1990–…" in view
    assert "Comedy +1.5" in view
    entries = render.profile_entries(profile, titles)
    assert [key for _, key in entries] == ["liked_items:1", "disliked_items:5", "liked_genres:Comedy",
                                           "disliked_genres:Horror", "keywords:heist", "avoid_keywords:gore", "years:"]
    edits = [render.edit_from_key(key) for _, key in entries]
    assert edits[0].field == "liked_items" and edits[0].value == 1
    assert edits[4].value == "heist" and edits[-1].field == "years" and edits[-1].value is None


def test_empty_profile_says_so() -> None:
    assert "Nothing yet" in render.profile_markdown(UserProfile(), {})
    assert render.profile_entries(UserProfile(), {}) == []


def test_trace_table_has_timings_and_errors() -> None:
    table = render.trace_markdown([TraceStep(step="recommend", tool="rank", ms=12.34, n_in=100, n_out=5, args={"k": 5}),
                                   TraceStep(step="visualise", tool="image", ms=3.0, error="timeout | late")])
    assert "| recommend | rank | 100 → 5 | 12.3 | k=5 |" in table
    assert "⚠ timeout \\| late" in table and "**Total:** 15.3 ms" in table
    assert "No steps" in render.trace_markdown([])


def test_chunks_fit_the_limit_and_keep_all_words() -> None:
    text = "\n\n".join(f"Paragraph {i}: " + "word " * 300 for i in range(6))
    chunks = render.chunk_text(text, 4096)
    assert len(chunks) > 1 and all(0 < len(c) <= 4096 for c in chunks)
    assert " ".join(chunks).split() == text.split()
    assert render.chunk_text("x" * 10, 4) == ["xxxx", "xxxx", "xx"]  # no spaces: hard cuts
    assert render.chunk_text("  ", 10) == []
    with pytest.raises(ValueError):
        render.chunk_text("x", 0)


def test_telegram_caption_fits() -> None:
    assert render.telegram_caption(card(), 1) == "1. Toy Story (1995)\nAnimation, Comedy\nBecause you like comedy."
    assert len(render.telegram_caption(card(reason="r" * 2000), 1)) == 1024


def test_profile_uses_the_titles_the_service_sends() -> None:
    from agent.types import UserProfile
    from ui import render

    profile = UserProfile(liked_items=[1214], titles={"1214": "Alien (1979)"})
    assert "Alien (1979)" in render.profile_markdown(profile, {})
    assert render.profile_entries(profile, {})[0][0] == "👍 Alien (1979)"
