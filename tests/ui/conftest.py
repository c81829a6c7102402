"""Fixtures for the interface tests: a fake service, free loopback ports, servers that always stop."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from muse.settings import Settings
from ui.fake_service import FakeChatService, fake_service


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout_s: float = 30.0, ok: Callable[[httpx.Response], bool] | None = None) -> None:
    """Poll `url` (bounded) until it answers, or fail the test."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, timeout=2.0)
            if ok is None or ok(response):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{url} did not come up within {timeout_s} s")


@pytest.fixture
def fake(settings: Settings) -> FakeChatService:
    """A fake service over SQLite stores in the test's own Muse home."""
    return fake_service(settings.home)


@pytest.fixture
def artifacts() -> Path:
    path = Path(__file__).resolve().parents[2] / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
