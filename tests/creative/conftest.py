"""Session fixtures for the creative tests: the tiny random SD pipeline, built once in a temp dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.creative.tiny import build_tiny_pipeline


@pytest.fixture(scope="session")
def tiny_pipeline_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of the tiny pipeline (built once per session, loaded with from_pretrained by the tests)."""
    return build_tiny_pipeline(tmp_path_factory.mktemp("tiny-sd"))


@pytest.fixture(scope="session")
def tiny_clip_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of a tiny random CLIP model and processor, for best-of-N."""
    from tools.creative.tiny import build_tiny_clip

    return build_tiny_clip(tmp_path_factory.mktemp("tiny-clip"))
