"""`build_service(settings)`: wire stores, retriever, GR scorer, images and LLM into a MuseService."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agent.service import MuseService, Services
from agent.understand.judge import GenreJudge
from agent.understand.roles import TitleRoles
from muse.errors import MuseError
from muse.settings import Settings
from stores import dataset_ready, open_stores, open_turn_lock
from stores.base import Stores
from stores.cached import CachedCatalog
from stores.datasets import dataset_slug, prepare_dataset
from tools.protocols import Embedder, Scorer
from tools.retriever import TitleGrounder, build_embedder, build_retriever

log = logging.getLogger("muse.agent")
DEFAULT: Any = object()


def load_scorer(settings: Settings, slug: str) -> Scorer | None:
    """The trained HSTU for the dataset, or None (the turn then ranks without GR, and says so)."""
    from tools.gr.scorer import GRScorer, checkpoint_path

    path = checkpoint_path(settings, slug)
    if not path.exists():
        log.warning("no GR checkpoint at %s: run `muse gr train`; ranking without GR", path)
        return None
    return GRScorer.for_dataset(settings, slug)


def load_genre_judge(settings: Settings) -> GenreJudge | None:
    """The trained genre judge, or None (the parser's rules alone; a file that cannot be read is logged)."""
    from agent.understand.judge_model import load_judge

    return _trained(settings.genre_judge, settings.judge_path, load_judge, "genre judge", "train-judge", "genres")


def load_title_roles(settings: Settings) -> TitleRoles | None:
    """The trained title-role model, or None (the parser's rules alone; a file that cannot be read is logged)."""
    from agent.understand.roles_model import load_roles

    return _trained(settings.title_roles, settings.roles_path, load_roles, "title-role model", "train-roles", "films' roles")


def _trained(enabled: bool, path: Path, load: Callable[[bool, Path], Any], what: str, command: str, reads: str) -> Any:
    if enabled and not path.exists():
        log.warning("no %s at %s: run `muse understand %s`; %s from the rules alone", what, path, command, reads)
    try:
        return load(enabled, path)
    except MuseError as exc:
        log.warning("%s not loaded (%s); %s from the rules alone", what, exc, reads)
        return None


def build_service(settings: Settings, llm: Any = DEFAULT, *, stores: Stores | None = None, embedder: Embedder | None = None,
                  scorer: Scorer | None | Any = DEFAULT, images: Any = DEFAULT, llm_capable: bool | None = None,
                  judge: GenreJudge | None | Any = DEFAULT, roles: TitleRoles | None | Any = DEFAULT) -> MuseService:
    """The service for `settings.dataset`. Everything not injected is built from settings:
    the dataset is prepared and the index built if missing (both incremental and cached)."""
    slug = dataset_slug(settings.dataset)
    if stores is None:
        if not dataset_ready(settings, slug):
            prepare_dataset(settings)
        stores = open_stores(settings, slug)
        stores.catalog = CachedCatalog(stores.catalog)  # read hundreds of times a turn, changed by imports only
    embedder = embedder or build_embedder(settings)
    retriever = build_retriever(settings, stores, embedder, slug=slug, ensure_built=True)
    grounder = TitleGrounder(stores.catalog, embedder=embedder, index=retriever.vectors)
    if llm is DEFAULT:
        from agent.llm import build_chat_model

        llm = build_chat_model(settings)
    if llm_capable is None:
        from agent.llm import is_capable

        llm_capable = is_capable(settings)
    if images is DEFAULT:
        from tools.creative.factory import build_image_service

        # No LLM taste condensing here: it would cost one LLM call per image, past the per-turn cap.
        images = build_image_service(settings)
        if images is not None:
            images.warm_up()  # load weights / fonts on the image worker, off the first turn's path
    return MuseService(Services(
        settings=settings, stores=stores, retriever=retriever, grounder=grounder,
        scorer=load_scorer(settings, slug) if scorer is DEFAULT else scorer,
        images=images, llm=llm, llm_capable=bool(llm_capable), turn_lock=open_turn_lock(settings, slug),
        judge=load_genre_judge(settings) if judge is DEFAULT else judge,
        roles=load_title_roles(settings) if roles is DEFAULT else roles,
    ))
