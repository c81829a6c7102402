"""Back-pressure for the HTTP API: a per-key rate limiter and a gate on concurrent chat turns.

Both sit behind small Protocols so a multi-worker deployment can swap in shared implementations
(a rate limiter in PostgreSQL or Redis); `build_limits(settings)` is the one place the API builds them.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from muse.settings import Settings


@runtime_checkable
class RateLimiter(Protocol):
    def acquire(self, key: str) -> float | None:
        """Spend one request of `key`'s allowance: None when allowed, else the seconds to wait."""


@runtime_checkable
class TurnGate(Protocol):
    async def enter(self) -> float | None:
        """Wait for a free turn slot: None once held (call `leave` after), else a Retry-After in
        seconds (the queue is full, or the wait would pass the queue timeout)."""

    def leave(self, seconds: float) -> None:
        """Give the slot back; `seconds` is how long the turn took (for Retry-After estimates)."""


class TokenBucket:
    """Per-key token buckets: `rate_per_minute` requests a minute, bursts up to the same number."""

    def __init__(self, rate_per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(max(1, rate_per_minute))
        self.refill_per_s = self.capacity / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str) -> float | None:
        with self._lock:
            now = self.clock()
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.refill_per_s)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return None
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.refill_per_s


class LocalTurnGate:
    """At most `max_running` turns at once in this process, at most `max_waiting` queued behind them;
    a turn that would wait longer than `max_wait_s` is refused up front (503 + Retry-After) instead of
    answering 20 seconds late."""

    def __init__(self, max_running: int, max_waiting: int, max_wait_s: float) -> None:
        self.max_running, self.max_waiting, self.max_wait_s = max(1, max_running), max(0, max_waiting), max_wait_s
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiting = 0
        self._running = 0
        self._turn_s = 0.05  # moving average of a turn's duration

    async def enter(self) -> float | None:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # bound to the serving loop on first use (a test client may start several)
            self._slots, self._loop, self._waiting, self._running = asyncio.Semaphore(self.max_running), loop, 0, 0
        if self._running >= self.max_running:
            expected = (self._waiting + 1) * self._turn_s / self.max_running
            if self._waiting >= self.max_waiting or expected > self.max_wait_s:
                return max(1.0, expected)
        self._waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
        self._running += 1
        return None

    def leave(self, seconds: float) -> None:
        self._running -= 1
        self._turn_s = 0.8 * self._turn_s + 0.2 * max(0.001, seconds)
        assert self._slots is not None
        self._slots.release()


@dataclass(frozen=True)
class Limits:
    rate: RateLimiter
    turns: TurnGate


def build_limits(settings: Settings, clock: Callable[[], float] = time.monotonic) -> Limits:
    """The limiter and gate from settings (the single construction point). With PostgreSQL stores the
    rate limit lives in the database, so several workers count against one bucket per key; the turn
    gate stays per process (it protects this process's cores)."""
    return Limits(
        rate=rate_limiter(settings, clock),
        turns=LocalTurnGate(settings.api_max_concurrent_turns, settings.api_queue_depth, settings.api_queue_timeout_s),
    )


def rate_limiter(settings: Settings, clock: Callable[[], float] = time.monotonic) -> RateLimiter:
    """Shared through PostgreSQL when the stores are there, else in this process."""
    if settings.database_url is not None:
        from stores.datasets import dataset_slug
        from stores.postgres import PgRateLimiter

        return PgRateLimiter(settings.database_url.get_secret_value(), dataset_slug(settings.dataset),
                             settings.api_rate_per_minute)
    return TokenBucket(settings.api_rate_per_minute, clock)
