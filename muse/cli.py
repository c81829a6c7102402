"""The `muse` command line: every sub-command is registered here, and Settings are built once, here.

The area command modules (`agent/cli.py`, `tools/*/cli.py`, `ui/cli.py`, ...) import their shared
helpers from `muse.cli_common`, never from this module, so the imports run one way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from agent.cli import chat_cmd
from agent.understand.cli import understand_app
from evals.cli import eval_app
from muse.cli_common import CHAT_MODEL, emit, fail, settings_of
from muse.errors import MuseError
from muse.settings import Settings, apply_offline_env
from tools.gr.cli import gr_app
from tools.retriever.cli import index_app, search_cmd
from ui.cli import api_cmd, telegram_cmd, ui_cmd
from ui.mcp_cli import mcp_cmd

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
    ctx.meta[CHAT_MODEL] = _chat_model


def _chat_model(settings: Settings) -> Any:
    """The configured chat model (the agent's factory; area commands get it through `ctx.meta`)."""
    from agent.llm import build_chat_model

    return build_chat_model(settings)


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


# Each area's sub-commands.
app.add_typer(index_app, name="index")
app.command("search")(search_cmd)
app.add_typer(gr_app, name="gr")
app.command("chat")(chat_cmd)
app.command("ui")(ui_cmd)
app.command("api")(api_cmd)
app.command("telegram")(telegram_cmd)
app.command("mcp")(mcp_cmd)
app.add_typer(eval_app, name="eval")
app.add_typer(understand_app, name="understand")

