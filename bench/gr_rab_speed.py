"""Seconds per training epoch of HSTU config variants, side by side (issue 12, fourth pass).

    python bench/gr_rab_speed.py [--epochs 4] [--dataset ml-100k] [--baseline REV] [--quiet 0.1] [NAME=key=value,key=value ...]

Builds one model per variant on the dataset's config (train + validation, as the quality runs fit)
and runs their epochs interleaved (variant A epoch 1, B epoch 1, ..., A epoch 2, ...), so load
from other processes on the machine hits every variant alike; prints the median wall and CPU
seconds per epoch of each and its ratio to the first variant. `--baseline REV` adds, for each
variant, a copy built from `tools/gr/model.py` as it was at git revision REV (loaded beside the
current one, same process, same trainer), to measure a model change side by side. One process,
2 threads, one warm-up epoch per variant. `--quiet C` also reports each variant's median over the
epochs during which the rest of the machine used at most C cores (from /proc/stat): on a machine
shared with intermittent jobs, that is the figure alone.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muse.settings import Settings, apply_offline_env  # noqa: E402

apply_offline_env()

import torch  # noqa: E402

from tools.gr.config import load_config  # noqa: E402
from tools.gr.data import build_sequences, fit_sequences, leave_one_out, training_arrays  # noqa: E402
from tools.gr.model import GRConfig, GRModel, build_model  # noqa: E402
from tools.gr.sources import load_dataset  # noqa: E402
from tools.gr.train import _seed, train_epoch  # noqa: E402

SOURCES = {"ml-100k": "/work/shared/data/ml-100k", "ml-latest-small": "movielens-small"}
DEFAULT_VARIANTS = ["shipped=", "ref5=norm=plain,uvqk_bias=false,attn_n=211,rab=block,init=reference"]
ROOT = Path(__file__).resolve().parents[1]


def model_at(rev: str, cfg: GRConfig) -> GRModel:
    """The model `cfg` describes, built by tools/gr/model.py as of git revision `rev`."""
    name = f"gr_model_at_{rev}"
    if name not in sys.modules:
        src = subprocess.run(["git", "show", f"{rev}:tools/gr/model.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        module = types.ModuleType(name)
        sys.modules[name] = module  # dataclasses look their module up
        exec(compile(src, f"{rev}:tools/gr/model.py", "exec"), module.__dict__)
    module = sys.modules[name]
    return module.build_model(module.GRConfig(**cfg.to_dict()))


def machine_busy_s() -> float | None:
    """CPU seconds the whole machine has been busy (all cores, /proc/stat; None off Linux)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = [int(f) for f in fields]
    return (sum(ticks[:8]) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def parse_variant(text: str) -> tuple[str, dict[str, str]]:
    name, _, rest = text.partition("=")
    return name, dict(kv.split("=", 1) for kv in rest.split(",") if kv)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("variants", nargs="*", default=DEFAULT_VARIANTS)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--dataset", default="ml-100k")
    parser.add_argument("--threads", type=int, default=2, help="torch threads (1 compares CPU work on a busy machine)")
    parser.add_argument("--baseline", default="", help="git revision whose model.py builds a copy of each variant")
    parser.add_argument("--quiet", type=float, default=0.0,
                        help="> 0: also report medians over the epochs during which other processes used at most "
                             "this many cores on average (/proc/stat), i.e. measured on a quiet machine")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    settings = Settings()
    data = load_dataset(settings, SOURCES.get(args.dataset, args.dataset))
    seqs, id_map = build_sequences(data.sequences)
    split = leave_one_out(seqs)
    runs: list[dict[str, Any]] = []
    for text in args.variants:
        name, overrides = parse_variant(text)
        for rev in [""] + ([args.baseline] if args.baseline else []):
            mcfg, tcfg = load_config(args.dataset, {**overrides, "device": "cpu", "threads": args.threads, "num_items": len(id_map), "seed": 0})
            rng, gen = _seed(0)
            torch.manual_seed(0)
            net = model_at(rev, mcfg) if rev else build_model(mcfg)
            opt = torch.optim.AdamW(net.parameters(), lr=tcfg.lr, betas=(tcfg.beta1, tcfg.beta2))
            arrays = training_arrays(fit_sequences(split, tcfg.train_on), mcfg.max_len)
            runs.append({"name": name + (f" (model.py at {rev})" if rev else ""), "net": net, "opt": opt, "tcfg": tcfg,
                         "rng": rng, "gen": gen, "arrays": arrays, "wall": [], "cpu": [], "others": []})
    load0 = os.getloadavg()[0]
    for epoch in range(args.epochs + 1):
        for r in runs:
            t0, c0, b0 = time.perf_counter(), time.process_time(), machine_busy_s()
            train_epoch(r["net"], r["opt"], r["arrays"], r["tcfg"], r["rng"], r["gen"])
            wall, cpu, b1 = time.perf_counter() - t0, time.process_time() - c0, machine_busy_s()
            if epoch:  # epoch 0 warms up
                r["wall"].append(wall)
                r["cpu"].append(cpu)
                r["others"].append((b1 - b0 - cpu) / wall if b0 is not None and b1 is not None else float("nan"))
    base_wall, base_cpu = statistics.median(runs[0]["wall"]), statistics.median(runs[0]["cpu"])
    print(f"{args.dataset}, {args.epochs} interleaved epochs each, {args.threads} threads, load average {load0:.2f} -> {os.getloadavg()[0]:.2f}")
    print("| variant | wall s/epoch (median) | CPU s/epoch (median) | wall ratio | CPU ratio |")
    print("|---|---|---|---|---|")
    for r in runs:
        wall, cpu = statistics.median(r["wall"]), statistics.median(r["cpu"])
        print(f"| {r['name']} | {wall:.3f} | {cpu:.3f} | {wall / base_wall:.3f} | {cpu / base_cpu:.3f} |", flush=True)
    if args.quiet > 0:
        print_quiet(runs, args.quiet)


def print_quiet(runs: list[dict[str, Any]], limit: float) -> None:
    """Medians over the epochs during which other processes used at most `limit` cores."""
    print(f"\nQuiet epochs only (other processes <= {limit} cores during the epoch):")
    print("| variant | quiet epochs | wall s/epoch (median) | CPU s/epoch (median) | wall ratio | others' cores (mean, all epochs) |")
    print("|---|---|---|---|---|---|")
    base = None
    for r in runs:
        quiet = [w for w, o in zip(r["wall"], r["others"]) if o <= limit]
        cpu = [c for c, o in zip(r["cpu"], r["others"]) if o <= limit]
        wall = statistics.median(quiet) if quiet else float("nan")
        base = wall if base is None else base
        print(f"| {r['name']} | {len(quiet)}/{len(r['wall'])} | {wall:.3f} | {statistics.median(cpu) if cpu else float('nan'):.3f} | "
              f"{wall / base:.3f} | {statistics.fmean(r['others']):.2f} |", flush=True)


if __name__ == "__main__":
    main()
