"""`muse chat`: one turn from the command line, or an interactive loop."""

from __future__ import annotations

import json

import typer

from agent.types import TurnResult
from muse.errors import MuseError


def _print(result: TurnResult, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(result.model_dump(mode="json"), indent=1))
        return
    typer.echo(result.reply)
    slow = sorted(result.trace, key=lambda t: -t.ms)[:3]
    typer.echo(typer.style(f"[{result.intent}; session {result.session_id}; slowest: "
                           + ", ".join(f"{t.tool} {t.ms:.0f} ms" for t in slow) + "]", dim=True))


def chat_cmd(
    ctx: typer.Context,
    message: str | None = typer.Argument(None, help="The message; omit it for an interactive loop."),
    user: str = typer.Option("cli-user", "--user", help="User id (profile and history are kept per user)."),
    session: str | None = typer.Option(None, "--session", help="Session id to continue."),
    as_json: bool = typer.Option(False, "--json", help="Print the TurnResult as JSON."),
) -> None:
    """Chat with Muse: `muse chat --user alice "I loved Alien, nothing romantic"`."""
    from agent.build import build_service
    from muse.cli_common import fail, settings_of

    try:
        service = build_service(settings_of(ctx))
        if message is not None:
            _print(service.chat(user, message, session), as_json)
            return
        typer.echo("Muse: tell me what you like (empty line to quit).")
        while (line := typer.prompt("you", default="", show_default=False)).strip():
            result = service.chat(user, line, session)
            session = result.session_id
            _print(result, as_json)
    except MuseError as exc:
        raise fail(exc) from exc
