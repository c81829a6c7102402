"""The Telegram adapter against a fake Bot API server on loopback (python-telegram-bot's base_url)."""

from __future__ import annotations

import asyncio

from agent.types import TurnResult
from ui.fake_service import FakeChatService
from ui.telegram_bot import build_bot, parse_feedback

from .fake_telegram import FakeBotApi, button_update, markup, text_update

TOKEN = "123456:TEST-token"
CHAT = 777


class LongReplies(FakeChatService):
    """The fake, with replies long enough to need several Telegram messages."""

    def chat(self, user_id: str, message: str, session_id: str | None = None) -> TurnResult:
        result = super().chat(user_id, message, session_id)
        padding = " ".join(["And here is more about these films."] * 160)  # ~5,700 characters
        return result.model_copy(update={"reply": result.reply + "\n\n" + padding})


async def _run(service: FakeChatService, updates: list[dict], done) -> FakeBotApi:  # noqa: ANN001
    server = FakeBotApi(TOKEN, updates)
    url = await server.start()
    app = build_bot(service, TOKEN, base_url=f"{url}/bot", base_file_url=f"{url}/file/bot")
    try:
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            try:
                await server.wait_for(lambda: done(server))
            finally:
                await app.updater.stop()
                await app.stop()
    finally:
        await server.stop()
    return server


def test_bot_answers_with_text_and_captioned_photos(fake: FakeChatService) -> None:
    service = LongReplies(fake.stores, fake.images_dir)
    updates = [text_update(1, CHAT, "/start"), text_update(2, CHAT, "sci-fi please, no horror"),
               button_update(3, CHAT, "fb:32:1")]
    server = asyncio.run(_run(service, updates, lambda s: bool(s.sent("answerCallbackQuery"))))

    texts = [p["text"] for p in server.sent("sendMessage")]
    assert "Muse" in texts[0]  # /start
    assert len(texts) >= 3 and all(len(t) <= 4096 for t in texts)  # greeting + a reply chunked in two or more
    assert texts[1].startswith("For sci-fi")
    photos = server.sent("sendPhoto")
    assert len(photos) == 3  # one per card, the pending one waited for
    assert all(p["photo"][:4] == b"\x89PNG" for p in photos)
    assert photos[0]["caption"].startswith("1. Twelve Monkeys (1995)")
    assert markup(photos[0])["inline_keyboard"][0][0]["callback_data"] == "fb:32:1"
    assert {int(p["chat_id"]) for p in server.sent("sendMessage") + photos} == {CHAT}
    assert service.profile(f"tg:{CHAT}").liked_items == [32]  # the 👍 button reached the service
    assert service.profile(f"tg:{CHAT}").liked_genres == ["Sci-Fi"]


def test_reset_clears_the_chat_profile_and_chats_are_separate(fake: FakeChatService) -> None:
    updates = [text_update(1, CHAT, "comedy"), text_update(2, 888, "horror"), text_update(3, CHAT, "/reset")]
    server = asyncio.run(_run(fake, updates, lambda s: any("profile is empty" in p["text"] for p in s.sent("sendMessage"))))
    assert fake.profile(f"tg:{CHAT}").is_empty()
    assert fake.profile("tg:888").liked_genres == ["Horror"]
    assert len(server.sent("sendPhoto")) == 6


def test_parse_feedback_accepts_only_our_buttons() -> None:
    assert parse_feedback("fb:32:1") == (32, 1)
    assert parse_feedback("fb:32:-1") == (32, -1)
    for bad in ("", "fb:x:1", "fb:1:2", "other:1:1", "fb:1"):
        assert parse_feedback(bad) is None
