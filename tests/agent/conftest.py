"""A real MuseService over the shipped ml-latest-small catalog, with fast fakes for the models.

The stores, retriever (exact index), grounding, profile logic and poster images are all real; the
embedder is the deterministic FakeEmbedder and the GR scorer the popularity FakeScorer, so a
service builds in seconds. `tests/agent/test_real_models.py` runs the same scenarios on MiniLM,
HSTU and the SmolLM2 GGUF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from agent.build import build_service
from agent.service import MuseService
from muse.settings import Settings
from stores import open_stores
from stores.datasets import prepare_dataset
from tools.gr.scorer import FakeScorer
from tools.retriever import FakeEmbedder

from .fake_openai import fake_openai_servers


@pytest.fixture(scope="session")
def prepared_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Muse home with ml-latest-small imported and a FakeEmbedder index built (once per run)."""
    home = tmp_path_factory.mktemp("agent-home")
    settings = Settings(home=home, image_backend="poster", llm_backend="none")
    prepare_dataset(settings)
    stores = open_stores(settings, "ml-latest-small")
    build_service(settings, llm=None, stores=stores, embedder=FakeEmbedder(), scorer=None).close()
    return home


@pytest.fixture
def make_service(prepared_home: Path, tmp_path: Path) -> Iterator[Callable[..., MuseService]]:
    """Build services over a private copy of the prepared home (so tests never share users)."""
    import shutil

    built: list[MuseService] = []

    def make(llm: object | None = None, *, capable: bool = False, images: bool = True) -> MuseService:
        home = tmp_path / f"home{len(built)}"
        shutil.copytree(prepared_home, home)
        settings = Settings(home=home, image_backend="poster" if images else "none", llm_backend="none", llm_timeout_s=2.0)
        stores = open_stores(settings, "ml-latest-small")
        service = build_service(settings, llm=llm, stores=stores, embedder=FakeEmbedder(),
                                scorer=FakeScorer(stores.interactions.item_counts()), llm_capable=capable)
        built.append(service)
        return service

    yield make
    for service in built:
        service.close()


@pytest.fixture
def openai_server() -> Iterator[Callable[..., object]]:
    """Start fake OpenAI-compatible servers on loopback: `openai_server(replies)`."""
    yield from fake_openai_servers()
