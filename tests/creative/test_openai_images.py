"""The OpenAI-compatible images backend against a stub client (no network)."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from types import SimpleNamespace

from PIL import Image

from tests.creative.helpers import request
from tools.creative import FallbackGenerator, ImageCache, OpenAIImageGenerator, PosterGenerator


class StubImages:
    """Answers like `client.images` with a 1024 px PNG, or raises when told to."""

    def __init__(self, fail: bool = False) -> None:
        self.fail, self.calls = fail, []

    def generate(self, **kwargs: object) -> SimpleNamespace:
        self.calls.append(kwargs)
        if self.fail:
            raise ConnectionError("server down")
        buffer = io.BytesIO()
        Image.new("RGB", (1024, 1024), (200, 30, 30)).save(buffer, format="PNG")
        return SimpleNamespace(data=[SimpleNamespace(b64_json=base64.b64encode(buffer.getvalue()).decode())])


def test_openai_backend_resizes_and_caches(tmp_path: Path) -> None:
    images = StubImages()
    generator = OpenAIImageGenerator("gpt-image-1", ImageCache(tmp_path), client=SimpleNamespace(images=images))
    result = generator.generate(request(dislike=("gore",), size=256))
    assert result.kind == "openai" and Image.open(result.path).size == (256, 256)
    assert images.calls[0]["size"] == "1024x1024" and "response_format" not in images.calls[0]
    assert "Avoid:" in str(images.calls[0]["prompt"]) and "gore" in str(images.calls[0]["prompt"])
    assert generator.generate(request(dislike=("gore",), size=256)).cached and len(images.calls) == 1


def test_openai_failure_falls_back_per_request(tmp_path: Path) -> None:
    images = StubImages(fail=True)
    primary = OpenAIImageGenerator("dall-e-2", ImageCache(tmp_path), client=SimpleNamespace(images=images))
    fallback = FallbackGenerator(primary, PosterGenerator(ImageCache(tmp_path)))
    result = fallback.generate(request(size=64))
    assert result.kind == "poster" and "openai render failed" in (result.fallback_reason or "")
    assert fallback.broken is None and fallback.kind == "openai"  # the next request tries the server again
