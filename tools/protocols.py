"""The backends the agent talks to, each behind a small Protocol with a real and a fake implementation.

- `Embedder`: text -> L2-normalised float32 vectors (MiniLM, llama.cpp, OpenAI-compatible, fake).
- `Scorer`: the GR model (HSTU / SASRec) ranking candidates for a history in one pass.
- `ImageGenerator`: personalised visuals (diffusers, OpenAI images, poster fallback).
The retriever's interface lives in `tools.retriever`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into vectors. `embed` returns shape (len(texts), dim), float32, rows L2-normalised."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


@runtime_checkable
class Scorer(Protocol):
    """A sequential recommender over catalog item ids."""

    name: str

    def score(self, history: Sequence[int], candidates: Sequence[int]) -> np.ndarray:
        """Scores of `candidates` (shape (len(candidates),)) as next items after `history`, one pass."""

    def user_embedding(self, history: Sequence[int]) -> np.ndarray | None:
        """The user's vector after `history`, or None when the history has no known item."""

    def recommend(self, history: Sequence[int], k: int, exclude: Sequence[int] = ()) -> list[tuple[int, float]]:
        """Top-k (item id, score) over the whole catalog the model knows, `exclude` removed."""
