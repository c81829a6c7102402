"""Train and evaluate HSTU / SASRec: `get_batch`, `step_loss`, `evaluate`, `fit`, `main`.

Loss (both models, as in the paper and its reference code): the next item at every slot, sampled
softmax at temperature 0.05 on L2-normalised vectors against `num_negatives` uniform negatives drawn
for every position (`negatives="position"`; "batch" shares one set per step, "all" is the full
softmax), AdamW (0.9, 0.98), lr 1e-3, no weight decay. Optionally added: the ranking head's loss
(the true next item and negatives appended as M-FALCON candidate tokens).

What is fitted (`train_on`): the training split with early stopping on validation NDCG@10, the
training and validation items for a fixed epoch count, or both in turn (choose the epoch count on
validation, then refit a fresh model on train + validation). Several processes train one model
with `DistributedDataParallel` (see `tools/gr/distributed.py`); every batch is the same global
batch whatever the process count, so results match a one-process run.
"""

from __future__ import annotations

import contextlib
import copy
import ctypes
import functools
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
import torch
import torch.nn.functional as F

from tools.gr.checkpoint import Checkpoint, save_checkpoint
from tools.gr.config import TrainConfig
from tools.gr.data import IdMap, Split, UserSeq, eval_arrays, fit_sequences, item_counts, median_gap, training_arrays
from tools.gr.distributed import Group
from tools.gr.metrics import summarize, target_ranks
from tools.gr.draws import MaskDraws, MaskSlab, SlabMasks, ahead
from tools.gr.model import Dropout, GRConfig, GRModel, build_model

log = logging.getLogger(__name__)

Progress = Callable[[dict[str, Any]], None]
Exclude = Literal["history", "window"]


def resolve_device(name: str) -> torch.device:
    """'auto' picks CUDA, then MPS, then CPU."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    return torch.device(name)


def get_batch(items: np.ndarray, times: np.ndarray, rows: np.ndarray, device: torch.device) -> tuple[torch.Tensor, ...]:
    """Inputs (B, L), next-item targets (B, L), times (B, L), ranking positives (B,), request
    times (B, L): the targets' times."""
    it = torch.from_numpy(items[rows]).to(device)  # (B, L+1)
    ts = torch.from_numpy(times[rows]).to(device)  # (B, L+1)
    return it[:, :-1], it[:, 1:], ts[:, :-1], it[:, -1], ts[:, 1:]


@dataclass
class Negatives:
    """Negative items of one step. `pool` (M,) holds item indices; `picks` (B, L, K) holds, for
    every position, the columns of `pool` that are its negatives (None: the whole pool, shared by
    every position). Per-position scores are then one (P, M) product plus a gather, never P x K
    gathered item vectors. With `per_row` (negatives="row"), `pool` is (B, K): each sequence's own
    K items, shared by its positions and scored by one (L, D) x (D, K) product per row."""

    pool: torch.Tensor
    picks: torch.Tensor | None = None
    per_row: bool = False
    # Set by `at_valid`: `picks` is then (P, K), the picks of a micro-batch's non-padded positions in
    # row-major order, `hit` (P, K) whether each pick is its position's target, and `last` (B, K)
    # the last slot's negative items (the ranking head's).
    hit: torch.Tensor | None = None
    last: torch.Tensor | None = None

    def rows(self, sel: torch.Tensor, width: int) -> "Negatives":
        """The negatives of some rows of the batch, trimmed to their last `width` slots."""
        if self.per_row:
            return Negatives(self.pool[sel], per_row=True)
        return self if self.picks is None else Negatives(self.pool, self.picks[:, -width:][sel])

    def at_valid(self, valid: torch.Tensor, targets: torch.Tensor) -> "Negatives":
        """These (B, L, K) per-position negatives reduced to the positions where `valid` (B, L), with
        their target hits: what the loss reads, prepared ahead of it (`plan_steps`)."""
        assert self.picks is not None and not self.per_row and self.hit is None
        picks = self.picks[valid]  # (P, K)
        return Negatives(self.pool, picks, hit=self.pool[picks] == targets[valid].unsqueeze(1), last=self.last_slot(valid.shape[0]))

    def to(self, device: torch.device) -> "Negatives":
        move = lambda t: None if t is None else t.to(device)  # noqa: E731
        return Negatives(self.pool.to(device), move(self.picks), self.per_row, move(self.hit), move(self.last))

    def last_slot(self, b: int) -> torch.Tensor:
        """(B, K) item indices: the ranking head's negative candidates."""
        if self.per_row:
            return self.pool
        if self.last is not None:
            return self.last
        return self.pool.expand(b, -1) if self.picks is None else self.pool[self.picks[:, -1]]


