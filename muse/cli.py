"""The `muse` command line. Each area adds its sub-commands here."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Muse: a conversational recommender.")
