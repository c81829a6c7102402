"""Which `ChatService` an interface serves: the real one, or the deterministic fake."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from agent.api import ChatService
from muse.settings import Settings

log = logging.getLogger(__name__)


def real_builder() -> Callable[[Settings], ChatService] | None:
    """The agent's `build_service`, or None while the agent does not provide one."""
    for name in ("agent.service", "agent.build"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        if hasattr(module, "build_service"):
            return module.build_service
    return None


def load_service(settings: Settings, fake: bool = False) -> ChatService:
    """The real service, or the fake when asked (or, with a warning, when the agent has none yet)."""
    build = None if fake else real_builder()
    if build is not None:
        return build(settings)
    if not fake:
        log.warning("the agent provides no build_service yet: serving the fake service")
    from ui.fake_service import fake_service

    return fake_service(settings.home)