def draw_negatives(gen: torch.Generator, tcfg: TrainConfig, rows: int, length: int, num_items: int) -> Negatives | None:
    """Uniform negatives for one global batch of `rows` sequences (None: full softmax, no ranking head).

    "position": K per position. Catalogs up to `pool_size` items are the pool themselves (exactly
    uniform per position); larger ones get a uniform pool of `pool_size` items per step from which
    each position draws its K. "row": K per sequence, shared by its positions. "batch": one
    shared set of K.
    """
    k = tcfg.num_negatives
    if tcfg.negatives == "batch":
        return Negatives(torch.randint(1, num_items + 1, (k,), generator=gen))
    if tcfg.negatives == "row":
        return Negatives(torch.randint(1, num_items + 1, (rows, k), generator=gen), per_row=True)
    if tcfg.negatives == "all" and tcfg.rank_weight <= 0:
        return None
    if num_items <= tcfg.pool_size:
        pool = torch.arange(1, num_items + 1)
    else:
        pool = torch.randint(1, num_items + 1, (tcfg.pool_size,), generator=gen)
    slots = length if tcfg.negatives == "position" else 1
    return Negatives(pool, torch.randint(0, len(pool), (rows, slots, k), generator=gen))


def _softmax_loss(logits: torch.Tensor, hit: torch.Tensor, temperature: float) -> torch.Tensor:
    """Per-row cross-entropy of column 0 (the positive) against the rest; `hit` masks negatives
    that equal the positive. logits: (P, 1+K), hit: (P, K)."""
    logits = torch.cat([logits[:, :1], logits[:, 1:].masked_fill(hit, float("-inf"))], dim=1) / temperature
    return -F.log_softmax(logits, dim=1)[:, 0]  # (P,)


# Rows of the (positions x pool) score table computed at a time by `sampled_scores`.
SCORE_ROWS = 1024


class _SampledScores(torch.autograd.Function):
    """`(hv @ wn.T).gather(1, picks)`, a block of `rows` positions at a time (see `sampled_scores`)."""

    @staticmethod
    def forward(ctx: Any, hv: torch.Tensor, wn: torch.Tensor, picks: torch.Tensor, rows: int) -> torch.Tensor:
        ctx.save_for_backward(hv, wn, picks)
        ctx.rows = rows
        out = hv.new_empty(picks.shape)  # (P, K)
        block = hv.new_empty(min(rows, hv.shape[0]), wn.shape[0])  # (rows, M), reused
        for s in range(0, hv.shape[0], rows):
            scores = torch.mm(hv[s : s + rows], wn.t(), out=block[: min(rows, hv.shape[0] - s)])
            torch.gather(scores, 1, picks[s : s + rows], out=out[s : s + rows])
        return out

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> tuple[torch.Tensor | None, torch.Tensor | None, None, None]:
        hv, wn, picks = ctx.saved_tensors
        rows = ctx.rows
        grad_hv = torch.empty_like(hv) if ctx.needs_input_grad[0] else None
        grad_wn = torch.zeros_like(wn) if ctx.needs_input_grad[1] else None
        block = hv.new_empty(min(rows, hv.shape[0]), wn.shape[0])
        for s in range(0, hv.shape[0], rows):
            dense = block[: min(rows, hv.shape[0] - s)].zero_().scatter_add_(1, picks[s : s + rows], grad[s : s + rows])  # (rows, M)
            if grad_hv is not None:
                torch.mm(dense, wn, out=grad_hv[s : s + rows])
            if grad_wn is not None:
                grad_wn.addmm_(dense.t(), hv[s : s + rows])
        return grad_hv, grad_wn, None, None


def sampled_scores(hv: torch.Tensor, wn: torch.Tensor, picks: torch.Tensor, rows: int | None = None) -> torch.Tensor:
    """(P, K) scores of the vectors hv (P, D) against their own columns `picks` (P, K) of the table
    wn (M, D): `(hv @ wn.T).gather(1, picks)` with its gradients, computed `rows` positions at a time
    (default `SCORE_ROWS`). The (P, M) product and the gather's (P, M) gradient never exist whole:
    each (rows, M) block is made, read and reused while it is still in cache. The same values; the
    table's gradient sums the blocks' products in another order (float rounding)."""
    return _SampledScores.apply(hv, wn, picks, rows or SCORE_ROWS)


