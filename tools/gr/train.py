"""Train and evaluate HSTU / SASRec: `get_batch`, `step_loss`, `evaluate`, `fit`, `main`.

Loss (both models, as in the paper): next item at every slot, sampled softmax against 128 uniform
negatives at temperature 0.05 on L2-normalised vectors, AdamW (0.9, 0.98), lr 1e-3, no weight
decay. Added to it, the ranking head's loss: the true next item and the same negatives appended as
M-FALCON candidate tokens, softmax over their scores. Early stopping on validation NDCG@10; the
best weights are kept.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
import torch
import torch.nn.functional as F

from tools.gr.checkpoint import Checkpoint, save_checkpoint
from tools.gr.config import TrainConfig
from tools.gr.data import IdMap, Split, UserSeq, eval_arrays, item_counts, median_gap, training_arrays
from tools.gr.metrics import summarize, target_ranks
from tools.gr.model import GRConfig, GRModel, build_model

log = logging.getLogger(__name__)

Progress = Callable[[dict[str, Any]], None]


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
    """Inputs (B, L), next-item targets (B, L), times (B, L), ranking positives (B,)."""
    it = torch.from_numpy(items[rows]).to(device)  # (B, L+1)
    ts = torch.from_numpy(times[rows]).to(device)  # (B, L+1)
    return it[:, :-1], it[:, 1:], ts[:, :-1], it[:, -1]


def _sampled_softmax(pos: torch.Tensor, neg: torch.Tensor, hit: torch.Tensor, temperature: float) -> torch.Tensor:
    """Cross-entropy of the positive against negatives; negatives equal to the positive are masked."""
    neg = neg.masked_fill(hit, float("-inf"))
    logits = torch.cat([pos.unsqueeze(-1), neg], dim=-1) / temperature  # (..., 1+K)
    return F.cross_entropy(logits.view(-1, logits.shape[-1]), torch.zeros(logits[..., 0].numel(), dtype=torch.long, device=logits.device))


def step_loss(model: GRModel, batch: tuple[torch.Tensor, ...], negatives: torch.Tensor, tcfg: TrainConfig) -> torch.Tensor:
    """Retrieval loss at every non-padded slot plus the weighted ranking-head loss."""
    inputs, targets, times, positives = batch
    b = inputs.shape[0]
    cands = torch.cat([positives.unsqueeze(1), negatives.expand(b, -1)], dim=1) if tcfg.rank_weight > 0 else None
    h, g = model(inputs, times, cands)  # (B, L, D), (B, 1+K, D)
    valid = inputs > 0
    neg_v = model.item_outputs(negatives)  # (K, D)
    hv = h[valid]  # (P, D)
    pos = (hv * model.item_outputs(targets[valid])).sum(-1)  # (P,)
    loss = _sampled_softmax(pos, hv @ neg_v.T, negatives.view(1, -1) == targets[valid].unsqueeze(1), tcfg.temperature)
    if g is not None:
        scores = model.rank_scores(h, g, cands)  # (B, 1+K)
        hit = negatives.view(1, -1) == positives.unsqueeze(1)
        loss = loss + tcfg.rank_weight * _sampled_softmax(scores[:, 0], scores[:, 1:], hit, tcfg.temperature)
    return loss


def _exclusion(pairs: Sequence[tuple[UserSeq, int]], num_items: int) -> np.ndarray:
    """(U, N) True for items in each user's full history (column = index - 1)."""
    mask = np.zeros((len(pairs), num_items), dtype=bool)
    for row, (seq, _) in enumerate(pairs):
        mask[row, seq.items[seq.items > 0] - 1] = True
    return mask


