"""Stable Diffusion through diffusers (default `stabilityai/sd-turbo`: 1 step, 512 px).

The pipeline loads lazily on the first render (seconds to minutes), on cuda / mps / cpu, in fp16 on
a GPU. Renders are serialised by a lock (a pipeline is not thread-safe) and seeded per (user, item)
with a CPU generator, so the same request gives the same pixels on any device. The safety checker is
kept where the checkpoint has one; a flagged image is not shown, it falls back to the poster.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any

from PIL import Image

from muse.errors import BackendUnavailableError
from tools.creative.base import CachedGenerator
from tools.creative.cache import ImageCache
from tools.creative.clip_rank import ClipRanker
from tools.creative.models import ImagePlan, ImageRequest

log = logging.getLogger(__name__)


class SafetyFlagged(RuntimeError):
    """The pipeline's safety checker blanked the image."""


def pick_device(preference: str = "auto") -> str:
    """`preference` if not "auto", else cuda, then mps, then cpu."""
    if preference != "auto":
        return preference
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def hub_offline() -> bool:
    """True when the Hugging Face hub must not be contacted (HF_HUB_OFFLINE set truthy)."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def is_turbo(model: str) -> bool:
    """Adversarially distilled models (sd-turbo, sdxl-turbo) are trained without guidance."""
    return "turbo" in Path(model).name.lower()


def _dtype_kwarg(dtype: Any) -> dict[str, Any]:
    """diffusers 0.42 renamed `torch_dtype` to `dtype` (the old name warns); older ones want the old."""
    import diffusers
    from packaging.version import Version

    return {"dtype" if Version(diffusers.__version__) >= Version("0.42") else "torch_dtype": dtype}


class DiffusersGenerator(CachedGenerator):
    """Text-to-image with any diffusers text-to-image checkpoint (hub id with cached weights, or a folder)."""

    kind = "diffusion"
    inline = False

    def __init__(
        self,
        model: str,
        cache: ImageCache,
        *,
        steps: int = 1,
        guidance_scale: float | None = None,
        device: str = "auto",
        local_files_only: bool | None = None,
        best_of: int = 1,
        ranker: ClipRanker | None = None,
    ) -> None:
        super().__init__(cache)
        self.best_of = best_of if ranker is not None else 1
        self.ranker = ranker
        self.model = model
        self.steps = steps
        self.guidance_scale = guidance_scale if guidance_scale is not None else (0.0 if is_turbo(model) else 7.0)
        self.device_preference = device
        if local_files_only is None:
            local_files_only = hub_offline() or Path(model).expanduser().is_dir()
        self.local_files_only = local_files_only
        self._pipe: Any = None
        self._lock = threading.Lock()
        self.device: str | None = None
        self.load_seconds: float | None = None

    @property
    def cache_model(self) -> str:
        steps = f"{self.model}|steps={self.steps}|cfg={self.guidance_scale}"
        return f"{steps}|best_of={self.best_of}|clip={self.ranker.model}" if self.ranker and self.best_of > 1 else steps

    def warm_up(self) -> None:
        """Load the pipeline now rather than on the first render."""
        with self._lock:
            self.load()

    def load(self) -> Any:
        """The pipeline, loaded on first use; `BackendUnavailableError` when it cannot be."""
        if self._pipe is not None:
            return self._pipe
        import time

        import torch
        from diffusers import AutoPipelineForText2Image

        device = pick_device(self.device_preference)
        dtype = torch.float16 if device in {"cuda", "mps"} else torch.float32
        source = str(Path(self.model).expanduser()) if Path(self.model).expanduser().is_dir() else self.model
        start = time.perf_counter()
        try:
            pipe = AutoPipelineForText2Image.from_pretrained(
                source, local_files_only=self.local_files_only, **_dtype_kwarg(dtype)
            )
        except Exception as exc:  # missing files, bad config, wrong pipeline type: all mean "no model here"
            raise BackendUnavailableError(f"cannot load image model {self.model!r}: {exc}") from exc
        pipe = pipe.to(device)
        pipe.set_progress_bar_config(disable=True)
        self._pipe, self.device = pipe, device
        self.load_seconds = round(time.perf_counter() - start, 2)
        log.info("loaded %s on %s (%s) in %.1fs", self.model, device, dtype, self.load_seconds)
        return pipe

    def render(self, plan: ImagePlan, request: ImageRequest) -> Image.Image:
        import torch

        n = self.best_of
        with self._lock:
            pipe = self.load()
            # One CPU generator per candidate: candidate k is reproducible on its own (seed + k).
            generators = [torch.Generator(device="cpu").manual_seed(plan.seed + k) for k in range(n)]
            with torch.inference_mode():
                out = pipe(
                    prompt=plan.prompt,
                    negative_prompt=plan.negative_prompt if self.guidance_scale > 1 else None,
                    num_inference_steps=self.steps,
                    guidance_scale=self.guidance_scale,
                    height=plan.size,
                    width=plan.size,
                    num_images_per_prompt=n,
                    generator=generators if n > 1 else generators[0],
                    output_type="pil",
                )
        flagged = list(getattr(out, "nsfw_content_detected", None) or [False] * n)
        safe = [image for image, bad in zip(out.images, flagged, strict=True) if not bad]
        if not safe:
            raise SafetyFlagged("the safety checker flagged the image")
        if len(safe) > 1 and self.ranker is not None:
            best, scores = self.ranker.best(safe, plan.prompt)
            log.info("best of %d by CLIP for item %s: %s", len(safe), request.item.item_id, scores)
            return safe[best].convert("RGB")
        return safe[0].convert("RGB")