def retrieval_losses(model: GRModel, hv: torch.Tensor, targets: torch.Tensor, pool: torch.Tensor | None,
                     picks: torch.Tensor | None, tcfg: TrainConfig, hit: torch.Tensor | None = None) -> torch.Tensor:
    """Per-position losses (P,) of user vectors hv (P, D) predicting targets (P,).

    Full softmax with `negatives="all"`; else against the pool (M,), all of it (`picks` None) or
    each position's own columns `picks` (P, K), `hit` (P, K) saying which are the target (computed
    here when None)."""
    n = model.cfg.num_items
    if tcfg.negatives == "all":
        logits = hv @ model.item_outputs(torch.arange(1, n + 1, device=hv.device)).T / tcfg.temperature  # (P, N)
        return F.cross_entropy(logits, targets - 1, reduction="none")
    assert pool is not None
    pos = (hv * model.item_outputs(targets)).sum(-1, keepdim=True)  # (P, 1)
    if picks is None:
        table = hv @ model.item_outputs(pool).T  # (P, M)
        return _softmax_loss(torch.cat([pos, table], 1), pool.view(1, -1) == targets.view(-1, 1), tcfg.temperature)
    neg = sampled_scores(hv, model.item_outputs(pool), picks)  # (P, K)
    if hit is None:
        hit = pool[picks] == targets.view(-1, 1)
    return _softmax_loss(torch.cat([pos, neg], 1), hit, tcfg.temperature)


def row_losses(model: GRModel, h: torch.Tensor, targets: torch.Tensor, valid: torch.Tensor, negs: torch.Tensor,
               temperature: float) -> torch.Tensor:
    """Per-position losses (P,) when each row has its own negatives: h (B, L, D) user vectors,
    targets and valid (B, L), negs (B, K) item indices."""
    neg = torch.bmm(h, model.item_outputs(negs).transpose(1, 2))  # (B, L, K)
    pos = (h * model.item_outputs(targets)).sum(-1, keepdim=True)  # (B, L, 1)
    hit = negs.unsqueeze(1) == targets.unsqueeze(2)  # (B, L, K)
    return _softmax_loss(torch.cat([pos, neg], 2)[valid], hit[valid], temperature)


def step_loss(model: GRModel, batch: tuple[torch.Tensor, ...], negatives: Negatives | None, tcfg: TrainConfig,
              denominator: float | None = None, rows: float | None = None,
              forward: Callable[..., tuple[torch.Tensor, torch.Tensor | None]] | None = None) -> torch.Tensor:
    """Mean retrieval loss over the batch's non-padded slots plus the weighted ranking-head loss.

    `denominator` and `rows` (default: this batch's slot and row counts) let processes that each
    hold part of a global batch divide by global counts, so that their averaged gradients equal
    one process's; `forward` is the (DDP-wrapped) model's forward when there are several.
    """
    inputs, targets, times, positives, query_times = batch
    b = inputs.shape[0]
    valid = inputs > 0  # (B, L)
    rank_negs = negatives.last_slot(b) if tcfg.rank_weight > 0 and negatives is not None else None  # (B, K)
    cands = torch.cat([positives.unsqueeze(1), rank_negs], dim=1) if rank_negs is not None else None
    h, g = (forward or model)(inputs, times, cands, query_times)  # (B, L, D), (B, 1+K, D)
    if negatives is not None and negatives.per_row:
        losses = row_losses(model, h, targets, valid, negatives.pool, tcfg.temperature)
    else:
        pool = negatives.pool if negatives is not None else None
        picks, hit = None, None
        if negatives is not None and negatives.picks is not None and tcfg.negatives == "position":
            picks, hit = (negatives.picks, negatives.hit) if negatives.hit is not None else (negatives.picks[valid], None)
        losses = retrieval_losses(model, h[valid], targets[valid], pool, picks, tcfg, hit)
    loss = losses.sum() / (denominator if denominator is not None else max(1, losses.numel()))
    if g is not None and rank_negs is not None:
        scores = model.rank_scores(h, g, cands)  # (B, 1+K)
        rank = _softmax_loss(scores, rank_negs == positives.unsqueeze(1), tcfg.temperature)  # (B,)
        loss = loss + tcfg.rank_weight * rank.sum() / (rows if rows is not None else b)
    return loss


def _exclusion(pairs: Sequence[tuple[UserSeq, int]], num_items: int, window: int | None = None) -> np.ndarray:
    """(U, N) True for items in each user's history, or only its last `window` items (column = index - 1)."""
    mask = np.zeros((len(pairs), num_items), dtype=bool)
    for row, (seq, _) in enumerate(pairs):
        items = seq.items if window is None else seq.items[-window:]
        mask[row, items[items > 0] - 1] = True
    return mask


