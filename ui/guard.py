"""ASGI middleware in front of every `/v1` route: size, key, rate, and a strict body check.

Order: declared size (400/413), API key (401), per-key rate (429 + Retry-After), streamed size
(413), then for a request with a body: `Content-Type: application/json` (415) and a body that is
UTF-8, plain JSON (no NaN/Infinity, no number that overflows to infinity, no lone surrogate in any
string, bounded nesting) (422). Every answer is a fixed message: the request is never echoed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.concurrency import run_in_threadpool

from ui.limits import RateLimiter, TokenBucket
from ui.tenants import Caller, Keyring

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_DEPTH = 16
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class BadBody(ValueError):
    """A request body that is not plain UTF-8 JSON; the message is safe to show."""


async def reply(send: Send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """The `/v1` gatekeeper; the authenticated `Caller` is left in `scope["state"]["caller"]`."""

    def __init__(self, app: ASGIApp, keyring: Keyring | None, max_body_bytes: int, rate: RateLimiter) -> None:
        self.app, self.keyring, self.max_body, self.rate = app, keyring, max_body_bytes, rate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        declared = headers.get("content-length", "0").strip()
        if not (declared.isascii() and declared.isdigit()):
            await reply(send, 400, "bad Content-Length")
            return
        if len(declared) > 18 or int(declared) > self.max_body:
            await reply(send, 413, f"body over {self.max_body} bytes")
            return
        caller = self._caller(headers.get("authorization", ""), scope)
        if caller is None:
            await reply(send, 401, "missing or wrong API key", {"WWW-Authenticate": "Bearer"})
            return
        if isinstance(self.rate, TokenBucket):  # in memory: no reason to leave the event loop
            wait_s = self.rate.acquire(caller.rate_key)
        else:  # a shared limiter is a database round trip: off the event loop
            wait_s = await run_in_threadpool(self.rate.acquire, caller.rate_key)
        if wait_s is not None:
            await reply(send, 429, "rate limit exceeded", {"Retry-After": str(max(1, math.ceil(wait_s)))})
            return
        body = await self._read(receive)
        if body is None:
            await reply(send, 413, f"body over {self.max_body} bytes")
            return
        if scope["method"] in BODY_METHODS:
            if not is_json(headers.get("content-type", "")):
                await reply(send, 415, "Content-Type must be application/json (UTF-8)")
                return
            try:
                check_json(body)
            except BadBody as exc:
                await reply(send, 422, str(exc))
                return
        scope.setdefault("state", {})["caller"] = caller
        await self.app(scope, _replay(body, receive), send)

    def _caller(self, authorization: str, scope: Scope) -> Caller | None:
        if self.keyring is None:  # --insecure-no-auth (loopback only): rate-limited per address
            client = scope.get("client")
            return Caller(None, f"ip:{client[0] if client else 'unknown'}")
        return self.keyring.caller(authorization)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, counted as it streams in; None once it passes the limit."""
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def is_json(content_type: str) -> bool:
    """`application/json`, optionally with `charset=utf-8`; nothing else."""
    media, *params = [part.strip().lower() for part in content_type.split(";")]
    if media != "application/json":
        return False
    return all(p in ("", "charset=utf-8", 'charset="utf-8"') for p in params)


def check_json(body: bytes) -> Any:
    """The parsed body, or BadBody saying what is wrong with it (never quoting it)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadBody("body is not valid UTF-8") from None
    try:
        value = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except BadBody:
        raise
    except json.JSONDecodeError as exc:
        raise BadBody(f"body is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except (ValueError, RecursionError):
        raise BadBody("body is not valid JSON (a number or nesting too large)") from None
    _check_value(value, 0)
    return value


def _no_constant(name: str) -> Any:
    raise BadBody("NaN and Infinity are not JSON numbers")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise BadBody("a number is out of range")
    return number


def _check_value(value: Any, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise BadBody(f"JSON nested deeper than {MAX_DEPTH}")
    if isinstance(value, str):
        _check_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_value(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_value(item, depth + 1)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadBody("a string holds a lone surrogate (\\ud800-\\udfff): not valid Unicode") from None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
