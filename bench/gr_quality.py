"""GR quality: Muse's SASRec and HSTU beside the official generative-recommenders code, same protocol.

    HF_HUB_OFFLINE=1 OMP_WAIT_POLICY=PASSIVE python bench/gr_quality.py [--seeds 3] [--jobs 2]
    python bench/gr_quality.py --ablation [--jobs 2]        # the trainer ablation, ml-100k, HSTU, seed 0

Protocol (the issue's): each user's ratings ordered by timestamp, ties broken by item id; the last
item is the test target, the second-to-last the validation target. The model is fitted on
everything but the test item for the epoch count its config chose on validation; every item is
ranked (full ranking), with the whole history excluded and, as the reference does, only the
200-item input window excluded. Mean ± std over seeds. Training speed is measured in the same
run, alone on the machine's cores with 2 threads (the quality runs may run in parallel, 1 thread
each, and their timings are not used); the load average is printed beside it because the
machine may be shared. ml-100k is read from /work/shared/data/ml-100k (never committed).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muse.settings import Settings, apply_offline_env  # noqa: E402

apply_offline_env()

import torch  # noqa: E402

from tools.gr.config import load_config  # noqa: E402
from tools.gr.data import Split, build_sequences, fit_sequences, leave_one_out, training_arrays  # noqa: E402
from tools.gr.model import build_model  # noqa: E402
from tools.gr.sources import load_dataset, text_embeddings  # noqa: E402
from tools.gr.train import _seed, fit, train_epoch  # noqa: E402
from stores.datasets import dataset_slug  # noqa: E402

DATASETS = {"ml-100k": "/work/shared/data/ml-100k", "ml-latest-small": "movielens-small"}
MODELS = {"SASRec": {"model": "sasrec"}, "HSTU": {"model": "hstu"}, "HSTU+content": {"model": "hstu", "content": True}}
REFERENCE = [  # official generative-recommenders code, figures measured by the issue reporter (ml-100k)
    ("HSTU", "0.1137 / 0.1088", "0.2095 / 0.2031", "12.7", "two unseeded runs, mean of epochs 91-100"),
    ("SASRec", "0.1026", "0.1901", "~15", "same trainer, its SASRec config"),
]
# Trainer ablation (ml-100k, HSTU, seed 0). Each row changes one thing from the final config;
# "old trainer" is the first trainer's recipe (shared negatives, no validation item, early
# stopping, batch 32).
ABLATION: list[tuple[str, dict[str, Any]]] = [
    ("final config", {}),
    ("50 epochs (the previous recipe's count)", {"epochs": 50}),
    ("third-pass recipe: affine LayerNorms, UVQK bias, n = 201, one shared bias table, torch init, lr 1e-3, dropout 0.2", {
        "norm": "affine", "uvqk_bias": True, "attn_n": 0, "rab": "shared", "init": "torch", "lr": 1e-3, "dropout": 0.2}),
    ("lr 1e-3 (the reference's)", {"lr": 1e-3}),
    ("dropout 0.2 (the reference's)", {"dropout": 0.2}),
    ("negatives: 128 per sequence, shared by its positions", {"negatives": "row"}),
    ("negatives: one shared set of 128 per step", {"negatives": "batch"}),
    ("negatives: full softmax", {"negatives": "all"}),
    ("fitted on train only (no validation item)", {"train_on": "train", "patience": 1000}),
    ("positions counted from the oldest item", {"positions": "oldest"}),
    ("time bias from the item's own time", {"time_bias": "item"}),
    ("batch 32, length-bucketed", {"batch_size": 32, "bucket": 8}),
    ("dropout 0.0", {"dropout": 0.0}),
    ("old trainer: shared negatives, train only, early stopping, batch 32", {
        "negatives": "batch", "train_on": "train", "batch_size": 32, "time_bias": "item", "epochs": 200, "eval_every": 5,
        "patience": 4}),
]
GOALS = {"hstu_ndcg": 0.115, "hstu_hr": 0.21, "sasrec_ndcg": 0.103, "ratio": 1.10, "s_per_epoch": 2.5}


def _load() -> float:
    return float(os.getloadavg()[0])


def prepare(names: list[str], home: str | None) -> None:
    """Import every dataset once, before any worker starts (workers then only read the stores)."""
    for name in names:
        _dataset(name, home, source=True)


@lru_cache(maxsize=4)
def _dataset(name: str, home: str | None, source: bool = False) -> tuple[Any, Any, Split, Any]:
    settings = Settings(home=Path(home)) if home else Settings()
    data = load_dataset(settings, DATASETS[name] if source else dataset_slug(DATASETS[name]))
    seqs, id_map = build_sequences(data.sequences)
    return settings, id_map, leave_one_out(seqs), data


def run_one(spec: dict[str, Any]) -> dict[str, Any]:
    """One training run (a worker process when --jobs > 1): fit, test with both exclusions."""
    settings, id_map, split, data = _dataset(spec["dataset"], spec.get("home"))
    overrides = {"device": "cpu", "threads": spec["threads"], "seed": spec["seed"], **spec["overrides"],
                 **({"epochs": spec["epochs"]} if spec.get("epochs") else {})}
    mcfg, tcfg = load_config(spec["dataset"], overrides)
    text = text_embeddings(settings, data.slug, id_map, data.items) if tcfg.content else None
    t0 = time.perf_counter()
    result = fit(split, id_map, mcfg, tcfg, text, dataset=data.slug)
    return {**{k: spec[k] for k in ("dataset", "label", "seed")}, "overrides": spec["overrides"], "test": result.test,
            "test_window": result.test_window, "epochs": result.epochs, "s_per_epoch": result.seconds_per_epoch,
            "cpu_s_per_epoch": result.cpu_seconds_per_epoch, "wall_s": time.perf_counter() - t0, "load": _load()}


def run_all(specs: list[dict[str, Any]], jobs: int) -> list[dict[str, Any]]:
    """Every run, `jobs` at a time; a failed run is reported and left out, never the whole table."""
    prepare(list(dict.fromkeys(s["dataset"] for s in specs)), specs[0].get("home") if specs else None)
    rows = []
    with ProcessPoolExecutor(max(1, jobs), mp_context=get_context("spawn")) as pool:
        futures = {pool.submit(run_one, spec): spec for spec in specs}
        for future in as_completed(futures):
            try:
                rows.append(future.result())
            except Exception as exc:  # noqa: BLE001 - reported, the other runs still count
                print(f"run failed: {futures[future]}: {exc!r}", flush=True)
                continue
            print(json.dumps(rows[-1]), flush=True)
    order = {(s["dataset"], s["label"], s["seed"]): i for i, s in enumerate(specs)}
    return sorted(rows, key=lambda r: order[(r["dataset"], r["label"], r["seed"])])


def speed(name: str, model: str, epochs: int, home: str | None, threads: int = 2) -> dict[str, float]:
    """Seconds per training epoch of a dataset's config, alone, `threads` threads (after one warm-up epoch)."""
    torch.set_num_threads(threads)
    _, id_map, split, _ = _dataset(name, home)
    mcfg, tcfg = load_config(name, {"model": model, "device": "cpu", "threads": threads, "num_items": len(id_map)})
    rng, gen = _seed(0)
    net = build_model(mcfg)
    opt = torch.optim.AdamW(net.parameters(), lr=tcfg.lr, betas=(tcfg.beta1, tcfg.beta2))
    arrays = training_arrays(fit_sequences(split, tcfg.train_on), mcfg.max_len)
    train_epoch(net, opt, arrays, tcfg, rng, gen)
    load0, t0, c0 = _load(), time.perf_counter(), time.process_time()
    for _ in range(epochs):
        train_epoch(net, opt, arrays, tcfg, rng, gen)
    wall, cpu = (time.perf_counter() - t0) / epochs, (time.process_time() - c0) / epochs
    return {"wall": wall, "cpu": cpu, "load_before": load0, "load_after": _load(), "threads": threads}


