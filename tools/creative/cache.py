"""Content-addressed image store: `<id>.png` plus `<id>.json` (the `ImageResult`) under one folder.

The id hashes (model, prompt, negative prompt, seed, size), so the same request for the same
model is rendered once, and a change to any input is a new image rather than a stale one.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from PIL import Image
from pydantic import ValidationError

from muse.files import replaced_atomically
from tools.creative.models import ImageResult

log = logging.getLogger(__name__)


def image_key(model: str, prompt: str, negative_prompt: str, seed: int, size: int) -> str:
    """The content address of one render (24 hex chars of a SHA-256)."""
    payload = json.dumps([model, prompt, negative_prompt, int(seed), int(size)], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


class ImageCache:
    """PNG + JSON metadata per image id, written atomically so readers never see half a file."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def png_path(self, image_id: str) -> Path:
        return self.root / f"{image_id}.png"

    def meta_path(self, image_id: str) -> Path:
        return self.root / f"{image_id}.json"

    def get(self, image_id: str) -> ImageResult | None:
        """The stored result (marked `cached=True`), or None when absent or unreadable."""
        png, meta = self.png_path(image_id), self.meta_path(image_id)
        if not (png.is_file() and meta.is_file()):
            return None
        try:
            result = ImageResult.model_validate_json(meta.read_text(encoding="utf-8"))
        except (OSError, ValidationError):
            log.warning("unreadable image metadata %s; it will be rendered again", meta)
            return None
        return result.model_copy(update={"cached": True, "path": str(png), "seconds": 0.0})

    def put(self, image: Image.Image, result: ImageResult) -> ImageResult:
        """Store `image` under `result.image_id` and return the result pointing at the PNG."""
        self.root.mkdir(parents=True, exist_ok=True)
        png = self.png_path(result.image_id)
        stored = result.model_copy(update={"path": str(png), "cached": False})
        with replaced_atomically(png) as tmp_png:
            image.save(tmp_png, format="PNG", compress_level=1)
        with replaced_atomically(self.meta_path(result.image_id)) as tmp_meta:
            tmp_meta.write_text(stored.model_dump_json(indent=1), encoding="utf-8")
        return stored
