"""Personalised visuals for recommended items (PMG-style prompts, diffusers, honest poster fallback).

Entry points: `build_image_service(settings, llm=None)` for the agent and UI, `ImageRequest` to ask,
`ImageTicket` / `ImageResult` for what comes back. See tools/creative/README.md.
"""

from tools.creative.base import CachedGenerator, FallbackGenerator
from tools.creative.cache import ImageCache, image_key
from tools.creative.condense import Taste, TasteCondenser
from tools.creative.diffusion import DiffusersGenerator
from tools.creative.factory import build_image_generator, build_image_service, enable_hint, locate_model
from tools.creative.models import ImageGenerator, ImageKind, ImagePlan, ImageRequest, ImageResult, ItemFacts
from tools.creative.openai_images import OpenAIImageGenerator
from tools.creative.poster import PosterGenerator
from tools.creative.prompt import build_prompt, seed_for
from tools.creative.service import ImageService, ImageTicket

__all__ = [
    "CachedGenerator",
    "DiffusersGenerator",
    "FallbackGenerator",
    "ImageCache",
    "ImageGenerator",
    "ImageKind",
    "ImagePlan",
    "ImageRequest",
    "ImageResult",
    "ImageService",
    "ImageTicket",
    "ItemFacts",
    "OpenAIImageGenerator",
    "PosterGenerator",
    "Taste",
    "TasteCondenser",
    "build_image_generator",
    "build_image_service",
    "build_prompt",
    "enable_hint",
    "image_key",
    "locate_model",
    "seed_for",
]
