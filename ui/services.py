"""Which `ChatService` an interface serves: the real agent, or the deterministic fake."""

from __future__ import annotations

from agent.api import ChatService
from muse.settings import Settings


def load_service(settings: Settings, fake: bool = False) -> ChatService:
    """The agent's service built from settings, or the fake (`--fake`: no models, starts in seconds)."""
    if fake:
        from ui.fake_service import fake_service

        return fake_service(settings.home)
    from agent.build import build_service

    return build_service(settings)