@torch.no_grad()
def score_all(model: GRModel, items: torch.Tensor, times: torch.Tensor, head: str, chunk: int = 2_000_000) -> torch.Tensor:
    """(U, N) scores of every item after each history, by the retrieval or the ranking head."""
    n = model.cfg.num_items
    all_idx = torch.arange(1, n + 1, device=items.device)
    if head == "retrieval":
        h, _ = model(items, times)
        return h[:, -1] @ model.item_outputs(all_idx).T  # (U, N)
    out = []
    step = max(1, chunk // (items.shape[1] * items.shape[0]))  # candidates per pass, bounded memory
    for start in range(0, n, step):
        cands = all_idx[start : start + step].expand(items.shape[0], -1)  # (U, C)
        h, g = model(items, times, cands)
        out.append(model.rank_scores(h, g, cands))  # (U, C)
    return torch.cat(out, dim=1)


@torch.no_grad()
def evaluate(
    model: GRModel,
    pairs: Sequence[tuple[UserSeq, int]],
    batch_size: int = 256,
    head: Literal["retrieval", "rank"] = "retrieval",
) -> dict[str, float]:
    """HR@10/50/200, NDCG@10/50/200 and MRR, ranking each target against all items, history excluded."""
    if not pairs:
        return summarize(np.zeros(0))
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    items, times, targets = eval_arrays(pairs, model.cfg.max_len)
    ranks = []
    for start in range(0, len(pairs), batch_size):
        sl = slice(start, start + batch_size)
        scores = score_all(model, torch.from_numpy(items[sl]).to(device), torch.from_numpy(times[sl]).to(device), head)
        exclude = _exclusion(pairs[sl], model.cfg.num_items)
        ranks.append(target_ranks(scores.cpu().numpy(), targets[sl] - 1, exclude))
    model.train(was_training)
    return summarize(np.concatenate(ranks))


@dataclass
class FitResult:
    """A trained model with its validation/test metrics and timings."""

    checkpoint: Checkpoint
    valid: dict[str, float]
    test: dict[str, float]
    epochs: int
    seconds_per_epoch: float
    sequences_per_s: float
    history: list[dict[str, Any]] = field(default_factory=list)


def _seed(seed: int) -> tuple[np.random.Generator, torch.Generator]:
    torch.manual_seed(seed)
    return np.random.default_rng(seed), torch.Generator().manual_seed(seed)


def train_epoch(model: GRModel, opt: torch.optim.Optimizer, arrays: tuple[np.ndarray, np.ndarray], tcfg: TrainConfig,
                rng: np.random.Generator, gen: torch.Generator) -> float:
    """One pass over the training sequences in a random order; returns the mean loss."""
    model.train()
    device = next(model.parameters()).device
    items, times = arrays
    order = rng.permutation(len(items))
    losses = []
    for start in range(0, len(order), tcfg.batch_size):
        batch = get_batch(items, times, order[start : start + tcfg.batch_size], device)
        negatives = torch.randint(1, model.cfg.num_items + 1, (tcfg.num_negatives,), generator=gen).to(device)
        loss = step_loss(model, batch, negatives, tcfg)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        losses.append(float(loss.detach()))
    return float(np.mean(losses)) if losses else 0.0


def fit(
    split: Split,
    id_map: IdMap,
    mcfg: GRConfig,
    tcfg: TrainConfig,
    item_text: np.ndarray | None = None,
    progress: Progress | None = None,
    dataset: str = "",
) -> FitResult:
    """Train with early stopping on validation NDCG@10; the best model is evaluated on test."""
    torch.set_num_threads(max(1, tcfg.threads))
    rng, gen = _seed(tcfg.seed)
    device = resolve_device(tcfg.device)
    mcfg = replace(mcfg, num_items=len(id_map))
    text = None
    if tcfg.content:
        if item_text is None:
            raise ValueError("content=true needs item text embeddings")
        text = torch.cat([torch.zeros(1, item_text.shape[1]), torch.from_numpy(np.asarray(item_text, np.float32))])
        mcfg = replace(mcfg, content_dim=int(item_text.shape[1]))
    model = build_model(mcfg, text).to(device)
    counts = item_counts(split.train, mcfg.num_items)
    model.id_mask.copy_(torch.from_numpy((counts > 0).astype(np.float32)).unsqueeze(1))
    arrays = training_arrays(split.train, mcfg.max_len)
    opt = torch.optim.AdamW(model.parameters(), lr=tcfg.lr, betas=(tcfg.beta1, tcfg.beta2), weight_decay=tcfg.weight_decay)
    best, best_state, bad, history, train_s, epoch = -1.0, copy.deepcopy(model.state_dict()), 0, [], 0.0, 0
    for epoch in range(1, tcfg.epochs + 1):
        t0 = time.perf_counter()
        loss = train_epoch(model, opt, arrays, tcfg, rng, gen)
        train_s += time.perf_counter() - t0
        record: dict[str, Any] = {"epoch": epoch, "loss": loss}
        if epoch % tcfg.eval_every == 0 or epoch == tcfg.epochs:
            record["valid"] = evaluate(model, split.valid, tcfg.eval_batch_size)
            score = record["valid"]["ndcg@10"]
            if score > best:
                best, best_state, bad = score, copy.deepcopy(model.state_dict()), 0
            else:
                bad += 1
        history.append(record)
        if progress is not None:
            progress(record)
        if bad >= tcfg.patience:
            break
    model.load_state_dict(best_state)
    valid = evaluate(model, split.valid, tcfg.eval_batch_size)
    test = evaluate(model, split.test, tcfg.eval_batch_size)
    ckpt = Checkpoint(model.eval(), id_map, counts, median_gap(split.train), tcfg.to_dict(),
                      {"valid": valid, "test": test, "epochs": epoch}, dataset)
    spe = train_s / max(epoch, 1)
    return FitResult(ckpt, valid, test, epoch, spe, len(arrays[0]) / spe if spe else 0.0, history)


def main(
    sequences: Sequence[tuple[str, list]],
    mcfg: GRConfig,
    tcfg: TrainConfig,
    out: Path | None = None,
    item_text_fn: Callable[[IdMap], np.ndarray] | None = None,
    progress: Progress | None = None,
    dataset: str = "",
    extra_item_ids: Sequence[int] = (),
) -> FitResult:
    """Build sequences and splits, train, evaluate on test, and save the checkpoint to `out`."""
    from tools.gr.data import build_sequences, leave_one_out

    seqs, id_map = build_sequences(sequences, extra_item_ids)
    split = leave_one_out(seqs)
    item_text = item_text_fn(id_map) if (tcfg.content and item_text_fn is not None) else None
    result = fit(split, id_map, mcfg, tcfg, item_text, progress, dataset)
    if out is not None:
        save_checkpoint(out, result.checkpoint)
        log.info("saved %s", out)
    return result
