"""The `muse` command line. Each area adds its sub-commands here; Settings are built once, here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from muse.errors import MuseError
from muse.settings import Settings, apply_offline_env

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Muse: a conversational recommender.")
data_app = typer.Typer(no_args_is_help=True, help="Load datasets into the stores and show what exists.")
app.add_typer(data_app, name="data")


@app.callback()
def main(
    ctx: typer.Context,
    config: Path | None = typer.Option(None, "--config", help="TOML settings file (else MUSE_CONFIG, env, defaults)."),
) -> None:
    """Muse: a conversational recommender (retrieval, HSTU ranking, personalised visuals)."""
    apply_offline_env()
    ctx.obj = Settings.load(config_file=config)


def settings_of(ctx: typer.Context) -> Settings:
    """The Settings built by the entry point (sub-commands call this; they never build their own)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings.load()


def emit(payload: dict[str, Any], as_json: bool, lines: list[str] | None = None) -> None:
    """Print a result as JSON or as aligned `key: value` lines."""
    if as_json:
        typer.echo(json.dumps(payload, indent=2, default=str))
        return
    for line in lines if lines is not None else [f"{k:>14}: {v}" for k, v in payload.items()]:
        typer.echo(line)


def fail(exc: MuseError) -> typer.Exit:
    """Report a Muse error on stderr and return the exit to raise (code 2)."""
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(code=2)


@data_app.command("prepare")
def data_prepare(
    ctx: typer.Context,
    dataset: str | None = typer.Option(None, "--dataset", "-d", help="Name (movielens-small, ml-100k, ml-1m, ml-20m, ml-25m, ml-32m) or path."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Load a dataset into its stores (idempotent) and print the counts."""
    from stores.datasets import prepare_dataset

    try:
        summary = prepare_dataset(settings_of(ctx), dataset)
    except MuseError as exc:
        raise fail(exc) from exc
    emit(summary.model_dump(), as_json)


@data_app.command("info")
def data_info(
    ctx: typer.Context,
    dataset: str | None = typer.Option(None, "--dataset", "-d", help="Dataset name or path (default: settings)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show what exists for a dataset: stores, index, GR checkpoints."""
    from muse.status import dataset_status

    emit(dataset_status(settings_of(ctx), dataset), as_json)


@app.command("demo")
def demo(ctx: typer.Context) -> None:
    """The main job: prepare the data, build the index, train HSTU (cached), serve the chat UI."""
    from muse.demo import run_demo

    try:
        run_demo(settings_of(ctx))
    except MuseError as exc:
        raise fail(exc) from exc


# Each area's sub-commands (imported last: they use settings_of, emit and fail from above).
from agent.cli import chat_cmd  # noqa: E402
from evals.cli import eval_app  # noqa: E402
from tools.gr.cli import gr_app  # noqa: E402
from tools.retriever.cli import index_app, search_cmd  # noqa: E402
from ui.cli import api_cmd, telegram_cmd, ui_cmd  # noqa: E402

app.add_typer(index_app, name="index")
app.command("search")(search_cmd)
app.add_typer(gr_app, name="gr")
app.command("chat")(chat_cmd)
app.command("ui")(ui_cmd)
app.command("api")(api_cmd)
app.command("telegram")(telegram_cmd)
app.add_typer(eval_app, name="eval")

