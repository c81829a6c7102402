"""The Telegram adapter (python-telegram-bot): the same `ChatService`, one profile per chat.

A chat with id N is the Muse user `tg:N`; its session id lives in the chat's data. Replies come as
text (chunked under Telegram's 4096-character limit) and then one photo per item card, captioned,
with 👍/👎 buttons that record feedback. Service calls run in a worker thread so the bot's event
loop keeps polling while a turn runs.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from agent.api import ChatService
from agent.types import ItemCard
from muse.errors import InvalidInputError
from muse.settings import Settings, apply_offline_env
from ui import render

log = logging.getLogger(__name__)
GREETING = (
    "Hi, I'm Muse 🎬. Tell me what you feel like watching (a mood, a genre, a film you loved) and I'll "
    "suggest a few. Rate them with 👍 / 👎 and I'll learn. /reset forgets your profile."
)
SORRY = "Sorry, something went wrong on my side. Please try again in a moment."
IMAGE_WAIT_S = 3.0


def user_of(update: Update) -> str:
    """The Muse user of a chat: `tg:<chat id>`."""
    assert update.effective_chat is not None
    return f"tg:{update.effective_chat.id}"


def feedback_keyboard(item_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("👍", callback_data=f"fb:{item_id}:1"),
                                  InlineKeyboardButton("👎", callback_data=f"fb:{item_id}:-1")]])


def parse_feedback(data: str) -> tuple[int, int] | None:
    """(item id, ±1) from a button's callback data, or None if it is not ours."""
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != "fb" or not parts[1].isdigit() or parts[2] not in ("1", "-1"):
        return None
    return int(parts[1]), int(parts[2])


class MuseBot:
    """Telegram handlers over a `ChatService`."""

    def __init__(self, service: ChatService, image_wait_s: float = IMAGE_WAIT_S) -> None:
        self.service = service
        self.image_wait_s = image_wait_s

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(GREETING)

    async def reset(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and context.chat_data is not None
        await asyncio.to_thread(self.service.reset_profile, user_of(update))
        context.chat_data.pop("session_id", None)
        await update.effective_message.reply_text("Done: your profile is empty and we start a new conversation.")

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.text is not None and context.chat_data is not None
        result = await asyncio.to_thread(self.service.chat, user_of(update), message.text[:2000],
                                         context.chat_data.get("session_id"))
        context.chat_data["session_id"] = result.session_id
        for chunk in render.chunk_text(render.with_clarifications(result.reply, result.clarifications)):
            await message.reply_text(chunk)
        for rank, card in enumerate(result.items, start=1):
            await self._send_card(message, card, rank)

    async def _send_card(self, message: Message, card: ItemCard, rank: int) -> None:
        caption, keyboard = render.telegram_caption(card, rank), feedback_keyboard(card.item_id)
        path = await self._image_file(card)
        if path is None:
            await message.reply_text(caption, reply_markup=keyboard)
            return
        with path.open("rb") as photo:
            await message.reply_photo(photo=photo, caption=caption, reply_markup=keyboard)

    async def _image_file(self, card: ItemCard) -> Path | None:
        """The card's PNG, waiting (bounded) for a pending one."""
        if card.image is None:
            return None
        image_id, waited = card.image.image_id, 0.0
        ref = card.image
        while ref is not None and ref.kind == "pending" and waited < self.image_wait_s:
            await asyncio.sleep(0.25)
            waited += 0.25
            ref = await asyncio.to_thread(self.service.image, image_id)
        if ref is None or ref.kind == "pending":
            return None
        return await asyncio.to_thread(self.service.image_path, image_id)

    async def rate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and context.chat_data is not None
        parsed = parse_feedback(query.data or "")
        if parsed is None:
            await query.answer()
            return
        item_id, value = parsed
        await asyncio.to_thread(self.service.feedback, user_of(update), item_id, value,  # type: ignore[arg-type]
                                context.chat_data.get("session_id"))
        await query.answer("Noted: more like this 👍" if value > 0 else "Noted: less like this 👎")

    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram handler failed", exc_info=context.error)
        if isinstance(update, Update) and update.effective_message is not None:
            await update.effective_message.reply_text(SORRY)


def build_bot(service: ChatService, token: str, *, base_url: str | None = None,
              base_file_url: str | None = None) -> Application:
    """The python-telegram-bot Application with Muse's handlers (`base_url` for a local Bot API server)."""
    builder = Application.builder().token(token)
    if base_url is not None:
        builder = builder.base_url(base_url).base_file_url(base_file_url or base_url)
    app = builder.build()
    bot = MuseBot(service)
    app.add_handler(CommandHandler("start", bot.start))
    app.add_handler(CommandHandler("reset", bot.reset))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, bot.text))
    app.add_handler(CallbackQueryHandler(bot.rate))
    app.add_error_handler(bot.error)
    return app


def run_polling(settings: Settings, fake: bool = False) -> None:
    """Run the bot with long polling until interrupted (needs MUSE_TELEGRAM_TOKEN)."""
    apply_offline_env()
    if settings.telegram_token is None:
        raise InvalidInputError("no Telegram token: set MUSE_TELEGRAM_TOKEN (from @BotFather)")
    from ui.services import load_service

    logging.basicConfig(level=logging.INFO)
    app = build_bot(load_service(settings, fake=fake), settings.telegram_token.get_secret_value())
    app.run_polling(allowed_updates=["message", "callback_query"])
