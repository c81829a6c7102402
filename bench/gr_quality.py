"""GR quality: SASRec vs HSTU vs HSTU+content, same trainer, budget and seeds, leave-one-out test.

    HF_HUB_OFFLINE=1 OMP_WAIT_POLICY=PASSIVE python bench/gr_quality.py [--seeds 3] [--epochs 25]

Prints a markdown table of test metrics (mean ± std over seeds; retrieval head, full ranking with
history excluded), seconds per training epoch, and the ranking head's NDCG@10 where the catalog
is small enough to rank every item through M-FALCON tokens.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muse.settings import Settings, apply_offline_env  # noqa: E402

apply_offline_env()

import torch  # noqa: E402

from tools.gr.config import load_config  # noqa: E402
from tools.gr.data import build_sequences, leave_one_out  # noqa: E402
from tools.gr.sources import load_dataset, text_embeddings  # noqa: E402
from tools.gr.train import evaluate, fit  # noqa: E402

DATASETS = [("ml-100k", "/work/shared/data/ml-100k", "../shared/data/ml-100k"), ("ml-latest-small", "movielens-small", None)]
VARIANTS = [("SASRec", "sasrec", False), ("HSTU", "hstu", False), ("HSTU+content", "hstu", True)]
RANK_EVAL_MAX_ITEMS = 2_000  # ranking every item through candidate tokens is affordable below this


def _spec(primary: str, fallback: str | None) -> str | None:
    if not primary.startswith("/") or Path(primary).exists():
        return primary
    return fallback if fallback and Path(fallback).exists() else None


def run_dataset(settings: Settings, name: str, spec: str, args: argparse.Namespace) -> list[dict]:
    data = load_dataset(settings, spec)
    seqs, id_map = build_sequences(data.sequences)
    split = leave_one_out(seqs)
    text = text_embeddings(settings, data.slug, id_map, data.items)
    rows = []
    for label, model, content in VARIANTS:
        for seed in range(args.seeds):
            overrides = {"model": model, "seed": seed, "epochs": args.epochs, "patience": args.patience,
                         "eval_every": args.eval_every, "content": content, "device": "cpu", "threads": 2,
                         "max_len": args.max_len, **({"rank_weight": args.rank_weight} if args.rank_weight is not None else {})}
            mcfg, tcfg = load_config(name, overrides)
            t0 = time.perf_counter()
            result = fit(split, id_map, mcfg, tcfg, text if content else None, dataset=data.slug)
            rank = {}
            if len(id_map) <= RANK_EVAL_MAX_ITEMS and tcfg.rank_weight > 0:
                rank = evaluate(result.checkpoint.model, split.test, 64, head="rank")
            row = {"dataset": name, "variant": label, "seed": seed, "test": result.test, "rank_test": rank,
                   "epochs": result.epochs, "s_per_epoch": result.seconds_per_epoch, "wall_s": time.perf_counter() - t0}
            print(json.dumps(row), flush=True)
            rows.append(row)
    return rows


def _ms(values: list[float]) -> str:
    return f"{np.mean(values):.4f} ± {np.std(values):.4f}"


def table(rows: list[dict], args: argparse.Namespace) -> str:
    lines = [
        f"Budget: ≤ {args.epochs} epochs, validation every {args.eval_every}, patience {args.patience}, "
        f"max_len {args.max_len}, rank-head loss weight {args.rank_weight if args.rank_weight is not None else 'as configured'}, "
        f"seeds 0..{args.seeds - 1}, CPU 2 threads. Test split, full ranking, history excluded.",
        "",
        "| dataset | model | HR@10 | NDCG@10 | HR@50 | NDCG@50 | MRR | rank-head NDCG@10 | epochs | s/epoch |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in dict.fromkeys(r["dataset"] for r in rows):
        for label in dict.fromkeys(r["variant"] for r in rows if r["dataset"] == name):
            rs = [r for r in rows if r["dataset"] == name and r["variant"] == label]
            m = lambda key: _ms([r["test"][key] for r in rs])  # noqa: E731
            rank = _ms([r["rank_test"]["ndcg@10"] for r in rs]) if rs[0]["rank_test"] else "n/a"
            lines.append(f"| {name} | {label} | {m('hr@10')} | {m('ndcg@10')} | {m('hr@50')} | {m('ndcg@50')} | {m('mrr')} | "
                         f"{rank} | {np.mean([r['epochs'] for r in rs]):.0f} | {np.mean([r['s_per_epoch'] for r in rs]):.1f} |")
    lines.append("")
    for name in dict.fromkeys(r["dataset"] for r in rows):
        base = np.mean([r["test"]["ndcg@10"] for r in rows if r["dataset"] == name and r["variant"] == "SASRec"])
        for label in ("HSTU", "HSTU+content"):
            ours = [r["test"]["ndcg@10"] for r in rows if r["dataset"] == name and r["variant"] == label]
            if ours and base > 0:
                lines.append(f"- {name}: {label} NDCG@10 / SASRec = {np.mean(ours) / base:.2f} (goal ≥ 1.10)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--eval-every", type=int, default=5)
    parser.add_argument("--patience", type=int, default=2)
    parser.add_argument("--max-len", type=int, default=100, help="history slots (the configs use 200)")
    parser.add_argument("--datasets", default="ml-100k,ml-latest-small")
    parser.add_argument("--home", type=Path, default=None, help="Muse home (default: settings)")
    parser.add_argument("--out", type=Path, default=None, help="also write rows as JSON here")
    parser.add_argument("--rank-weight", type=float, default=None, help="override the ranking-head loss weight")
    args = parser.parse_args()
    torch.set_num_threads(2)
    settings = Settings(home=args.home) if args.home else Settings()
    rows: list[dict] = []
    t0 = time.perf_counter()
    for name, primary, fallback in DATASETS:
        if name not in args.datasets.split(","):
            continue
        spec = _spec(primary, fallback)
        if spec is None:
            print(f"skipping {name}: {primary} not found")
            continue
        rows += run_dataset(settings, name, spec, args)
    print(f"\ntotal {time.perf_counter() - t0:.0f} s\n")
    print(table(rows, args))
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
