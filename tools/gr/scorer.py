"""`GRScorer`: a trained HSTU / SASRec checkpoint behind `tools.protocols.Scorer`, and `FakeScorer`.

Defined behaviour on awkward input, never a crash:
- unknown item ids (not in the checkpoint's catalog) are skipped; `last_notes` says which;
  an unknown candidate gets `UNKNOWN_SCORE`, below every real score;
- a history with no known item falls back to popularity (scores in [0, 1]);
- a history longer than the model's `max_len` keeps its most recent `max_len` items.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import torch

from muse.settings import Settings
from tools.gr.checkpoint import Checkpoint, load_checkpoint
from tools.gr.data import pad_left, request_times
from tools.gr.train import resolve_device

log = logging.getLogger(__name__)

#: Score of a candidate the model does not know: below any cosine similarity or popularity share.
UNKNOWN_SCORE = -10.0


Head = Literal["auto", "rank", "retrieval"]


def checkpoint_path(settings: Settings, slug: str, model: str = "hstu") -> Path:
    """Where `muse gr train` saves a dataset's checkpoint (or `settings.gr_checkpoint` when set)."""
    return settings.gr_checkpoint or settings.gr_dir(slug) / f"{model}.pt"


class GRScorer:
    """Ranks candidates for a history with a trained GR model, all candidates in one forward pass.

    `head="rank"` adds to the retrieval cosine each candidate's target-aware score from its own
    M-FALCON token; `head="retrieval"` dots the user vector with the item vectors only; `"auto"`
    (default) uses the rank head only when the checkpoint trained it (`rank_weight > 0`).
    """

    def __init__(self, ckpt: Checkpoint, device: str = "cpu", head: Head = "auto") -> None:
        self.ckpt = ckpt
        self.device = resolve_device(device)
        self.model = ckpt.model.to(self.device).eval()
        trained_rank = float(ckpt.train_config.get("rank_weight", 1.0)) > 0
        self.head = ("rank" if trained_rank else "retrieval") if head == "auto" else head
        self.name = f"gr-{ckpt.config.model}"
        self.last_notes: list[str] = []
        pop = ckpt.popularity.astype(np.float64)
        self._pop_share = pop / pop.max() if pop.max() > 0 else pop
        self._item_vectors: tuple[np.ndarray, np.ndarray] | None = None

    @classmethod
    def from_checkpoint(cls, path: Path, device: str = "auto", head: Head = "auto", threads: int = 2) -> "GRScorer":
        """Load a checkpoint written by `muse gr train`."""
        torch.set_num_threads(max(1, min(torch.get_num_threads(), threads)))
        dev = resolve_device(device)
        return cls(load_checkpoint(path, dev), str(dev), head)

    @classmethod
    def for_dataset(cls, settings: Settings, slug: str, model: str = "hstu", head: Head = "auto") -> "GRScorer":
        """The scorer trained for a dataset slug (see `checkpoint_path`)."""
        return cls.from_checkpoint(checkpoint_path(settings, slug, model), settings.device, head)

    # Input handling --------------------------------------------------------------------------
    def _known(self, ids: Sequence[int], what: str) -> np.ndarray:
        idx = self.ckpt.id_map.indices(list(ids))
        unknown = [int(i) for i, x in zip(ids, idx) if x == 0]
        if unknown:
            note = f"skipped {len(unknown)} unknown {what} id(s): {unknown[:10]}"
            self.last_notes.append(note)
            log.info(note)
        return idx

    def _history(self, history: Sequence[int], timestamps: Sequence[int] | None) -> tuple[torch.Tensor, ...] | None:
        """(1, L) padded indices, times and request times of the known, most recent items; None if
        none is known. The next item is assumed to be asked for one typical gap after the last."""
        idx = self._known(history, "history item")
        keep = idx > 0
        if not keep.any():
            return None
        if timestamps is None:  # unknown times: assume the typical spacing seen in training
            times = np.zeros(len(idx), dtype=np.int64)
            times[keep] = np.arange(int(keep.sum()), dtype=np.int64) * self.ckpt.median_gap_s
        else:
            times = np.asarray(timestamps, dtype=np.int64)
            if len(times) != len(idx):
                raise ValueError("timestamps must have one entry per history item")
        max_len = self.ckpt.config.max_len
        if keep.sum() > max_len:
            self.last_notes.append(f"history truncated to the last {max_len} of {int(keep.sum())} known items")
        items, times = pad_left(idx[keep], times[keep], max_len)
        query = request_times(times[None], np.array([times[-1] + self.ckpt.median_gap_s]))[0]
        return tuple(torch.from_numpy(a).unsqueeze(0).to(self.device) for a in (items, times, query))

    # Scorer protocol -------------------------------------------------------------------------
    @torch.no_grad()
    def score(self, history: Sequence[int], candidates: Sequence[int], timestamps: Sequence[int] | None = None) -> np.ndarray:
        """Scores (len(candidates),) of candidates as the next item after `history`, one forward pass.

        Scores lie in [-2, 2] (rank head) or [-1, 1] (retrieval head); with no known history item
        they are popularity shares in [0, 1]. Unknown candidates get `UNKNOWN_SCORE`.
        """
        self.last_notes = []
        cand_idx = self._known(candidates, "candidate")
        out = np.full(len(cand_idx), UNKNOWN_SCORE, dtype=np.float32)
        known = cand_idx > 0
        seq = self._history(history, timestamps)
        if seq is None:
            self.last_notes.append("no known history item: popularity fallback")
            out[known] = self._pop_share[cand_idx[known]]
            return out
        if known.any():
            cands = torch.from_numpy(cand_idx[known]).unsqueeze(0).to(self.device)  # (1, C)
            items, times, query = seq
            h, g = self.model(items, times, cands if self.head == "rank" else None, query)
            if self.head == "rank":
                scores = self.model.rank_scores(h, g, cands)[0]  # (C,)
            else:
                scores = (h[0, -1:] * self.model.item_outputs(cands[0])).sum(-1)  # (C,)
            out[known] = scores.cpu().numpy()
        return out

    @torch.no_grad()
    def user_embedding(self, history: Sequence[int], timestamps: Sequence[int] | None = None) -> np.ndarray | None:
        """The L2-normalised user vector (d_model,) after `history`, usable as a retrieval query
        against `item_embeddings()`; None when no history item is known."""
        self.last_notes = []
        seq = self._history(history, timestamps)
        if seq is None:
            return None
        items, times, query = seq
        h, _ = self.model(items, times, None, query)
        return h[0, -1].cpu().numpy().astype(np.float32)

    @torch.no_grad()
    def item_embeddings(self) -> tuple[np.ndarray, np.ndarray]:
        """(catalog ids (N,), L2-normalised item vectors (N, d_model)) for retrieval indexes.

        Computed once (the weights are fixed after loading): every `recommend` used to redo it."""
        if self._item_vectors is None:
            idx = torch.arange(1, self.ckpt.config.num_items + 1, device=self.device)
            vectors = self.model.item_outputs(idx).cpu().numpy().astype(np.float32)
            vectors.setflags(write=False)
            self._item_vectors = (self.ckpt.id_map.item_ids.copy(), vectors)
        ids, vectors = self._item_vectors
        return ids.copy(), vectors

    def recommend(self, history: Sequence[int], k: int, exclude: Sequence[int] = (), timestamps: Sequence[int] | None = None) -> list[tuple[int, float]]:
        """Top-k (catalog id, score) over every item the model knows, `exclude` removed.

        Retrieval head (user vector · item vectors); popularity when no history item is known.
        """
        user = self.user_embedding(history, timestamps)
        ids, vectors = self.item_embeddings()
        scores = self._pop_share[1:].copy() if user is None else vectors @ user
        banned = np.isin(ids, np.asarray(list(exclude), dtype=np.int64))
        scores = np.where(banned, -np.inf, scores)
        top = np.argsort(-scores, kind="stable")[: max(0, min(k, int((~banned).sum())))]
        return [(int(ids[i]), float(scores[i])) for i in top]


