"""The real diffusers code path on CPU, through a tiny random pipeline loaded from disk."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from muse.settings import Settings
from tests.creative.helpers import request
from tools.creative import (
    DiffusersGenerator,
    FallbackGenerator,
    ImageCache,
    ImageService,
    PosterGenerator,
    build_image_generator,
)
from tools.creative.clip_rank import ClipRanker


@pytest.fixture(scope="module")
def generator(tiny_pipeline_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> DiffusersGenerator:
    cache = ImageCache(tmp_path_factory.mktemp("images"))
    return DiffusersGenerator(str(tiny_pipeline_dir), cache, steps=2, local_files_only=True)


@pytest.mark.parametrize("size", [64, 48])
def test_renders_the_requested_size_through_from_pretrained(generator: DiffusersGenerator, size: int) -> None:
    result = generator.generate(request(size=size))
    assert result.kind == "diffusion" and result.fallback_reason is None and not result.cached
    assert type(generator.load()).__name__ == "StableDiffusionPipeline"  # chosen by AutoPipeline
    assert generator.device == "cpu" and generator.guidance_scale > 1  # not a turbo model: CFG on
    with Image.open(result.path) as image:
        assert image.size == (size, size) and image.mode == "RGB"
    assert Path(result.path).with_suffix(".json").is_file()


def test_same_seed_gives_same_pixels(generator: DiffusersGenerator, tmp_path: Path) -> None:
    other = DiffusersGenerator(generator.model, ImageCache(tmp_path), steps=2, local_files_only=True)
    other._pipe, other.device = generator.load(), generator.device  # same weights, fresh cache
    first = generator.generate(request(user_id="same", size=48))
    again = other.generate(request(user_id="same", size=48))
    different = other.generate(request(user_id="same", size=48, seed=first.seed + 1))
    assert not again.cached and again.seed == first.seed
    pixels = [np.asarray(Image.open(r.path)) for r in (first, again, different)]
    assert np.array_equal(pixels[0], pixels[1])
    assert not np.array_equal(pixels[0], pixels[2])


def test_cache_hit_skips_the_pipeline(generator: DiffusersGenerator, tiny_pipeline_dir: Path) -> None:
    first = generator.generate(request(user_id="cache", size=48))
    fresh = DiffusersGenerator(str(tiny_pipeline_dir), generator.cache, steps=2, local_files_only=True)
    hit = fresh.generate(request(user_id="cache", size=48))
    assert hit.cached and hit.image_id == first.image_id and hit.path == first.path
    assert fresh._pipe is None  # the pipeline was never even loaded


def test_service_returns_pending_then_ready(generator: DiffusersGenerator) -> None:
    service = ImageService(generator, budget_s=0.0)
    try:
        [ticket] = service.submit([request(user_id="bg", size=48)])
        assert ticket.status == "pending" and ticket.result is None
        done = service.wait(ticket.ticket_id, timeout=60)
        assert done is not None and done.status == "ready" and done.result is not None
        assert done.result.kind == "diffusion" and Path(done.result.path).is_file()
        [again] = service.submit([request(user_id="bg", size=48)])
        assert again.status == "ready" and again.result is not None and again.result.image_id == done.result.image_id
    finally:
        service.close()


def test_factory_auto_uses_a_local_model_folder(tiny_pipeline_dir: Path, tmp_path: Path) -> None:
    built = build_image_generator(Settings(home=tmp_path, image_model=str(tiny_pipeline_dir), image_steps=1))
    assert isinstance(built, FallbackGenerator) and isinstance(built.primary, DiffusersGenerator)
    assert built.kind == "diffusion"


def test_missing_weights_fall_back_to_an_honest_poster(tmp_path: Path) -> None:
    broken = DiffusersGenerator(str(tmp_path / "no-such-model"), ImageCache(tmp_path), local_files_only=True)
    fallback = FallbackGenerator(broken, PosterGenerator(ImageCache(tmp_path)))
    result = fallback.generate(request(size=64))
    assert result.kind == "poster" and result.fallback_reason and "unavailable" in result.fallback_reason
    assert fallback.inline and fallback.kind == "poster"  # later requests go straight to the poster


def test_best_of_n_keeps_the_candidate_clip_prefers(
    generator: DiffusersGenerator, tiny_clip_dir: Path, tmp_path: Path
) -> None:
    ranker = ClipRanker(str(tiny_clip_dir))
    best = DiffusersGenerator(generator.model, ImageCache(tmp_path / "best"), steps=2, best_of=3, ranker=ranker)
    best._pipe, best.device = generator.load(), generator.device
    result = best.generate(request(user_id="clip", size=48))
    assert result.kind == "diffusion" and result.image_id != generator.plan(request(user_id="clip", size=48)).image_id
    single = DiffusersGenerator(generator.model, ImageCache(tmp_path / "one"), steps=2)
    single._pipe, single.device = best._pipe, best.device
    candidates = [Image.open(single.generate(request(user_id="clip", size=48, seed=result.seed + k)).path) for k in range(3)]
    winner, scores = ranker.best(candidates, result.prompt)
    chosen = np.asarray(Image.open(result.path), np.int16)
    diffs = [np.abs(chosen - np.asarray(c, np.int16)).max() for c in candidates]
    assert int(np.argmin(diffs)) == winner and diffs[winner] <= 2  # batched vs single: float noise only
    assert len(set(scores)) == 3


def test_warm_up_loads_off_the_chat_path(tiny_pipeline_dir: Path, tmp_path: Path) -> None:
    diffusion = DiffusersGenerator(str(tiny_pipeline_dir), ImageCache(tmp_path), local_files_only=True)
    service = ImageService(FallbackGenerator(diffusion, PosterGenerator(ImageCache(tmp_path))))
    service.warm_up().result(timeout=60)
    assert diffusion._pipe is not None and service.generator.kind == "diffusion"
    missing = FallbackGenerator(
        DiffusersGenerator(str(tmp_path / "nothing"), ImageCache(tmp_path), local_files_only=True),
        PosterGenerator(ImageCache(tmp_path)),
    )
    missing.warm_up()
    assert missing.broken and missing.kind == "poster" and missing.inline
    service.close()
