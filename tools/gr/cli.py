"""`muse gr train` and `muse gr eval`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import typer

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
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Train on a dataset's leave-one-out split; extra `--key=value` options override the config."""
    from tqdm import tqdm

    from muse.settings import apply_offline_env

    apply_offline_env()
    from tools.gr import train as trainer
    from tools.gr.config import default_config_name, load_config, parse_overrides
    from tools.gr.sources import load_dataset, text_fn

    settings = _settings(ctx)
    data = load_dataset(settings, dataset)
    overrides: dict[str, Any] = {"model": model, "device": settings.device, **parse_overrides(list(ctx.args))}
    mcfg, tcfg = load_config(config or default_config_name(data.slug), overrides)
    target = out or settings.gr_dir(data.slug) / f"{mcfg.model}.pt"
    bar = tqdm(total=tcfg.epochs, desc=f"{mcfg.model} on {data.slug}", disable=as_json)

    def progress(record: dict[str, Any]) -> None:
        bar.update(1)
        post = {"loss": f"{record['loss']:.3f}"}
        if "valid" in record:
            post["valid_ndcg@10"] = f"{record['valid']['ndcg@10']:.4f}"
        bar.set_postfix(post)

    result = trainer.main(data.sequences, mcfg, tcfg, target, text_fn(settings, data), progress, data.slug)
    bar.close()
    summary = {"dataset": data.slug, "model": mcfg.model, "checkpoint": str(target), "epochs": result.epochs,
               "seconds_per_epoch": round(result.seconds_per_epoch, 2), "valid": result.valid, "test": result.test}
    if as_json:
        typer.echo(json.dumps(summary, indent=1))
        return
    typer.echo(f"saved {target} ({result.epochs} epochs, {result.seconds_per_epoch:.1f} s/epoch)")
    _print_metrics("test (full ranking, history excluded):", result.test)


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
