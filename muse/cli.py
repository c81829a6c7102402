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
from tools.gr.cli import gr_app  # noqa: E402
app.add_typer(gr_app, name="gr")


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
    """The main job: prepare the demo data (later steps: index, GR model, chat UI)."""
    from muse.demo import run_demo

    try:
        run_demo(settings_of(ctx))
    except MuseError as exc:
        raise fail(exc) from exc


# Retriever (tools/retriever/cli.py imports the helpers above, so it is registered last).
from tools.retriever.cli import index_app, search_cmd  # noqa: E402

app.add_typer(index_app, name="index")
app.command("search")(search_cmd)

# Evaluation (evals/).
from evals.cli import eval_app  # noqa: E402

app.add_typer(eval_app, name="eval")


# Interfaces (ui/) --------------------------------------------------------------------------------
FAKE_HELP = "Serve the deterministic fake service (no models; for UI work and tests)."


@app.command("ui")
def ui(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(7860, "--port", help="Port to serve on."),
    fake: bool = typer.Option(False, "--fake", help=FAKE_HELP),
) -> None:
    """Serve the Gradio chat UI."""
    from ui.gradio_app import main as serve_ui

    try:
        serve_ui(settings_of(ctx), host=host, port=port, fake=fake)
    except MuseError as exc:
        raise fail(exc) from exc


@app.command("api")
def api(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(8000, "--port", help="Port to serve on."),
    insecure_no_auth: bool = typer.Option(False, "--insecure-no-auth", help="Run without API keys (loopback only)."),
    fake: bool = typer.Option(False, "--fake", help=FAKE_HELP),
) -> None:
    """Serve the HTTP API (keys from MUSE_API_KEYS; OpenAPI docs at /docs)."""
    from ui.http_api import serve

    try:
        serve(settings_of(ctx), host=host, port=port, insecure_no_auth=insecure_no_auth, fake=fake)
    except MuseError as exc:
        raise fail(exc) from exc


@app.command("telegram")
def telegram(ctx: typer.Context, fake: bool = typer.Option(False, "--fake", help=FAKE_HELP)) -> None:
    """Run the Telegram bot (long polling; token from MUSE_TELEGRAM_TOKEN)."""
    from ui.telegram_bot import run_polling

    try:
        run_polling(settings_of(ctx), fake=fake)
    except MuseError as exc:
        raise fail(exc) from exc

from agent.cli import chat_cmd  # noqa: E402

app.command("chat")(chat_cmd)
