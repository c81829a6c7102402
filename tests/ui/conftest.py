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


REAL_ENV = {"MUSE_LLM_BACKEND": "none", "MUSE_IMAGE_BACKEND": "poster", "MUSE_EMBEDDER": "fake"}


@pytest.fixture(scope="module")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the agent's real service (no LLM, poster images, fake embedder: fast), data prepared."""
    from stores.datasets import prepare_dataset

    settings = Settings(home=tmp_path_factory.mktemp("real") / "home", llm_backend="none",
                        image_backend="poster", embedder="fake", api_keys=["real-key"], api_rate_per_minute=1000)
    prepare_dataset(settings, "movielens-small")
    return settings


@pytest.fixture(scope="module")
def real_service(real_settings: Settings):  # noqa: ANN201 - the agent's MuseService
    from ui.services import load_service

    service = load_service(real_settings)
    yield service
    service.close()