@torch.no_grad()
def score_all(model: GRModel, items: torch.Tensor, times: torch.Tensor, head: str, chunk: int = 2_000_000,
              query_times: torch.Tensor | None = None) -> torch.Tensor:
    """(U, N) scores of every item after each history, by the retrieval or the ranking head."""
    n = model.cfg.num_items
    all_idx = torch.arange(1, n + 1, device=items.device)
    if head == "retrieval":
        h, _ = model(items, times, None, query_times)
        return h[:, -1] @ model.item_outputs(all_idx).T  # (U, N)
    out = []
    step = max(1, chunk // (items.shape[1] * items.shape[0]))  # candidates per pass, bounded memory
    for start in range(0, n, step):
        cands = all_idx[start : start + step].expand(items.shape[0], -1)  # (U, C)
        h, g = model(items, times, cands, query_times)
        out.append(model.rank_scores(h, g, cands))  # (U, C)
    return torch.cat(out, dim=1)


@torch.no_grad()
def evaluate(
    model: GRModel,
    pairs: Sequence[tuple[UserSeq, int]],
    batch_size: int = 256,
    head: Literal["retrieval", "rank"] = "retrieval",
    exclude: Exclude = "history",
) -> dict[str, float]:
    """HR@10/50/200, NDCG@10/50/200 and MRR, ranking each target against all items, with the whole
    history ("history") or only the model's input window ("window") excluded."""
    if not pairs:
        return summarize(np.zeros(0))
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    items, times, query, targets = eval_arrays(pairs, model.cfg.max_len)
    window = model.cfg.max_len if exclude == "window" else None
    ranks = []
    for start in range(0, len(pairs), batch_size):
        sl = slice(start, start + batch_size)
        t = lambda a: torch.from_numpy(a[sl]).to(device)  # noqa: E731
        scores = score_all(model, t(items), t(times), head, query_times=t(query))
        ranks.append(target_ranks(scores.cpu().numpy(), targets[sl] - 1, _exclusion(pairs[sl], model.cfg.num_items, window)))
    model.train(was_training)
    return summarize(np.concatenate(ranks))


@dataclass
class FitResult:
    """A trained model with its validation/test metrics and timings.

    `valid` is empty when the final model was fitted on the validation items; `best_epoch` is the
    epoch count chosen on validation (or the fixed count)."""

    checkpoint: Checkpoint
    valid: dict[str, float]
    test: dict[str, float]
    epochs: int
    seconds_per_epoch: float
    sequences_per_s: float
    history: list[dict[str, Any]] = field(default_factory=list)
    best_epoch: int = 0
    test_window: dict[str, float] = field(default_factory=dict)
    cpu_seconds_per_epoch: float = 0.0


def _seed(seed: int) -> tuple[np.random.Generator, torch.Generator]:
    torch.manual_seed(seed)
    return np.random.default_rng(seed), torch.Generator().manual_seed(seed)


def global_batches(lengths: np.ndarray, batch_size: int, rng: np.random.Generator, bucket: int = 0) -> Iterator[np.ndarray]:
    """Row indices of each global batch of one epoch: a seeded shuffle cut into batches (the last
    one partial). With `bucket` > 1, every run of `bucket` batches is first sorted by sequence
    length and the batches are served in random order, so a batch holds similar lengths and is
    cheap to trim (padding is most of a random batch)."""
    order = rng.permutation(len(lengths))
    if bucket > 1:
        span = batch_size * bucket
        chunks = [order[s : s + span] for s in range(0, len(order), span)]
        order = np.concatenate([c[np.argsort(-lengths[c], kind="stable")] for c in chunks]) if chunks else order
    batches = [order[s : s + batch_size] for s in range(0, len(order), batch_size)]
    for i in (rng.permutation(len(batches)) if bucket > 1 else range(len(batches))):
        yield batches[i]


def micro_batches(lengths: np.ndarray, size: int, positions: int = 0, overhead: int = 0) -> Iterator[tuple[np.ndarray, int]]:
    """Positions (into `lengths`) of each micro-batch, longest rows first, with the slot width it
    needs: rows of similar length share a micro-batch, so little of it is padding.

    With `positions` = 0, micro-batches of `size` rows. With `positions` > 0, the cut is chosen per
    step (`cut_by_cost`): each micro-batch holds at most `positions` slots (rows x width; a single
    longer row alone), and the cuts minimise the slots computed, padding included, plus `overhead`
    slots' worth of fixed cost per micro-batch, so many short histories share one micro-batch and
    long ones of unlike lengths are not padded to each other."""
    order = np.argsort(-lengths, kind="stable")
    widths = np.maximum(lengths[order], 1)
    starts = list(range(0, len(order), max(1, size))) if positions <= 0 else cut_by_cost(widths, positions, overhead)
    for start, end in zip(starts, starts[1:] + [len(order)]):
        yield order[start:end], int(widths[start])


def cut_by_cost(widths: np.ndarray, positions: int, overhead: int) -> list[int]:
    """Start indices of the micro-batches that split `widths` (sorted longest first) into runs of
    at most `positions` slots each (run length x its first width; a row wider than that runs alone)
    at the least total cost, a run costing its slots plus `overhead`: an exact dynamic programme
    over the cut points (O(rows²), vectorised per end point)."""
    n = len(widths)
    if n == 0:
        return []
    w = widths.astype(np.float64)
    best = np.zeros(n + 1)  # best[j]: least cost of rows [0, j)
    start = np.zeros(n + 1, dtype=np.int64)  # the last run's start in that best cut
    for j in range(1, n + 1):
        count = j - np.arange(j)  # rows in a run [i, j), for every i < j
        slots = count * w[:j]
        cost = best[:j] + slots + overhead
        cost[slots > positions] = np.inf
        cost[j - 1] = best[j - 1] + w[j - 1] + overhead  # one row alone is always allowed
        i = int(np.argmin(cost))
        best[j], start[j] = cost[i], i
    cuts, j = [], n
    while j > 0:
        j = int(start[j])
        cuts.append(j)
    return cuts[::-1]


@functools.cache
def keep_freed_memory() -> bool:
    """Ask glibc to keep large freed blocks instead of unmapping them. A step allocates and frees
    tens of MB (the (positions x catalog) score table and its gradient); by default each such block
    is returned to the OS and faulted back in, zero page by zero page, on the next micro-batch
    (about 7% of an ml-100k epoch). Linux/glibc only; returns whether it applied."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3
    return bool(libc.mallopt(m_mmap_threshold, 1 << 30)) and bool(libc.mallopt(m_trim_threshold, 1 << 30))


class WeightAverage:
    """Exponential moving average of a model's parameters, updated after every optimiser step
    (`decay` per step); `swap` exchanges the live and averaged weights (evaluate, then swap back)."""

    def __init__(self, model: torch.nn.Module, decay: float) -> None:
        self.decay = decay
        self.params = [p for p in model.parameters() if p.requires_grad]
        self.shadow = [p.detach().clone() for p in self.params]

    @torch.no_grad()
    def update(self) -> None:
        torch._foreach_lerp_(self.shadow, [p.detach() for p in self.params], 1.0 - self.decay)

    @torch.no_grad()
    def swap(self) -> None:
        for p, s in zip(self.params, self.shadow):
            tmp = p.detach().clone()
            p.copy_(s)
            s.copy_(tmp)


def _dropouts(model: GRModel) -> list[Dropout]:
    """The model's active dropout layers; they must share one p (GRModel's do)."""
    drops = [m for m in model.modules() if isinstance(m, Dropout) and 0 < m.p < 1]
    if len({m.p for m in drops}) > 1:
        raise ValueError("the trainer draws dropout masks for one p; this model's layers differ")
    return drops


@contextlib.contextmanager
def _planned_masks(model: GRModel, on: bool) -> Iterator[SlabMasks | None]:
    """With `on`, the model's dropout layers read their masks from each micro-batch's planned slab
    (`plan_steps`) for as long as this lasts; yields the reader, or None when off."""
    drops = _dropouts(model) if on else []
    if not drops:
        yield None
        return
    reader = SlabMasks()
    for m in drops:
        m.masks = reader
    try:
        yield reader
    finally:
        for m in drops:
            m.masks = None


@contextlib.contextmanager
def _torch_threads(n: int) -> Iterator[None]:
    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def train_epoch(model: torch.nn.Module, opt: torch.optim.Optimizer, arrays: tuple[np.ndarray, np.ndarray], tcfg: TrainConfig,
                rng: np.random.Generator, gen: torch.Generator, group: Group | None = None,
                average: WeightAverage | None = None) -> float:
    """One pass over the training sequences in a random order; returns the mean loss.

    Each global batch is one optimiser step. Its rows are run in micro-batches of similar length
    trimmed to their longest history (gradients accumulated: the same step as one padded batch,
    at a fraction of the cost). `model` may be wrapped in DistributedDataParallel: each process
    then takes its shard of every global batch (`Group.shard`), and negatives are drawn for the
    whole global batch from the shared seed, so each row sees the same negatives whatever the
    process count. Each step is planned ahead (`plan_steps`: micro-batches, inputs, negatives, and
    on CPU the dropout masks each micro-batch will use); with `tcfg.draw_ahead` (on CPU) on a side
    thread (`tools/gr/draws.py`): the same numbers, the same result. With `tcfg.workers` > 1 (CPU,
    one process; ignored with several) a step's micro-batches run on that many threads at once
    (`_run_steps`)."""
    group = group or Group()
    keep_freed_memory()
    core: GRModel = getattr(model, "module", model)
    model.train()
    device = next(core.parameters()).device
    on_cpu = device.type == "cpu"
    draw_ahead = tcfg.draw_ahead and on_cpu
    workers = max(1, tcfg.workers) if on_cpu and group.world == 1 else 1  # several processes: one thread each
    items, times = arrays
    length = items.shape[1] - 1
    inputs_len = (items[:, :-1] > 0).sum(1)  # (U,) history slots used as inputs
    batches = list(global_batches(inputs_len, tcfg.batch_size, rng, tcfg.bucket))
    draws = (draw_negatives(gen, tcfg, len(rows), length, core.cfg.num_items) for rows in batches)
    with _planned_masks(core, on_cpu) as reader:
        masks = MaskDraws(1.0 - core.cfg.dropout, draw_ahead) if reader is not None else None
        steps = plan_steps(batches, draws, items, times, inputs_len, tcfg, group, device, core, masks)
        threads = max(1, torch.get_num_threads() // workers) if workers > 1 else torch.get_num_threads()
        with contextlib.closing(ahead(steps) if draw_ahead else steps) as planned, _torch_threads(threads):
            losses = _run_steps(model, core, opt, planned, tcfg, group, average, reader, workers)
        if masks is not None:
            masks.finish()
    return group.mean(float(np.mean(losses)) if losses else 0.0)


@dataclass
class Micro:
    """One micro-batch, ready to run: `get_batch` tensors, negatives, the dropout masks its forward
    pass will use (None: drawn as it runs), and its cost in padded slots."""

    batch: tuple[torch.Tensor, ...]
    negatives: Negatives | None
    masks: MaskSlab | None
    cost: int


@dataclass
class Step:
    """One optimiser step, ready to run: its global row count, this process's loss weight and
    share of the global slot count, and its micro-batches."""

    rows: int
    weight: float
    slots: float
    micro: list[Micro]


def plan_steps(batches: Iterable[np.ndarray], negatives: Iterable[Negatives | None], items: np.ndarray, times: np.ndarray,
               inputs_len: np.ndarray, tcfg: TrainConfig, group: Group, device: torch.device,
               model: GRModel | None = None, masks: MaskDraws | None = None) -> Iterator[Step]:
    """Each global batch (rows, with its negatives) cut into this process's micro-batches: rows of
    similar length, trimmed to their longest history (`micro_batches`), each with its inputs, the
    negatives of its non-padded positions and, with `masks`, the dropout masks `model` will draw
    for it. Only reads its inputs (and draws from `masks`), so it may run ahead on a side thread
    (`train_epoch`)."""
    position = tcfg.negatives == "position"
    for rows, negs in zip(batches, negatives):
        local, weight = group.shard(len(rows))
        slots = float(inputs_len[rows].sum()) / group.world  # DDP averages the gradients
        micro = []
        for part, width in micro_batches(inputs_len[rows[local]], tcfg.micro_batch, tcfg.micro_positions, tcfg.micro_overhead):
            sel = local[part]
            batch = get_batch(items[:, -(width + 1) :], times[:, -(width + 1) :], rows[sel], device)
            mine = None
            if negs is not None:
                mine = negs.rows(torch.from_numpy(sel), width if position else 1).to(device)
                if position and mine.picks is not None:
                    mine = mine.at_valid(batch[0] > 0, batch[1])
            slab = None
            if masks is not None and model is not None:
                cands = 1 + mine.last_slot(len(sel)).shape[-1] if tcfg.rank_weight > 0 and mine is not None else 0
                slab = MaskSlab(masks.draw(model.dropout_elements(len(sel), width, cands)))
            micro.append(Micro(batch, mine, slab, len(sel) * width + tcfg.micro_overhead))
        yield Step(len(rows), weight, slots, micro)


def _run_steps(model: torch.nn.Module, core: GRModel, opt: torch.optim.Optimizer, steps: Iterable[Step], tcfg: TrainConfig,
               group: Group, average: WeightAverage | None, reader: SlabMasks | None = None, workers: int = 1) -> list[float]:
    """The optimiser steps of one epoch (see `train_epoch`); returns each step's loss. With
    `workers` > 1, each step's micro-batches run on that many threads (`_parallel_grads`)."""
    running = reader.running if reader is not None else (lambda slab: contextlib.nullcontext())
    pool = ThreadPoolExecutor(workers, thread_name_prefix="gr-micro") if workers > 1 else None
    params = [p for p in core.parameters() if p.requires_grad]
    losses = []
    try:
        for step in steps:
            opt.zero_grad(set_to_none=True)
            if pool is not None:
                total = _parallel_grads(pool, workers, core, params, step, tcfg, running)
            else:
                total = 0.0
                for i, mb in enumerate(step.micro):
                    sync = group.no_sync(model) if i < len(step.micro) - 1 else contextlib.nullcontext()
                    with sync, running(mb.masks):
                        loss = step_loss(core, mb.batch, mb.negatives, tcfg, step.slots, step.rows / group.world, forward=model) * step.weight
                        loss.backward()
                    total += float(loss.detach())
            opt.step()
            if average is not None:
                average.update()
            losses.append(total)
    finally:
        if pool is not None:
            pool.shutdown()
    return losses


