"""What every backend shares: plan the prompt, look in the cache, render, store."""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod

from PIL import Image

from muse.errors import BackendUnavailableError
from tools.creative.cache import ImageCache, image_key
from tools.creative.models import ImageGenerator, ImageKind, ImagePlan, ImageRequest, ImageResult
from tools.creative.prompt import build_prompt, seed_for

log = logging.getLogger(__name__)


class CachedGenerator(ABC):
    """A backend that only has to implement `render`; planning and caching are shared."""

    kind: ImageKind
    model: str
    inline: bool = False

    def __init__(self, cache: ImageCache, *, fallback_reason: str | None = None) -> None:
        self.cache = cache
        self.fallback_reason = fallback_reason

    @property
    def cache_model(self) -> str:
        """The model as the cache key sees it (a backend adds whatever else changes its pixels)."""
        return self.model

    def plan(self, request: ImageRequest) -> ImagePlan:
        """Prompt, seed and content-addressed id for `request`, without rendering."""
        parts = build_prompt(request)
        seed = request.seed if request.seed is not None else seed_for(request.user_id, request.item.item_id)
        image_id = image_key(self.cache_model, parts.prompt, parts.negative_prompt, seed, request.size)
        return ImagePlan(
            image_id=image_id,
            prompt=parts.prompt,
            negative_prompt=parts.negative_prompt,
            seed=seed,
            size=request.size,
            model=self.model,
            like_keywords=parts.like_keywords,
            dislike_keywords=parts.dislikes,
        )

    def cached(self, request: ImageRequest) -> ImageResult | None:
        """The stored result for `request`, or None."""
        return self.cache.get(self.plan(request).image_id)

    def generate(self, request: ImageRequest) -> ImageResult:
        """Render `request` unless the cache has it; a cache hit never touches the backend."""
        plan = self.plan(request)
        hit = self.cache.get(plan.image_id)
        if hit is not None:
            return hit
        start = time.perf_counter()
        image = self.render(plan, request)
        result = ImageResult(
            image_id=plan.image_id,
            item_id=request.item.item_id,
            user_id=request.user_id,
            path="",
            kind=self.kind,
            prompt=plan.prompt,
            negative_prompt=plan.negative_prompt,
            seed=plan.seed,
            size=plan.size,
            model=self.model,
            seconds=round(time.perf_counter() - start, 4),
            fallback_reason=self.fallback_reason,
        )
        return self.cache.put(image, result)

    def warm_up(self) -> None:
        """Load whatever the first render would (weights, fonts); a no-op by default."""

    @abstractmethod
    def render(self, plan: ImagePlan, request: ImageRequest) -> Image.Image:
        """Draw the image for `plan` (size `plan.size` square, RGB)."""


class FallbackGenerator:
    """The configured backend, degrading to a fallback (the poster) when it fails.

    A backend that cannot load (`BackendUnavailableError`) is not retried for the life of this
    object; a failure of one render falls back for that request only. Either way the result says
    why in `fallback_reason`.
    """

    def __init__(self, primary: ImageGenerator, fallback: ImageGenerator) -> None:
        self.primary = primary
        self.fallback = fallback
        self.broken: str | None = None

    @property
    def active(self) -> ImageGenerator:
        return self.fallback if self.broken else self.primary

    @property
    def kind(self) -> ImageKind:  # type: ignore[override]
        return self.active.kind

    @property
    def model(self) -> str:
        return self.active.model

    @property
    def inline(self) -> bool:
        return self.active.inline

    def plan(self, request: ImageRequest) -> ImagePlan:
        return self.active.plan(request)

    def cached(self, request: ImageRequest) -> ImageResult | None:
        return self.active.cached(request)

    def warm_up(self) -> None:
        """Load the primary now (e.g. at startup, off the chat path); a failure switches to the fallback."""
        try:
            getattr(self.primary, "warm_up", lambda: None)()
        except BackendUnavailableError as exc:
            self.broken = f"{self.primary.kind} backend unavailable: {exc}"
            log.warning("image backend %s unavailable, using the poster fallback: %s", self.primary.model, exc)
        getattr(self.fallback, "warm_up", lambda: None)()

    def generate(self, request: ImageRequest) -> ImageResult:
        """The primary's image, or the fallback's with the reason the primary gave none."""
        if self.broken:
            return self._fallback(request, self.broken)
        try:
            return self.primary.generate(request)
        except BackendUnavailableError as exc:
            self.broken = f"{self.primary.kind} backend unavailable: {exc}"
            log.warning("image backend %s unavailable, using the poster fallback: %s", self.primary.model, exc)
            return self._fallback(request, self.broken)
        except Exception as exc:  # one bad render must not cost the chat turn its picture
            log.exception("image backend %s failed on item %s", self.primary.model, request.item.item_id)
            return self._fallback(request, f"{self.primary.kind} render failed: {type(exc).__name__}")

    def _fallback(self, request: ImageRequest, reason: str) -> ImageResult:
        return self.fallback.generate(request).model_copy(update={"fallback_reason": reason})
