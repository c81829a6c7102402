"""Best-of-N selection by CLIP score (PMG ranks candidate images by how well they fit the prompt).

Off by default (`MUSE_IMAGE_BEST_OF=1`). With `MUSE_IMAGE_CLIP_MODEL` set to a local CLIP folder or a
cached hub id and `MUSE_IMAGE_BEST_OF=N`, the diffusers backend draws N candidates (seeds s..s+N-1)
and keeps the one whose CLIP image embedding is closest to the prompt's text embedding.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from PIL import Image

from muse.errors import BackendUnavailableError


class ClipRanker:
    """Scores images against a text with a CLIP model loaded lazily from local files."""

    def __init__(self, model: str, device: str = "cpu") -> None:
        self.model = model
        self.device = device
        self._loaded: tuple[Any, Any] | None = None
        self._lock = threading.Lock()

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._loaded is None:
                from transformers import CLIPModel, CLIPProcessor

                try:
                    clip = CLIPModel.from_pretrained(self.model, local_files_only=True).to(self.device).eval()
                    processor = CLIPProcessor.from_pretrained(self.model, local_files_only=True)
                except (OSError, ValueError) as exc:
                    raise BackendUnavailableError(f"cannot load CLIP model {self.model!r}: {exc}") from exc
                self._loaded = (clip, processor)
            return self._loaded

    def scores(self, images: Sequence[Image.Image], text: str) -> list[float]:
        """Cosine similarity (x CLIP's logit scale) of each image to `text`, in input order."""
        import torch

        clip, processor = self._load()
        inputs = processor(text=[text], images=list(images), return_tensors="pt", padding=True, truncation=True)
        with torch.inference_mode():
            logits = clip(**{k: v.to(self.device) for k, v in inputs.items()}).logits_per_image  # (n_images, 1)
        return [float(x) for x in logits[:, 0].cpu()]

    def best(self, images: Sequence[Image.Image], text: str) -> tuple[int, list[float]]:
        """Index of the best image and all scores."""
        scores = self.scores(images, text)
        return max(range(len(scores)), key=scores.__getitem__), scores
