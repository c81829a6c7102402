"""The Pillow poster fallback: honest, personalised, fast, and fine without system fonts."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from muse.settings import Settings
from tests.creative.helpers import request
from tools.creative import ImageCache, PosterGenerator, build_image_generator, build_image_service
from tools.creative import poster as poster_module
from tools.creative.models import ItemFacts


def test_poster_is_labelled_and_sized(tmp_path: Path) -> None:
    result = PosterGenerator(ImageCache(tmp_path), fallback_reason="no model").generate(request(size=256))
    assert result.kind == "poster" and result.is_fallback and result.fallback_reason == "no model"
    assert result.model == "poster-v1"
    with Image.open(result.path) as image:
        assert image.size == (256, 256) and image.mode == "RGB"


def test_palette_follows_the_users_taste(tmp_path: Path) -> None:
    generator = PosterGenerator(ImageCache(tmp_path))
    space = np.asarray(Image.open(generator.generate(request("a", like=("space", "robots"))).path), np.float32)
    romance = np.asarray(Image.open(generator.generate(request("b", like=("romance",))).path), np.float32)
    assert space[:, :, 2].mean() > space[:, :, 0].mean()  # blue night sky
    assert romance[:, :, 0].mean() > romance[:, :, 2].mean()  # rose
    assert poster_module.pick_theme((), ("action", "drama", "war")).name == "field"  # specific genre wins
    assert poster_module.pick_theme(("star wars",), ()).name != "field"


def test_cache_hit_and_speed(tmp_path: Path) -> None:
    generator = PosterGenerator(ImageCache(tmp_path))
    generator.generate(request("warm-up"))
    start = time.perf_counter()
    first = generator.generate(request("speed", size=512))
    elapsed = time.perf_counter() - start
    hit = generator.generate(request("speed", size=512))
    assert hit.cached and hit.image_id == first.image_id
    assert elapsed < 0.25  # goal is 50 ms (see bench/creative.py); loose here for busy CI machines


def test_renders_with_pillows_default_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    poster_module.font.cache_clear()
    monkeypatch.setattr(poster_module, "_font_file", lambda bold: None)
    try:
        long = ItemFacts(item_id=9, title="A Very Long Title That Needs Several Lines To Fit", year=None, genres=())
        result = PosterGenerator(ImageCache(tmp_path)).generate(request(item=long, like=(), size=128))
        assert Image.open(result.path).size == (128, 128)
    finally:
        poster_module.font.cache_clear()


def test_factory_auto_without_weights_says_how_to_enable_a_model(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, image_model=str(tmp_path / "missing"))
    generator = build_image_generator(settings)
    assert isinstance(generator, PosterGenerator)
    assert generator.fallback_reason and "MUSE_IMAGE_MODEL" in generator.fallback_reason
    assert build_image_generator(Settings(home=tmp_path, image_backend="none")) is None
    service = build_image_service(settings)
    assert service is not None
    [ticket] = service.submit([request()])
    assert ticket.status == "ready" and ticket.result is not None
    assert Path(ticket.result.path).parent == settings.images_dir