class FakeScorer:
    """Deterministic popularity scorer for tests of code that needs a `Scorer`.

    Scores are popularity shares in [0, 1] (unknown ids: `UNKNOWN_SCORE`); the user embedding is a
    fixed pseudo-random unit vector per history.
    """

    name = "fake-gr"

    def __init__(self, popularity: Mapping[int, int], dim: int = 16) -> None:
        self.popularity = {int(k): int(v) for k, v in popularity.items()}
        self.dim = dim
        self._max = max(self.popularity.values(), default=0) or 1
        self.calls: list[tuple[tuple[int, ...], tuple[int, ...]]] = []

    def score(self, history: Sequence[int], candidates: Sequence[int]) -> np.ndarray:
        self.calls.append((tuple(history), tuple(candidates)))
        return np.array([self.popularity[c] / self._max if c in self.popularity else UNKNOWN_SCORE for c in candidates], dtype=np.float32)

    def user_embedding(self, history: Sequence[int]) -> np.ndarray | None:
        known = [int(i) for i in history if int(i) in self.popularity]
        if not known:
            return None
        vec = np.random.default_rng(sum(known) + len(known)).normal(size=self.dim).astype(np.float32)
        return vec / np.linalg.norm(vec)

    def recommend(self, history: Sequence[int], k: int, exclude: Sequence[int] = ()) -> list[tuple[int, float]]:
        banned = set(exclude)
        ranked = sorted((i for i in self.popularity if i not in banned), key=lambda i: (-self.popularity[i], i))
        return [(i, self.popularity[i] / self._max) for i in ranked[:k]]
