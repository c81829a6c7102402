"""Back-pressure: the turn gate (503 + Retry-After past the queue), ids agreed by schema and service."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from agent.types import TurnResult
from muse.errors import InvalidInputError
from muse.ids import MAX_ITEM_ID, check_item_id, check_session_id
from muse.settings import Settings
from ui.fake_service import FakeChatService
from ui.http_api import create_api
from ui.limits import LocalTurnGate, RateLimiter, TokenBucket, TurnGate, build_limits

AUTH = {"Authorization": "Bearer k"}


class HeldService(FakeChatService):
    """The fake service whose chat turns wait until released (to fill the gate on purpose)."""

    def __init__(self, fake: FakeChatService) -> None:
        self.__dict__.update(fake.__dict__)
        self.release = threading.Event()
        self.started = threading.Semaphore(0)

    def chat(self, user_id: str, message: str, session_id: str | None = None) -> TurnResult:
        self.started.release()
        assert self.release.wait(10)
        return super().chat(user_id, message, session_id)


def test_the_in_process_limits_fit_their_protocols(settings: Settings) -> None:
    limits = build_limits(settings)
    assert isinstance(limits.rate, RateLimiter) and isinstance(limits.turns, TurnGate)
    assert isinstance(TokenBucket(1), RateLimiter)


def test_gate_queues_then_refuses_with_a_wait() -> None:
    async def scenario() -> list[float | None]:
        gate = LocalTurnGate(max_running=1, max_waiting=1, max_wait_s=60.0)
        assert await gate.enter() is None  # running
        queued = asyncio.create_task(gate.enter())
        await asyncio.sleep(0)
        refused = await gate.enter()  # the queue (1) is full
        gate.leave(0.5)
        outcome = await queued
        gate.leave(0.5)
        return [refused, outcome, await gate.enter()]

    refused, queued, later = asyncio.run(scenario())
    assert refused is not None and refused >= 1.0
    assert queued is None and later is None


def test_gate_refuses_a_wait_longer_than_the_timeout() -> None:
    async def scenario() -> float | None:
        gate = LocalTurnGate(max_running=1, max_waiting=100, max_wait_s=1.0)
        await gate.enter()
        gate.leave(10.0)  # turns have been taking seconds (the average moves to 2 s)
        await gate.enter()
        return await gate.enter()

    assert asyncio.run(scenario()) is not None


def test_503_with_retry_after_past_the_configured_concurrency(fake: FakeChatService, tmp_path: Path) -> None:
    held = HeldService(fake)
    settings = Settings(home=tmp_path / "home", api_keys=["k"], api_rate_per_minute=10**6,
                        api_max_concurrent_turns=2, api_queue_depth=1)
    api = create_api(held, settings)

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=api)
        async with httpx.AsyncClient(transport=transport, base_url="http://api", headers=AUTH, timeout=30) as client:
            def turn(i: int) -> asyncio.Task[httpx.Response]:
                return asyncio.create_task(client.post("/v1/chat", json={"user_id": f"u{i}", "message": "comedy"}))

            running = [turn(0), turn(1)]
            for _ in running:  # both slots taken
                await asyncio.to_thread(held.started.acquire, True, 10)
            queued = turn(2)
            await asyncio.sleep(0.05)
            refused = [await turn(3), await turn(4)]
            profile = await client.get("/v1/profile/u0")  # other routes are not gated
            held.release.set()
            return [*refused, profile, *[await t for t in [*running, queued]]]

    refused_a, refused_b, profile, *served = asyncio.run(scenario())
    for refused in (refused_a, refused_b):
        assert refused.status_code == 503 and int(refused.headers["retry-after"]) >= 1
        assert "busy" in refused.json()["detail"]
    assert profile.status_code == 200
    assert [r.status_code for r in served] == [200, 200, 200]


def test_one_session_rule_for_schema_and_service(fake: FakeChatService, settings: Settings) -> None:
    client = TestClient(create_api(fake, settings.model_copy(update={"api_keys": ["k"]})))
    for session in ("a.b", "a b", "s" * 129, "u1\n"):
        chat = client.post("/v1/chat", json={"user_id": "u1", "message": "hi", "session_id": session}, headers=AUTH)
        rate = client.post("/v1/feedback", json={"user_id": "u1", "item_id": 1, "value": 1, "session_id": session}, headers=AUTH)
        assert chat.status_code == rate.status_code == 422, session
        with pytest.raises(InvalidInputError):
            check_session_id(session)
    good = client.post("/v1/chat", json={"user_id": "u1", "message": "hi", "session_id": "a_b-1"}, headers=AUTH)
    assert good.status_code == 200 and good.json()["session_id"] == "a_b-1"
    assert check_session_id("a_b-1") == "a_b-1"
    pattern = client.get("/openapi.json").json()["components"]["schemas"]["ChatRequest"]["properties"]["session_id"]
    assert "[A-Za-z0-9_-]{1,128}" in str(pattern)


def test_item_ids_are_bounded_before_sqlite(fake: FakeChatService, settings: Settings) -> None:
    client = TestClient(create_api(fake, settings.model_copy(update={"api_keys": ["k"]})))
    for item_id in (2**63, 2**64, -1, 10**30):
        answer = client.post("/v1/feedback", json={"user_id": "u1", "item_id": item_id, "value": 1}, headers=AUTH)
        assert answer.status_code == 422
    assert check_item_id(MAX_ITEM_ID) == MAX_ITEM_ID
    for bad in (MAX_ITEM_ID + 1, -1, True, 1.5, "1"):
        with pytest.raises(InvalidInputError):
            check_item_id(bad)
