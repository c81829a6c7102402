"""Shared test fixtures. Every test runs offline with its own Muse home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from muse.settings import OFFLINE_ENV, Settings

for _key, _value in OFFLINE_ENV.items():
    os.environ.setdefault(_key, _value)

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SHIPPED_SMALL = REPO / "data" / "ml-latest-small"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a private, empty Muse home."""
    return Settings(home=tmp_path / "home")


def shared_dataset(name: str) -> Path:
    """A dataset under ../shared/data, or skip the test with the reason."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"{path} is absent (licence forbids shipping it; see README)")
    return path
