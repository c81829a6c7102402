"""The HTTP API for bots and other programs: the same `ChatService` as the UI, behind a guard.

Every `/v1` request passes `ui.guard.Guard` (size 413, API key 401, per-key rate 429, strict JSON
body 415/422), then pydantic validation (422, never echoing the input) and one service call; chat
turns also wait for a slot at the turn gate (503 + Retry-After when the queue is full). Each key
belongs to a tenant whose user ids are its own (`ui.tenants`). With no API keys the API does not
start, unless `insecure_no_auth` is set, and then it only binds to loopback. Several worker processes
(`serve(..., workers=N)`) need PostgreSQL stores: the rate limit and the per-user turn lock then live
there, so they hold across workers.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import math
import os
import time
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from agent.api import ChatService
from agent.types import TurnResult, UserProfile
from muse.errors import BackendUnavailableError, ForbiddenError, InvalidInputError, NotFoundError
from muse.ids import IMAGE_ID_PATTERN, MAX_ITEM_ID, SESSION_ID_PATTERN, USER_ID_PATTERN
from muse.settings import Settings
from stores.datasets import dataset_slug
from ui.guard import Guard
from ui.limits import Limits, TokenBucket, build_limits
from ui.tenants import Caller, ImageTags, Keyring, home_secret

log = logging.getLogger("muse.api")
MAX_MESSAGE_CHARS = 2000
NO_KEYS = ("no API keys: set MUSE_API_KEYS=tenant:key,... or MUSE_API_KEYS_FILE "
           "(or pass --insecure-no-auth for loopback use)")
UserId = Annotated[str, Field(pattern=USER_ID_PATTERN, description="1-64 letters, digits or _ . : @ -")]
SessionId = Annotated[str, Field(pattern=SESSION_ID_PATTERN, description="1-128 letters, digits, _ or -")]


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user_id: UserId
    session_id: SessionId | None = None
    message: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user_id: UserId
    item_id: int = Field(ge=0, le=MAX_ITEM_ID)
    value: Literal[-1, 1]
    session_id: SessionId | None = None


class ImagePending(BaseModel):
    image_id: str
    status: Literal["pending"] = "pending"


class Overloaded(Exception):
    """Every turn slot is busy and the queue is full: come back after `retry_after_s`."""

    def __init__(self, retry_after_s: float) -> None:
        super().__init__("busy: too many chat turns in progress, retry later")
        self.retry_after_s = retry_after_s


def with_image_urls(result: TurnResult, prefix: str = "/v1/images/", *, image_id: Callable[[str], str] = str) -> TurnResult:
    """Point every card image at this API's image endpoint (under the id `image_id` gives it);
    server file paths never leave the server."""
    items = []
    for card in result.items:
        if card.image is not None:
            public = image_id(card.image.image_id)
            card = card.model_copy(update={"image": card.image.model_copy(update={"image_id": public, "url": prefix + public, "path": None})})
        items.append(card)
    return result.model_copy(update={"items": items})


def caller_of(request: Request) -> Caller:
    """The caller the guard authenticated."""
    return request.state.caller


CallerDep = Annotated[Caller, Depends(caller_of)]


def _routes(service: ChatService, limits: Limits, tags: ImageTags) -> APIRouter:
    router = APIRouter(prefix="/v1", dependencies=[Depends(HTTPBearer(auto_error=False, description="An API key from MUSE_API_KEYS"))])

    @router.post("/chat", response_model=TurnResult, summary="Run one chat turn",
                 responses={503: {"description": "Busy: every turn slot is taken and the queue is full (see Retry-After)"}})
    async def chat(request: ChatRequest, caller: CallerDep) -> TurnResult:
        """Understand the message, update the profile, recommend, reply."""
        wait_s = await limits.turns.enter()
        if wait_s is not None:
            raise Overloaded(wait_s)
        started = time.perf_counter()
        try:
            result = await run_in_threadpool(service.chat, caller.scope(request.user_id), request.message, request.session_id)
        finally:
            limits.turns.leave(time.perf_counter() - started)
        result = result.model_copy(update={"user_id": caller.unscope(result.user_id)})
        return with_image_urls(result, image_id=lambda internal: tags.external(caller.tenant, internal))

    @router.post("/feedback", response_model=UserProfile, summary="Rate an item 👍 (+1) or 👎 (-1)")
    def feedback(request: FeedbackRequest, caller: CallerDep) -> UserProfile:
        """Record the rating; it enters the history and the profile, and the next turn uses it."""
        return service.feedback(caller.scope(request.user_id), request.item_id, request.value, request.session_id)

    @router.get("/profile/{user_id}", response_model=UserProfile, summary="The inferred profile")
    def profile(user_id: Annotated[str, PathParam(pattern=USER_ID_PATTERN)], caller: CallerDep) -> UserProfile:
        return service.profile(caller.scope(user_id))

    @router.delete("/profile/{user_id}", response_model=UserProfile, summary="Reset the profile")
    def reset(user_id: Annotated[str, PathParam(pattern=USER_ID_PATTERN)], caller: CallerDep) -> UserProfile:
        return service.reset_profile(caller.scope(user_id))

    @router.get("/images/{image_id}", summary="A card image (PNG); 202 while it is being rendered",
                responses={200: {"content": {"image/png": {}}}, 202: {"model": ImagePending}, 404: {}})
    def image(image_id: Annotated[str, PathParam(pattern=IMAGE_ID_PATTERN)], caller: CallerDep) -> Any:
        internal = tags.internal(caller.tenant, image_id)  # another tenant's image id is unknown here
        ref = service.image(internal) if internal is not None else None
        if ref is not None and ref.kind == "pending":
            return JSONResponse(ImagePending(image_id=image_id).model_dump(), status_code=202)
        path = service.image_path(internal) if ref is not None and internal is not None else None
        if path is None:
            raise NotFoundError("no such image")
        return FileResponse(path, media_type="image/png")

    return router


def create_api(service: ChatService, settings: Settings, *, insecure_no_auth: bool = False,
               clock: Callable[[], float] = time.monotonic, limits: Limits | None = None,
               keyring: Keyring | None = None) -> FastAPI:
    """The FastAPI app over `service`; refuses to exist without API keys unless told it may."""
    if keyring is None and (settings.api_keys or settings.api_keys_file):
        keyring = Keyring(settings.api_keys, settings.api_keys_file)
    if (keyring is None or not keyring.configured()) and not insecure_no_auth:
        raise InvalidInputError(NO_KEYS)
    limits = limits or build_limits(settings, clock)
    api = FastAPI(title="Muse API", version="1", description="Chat, feedback and profiles over the Muse service.")
    api.include_router(_routes(service, limits, ImageTags(home_secret(settings.home))))

    @api.get("/healthz", summary="Liveness (no auth)")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    statuses = {NotFoundError: 404, ForbiddenError: 403, InvalidInputError: 400, BackendUnavailableError: 503}
    for exc_type, status in statuses.items():
        api.add_exception_handler(exc_type, _handler(status))
    api.add_exception_handler(RequestValidationError, _validation_handler)
    api.add_exception_handler(Overloaded, _overloaded_handler)
    api.add_middleware(Guard, keyring=None if insecure_no_auth and keyring is None else keyring,
                       max_body_bytes=settings.api_max_body_bytes, rate=limits.rate)
    return api


def _handler(status: int) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    async def handle(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": safe_text(str(exc), 300)}, status_code=status)

    return handle


async def _overloaded_handler(_: Request, exc: Exception) -> JSONResponse:
    wait_s = exc.retry_after_s if isinstance(exc, Overloaded) else 1.0
    return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": str(max(1, math.ceil(wait_s)))})


async def _validation_handler(_: Request, exc: Exception) -> JSONResponse:
    """422 listing where and why, never what was sent (the input may not even be encodable)."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    detail = [{"loc": [x if isinstance(x, int) else safe_text(str(x), 64) for x in error.get("loc", ())],
               "msg": safe_text(str(error.get("msg", "invalid")), 200), "type": safe_text(str(error.get("type", "")), 64)}
              for error in errors[:20]]
    return JSONResponse({"detail": detail}, status_code=422)


