"""Which `ChatService` an interface serves: the real one, or the deterministic fake."""

from __future__ import annotations

import logging

from agent.api import ChatService
from muse.settings import Settings

log = logging.getLogger(__name__)


def load_service(settings: Settings, fake: bool = False) -> ChatService:
    """The real service (`agent.service.build_service`), or the fake when asked or not yet built."""
    if not fake:
        try:
            from agent.service import build_service
        except ModuleNotFoundError as exc:
            if exc.name != "agent.service":
                raise
            log.warning("agent.service is not available yet: serving the fake service")
        else:
            return build_service(settings)
    from ui.fake_service import fake_service

    return fake_service(settings.home)