def assign(costs: Sequence[int], workers: int) -> list[list[int]]:
    """Micro-batch indices per worker, balancing their costs (largest first to the least loaded;
    ties to the lower worker), each worker's in the original order: deterministic."""
    load, parts = [0] * workers, [[] for _ in range(workers)]
    for i in sorted(range(len(costs)), key=lambda i: (-costs[i], i)):
        w = min(range(workers), key=lambda w: (load[w], w))
        parts[w].append(i)
        load[w] += costs[i]
    return [sorted(p) for p in parts]


def _parallel_grads(pool: ThreadPoolExecutor, workers: int, core: GRModel, params: list[torch.nn.Parameter], step: Step,
                    tcfg: TrainConfig, running: Callable[[MaskSlab | None], contextlib.AbstractContextManager[Any]]) -> float:
    """Run one step's micro-batches on `workers` threads (`assign`); each thread sums its own
    micro-batches' gradients in order, then the threads' sums are added in worker order into the
    parameters' `.grad` (None where no micro-batch reached a parameter, as with `backward`).
    Returns the step's loss."""

    def work(indices: list[int]) -> tuple[list[torch.Tensor | None], float]:
        acc: list[torch.Tensor | None] = [None] * len(params)
        total = 0.0
        for i in indices:
            mb = step.micro[i]
            with running(mb.masks):
                loss = step_loss(core, mb.batch, mb.negatives, tcfg, step.slots, step.rows) * step.weight
                grads = torch.autograd.grad(loss, params, allow_unused=True)
            acc = [g if a is None else a if g is None else a + g for a, g in zip(acc, grads)]
            total += float(loss.detach())
        return acc, total

    done = [f.result() for f in [pool.submit(work, part) for part in assign([mb.cost for mb in step.micro], workers) if part]]
    for j, p in enumerate(params):
        parts = [acc[j] for acc, _ in done if acc[j] is not None]
        p.grad = None if not parts else functools.reduce(torch.add, parts[1:], parts[0]).contiguous()
    return sum(total for _, total in done)


