"""Validation curve of one GR config variant (the trainer ablation's driver).

    python bench/gr_curve.py NAME [dataset=ml-100k] [key=value ...]

Trains on the training split only (no early stopping), evaluates validation NDCG@10 every
`eval_every` epochs (default 5) up to `epochs` (default 120), prints each point and appends the
curve (and the test metrics of the best validation epoch's weights) as one JSON line to --log (default $MUSE_HOME/gr/curves.jsonl). Seed 0, 2 threads unless
overridden. ml-100k is read from /work/shared/data/ml-100k (never committed).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muse.settings import Settings, apply_offline_env  # noqa: E402

apply_offline_env()

from tools.gr.config import load_config  # noqa: E402
from tools.gr.data import build_sequences, leave_one_out  # noqa: E402
from tools.gr.sources import load_dataset  # noqa: E402
from tools.gr.train import fit  # noqa: E402

SOURCES = {"ml-100k": "/work/shared/data/ml-100k", "ml-latest-small": "movielens-small"}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        sys.exit(__doc__)
    name, args = sys.argv[1], dict(a.split("=", 1) for a in sys.argv[2:])
    dataset = args.pop("dataset", "ml-100k")
    settings = Settings()
    log = Path(args.pop("log", str(settings.home / "gr" / "curves.jsonl")))
    data = load_dataset(settings, SOURCES.get(dataset, dataset))
    seqs, id_map = build_sequences(data.sequences)
    split = leave_one_out(seqs)
    overrides = {"device": "cpu", "threads": 2, "seed": 0, "train_on": "train", "patience": 1000, "eval_every": 5, "epochs": 120, **args}
    mcfg, tcfg = load_config(dataset if dataset in SOURCES else None, overrides)
    t0 = time.time()

    def progress(record: dict) -> None:
        if "valid" in record:
            print(f"{name} ep {record['epoch']} loss {record['loss']:.4f} valid {record['valid']['ndcg@10']:.4f} "
                  f"t {time.time() - t0:.0f}s", flush=True)

    result = fit(split, id_map, mcfg, tcfg, progress=progress, dataset=data.slug)
    curve = {r["epoch"]: r["valid"]["ndcg@10"] for r in result.history if "valid" in r}
    row = {"name": name, "dataset": dataset, "overrides": overrides, "curve": curve, "best_epoch": result.best_epoch,
           "test_at_best_epoch": result.test, "s_per_epoch": result.seconds_per_epoch, "cpu_s_per_epoch": result.cpu_seconds_per_epoch, "load": os.getloadavg()[0]}
    print(json.dumps(row), flush=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a") as f:
        f.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
