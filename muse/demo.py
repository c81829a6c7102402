"""`make demo`: prepare everything the chat UI needs (cached, so re-runs start in seconds), then serve it."""

from __future__ import annotations

import typer

from muse.settings import Settings
from muse.status import dataset_status
from stores.datasets import prepare_dataset


def run_demo(settings: Settings, serve: bool = True, host: str = "127.0.0.1", port: int = 7860) -> None:
    summary = prepare_dataset(settings)
    typer.echo(f"data: {summary.dataset}: {summary.items} items, {summary.users} users, "
               f"{summary.interactions} interactions ({summary.seconds:.1f} s)")
    for key, value in dataset_status(settings).items():
        typer.echo(f"{key:>16}: {value}")
    if serve:
        serve_ui(settings, host, port)


def serve_ui(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """The last step: serve the chat UI (prints its address) until Ctrl-C."""
    from ui.gradio_app import main as ui_main

    typer.echo(f"ui: starting the chat UI on http://{host}:{port} (Ctrl-C to stop)")
    ui_main(settings, host=host, port=port)
