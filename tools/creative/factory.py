"""Build the configured image generator and service from `Settings`.

`image_backend="auto"` uses diffusers when the model is a local diffusers folder or a hub id whose
weights are in the local Hugging Face cache, and the poster otherwise; nothing is ever downloaded.
"""

from __future__ import annotations

import logging
from pathlib import Path

from muse.settings import Settings
from tools.creative.base import FallbackGenerator
from tools.creative.cache import ImageCache
from tools.creative.clip_rank import ClipRanker
from tools.creative.condense import TasteCondenser
from tools.creative.diffusion import DiffusersGenerator
from tools.creative.models import ImageGenerator
from tools.creative.openai_images import OpenAIImageGenerator
from tools.creative.poster import PosterGenerator
from tools.creative.service import ImageService

log = logging.getLogger(__name__)


def locate_model(model: str) -> Path | None:
    """The local folder of a diffusers checkpoint (a path, or a hub id in the HF cache), else None."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path if (path / "model_index.json").is_file() else None
    try:
        from huggingface_hub import snapshot_download

        folder = Path(snapshot_download(model, local_files_only=True))
    except Exception:  # not cached, not a valid repo id, no hub library: all mean "not here"
        return None
    has_weights = any(folder.glob("unet/*.safetensors")) or any(folder.glob("unet/*.bin"))
    return folder if (folder / "model_index.json").is_file() and has_weights else None


def enable_hint(model: str) -> str:
    """What to do to get real diffusion instead of the poster (shown by the UI)."""
    return (
        f"No image model found ({model!r} is neither a local diffusers folder nor cached by Hugging Face). "
        "Set MUSE_IMAGE_MODEL=/path/to/diffusers-folder, or a hub id whose weights are cached "
        f"(e.g. run `hf download {model}` on a connected machine and copy the cache), then restart."
    )


def build_image_generator(settings: Settings) -> ImageGenerator | None:
    """The generator `settings.image_backend` asks for; None for "none".

    Every real backend is wrapped so that a failure gives an honestly labelled poster, not an error.
    """
    cache = ImageCache(settings.images_dir)
    backend = settings.image_backend
    if backend == "none":
        return None
    if backend == "poster":
        return PosterGenerator(cache, fallback_reason="poster backend selected (MUSE_IMAGE_BACKEND=poster)")
    if backend == "openai":
        key = settings.image_api_key or settings.llm_api_key
        primary: ImageGenerator = OpenAIImageGenerator(
            settings.image_model,
            cache,
            base_url=settings.image_base_url or settings.llm_base_url,
            api_key=key.get_secret_value() if key else None,
        )
        return FallbackGenerator(primary, PosterGenerator(cache))
    folder = locate_model(settings.image_model)
    if folder is None and backend == "auto":
        return PosterGenerator(cache, fallback_reason=enable_hint(settings.image_model))
    diffusion = DiffusersGenerator(
        settings.image_model,
        cache,
        steps=settings.image_steps,
        device=settings.device,
        local_files_only=True if folder is not None else None,
        best_of=settings.image_best_of,
        ranker=ClipRanker(settings.image_clip_model) if settings.image_clip_model and settings.image_best_of > 1 else None,
    )
    return FallbackGenerator(diffusion, PosterGenerator(cache, fallback_reason=enable_hint(settings.image_model)))


def build_image_service(settings: Settings, llm: object | None = None) -> ImageService | None:
    """The non-blocking service over `build_image_generator(settings)`; None when images are off.

    Pass a LangChain chat model as `llm` to condense taste keywords (PMG's LLM step); without it the
    deterministic keywords are used.
    """
    generator = build_image_generator(settings)
    if generator is None:
        return None
    condenser = TasteCondenser(llm) if llm is not None else None
    return ImageService(generator, budget_s=settings.image_budget_s, condenser=condenser)
