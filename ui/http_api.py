"""The HTTP API for bots and other programs: the same `ChatService` as the UI, behind a guard.

Every `/v1` request passes, in order: a declared-size check (413), an API key (401), a per-key token
bucket (429), and a streamed-size check (413); then pydantic validation (422) and one service call.
With no API keys configured the API does not start, unless `insecure_no_auth` is set, and then it
only binds to loopback. Several worker processes (`serve(..., workers=N)`) need PostgreSQL stores:
the rate limit and the per-user turn lock then live there, so they hold across workers.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import os
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Annotated, Any, Literal, Protocol

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from agent.api import ChatService
from agent.types import TurnResult, UserProfile
from muse.errors import BackendUnavailableError, InvalidInputError, NotFoundError
from muse.settings import Settings
from stores.datasets import dataset_slug

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ID_PATTERN = r"^[A-Za-z0-9_.:@-]{1,64}$"
MAX_MESSAGE_CHARS = 2000
NO_KEYS = "no API keys: set MUSE_API_KEYS=key1,key2 (or pass --insecure-no-auth for loopback use)"
UserId = Annotated[str, Field(pattern=ID_PATTERN, description="1-64 letters, digits or _ . : @ -")]


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user_id: UserId
    session_id: UserId | None = None
    message: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user_id: UserId
    item_id: int = Field(ge=0)
    value: Literal[-1, 1]
    session_id: UserId | None = None


class ImagePending(BaseModel):
    image_id: str
    status: Literal["pending"] = "pending"


class RateLimiter(Protocol):
    def take(self, key: str) -> float:
        """Spend one request of `key`; 0 when allowed, else the seconds to wait."""


class TokenBucket:
    """Per-key token buckets: `rate_per_minute` requests a minute, bursts up to the same number."""

    def __init__(self, rate_per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(max(1, rate_per_minute))
        self.refill_per_s = self.capacity / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one token; returns 0 when allowed, else the seconds until a token is back."""
        with self._lock:
            now = self.clock()
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.refill_per_s)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.refill_per_s


