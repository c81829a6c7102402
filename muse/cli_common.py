"""What every `muse` sub-command shares: the Settings the entry point built, printing, errors, and
the chat model factory. Area command modules import this, never `muse.cli` (which imports them)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import typer

from muse.errors import InvalidInputError, MuseError
from muse.settings import Settings

#: `ctx.meta` key of the chat-model factory that `muse.cli` installs (tools must not import the agent).
CHAT_MODEL = "muse.chat_model"
ChatModelFactory = Callable[[Settings], Any]


def settings_of(ctx: typer.Context) -> Settings:
    """The Settings built by the entry point (sub-commands call this; they never build their own)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings.load()


def chat_model_of(ctx: typer.Context) -> Any:
    """The configured LangChain chat model, built by the factory the entry point put in `ctx.meta`."""
    factory: ChatModelFactory | None = ctx.meta.get(CHAT_MODEL)
    if factory is None:
        raise InvalidInputError("no chat model factory: run this command through `muse`")
    llm = factory(settings_of(ctx))
    if llm is None:
        raise InvalidInputError("no LLM configured (MUSE_LLM_BACKEND=none)")
    return llm


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
