"""An OpenAI-compatible images endpoint (OpenAI, or a local server speaking `/v1/images/generations`).

Optional: nothing here runs unless `MUSE_IMAGE_BACKEND=openai`. The API takes no seed, so the cache
is what makes a visual stable for a (user, item); and it takes no negative prompt, so dislikes are
appended as an "avoid:" clause instead.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from PIL import Image

from tools.creative.base import CachedGenerator
from tools.creative.cache import ImageCache
from tools.creative.models import ImagePlan, ImageRequest

_FIXED_SIZE_MODELS = ("gpt-image", "dall-e-3")


class ImagesEndpointError(RuntimeError):
    """One request to the images endpoint failed (not sticky: the next request tries again)."""


class OpenAIImageGenerator(CachedGenerator):
    """Images from an OpenAI-compatible server; PNGs are resized to the requested size."""

    kind = "openai"
    inline = False

    def __init__(
        self,
        model: str,
        cache: ImageCache,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout_s: float = 60.0,
        client: Any = None,
    ) -> None:
        super().__init__(cache)
        self.model = model
        self._client = client
        self._client_args = {"base_url": base_url, "api_key": api_key or "unused", "timeout": timeout_s}

    def _get_client(self) -> Any:
        if self._client is None:
            from openai import OpenAI

            self._client = OpenAI(**self._client_args)
        return self._client

    def render(self, plan: ImagePlan, request: ImageRequest) -> Image.Image:
        fixed = self.model.startswith(_FIXED_SIZE_MODELS)
        args: dict[str, Any] = {
            "model": self.model,
            "prompt": f"{plan.prompt}. Avoid: {plan.negative_prompt}.",
            "n": 1,
            "size": "1024x1024" if fixed else f"{plan.size}x{plan.size}",
        }
        if self.model.startswith("dall-e"):
            args["response_format"] = "b64_json"  # GPT image models always answer in base64
        try:
            response = self._get_client().images.generate(**args)
        except Exception as exc:  # connection, auth, quota: this render falls back, the next one retries
            raise ImagesEndpointError(f"images endpoint failed: {type(exc).__name__}: {exc}") from exc
        data = response.data[0] if response.data else None
        if data is None or not getattr(data, "b64_json", None):
            raise ImagesEndpointError("images endpoint returned no base64 image")
        image = Image.open(io.BytesIO(base64.b64decode(data.b64_json))).convert("RGB")
        if image.size != (plan.size, plan.size):
            image = image.resize((plan.size, plan.size), Image.Resampling.LANCZOS)
        return image