async def _reply(send: Send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware for `/v1`: size limit, API key, rate limit, in that order."""

    def __init__(self, app: ASGIApp, keys: list[str], max_body_bytes: int, bucket: RateLimiter) -> None:
        self.app = app
        self.keys = keys
        self.max_body = max_body_bytes
        self.bucket = bucket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        declared = headers.get("content-length", "0")
        if not declared.isdigit():
            await _reply(send, 400, "bad Content-Length")
            return
        if int(declared) > self.max_body:
            await _reply(send, 413, f"body over {self.max_body} bytes")
            return
        identity = self._identity(headers.get("authorization", ""), scope)
        if identity is None:
            await _reply(send, 401, "missing or wrong API key", {"WWW-Authenticate": "Bearer"})
            return
        wait_s = await run_in_threadpool(self.bucket.take, identity)  # a shared limiter is a database round trip
        if wait_s > 0:
            await _reply(send, 429, "rate limit exceeded", {"Retry-After": str(max(1, round(wait_s)))})
            return
        body = await self._read(receive)
        if body is None:
            await _reply(send, 413, f"body over {self.max_body} bytes")
            return
        await self.app(scope, _replay(body, receive), send)

    def _identity(self, authorization: str, scope: Scope) -> str | None:
        """The rate-limit identity of an authorised caller (a key digest), or None."""
        if not self.keys:
            client = scope.get("client")
            return f"ip:{client[0] if client else 'unknown'}"
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        if not any(hmac.compare_digest(token.encode(), key.encode()) for key in self.keys):
            return None
        return "key:" + hashlib.sha256(token.encode()).hexdigest()[:16]

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


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def with_image_urls(result: TurnResult, prefix: str = "/v1/images/") -> TurnResult:
    """Point every card image at this API's image endpoint; server file paths never leave the server."""
    items = [
        card.model_copy(update={"image": card.image.model_copy(update={"url": card.image.url or prefix + card.image.image_id,
                                                                        "path": None})})
        if card.image is not None else card
        for card in result.items
    ]
    return result.model_copy(update={"items": items})


def _routes(service: ChatService) -> APIRouter:
    router = APIRouter(prefix="/v1", dependencies=[Depends(HTTPBearer(auto_error=False, description="An API key from MUSE_API_KEYS"))])

    @router.post("/chat", response_model=TurnResult, summary="Run one chat turn")
    def chat(request: ChatRequest) -> TurnResult:
        """Understand the message, update the profile, recommend, reply."""
        return with_image_urls(service.chat(request.user_id, request.message, request.session_id))

    @router.post("/feedback", response_model=UserProfile, summary="Rate an item 👍 (+1) or 👎 (-1)")
    def feedback(request: FeedbackRequest) -> UserProfile:
        """Record the rating; it enters the history and the profile, and the next turn uses it."""
        return service.feedback(request.user_id, request.item_id, request.value, request.session_id)

    @router.get("/profile/{user_id}", response_model=UserProfile, summary="The inferred profile")
    def profile(user_id: Annotated[str, PathParam(pattern=ID_PATTERN)]) -> UserProfile:
        return service.profile(user_id)

    @router.delete("/profile/{user_id}", response_model=UserProfile, summary="Reset the profile")
    def reset(user_id: Annotated[str, PathParam(pattern=ID_PATTERN)]) -> UserProfile:
        return service.reset_profile(user_id)

    @router.get("/images/{image_id}", summary="A card image (PNG); 202 while it is being rendered",
                responses={200: {"content": {"image/png": {}}}, 202: {"model": ImagePending}, 404: {}})
    def image(image_id: Annotated[str, PathParam(pattern=r"^[\w-]{1,128}$")]) -> Any:
        ref = service.image(image_id)
        if ref is not None and ref.kind == "pending":
            return JSONResponse(ImagePending(image_id=image_id).model_dump(), status_code=202)
        path = service.image_path(image_id) if ref is not None else None
        if path is None:
            raise NotFoundError(f"no image {image_id}")
        return FileResponse(path, media_type="image/png")

    return router


def create_api(service: ChatService, settings: Settings, *, insecure_no_auth: bool = False,
               clock: Callable[[], float] = time.monotonic) -> FastAPI:
    """The FastAPI app over `service`; refuses to exist without API keys unless told it may."""
    if not settings.api_keys and not insecure_no_auth:
        raise InvalidInputError(NO_KEYS)
    api = FastAPI(title="Muse API", version="1", description="Chat, feedback and profiles over the Muse service.")
    api.include_router(_routes(service))

    @api.get("/healthz", summary="Liveness (no auth)")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    statuses = {NotFoundError: 404, InvalidInputError: 400, BackendUnavailableError: 503}
    for exc_type, status in statuses.items():
        api.add_exception_handler(exc_type, _handler(status))
    api.add_middleware(Guard, keys=list(settings.api_keys), max_body_bytes=settings.api_max_body_bytes,
                       bucket=rate_limiter(settings, clock))
    return api


def rate_limiter(settings: Settings, clock: Callable[[], float] = time.monotonic) -> RateLimiter:
    """The one place the limiter is chosen: shared through PostgreSQL when the stores are there
    (several workers count against one bucket per key), else in this process."""
    if settings.database_url is not None:
        from stores.postgres import PgRateLimiter

        return PgRateLimiter(settings.database_url.get_secret_value(), dataset_slug(settings.dataset),
                             settings.api_rate_per_minute)
    return TokenBucket(settings.api_rate_per_minute, clock)


def _handler(status: int) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    async def handle(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status)

    return handle


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, *, insecure_no_auth: bool = False,
          fake: bool = False, workers: int | None = None) -> None:
    """Run the API with uvicorn until interrupted; `workers` > 1 runs that many processes on one port."""
    import uvicorn

    from ui.services import load_service

    workers = settings.api_workers if workers is None else workers
    if insecure_no_auth and not is_loopback(host):
        raise InvalidInputError("--insecure-no-auth only binds to loopback (127.0.0.1, ::1, localhost)")
    if not settings.api_keys and not insecure_no_auth:
        raise InvalidInputError(NO_KEYS)  # before building the service: fail fast
    if workers > 1:
        _check_workers(settings, workers)
        os.environ[WORKER_ENV] = json.dumps({"settings": _revealed(settings), "insecure_no_auth": insecure_no_auth,
                                             "fake": fake})
        print(f"Muse API: http://{host}:{port} (docs at /docs), {workers} workers", flush=True)
        uvicorn.run("ui.http_api:worker_app", factory=True, workers=workers, host=host, port=port, log_level="info")
        return
    api = create_api(load_service(settings, fake=fake), settings, insecure_no_auth=insecure_no_auth)
    print(f"Muse API: http://{host}:{port} (docs at /docs)", flush=True)
    uvicorn.run(api, host=host, port=port, log_level="info")


WORKER_ENV = "MUSE_API_WORKER_CONFIG"  # the parent's settings, handed to each worker process


def _check_workers(settings: Settings, workers: int) -> None:
    """Several workers need shared stores; prepare the dataset once here, not in every worker."""
    if settings.database_url is None:
        raise InvalidInputError(f"--workers {workers} needs PostgreSQL: set MUSE_DATABASE_URL=postgresql://... "
                                "(SQLite files, in-process rate limits and turn locks are per process)")
    from stores import dataset_ready
    from stores.datasets import prepare_dataset

    if not dataset_ready(settings, dataset_slug(settings.dataset)):
        prepare_dataset(settings)


def _revealed(settings: Settings) -> dict[str, Any]:
    data = settings.model_dump(mode="json")
    for name, value in settings:
        if hasattr(value, "get_secret_value"):
            data[name] = value.get_secret_value()
    return data


def worker_app() -> FastAPI:
    """One worker's app (uvicorn's factory): the service is built under a database lock, so workers
    that find an index or model cache missing build it once, one after another."""
    from stores.postgres import startup_lock
    from ui.services import load_service

    config = json.loads(os.environ[WORKER_ENV])
    settings = Settings(**config["settings"])
    assert settings.database_url is not None
    with startup_lock(settings.database_url.get_secret_value(), dataset_slug(settings.dataset)):
        service = load_service(settings, fake=config["fake"])
    return create_api(service, settings, insecure_no_auth=config["insecure_no_auth"])


__all__ = ["ChatRequest", "FeedbackRequest", "Guard", "RateLimiter", "TokenBucket", "create_api", "rate_limiter", "serve",
           "with_image_urls", "worker_app"]
