"""A fake Telegram Bot API on loopback: feeds scripted updates through getUpdates, records replies."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "Muse", "username": "muse_test_bot"}


def text_update(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    """An update carrying a private text message (commands get their entity)."""
    message: dict[str, Any] = {
        "message_id": update_id, "date": int(time.time()), "text": text,
        "chat": {"id": chat_id, "type": "private", "first_name": "Ada"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Ada"},
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


def button_update(update_id: int, chat_id: int, data: str) -> dict[str, Any]:
    """An update for a press on an inline button."""
    return {"update_id": update_id, "callback_query": {
        "id": f"cb{update_id}", "chat_instance": "ci", "data": data,
        "from": {"id": chat_id, "is_bot": False, "first_name": "Ada"},
        "message": {"message_id": 900 + update_id, "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private", "first_name": "Ada"}},
    }}


class FakeBotApi:
    """Serves getMe/getUpdates/send* for one token; `calls` records (method, params) in order."""

    def __init__(self, token: str, updates: list[dict[str, Any]]) -> None:
        self.token = token
        self.pending = list(updates)
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._runner: web.AppRunner | None = None
        self._next_id = 1000

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def sent(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    async def wait_for(self, done: Callable[[], bool], timeout_s: float = 20.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError(f"fake Bot API: condition not met; calls: {[name for name, _ in self.calls]}")
            await asyncio.sleep(0.05)

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        return web.json_response({"ok": True, "result": await self._result(method, params)})

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        params: dict[str, Any] = {}
        for key, value in (await request.post()).items():
            params[key] = value.file.read() if isinstance(value, web.FileField) else value
        return params

    async def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            if self.pending:
                return [self.pending.pop(0)]
            await asyncio.sleep(0.1)
            return []
        if method in ("sendMessage", "sendPhoto"):
            self._next_id += 1
            message: dict[str, Any] = {"message_id": self._next_id, "date": int(time.time()),
                                       "chat": {"id": int(params["chat_id"]), "type": "private"}, "from": BOT_USER}
            if method == "sendPhoto":
                message["photo"] = [{"file_id": f"p{self._next_id}", "file_unique_id": f"u{self._next_id}", "width": 256, "height": 256}]
                message["caption"] = params.get("caption", "")
            else:
                message["text"] = params.get("text", "")
            return message
        return True


def markup(params: dict[str, Any]) -> dict[str, Any]:
    raw = params.get("reply_markup")
    return json.loads(raw) if isinstance(raw, str) else raw or {}
