"""`muse gr train` and `muse gr eval`."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import typer

T = TypeVar("T")

gr_app = typer.Typer(no_args_is_help=True, add_completion=False, help="GR scorer: train and evaluate HSTU / SASRec.")

def _settings(ctx: typer.Context) -> Any:
    """The Settings the `muse` entry point built (fresh ones when this app runs on its own)."""
    from muse.settings import Settings

    root = ctx.find_root().obj
    return root if isinstance(root, Settings) else Settings()


_METRIC_KEYS = ("hr@10", "hr@50", "hr@200", "ndcg@10", "ndcg@50", "ndcg@200", "mrr")


def _print_metrics(title: str, metrics: dict[str, float]) -> None:
    typer.echo(title)
    for key in _METRIC_KEYS:
        typer.echo(f"  {key:<9} {metrics[key]:.4f}")


@gr_app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train(
    ctx: typer.Context,
    dataset: str = typer.Option(..., help="Dataset name (movielens-small, ml-100k, ...) or path."),
    model: str = typer.Option("hstu", help="hstu or sasrec."),
    config: str | None = typer.Option(None, help="TOML file or shipped config name (default: the dataset's)."),
    out: Path | None = typer.Option(None, help="Checkpoint path (default: HOME/gr/<slug>/<model>.pt)."),
    nproc: int = typer.Option(1, min=1, help="Data-parallel processes on this machine (gloo on CPU, NCCL on GPU)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Train on a dataset's leave-one-out split; extra `--key=value` options override the config.

    Under `torchrun` every process runs this same command and joins the launcher's group."""
    from muse.settings import apply_offline_env

    apply_offline_env()
    from tools.gr import distributed
    from tools.gr.config import default_config_name, load_config, parse_overrides
    from tools.gr.data import build_sequences
    from tools.gr.sources import load_dataset, text_fn

    settings = _settings(ctx)
    overrides: dict[str, Any] = {"model": model, "device": settings.device, **parse_overrides(list(ctx.args))}
    group = distributed.init_from_env(str(overrides["device"])) if distributed.under_torchrun() else None

    def inputs() -> TrainJob:
        data = load_dataset(settings, dataset)
        mcfg, tcfg = load_config(config or default_config_name(data.slug), overrides)
        text = text_fn(settings, data)(build_sequences(data.sequences)[1]) if tcfg.content else None
        target = out or settings.gr_dir(data.slug) / f"{mcfg.model}.pt"
        return TrainJob(data.sequences, mcfg, tcfg, target, data.slug, text, as_json)

    job = main_first(group, inputs)
    tcfg = job.tcfg
    if group is not None:
        job.tcfg = replace(tcfg, threads=max(1, tcfg.threads // int(os.environ.get("LOCAL_WORLD_SIZE", "1"))))
        run_job(group, job)
    elif nproc > 1:
        job.tcfg = replace(tcfg, threads=max(1, tcfg.threads // nproc))
        distributed.launch(nproc, tcfg.device, run_job, job)
    else:
        run_job(distributed.Group(), job)


def main_first(group: Any, make: Callable[[], T]) -> T:
    """`make()` in process 0 first, then in the others (they then read what it imported and cached)."""
    if group is None or group.world == 1:
        return make()
    import torch.distributed as dist

    if group.is_main:
        value = make()
        dist.barrier()
        return value
    dist.barrier()
    return make()


@dataclass
class TrainJob:
    """Everything one training process needs (picklable: spawned processes receive it)."""

    sequences: list
    mcfg: Any
    tcfg: Any
    target: Path
    slug: str
    item_text: np.ndarray | None
    as_json: bool

    def text(self, _id_map: Any) -> np.ndarray:
        assert self.item_text is not None
        return self.item_text


def run_job(group: Any, job: TrainJob) -> None:
    """Train (one process of a group, or alone); process 0 reports and writes the checkpoint."""
    from tqdm import tqdm

    from tools.gr import train as trainer

    bar = tqdm(total=job.tcfg.epochs, desc=f"{job.mcfg.model} on {job.slug}", disable=job.as_json or not group.is_main)

    def progress(record: dict[str, Any]) -> None:
        bar.update(1)
        post = {"loss": f"{record['loss']:.3f}"}
        if "valid" in record:
            post["valid_ndcg@10"] = f"{record['valid']['ndcg@10']:.4f}"
        bar.set_postfix(post)

    text_fn = job.text if job.item_text is not None else None
    result = trainer.main(job.sequences, job.mcfg, job.tcfg, job.target, text_fn, progress, job.slug, group=group)
    bar.close()
    if not group.is_main:
        return
    summary = {"dataset": job.slug, "model": job.mcfg.model, "checkpoint": str(job.target), "processes": group.world,
               "epochs": result.epochs, "seconds_per_epoch": round(result.seconds_per_epoch, 2), "valid": result.valid,
               "test": result.test, "test_exclude_window": result.test_window}
    if job.as_json:
        typer.echo(json.dumps(summary, indent=1))
        return
    typer.echo(f"saved {job.target} ({result.epochs} epochs, {result.seconds_per_epoch:.1f} s/epoch, {group.world} process(es))")
    _print_metrics(f"test (full ranking, {job.tcfg.exclude} excluded):", result.test)


@gr_app.command("eval")
def evaluate_cmd(
    ctx: typer.Context,
    checkpoint: Path = typer.Option(..., help="A checkpoint written by `muse gr train`."),
    dataset: str | None = typer.Option(None, help="Dataset to evaluate on (default: the checkpoint's)."),
    head: str = typer.Option("retrieval", help="retrieval (user vector · items) or rank (M-FALCON tokens)."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
) -> None:
    """HR@10/50/200, NDCG@10/50/200 and MRR on the test split of the checkpoint's dataset."""
    from muse.settings import apply_offline_env

    apply_offline_env()
    from tools.gr.checkpoint import load_checkpoint
    from tools.gr.data import UserSeq, leave_one_out, order
    from tools.gr.sources import load_dataset
    from tools.gr.train import evaluate, resolve_device

    settings = _settings(ctx)
    ckpt = load_checkpoint(checkpoint, resolve_device(settings.device))
    data = load_dataset(settings, dataset or ckpt.dataset)
    seqs = []
    for user, hist in sorted(data.sequences, key=lambda pair: str(pair[0])):
        hist = order(hist)
        items = ckpt.id_map.indices([it.item_id for it in hist])
        times = [it.ts for it in hist]
        seqs.append(UserSeq(str(user), items, np.asarray(times, dtype=np.int64)))
    split = leave_one_out(seqs)
    pairs = [(seq, t) for seq, t in split.test if t > 0]  # targets the model never saw cannot be ranked
    metrics = evaluate(ckpt.model, pairs, head=head)  # type: ignore[arg-type]
    if as_json:
        typer.echo(json.dumps({"checkpoint": str(checkpoint), "dataset": data.slug, "users": len(pairs), "test": metrics}, indent=1))
        return
    _print_metrics(f"{ckpt.config.model} on {data.slug}, {len(pairs)} test users ({head} head):", metrics)
