"""`MiniLMRoles`: the title-role model (`roles.TitleRoles`) as a small head over MiniLM's token states.

The same frozen encoder as the genre judge (`judge_model`), a different head: each token's state with
one more feature that marks the film's words, a bidirectional GRU, the GRU's states at the film's first
and last token, and four logits: the writer likes the film, dislikes it, asks about it, or names no film
of the catalog there at all (a word that only looks like a title: "cowboy films from the 60s"). One
pass of the encoder serves every film in the message. `train_roles` fits it on the films the parser
finds in the dev splits, each labelled with the role the corpus gives it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.understand.judge_model import (MAX_TOKENS, Encoded, TrainReport, _encoder, encode, encode_message, fitted_head,
                                          read_model_file)
from agent.understand.roles import ROLES, RoleOdds
from muse.errors import InvalidInputError

KIND = "title-roles"
FORMAT = 1
HIDDEN = 96
EPOCHS = 6


@dataclass(frozen=True, slots=True)
class RoleExample:
    """A message and the films found in it, each as (start, end, role) with the role one of `ROLES`."""

    text: str
    films: tuple[tuple[int, int, str], ...]


def _head(width: int = 384) -> Any:
    import torch

    class Head(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.mix = torch.nn.GRU(width + 1, HIDDEN, batch_first=True, bidirectional=True)
            self.out = torch.nn.Linear(4 * HIDDEN, len(ROLES))
            self.drop = torch.nn.Dropout(0.2)

        def forward(self, states: Any, marks: Any, lengths: Any, first: Any, last: Any) -> Any:
            # packed, so that a message's odds do not depend on how long the others in its batch are
            packed = torch.nn.utils.rnn.pack_padded_sequence(torch.cat([self.drop(states), marks[..., None]], -1), lengths,
                                                             batch_first=True, enforce_sorted=False)
            mixed, _ = torch.nn.utils.rnn.pad_packed_sequence(self.mix(packed)[0], batch_first=True)
            rows = torch.arange(len(first))
            return self.out(self.drop(torch.cat([mixed[rows, first], mixed[rows, last]], -1)))

    return Head()


def _token_span(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The first and last token inside characters [start, end); None when the text was cut before it."""
    inside = [k for k, (a, b) in enumerate(offsets) if b > a and a < end and b > start]
    return (inside[0], inside[-1]) if inside else None


def _batch(rows: Sequence[tuple[Encoded, int, int]]) -> tuple[Any, Any, Any, Any, Any]:
    import torch

    longest = max(len(e.offsets) for e, _, _ in rows)
    x = torch.zeros(len(rows), longest, rows[0][0].states.shape[-1])
    marks = torch.zeros(len(rows), longest)
    for i, (e, first, last) in enumerate(rows):
        x[i, : len(e.offsets)] = e.states
        marks[i, first:last + 1] = 1.0
    lengths = torch.tensor([len(e.offsets) for e, _, _ in rows])
    return x, marks, lengths, torch.tensor([f for _, f, _ in rows]), torch.tensor([la for _, _, la in rows])


class MiniLMRoles:
    """The trained role model, loaded from the file `train_roles` wrote."""

    def __init__(self, path: Path) -> None:
        saved = read_model_file(path, "title-role model", "train-roles", {"kind": KIND, "format": FORMAT}, ("head",))
        self.trained_on: list[str] = list(saved.get("trained_on", []))
        self._head = fitted_head(_head(), saved["head"], path, "title-role model")
        _encoder()

    def odds(self, text: str, films: Sequence[tuple[int, int]]) -> list[RoleOdds | None]:
        import torch

        if not films or not text.strip():
            return [None] * len(films)
        encoded = encode_message(text)
        if encoded is None:
            return [None] * len(films)
        spans = [_token_span(encoded.offsets, a, b) for a, b in films]
        rows = [(encoded, s[0], s[1]) for s in spans if s is not None]
        with torch.no_grad():
            p = torch.softmax(self._head(*_batch(rows)), -1).tolist() if rows else []
        found = iter(p)
        return [RoleOdds(dict(zip(ROLES, next(found)))) if s is not None else None for s in spans]


def train_roles(examples: Sequence[RoleExample], path: Path, *, trained_on: Sequence[str] = (), epochs: int = EPOCHS,
                seed: int = 0, batch: int = 32) -> TrainReport:
    """Fit the head on `examples` and save it to `path` (written whole, then moved into place)."""
    import torch

    started = time.perf_counter()
    torch.manual_seed(seed)
    order = random.Random(seed)
    tokenizer, encoder = _encoder()
    encoded = encode(tokenizer, encoder, [e.text for e in examples])
    rows: list[tuple[Encoded, int, int]] = []
    targets: list[int] = []
    for e, enc in zip(examples, encoded):
        if len(enc.offsets) >= MAX_TOKENS:
            continue  # cut short: the model gives such a message no odds when it serves, so it learns none from it
        for start, end, role in e.films:
            span = _token_span(enc.offsets, start, end)
            if span is not None:
                rows.append((enc, *span))
                targets.append(ROLES.index(role))
    if not rows:
        raise InvalidInputError("the title-role model needs messages with films in them to train on")
    head = _head()
    optimiser = torch.optim.AdamW(head.parameters(), lr=2e-3, weight_decay=1e-4)
    loss_of = torch.nn.CrossEntropyLoss()
    indices = list(range(len(rows)))
    total = 0.0
    for _ in range(epochs):
        order.shuffle(indices)
        head.train()
        total = 0.0
        for i in range(0, len(indices), batch):
            chosen = indices[i:i + batch]
            loss = loss_of(head(*_batch([rows[j] for j in chosen])), torch.tensor([targets[j] for j in chosen]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(chosen)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    torch.save({"kind": KIND, "format": FORMAT, "head": head.state_dict(), "trained_on": list(trained_on), "films": len(rows),
                "epochs": epochs, "seed": seed}, partial)
    partial.replace(path)
    return TrainReport(len(rows), epochs, time.perf_counter() - started, total / len(rows))


def load_roles(enabled: bool, path: Path) -> MiniLMRoles | None:
    """The trained role model when it is switched on and its file exists; None otherwise (the rules alone)."""
    if not enabled or not path.exists():
        return None
    return MiniLMRoles(path)
