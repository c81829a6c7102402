"""`make demo`: prepare everything the chat UI needs (cached, so re-runs start in seconds), then serve it."""

from __future__ import annotations

import typer

from muse.settings import Settings
from muse.status import dataset_status
from stores.datasets import prepare_dataset


def run_demo(settings: Settings) -> None:
    summary = prepare_dataset(settings)
    typer.echo(f"data: {summary.dataset}: {summary.items} items, {summary.users} users, "
               f"{summary.interactions} interactions ({summary.seconds:.1f} s)")
    for key, value in dataset_status(settings).items():
        typer.echo(f"{key:>16}: {value}")