def _ms(values: list[float]) -> str:
    return f"{np.mean(values):.4f} ± {np.std(values):.4f}"


def quality_table(rows: list[dict[str, Any]], speeds: dict[tuple[str, str], dict[str, float]], seeds: int) -> str:
    lines = ["| dataset | model | NDCG@10 (history excl.) | HR@10 (history excl.) | NDCG@10 (window excl.) | HR@10 (window excl.) | "
             "NDCG@50 | MRR | epochs | s/epoch (2 threads, alone) | CPU s/epoch | load avg |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name in dict.fromkeys(r["dataset"] for r in rows):
        for label in dict.fromkeys(r["label"] for r in rows if r["dataset"] == name):
            rs = [r for r in rows if r["dataset"] == name and r["label"] == label]
            h = lambda key: _ms([r["test"][key] for r in rs])  # noqa: E731
            w = lambda key: _ms([r["test_window"][key] for r in rs])  # noqa: E731
            sp = speeds.get((name, label))
            sp_txt = (f"{sp['wall']:.2f} | {sp['cpu']:.2f} | {sp['load_before']:.1f}-{sp['load_after']:.1f}" if sp else "n/a | n/a | n/a")
            lines.append(f"| {name} | Muse {label} | {h('ndcg@10')} | {h('hr@10')} | {w('ndcg@10')} | {w('hr@10')} | {h('ndcg@50')} | "
                         f"{h('mrr')} | {np.mean([r['epochs'] for r in rs]):.0f} | {sp_txt} |")
        if name == "ml-100k":
            for label, ndcg, hr, spe, note in REFERENCE:
                lines.append(f"| ml-100k | official generative-recommenders code, figures measured by the issue reporter: {label} ({note}) | "
                             f"n/a | n/a | {ndcg} | {hr} | n/a | n/a | 101 | {spe} | n/a | n/a |")
    lines += ["", f"Muse rows: mean ± std over seeds 0..{seeds - 1}; quality runs used 1 thread each; speed measured alone after them."]
    return "\n".join(lines)


def goal_lines(rows: list[dict[str, Any]], speeds: dict[tuple[str, str], dict[str, float]]) -> list[str]:
    out = []
    for name in dict.fromkeys(r["dataset"] for r in rows):
        mean = lambda label, key, which="test_window": float(np.mean([r[which][key] for r in rows if r["dataset"] == name and r["label"] == label] or [np.nan]))  # noqa: E501, E731
        for which, title in (("test_window", "window excluded (the reference's protocol)"), ("test", "history excluded")):
            hstu, sas = mean("HSTU", "ndcg@10", which), mean("SASRec", "ndcg@10", which)
            out.append(f"- {name}, {title}: HSTU NDCG@10 {hstu:.4f}, HR@10 {mean('HSTU', 'hr@10', which):.4f}; "
                       f"SASRec NDCG@10 {sas:.4f}; HSTU / SASRec = {hstu / sas:.2f}")
    sp = speeds.get(("ml-100k", "HSTU"))
    if sp:
        out.append(f"- ml-100k HSTU: {sp['wall']:.2f} s/epoch on 2 threads (goal ≤ {GOALS['s_per_epoch']}), {sp['cpu']:.2f} CPU s/epoch, "
                   f"load average {sp['load_before']:.1f} before / {sp['load_after']:.1f} after on this 2-core machine")
    return out


def ablation_table(rows: list[dict[str, Any]]) -> str:
    lines = ["| change from the final config | NDCG@10 (window excl.) | HR@10 (window excl.) | NDCG@10 (history excl.) | HR@10 (history excl.) | epochs |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['label']} | {r['test_window']['ndcg@10']:.4f} | {r['test_window']['hr@10']:.4f} | "
                     f"{r['test']['ndcg@10']:.4f} | {r['test']['hr@10']:.4f} | {r['epochs']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--datasets", default="ml-100k,ml-latest-small")
    parser.add_argument("--models", default="SASRec,HSTU", help=f"comma-separated, from {', '.join(MODELS)}")
    parser.add_argument("--jobs", type=int, default=1, help="quality runs in parallel (1 thread each when > 1)")
    parser.add_argument("--speed-epochs", type=int, default=3, help="epochs timed per speed row (0: skip)")
    parser.add_argument("--ablation", action="store_true", help="run the trainer ablation instead (ml-100k, HSTU, seed 0)")
    parser.add_argument("--only", default="", help="ablation: comma-separated row numbers to run (default all)")
    parser.add_argument("--epochs", type=int, default=0, help="override the configs' epoch count (0: as configured; smoke tests)")
    parser.add_argument("--home", default=None, help="Muse home (default: settings)")
    parser.add_argument("--out", type=Path, default=None, help="also write the rows as JSON here")
    args = parser.parse_args()
    threads = 1 if args.jobs > 1 else 2
    torch.set_num_threads(threads)
    t0 = time.perf_counter()
    if args.ablation:
        keep = {int(i) for i in args.only.split(",") if i} or set(range(len(ABLATION)))
        specs = [{"dataset": "ml-100k", "label": label, "seed": 0, "threads": threads, "home": args.home, "epochs": args.epochs,
                  "overrides": {"model": "hstu", **ov}} for i, (label, ov) in enumerate(ABLATION) if i in keep]
        rows = run_all(specs, args.jobs)
        print(f"\ntotal {time.perf_counter() - t0:.0f} s, load average {_load():.1f}\n")
        print(ablation_table(rows))
    else:
        names = [n for n in args.datasets.split(",") if n]
        for name in names:
            if name == "ml-100k" and not Path(DATASETS[name]).exists():
                sys.exit(f"{DATASETS[name]} not found: ml-100k is not shipped (licence); point DATASETS at a copy")
        specs = [{"dataset": name, "label": label, "seed": seed, "threads": threads, "home": args.home, "overrides": MODELS[label],
                  "epochs": args.epochs}
                 for name in names for label in args.models.split(",") for seed in range(args.seeds)]
        rows = run_all(specs, args.jobs)
        speeds = {}
        if args.speed_epochs > 0:
            for name in names:
                for label in args.models.split(","):
                    if "content" not in MODELS[label]:
                        speeds[(name, label)] = speed(name, MODELS[label]["model"], args.speed_epochs, args.home)
                        print(json.dumps({"speed": [name, label], **speeds[(name, label)]}), flush=True)
        print(f"\ntotal {time.perf_counter() - t0:.0f} s\n")
        print(quality_table(rows, speeds, args.seeds))
        print("\n" + "\n".join(goal_lines(rows, speeds)))
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
