"""`make demo`: prepare everything the chat UI needs (cached, so re-runs start in seconds), then serve it.

Steps: import the dataset -> build the item index (incremental) -> train the GR model with a
quick config (skipped when a checkpoint exists) -> train the genre judge (skipped when it exists) ->
serve the Gradio UI. Each step runs the same
`muse` sub-command a person would, so progress bars and errors look the same.
"""

from __future__ import annotations

import subprocess
import sys

import typer

from muse.errors import MuseError
from muse.settings import Settings
from muse.status import dataset_status
from stores.datasets import prepare_dataset

# The dataset's shipped config, unchanged (100 epochs with weight averaging on ml-latest-small:
# about 1.5 s an epoch on 2 cores, so under 3 minutes); see tools/gr/README.md for its figures.
GR_OVERRIDES: list[str] = []


def _muse(*args: str) -> None:
    """Run a `muse` sub-command in a child process (same settings via the environment)."""
    code = subprocess.call([sys.executable, "-m", "muse", *args])
    if code != 0:
        raise MuseError(f"`muse {' '.join(args)}` failed with exit code {code}")


def run_demo(settings: Settings, serve: bool = True, host: str = "127.0.0.1", port: int = 7860) -> None:
    summary = prepare_dataset(settings)
    typer.echo(f"data: {summary.dataset}: {summary.items} items, {summary.users} users, "
               f"{summary.interactions} interactions ({summary.seconds:.1f} s)")
    typer.echo("index: embedding item texts (only new or changed items)")
    _muse("index", "build", "--dataset", settings.dataset)
    from tools.gr.checkpoint import FORMAT_VERSION, checkpoint_format
    from tools.gr.scorer import checkpoint_path

    path = checkpoint_path(settings, summary.dataset)
    if path.exists() and checkpoint_format(path) >= FORMAT_VERSION:
        typer.echo(f"gr: using {path}")
    else:
        why = "replacing a checkpoint of the first trainer" if path.exists() else "once; cached afterwards"
        typer.echo(f"gr: training HSTU with a quick config ({why})")
        _muse("gr", "train", "--dataset", settings.dataset, "--model", "hstu", *GR_OVERRIDES)
    if not settings.genre_judge:
        typer.echo("judge: switched off (genre_judge = false); genres from the parser's rules alone")
    elif settings.judge_path.exists():
        typer.echo(f"judge: using {settings.judge_path}")
    else:
        typer.echo("judge: training the genre judge on the understanding corpus's dev splits (once; cached afterwards)")
        _muse("understand", "train-judge")
    if not settings.title_roles:
        typer.echo("roles: switched off (title_roles = false); the films' roles from the parser's rules alone")
    elif settings.roles_path.exists():
        typer.echo(f"roles: using {settings.roles_path}")
    else:
        typer.echo("roles: training the title-role model on the understanding corpus's dev splits (once; cached afterwards)")
        _muse("understand", "train-roles")
    for key, value in dataset_status(settings).items():
        typer.echo(f"{key:>16}: {value}")
    if serve:
        serve_ui(settings, host, port)


def serve_ui(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """The last step: serve the chat UI (prints its address) until Ctrl-C."""
    from ui.gradio_app import main as ui_main

    typer.echo(f"ui: starting the chat UI on http://{host}:{port} (Ctrl-C to stop)")
    ui_main(settings, host=host, port=port)