def safe_text(text: str, limit: int) -> str:
    """Printable ASCII only (other characters as escapes), at most `limit` characters."""
    escaped = text.encode("ascii", "backslashreplace").decode("ascii")
    return "".join(ch if ch.isprintable() else "?" for ch in escaped)[:limit]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def share_cores(running_turns: int) -> None:
    """Give each of the turns that may run at once its share of the cores for torch's intra-op
    threads, so concurrent turns do not oversubscribe the CPU (2 cores, 2 turns: 1 thread each)."""
    import sys

    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(max(1, (os.cpu_count() or 1) // max(1, running_turns)))


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, *, insecure_no_auth: bool = False,
          fake: bool = False, workers: int | None = None) -> None:
    """Run the API with uvicorn until interrupted; `workers` > 1 runs that many processes on one port."""
    import uvicorn

    from ui.services import load_service

    workers = settings.api_workers if workers is None else workers
    if insecure_no_auth and not is_loopback(host):
        raise InvalidInputError("--insecure-no-auth only binds to loopback (127.0.0.1, ::1, localhost)")
    keyring = Keyring(settings.api_keys, settings.api_keys_file) if settings.api_keys or settings.api_keys_file else None
    if (keyring is None or not keyring.configured()) and not insecure_no_auth:
        raise InvalidInputError(NO_KEYS)  # before building the service: fail fast
    if workers > 1:
        _check_workers(settings, workers)
        os.environ[WORKER_ENV] = json.dumps({"settings": _revealed(settings), "insecure_no_auth": insecure_no_auth,
                                             "fake": fake})
        print(f"Muse API: http://{host}:{port} (docs at /docs), {workers} workers", flush=True)
        uvicorn.run("ui.http_api:worker_app", factory=True, workers=workers, host=host, port=port, log_level="info")
        return
    api = create_api(load_service(settings, fake=fake), settings, insecure_no_auth=insecure_no_auth, keyring=keyring)
    share_cores(settings.api_max_concurrent_turns)
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
    share_cores(settings.api_max_concurrent_turns)
    return create_api(service, settings, insecure_no_auth=config["insecure_no_auth"])


__all__ = ["ChatRequest", "FeedbackRequest", "Guard", "Overloaded", "TokenBucket", "create_api", "serve", "with_image_urls",
           "worker_app"]
