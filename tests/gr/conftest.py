"""Tiny synthetic data for the GR tests: every user walks a cycle over the catalog."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from muse.domain import Interaction

torch.set_num_threads(2)


def cycle_histories(users: int = 200, items: int = 50, length: int = 12, seed: int = 0) -> list[tuple[str, list[Interaction]]]:
    """User u starts at a random item and always moves to the next id (mod `items`); ids are 101..100+items."""
    rng = np.random.default_rng(seed)
    out = []
    for u in range(users):
        start = int(rng.integers(items))
        seq = [Interaction(f"u{u:04d}", 101 + (start + t) % items, ts=1_000_000 + 60 * t) for t in range(length)]
        out.append((f"u{u:04d}", seq))
    return out


@pytest.fixture(scope="session")
def histories() -> list[tuple[str, list[Interaction]]]:
    return cycle_histories()
