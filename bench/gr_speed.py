"""GR speed on CPU: latency to score 1,000 candidates after a 200-item history (one M-FALCON pass vs
one pass per candidate) and training throughput in sequences/s.

    HF_HUB_OFFLINE=1 OMP_WAIT_POLICY=PASSIVE python bench/gr_speed.py [--threads 2]

Weights are random (speed does not depend on them); the shape is the paper's ML-1M model
(d = 50, 2 blocks, 1 head, max length 200) over 3,706 items.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muse.settings import apply_offline_env  # noqa: E402

apply_offline_env()

import torch  # noqa: E402

from tools.gr.checkpoint import Checkpoint  # noqa: E402
from tools.gr.config import load_config  # noqa: E402
from tools.gr.data import IdMap  # noqa: E402
from tools.gr.model import build_model  # noqa: E402
from tools.gr.scorer import GRScorer  # noqa: E402
from tools.gr.train import draw_negatives, get_batch, step_loss  # noqa: E402

NUM_ITEMS = 3706


def make_scorer(kind: str, head: str) -> GRScorer:
    mcfg, _ = load_config("ml-1m", {"model": kind, "num_items": NUM_ITEMS})
    torch.manual_seed(0)
    model = build_model(mcfg).eval()
    ckpt = Checkpoint(model, IdMap(np.arange(1, NUM_ITEMS + 1)), np.ones(NUM_ITEMS + 1, np.int64), 60)
    return GRScorer(ckpt, "cpu", head)  # type: ignore[arg-type]


def latency(scorer: GRScorer, history: list[int], cands: list[int], runs: int) -> tuple[float, float]:
    for _ in range(5):
        scorer.score(history, cands)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        scorer.score(history, cands)
        times.append((time.perf_counter() - t0) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def one_by_one_ms(scorer: GRScorer, history: list[int], cands: list[int]) -> float:
    t0 = time.perf_counter()
    for c in cands:
        scorer.score(history, [c])
    return (time.perf_counter() - t0) * 1000


def throughput(kind: str, steps: int = 5, batch: int = 128) -> float:
    mcfg, tcfg = load_config("ml-1m", {"model": kind, "num_items": NUM_ITEMS})
    model = build_model(mcfg).train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.98))
    rng = np.random.default_rng(0)
    items = rng.integers(1, NUM_ITEMS + 1, (batch, mcfg.max_len + 1))
    times = np.cumsum(rng.integers(1, 5000, (batch, mcfg.max_len + 1)), axis=1)
    rows = np.arange(batch)
    gen = torch.Generator().manual_seed(0)
    for step in range(steps + 1):
        if step == 1:
            t0 = time.perf_counter()  # the first step warms up
        negs = draw_negatives(gen, tcfg, batch, mcfg.max_len, NUM_ITEMS)
        loss = step_loss(model, get_batch(items, times, rows, torch.device("cpu")), negs, tcfg)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return steps * batch / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    history = rng.integers(1, NUM_ITEMS + 1, 200).tolist()
    cands = rng.choice(np.arange(1, NUM_ITEMS + 1), 1000, replace=False).tolist()
    print(f"CPU, {args.threads} threads, history 200, 1,000 candidates, {NUM_ITEMS} items, ML-1M shapes\n")
    print("| model | head | p50 ms | p95 ms | one-by-one ms (1,000 passes) | one-pass speed-up | train seq/s (batch 128) |")
    print("|---|---|---|---|---|---|---|")
    for kind in ("hstu", "sasrec"):
        tput = throughput(kind)
        for head in ("rank", "retrieval"):
            scorer = make_scorer(kind, head)
            p50, p95 = latency(scorer, history, cands, args.runs)
            serial = one_by_one_ms(scorer, history, cands)
            print(f"| {kind} | {head} | {p50:.1f} | {p95:.1f} | {serial:.0f} | {serial / p50:.0f}x | {tput:.0f} |", flush=True)


if __name__ == "__main__":
    main()