@dataclass
class Run:
    """One training run's model and bookkeeping."""

    model: GRModel
    epochs: int = 0
    best_epoch: int = 0
    train_s: float = 0.0
    cpu_s: float = 0.0  # CPU time of this process (all its threads): robust to other load on the machine
    history: list[dict[str, Any]] = field(default_factory=list)


def _new_model(mcfg: GRConfig, tcfg: TrainConfig, text: torch.Tensor | None, counts: np.ndarray, device: torch.device) -> GRModel:
    model = build_model(mcfg, text).to(device)
    model.id_mask.copy_(torch.from_numpy((counts > 0).astype(np.float32)).unsqueeze(1))
    return model


def train_run(model: GRModel, seqs: Sequence[UserSeq], valid: Sequence[tuple[UserSeq, int]] | None, tcfg: TrainConfig,
              epochs: int, group: Group, progress: Progress | None = None) -> Run:
    """Train for up to `epochs`; with `valid`, early stopping on its NDCG@10 (computed by the main
    process, the decision shared) and the best weights restored."""
    rng, gen = _seed(tcfg.seed)
    arrays = training_arrays(seqs, model.cfg.max_len)
    wrapped = group.wrap(model)
    opt = torch.optim.AdamW(model.parameters(), lr=tcfg.lr, betas=(tcfg.beta1, tcfg.beta2), weight_decay=tcfg.weight_decay)
    average = WeightAverage(model, tcfg.ema) if tcfg.ema > 0 else None
    run, best, best_state, bad = Run(model), -1.0, copy.deepcopy(model.state_dict()), 0
    for epoch in range(1, epochs + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        record: dict[str, Any] = {"epoch": epoch, "loss": train_epoch(wrapped, opt, arrays, tcfg, rng, gen, group, average)}
        run.train_s += time.perf_counter() - t0
        run.cpu_s += time.process_time() - c0
        run.epochs = epoch
        if valid is not None and (epoch % tcfg.eval_every == 0 or epoch == epochs):
            if average is not None:
                average.swap()  # the averaged weights are the ones evaluated and kept
            score = evaluate(model, valid, tcfg.eval_batch_size, exclude=tcfg.exclude)["ndcg@10"] if group.is_main else 0.0
            score = group.broadcast(score)
            record["valid"] = {"ndcg@10": score}
            if score > best:
                best, best_state, bad, run.best_epoch = score, copy.deepcopy(model.state_dict()), 0, epoch
            else:
                bad += 1
            if average is not None:
                average.swap()
        run.history.append(record)
        if progress is not None and group.is_main:
            progress(record)
        if valid is not None and bad >= tcfg.patience:
            break
    if valid is not None:
        model.load_state_dict(best_state)
    else:
        run.best_epoch = run.epochs
        if average is not None:
            average.swap()  # the final model is the averaged one
    return run


def fit(
    split: Split,
    id_map: IdMap,
    mcfg: GRConfig,
    tcfg: TrainConfig,
    item_text: np.ndarray | None = None,
    progress: Progress | None = None,
    dataset: str = "",
    group: Group | None = None,
) -> FitResult:
    """Train as `tcfg.train_on` says, then evaluate on test (the main process only)."""
    group = group or Group()
    torch.set_num_threads(max(1, tcfg.threads))
    device = group.device(resolve_device(tcfg.device))
    mcfg = replace(mcfg, num_items=len(id_map))
    text = None
    if tcfg.content:
        if item_text is None:
            raise ValueError("content=true needs item text embeddings")
        text = torch.cat([torch.zeros(1, item_text.shape[1]), torch.from_numpy(np.asarray(item_text, np.float32))])
        mcfg = replace(mcfg, content_dim=int(item_text.shape[1]))
    train_seqs = fit_sequences(split, "train")
    epochs, history, train_s, cpu_s, done = tcfg.epochs, [], 0.0, 0.0, 0
    run = None
    if tcfg.train_on in ("train", "select+refit"):
        _seed(tcfg.seed)
        model = _new_model(mcfg, tcfg, text, item_counts(train_seqs, mcfg.num_items), device)
        run = train_run(model, train_seqs, split.valid, tcfg, tcfg.epochs, group, progress)
        epochs, history, train_s, cpu_s, done = run.best_epoch, run.history, run.train_s, run.cpu_s, run.epochs
    seqs = train_seqs
    if tcfg.train_on in ("train+valid", "select+refit"):
        seqs = fit_sequences(split, "train+valid")
        _seed(tcfg.seed)
        model = _new_model(mcfg, tcfg, text, item_counts(seqs, mcfg.num_items), device)
        run = train_run(model, seqs, None, tcfg, max(1, epochs), group, progress)
        history, train_s, cpu_s, done = history + run.history, train_s + run.train_s, cpu_s + run.cpu_s, done + run.epochs
    assert run is not None
    model = run.model
    refitted = tcfg.train_on != "train"
    valid = {} if refitted or not group.is_main else evaluate(model, split.valid, tcfg.eval_batch_size, exclude=tcfg.exclude)
    test = evaluate(model, split.test, tcfg.eval_batch_size, exclude=tcfg.exclude) if group.is_main else {}
    other: Exclude = "window" if tcfg.exclude == "history" else "history"
    test_other = evaluate(model, split.test, tcfg.eval_batch_size, exclude=other) if group.is_main else {}
    counts = item_counts(seqs, mcfg.num_items)
    ckpt = Checkpoint(model.eval(), id_map, counts, median_gap(seqs), tcfg.to_dict(),
                      {"valid": valid, "test": test, f"test_exclude_{other}": test_other, "epochs": epochs}, dataset)
    spe = train_s / max(done, 1)
    n_seq = len(training_arrays(seqs, 1)[0])
    window = test_other if other == "window" else test
    return FitResult(ckpt, valid, test, done, spe, n_seq / spe if spe else 0.0, history, epochs, window, cpu_s / max(done, 1))


def main(
    sequences: Sequence[tuple[str, list]],
    mcfg: GRConfig,
    tcfg: TrainConfig,
    out: Path | None = None,
    item_text_fn: Callable[[IdMap], np.ndarray] | None = None,
    progress: Progress | None = None,
    dataset: str = "",
    extra_item_ids: Sequence[int] = (),
    group: Group | None = None,
) -> FitResult:
    """Build sequences and splits, train, evaluate on test, and save the checkpoint to `out`
    (written once, by the main process)."""
    from tools.gr.data import build_sequences, leave_one_out

    group = group or Group()
    seqs, id_map = build_sequences(sequences, extra_item_ids)
    split = leave_one_out(seqs)
    item_text = item_text_fn(id_map) if (tcfg.content and item_text_fn is not None) else None
    result = fit(split, id_map, mcfg, tcfg, item_text, progress, dataset, group)
    if out is not None and group.is_main:
        save_checkpoint(out, result.checkpoint)
        log.info("saved %s", out)
    return result
