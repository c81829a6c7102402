"""A prepared Muse home (ml-latest-small + FakeEmbedder index) shared by the eval tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from muse.settings import Settings
from stores.datasets import prepare_dataset


@pytest.fixture(scope="session")
def eval_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    home = tmp_path_factory.mktemp("eval-home")
    settings = Settings(home=home, image_backend="poster", llm_backend="none", dataset="movielens-small")
    prepare_dataset(settings)
    return settings


@pytest.fixture
def home(eval_settings: Settings) -> Path:
    return eval_settings.home
