"""Non-blocking image service: a chat turn asks for visuals and gets an answer within a budget.

`submit` returns one `ImageTicket` per request at once: "ready" for cached images and for inline
backends (the poster takes ~15 ms), "pending" for diffusion still running on the background worker
after `budget_s`. The UI polls `get(ticket_id)` or blocks on `wait(ticket_id, timeout)`.
A ticket id is the planned image's content address, so the same request maps to the same ticket.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import Literal

from pydantic import BaseModel, ConfigDict

from tools.creative.condense import TasteCondenser
from tools.creative.models import ImageGenerator, ImageRequest, ImageResult

log = logging.getLogger(__name__)

TicketStatus = Literal["ready", "pending", "failed"]


class ImageTicket(BaseModel):
    """The state of one requested visual; `result.path` is the PNG once `status == "ready"`."""

    model_config = ConfigDict(frozen=True)

    ticket_id: str
    item_id: int
    status: TicketStatus
    result: ImageResult | None = None
    error: str | None = None


class ImageService:
    """Runs an `ImageGenerator` off the chat path; one background worker (one pipeline, one GPU)."""

    def __init__(
        self,
        generator: ImageGenerator,
        *,
        budget_s: float = 0.5,
        condenser: TasteCondenser | None = None,
        max_tickets: int = 2048,
    ) -> None:
        self.generator = generator
        self.budget_s = budget_s
        self.condenser = condenser
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="muse-images")
        self._futures: dict[str, Future[ImageResult]] = {}
        self._items: dict[str, int] = {}
        self._max_tickets = max_tickets
        self._lock = threading.Lock()

    def warm_up(self) -> Future[None]:
        """Load the backend on the worker thread (call at startup; the first chat turn stays fast)."""
        return self._executor.submit(getattr(self.generator, "warm_up", lambda: None))

    def submit(self, requests: Sequence[ImageRequest], *, budget_s: float | None = None) -> list[ImageTicket]:
        """Start every request; wait at most `budget_s` (default the service's) for background ones."""
        budget = self.budget_s if budget_s is None else budget_s
        deadline = time.monotonic() + max(0.0, budget)
        ticket_ids = [self._start(self._condensed(request)) for request in requests]
        with self._lock:
            pending = [self._futures[t] for t in ticket_ids if t in self._futures]
        if pending:
            wait_futures(pending, timeout=max(0.0, deadline - time.monotonic()))
        return [self._ticket(ticket_id) for ticket_id in ticket_ids]

    def get(self, ticket_id: str) -> ImageTicket | None:
        """The ticket's current state without waiting; None for an id this service never issued."""
        with self._lock:
            known = ticket_id in self._futures
        return self._ticket(ticket_id) if known else None

    def wait(self, ticket_id: str, timeout: float | None = None) -> ImageTicket | None:
        """Block up to `timeout` seconds for the ticket; returns its state then (maybe still pending)."""
        with self._lock:
            future = self._futures.get(ticket_id)
        if future is None:
            return None
        wait_futures([future], timeout=timeout)
        return self._ticket(ticket_id)

    def close(self, wait: bool = False) -> None:
        """Stop the worker (pending renders are cancelled unless `wait`)."""
        self._executor.shutdown(wait=wait, cancel_futures=not wait)

    # internals ---------------------------------------------------------------------------------
    def _condensed(self, request: ImageRequest) -> ImageRequest:
        if self.condenser is None:
            return request
        taste = self.condenser.condense(request.like_keywords, request.dislike_keywords)
        return request.model_copy(update={"like_keywords": taste.like, "dislike_keywords": taste.dislike})

    def _start(self, request: ImageRequest) -> str:
        ticket_id = self.generator.plan(request).image_id
        with self._lock:
            existing = self._futures.get(ticket_id)
            if existing is not None and not (existing.done() and existing.exception() is not None):
                return ticket_id  # already rendered or rendering: never twice
        hit = self.generator.cached(request)
        if hit is not None or self.generator.inline:
            future: Future[ImageResult] = Future()
            try:
                future.set_result(hit if hit is not None else self.generator.generate(request))
            except Exception as exc:
                log.exception("inline image failed for item %s", request.item.item_id)
                future.set_exception(exc)
        else:
            future = self._executor.submit(self.generator.generate, request)
        self._remember(ticket_id, request.item.item_id, future)
        return ticket_id

    def _remember(self, ticket_id: str, item_id: int, future: Future[ImageResult]) -> None:
        with self._lock:
            self._futures[ticket_id] = future
            self._items[ticket_id] = item_id
            while len(self._futures) > self._max_tickets:  # oldest finished tickets go first
                oldest = next((t for t, f in self._futures.items() if f.done()), None)
                if oldest is None:
                    break
                del self._futures[oldest], self._items[oldest]

    def _ticket(self, ticket_id: str) -> ImageTicket:
        with self._lock:
            future, item_id = self._futures[ticket_id], self._items[ticket_id]
        if not future.done():
            return ImageTicket(ticket_id=ticket_id, item_id=item_id, status="pending")
        error = future.exception()
        if error is not None:
            return ImageTicket(ticket_id=ticket_id, item_id=item_id, status="failed", error=type(error).__name__)
        return ImageTicket(ticket_id=ticket_id, item_id=item_id, status="ready", result=future.result())
