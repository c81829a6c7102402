"""Sequences for the GR models: time order, id mapping, leave-one-out splits, padded arrays.

Catalog ids (whatever the dataset uses) map to dense indices 1..N; index 0 is padding. Each
user's interactions are ordered by (timestamp, item id) with a stable sort, so ties are broken the
same way on every run. Leave-one-out: the last item is the test target, the second-to-last the
validation target, everything before is training data. Users with fewer than 3 interactions are
used for training only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from muse.domain import Interaction

MIN_EVAL_LEN = 3


@dataclass(frozen=True)
class IdMap:
    """Catalog item id <-> model index (1..N, 0 = padding)."""

    item_ids: np.ndarray  # (N,) int64, sorted catalog ids; index i+1 is item_ids[i]

    @classmethod
    def from_ids(cls, ids: Iterable[int]) -> "IdMap":
        return cls(np.array(sorted({int(i) for i in ids}), dtype=np.int64))

    def __len__(self) -> int:
        return len(self.item_ids)

    def index(self, item_id: int) -> int:
        """Model index of a catalog id, 0 when unknown."""
        pos = int(np.searchsorted(self.item_ids, item_id))
        return pos + 1 if pos < len(self.item_ids) and self.item_ids[pos] == item_id else 0

    def indices(self, item_ids: Sequence[int]) -> np.ndarray:
        """Model indices of catalog ids (vectorised), 0 for unknown ids."""
        ids = np.asarray(item_ids, dtype=np.int64).reshape(-1)
        pos = np.searchsorted(self.item_ids, ids).clip(max=max(len(self.item_ids) - 1, 0))
        known = len(self.item_ids) > 0 and self.item_ids[pos] == ids
        return np.where(known, pos + 1, 0).astype(np.int64)

    def item_id(self, index: int) -> int:
        return int(self.item_ids[index - 1])


@dataclass(frozen=True)
class UserSeq:
    """One user's time-ordered history as model indices and timestamps (seconds)."""

    user_id: str
    items: np.ndarray  # (T,) int64
    times: np.ndarray  # (T,) int64
    next_time: int | None = None  # when the item after this history was requested (evaluation pairs)


@dataclass(frozen=True)
class Split:
    """Training sequences plus (history, target) pairs for validation and test."""

    train: list[UserSeq]
    valid: list[tuple[UserSeq, int]]
    test: list[tuple[UserSeq, int]]


def order(interactions: Iterable[Interaction]) -> list[Interaction]:
    """Oldest first; ties on timestamp broken by item id (stable)."""
    return sorted(interactions, key=lambda it: (it.ts, it.item_id))


def build_sequences(
    user_histories: Iterable[tuple[str, list[Interaction]]], extra_item_ids: Iterable[int] = ()
) -> tuple[list[UserSeq], IdMap]:
    """Time-ordered index sequences for every user and the id map over all items seen.

    `extra_item_ids` adds catalog items without interactions (useful with content fusion).
    """
    ordered = [(str(user), order(hist)) for user, hist in user_histories]
    id_map = IdMap.from_ids([it.item_id for _, hist in ordered for it in hist] + list(extra_item_ids))
    seqs = []
    for user, hist in sorted(ordered, key=lambda pair: pair[0]):
        if not hist:
            continue
        items = id_map.indices([it.item_id for it in hist])
        times = np.array([it.ts for it in hist], dtype=np.int64)
        seqs.append(UserSeq(user, items, times))
    return seqs, id_map


def _cut(seq: UserSeq, end: int) -> UserSeq:
    return UserSeq(seq.user_id, seq.items[:end], seq.times[:end], int(seq.times[end]))


def leave_one_out(seqs: Sequence[UserSeq]) -> Split:
    """train = all but the last two items, valid target = second-to-last, test target = last."""
    train, valid, test = [], [], []
    for seq in seqs:
        if len(seq.items) < MIN_EVAL_LEN:
            train.append(seq)
            continue
        train.append(_cut(seq, -2))
        valid.append((_cut(seq, -2), int(seq.items[-2])))
        test.append((_cut(seq, -1), int(seq.items[-1])))
    return Split(train, valid, test)


def fit_sequences(split: Split, train_on: str) -> list[UserSeq]:
    """The sequences a model is fitted on: `split.train`, or with "train+valid" every user's
    history up to (not including) the test item."""
    if train_on == "train":
        return list(split.train)
    longer = {seq.user_id: seq for seq, _ in split.test}
    return [longer.get(seq.user_id, seq) for seq in split.train]


def item_counts(seqs: Sequence[UserSeq], num_items: int) -> np.ndarray:
    """Interaction count per index (0..N) over the given sequences: the popularity fallback."""
    counts = np.zeros(num_items + 1, dtype=np.int64)
    for seq in seqs:
        np.add.at(counts, seq.items, 1)
    counts[0] = 0
    return counts


def median_gap(seqs: Sequence[UserSeq]) -> int:
    """Median time between consecutive interactions: the spacing assumed when times are unknown."""
    gaps = [np.diff(seq.times) for seq in seqs if len(seq.times) > 1]
    return int(np.median(np.concatenate(gaps))) if gaps else 0


def pad_left(items: np.ndarray, times: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray]:
    """The last `length` items and times, left-padded with zeros (times padded with the first time)."""
    items, times = items[-length:], times[-length:]
    out_items = np.zeros(length, dtype=np.int64)
    out_times = np.full(length, times[0] if len(times) else 0, dtype=np.int64)
    if len(items):
        out_items[-len(items) :] = items
        out_times[-len(times) :] = times
    return out_items, out_times


def training_arrays(train: Sequence[UserSeq], max_len: int) -> tuple[np.ndarray, np.ndarray]:
    """(U, max_len + 1) items and times of every training sequence with at least 2 items.

    Columns 0..L-1 are the inputs, columns 1..L the next-item targets; column L is also the
    positive candidate of the ranking head.
    """
    rows = [pad_left(s.items, s.times, max_len + 1) for s in train if len(s.items) >= 2]
    if not rows:
        return np.zeros((0, max_len + 1), np.int64), np.zeros((0, max_len + 1), np.int64)
    items, times = zip(*rows)
    return np.stack(items), np.stack(times)


def request_times(times: np.ndarray, next_time: np.ndarray) -> np.ndarray:
    """(U, L) time at which each slot's next item was requested: the following item's time, and
    `next_time` (U,) after the last slot (padding slots keep their own time)."""
    return np.concatenate([times[:, 1:], next_time.reshape(-1, 1)], axis=1)


def eval_arrays(pairs: Sequence[tuple[UserSeq, int]], max_len: int) -> tuple[np.ndarray, ...]:
    """(U, max_len) histories, times and request times, and (U,) targets of an evaluation split.

    A history without a known `next_time` is assumed to be asked at its last item's time."""
    if not pairs:
        empty = np.zeros((0, max_len), np.int64)
        return empty, empty, empty, np.zeros(0, np.int64)
    rows = [pad_left(seq.items, seq.times, max_len) for seq, _ in pairs]
    items, times = (np.stack(x) for x in zip(*rows))
    nxt = np.array([seq.next_time if seq.next_time is not None else t[-1] for (seq, _), t in zip(pairs, times)], dtype=np.int64)
    targets = np.array([target for _, target in pairs], dtype=np.int64)
    return items, times, request_times(times, nxt), targets
