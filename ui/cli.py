"""`muse ui`, `muse api`, `muse telegram`: serve the interfaces."""

from __future__ import annotations

import typer

from muse.cli_common import fail, settings_of
from muse.errors import MuseError

FAKE_HELP = "Serve the deterministic fake service (no models; for UI work and tests)."


def ui_cmd(
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


def api_cmd(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(8000, "--port", help="Port to serve on."),
    insecure_no_auth: bool = typer.Option(False, "--insecure-no-auth", help="Run without API keys (loopback only)."),
    fake: bool = typer.Option(False, "--fake", help=FAKE_HELP),
    workers: int | None = typer.Option(None, "--workers", min=1, max=64,
                                       help="Worker processes (default MUSE_API_WORKERS, 1); more than one needs MUSE_DATABASE_URL."),
) -> None:
    """Serve the HTTP API (keys from MUSE_API_KEYS; OpenAPI docs at /docs)."""
    from ui.http_api import serve

    try:
        serve(settings_of(ctx), host=host, port=port, insecure_no_auth=insecure_no_auth, fake=fake, workers=workers)
    except MuseError as exc:
        raise fail(exc) from exc


def telegram_cmd(ctx: typer.Context, fake: bool = typer.Option(False, "--fake", help=FAKE_HELP)) -> None:
    """Run the Telegram bot (long polling; token from MUSE_TELEGRAM_TOKEN)."""
    from ui.telegram_bot import run_polling

    try:
        run_polling(settings_of(ctx), fake=fake)
    except MuseError as exc:
        raise fail(exc) from exc
