"""`muse mcp`: serve Muse's tools and agent to MCP clients (stdio, or streamable HTTP)."""

from __future__ import annotations

import typer

from muse.cli_common import fail, settings_of
from muse.errors import MuseError


def mcp_cmd(
    ctx: typer.Context,
    http: bool = typer.Option(False, "--http", help="Serve streamable HTTP at /v1/mcp instead of stdio."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind with --http (loopback by default)."),
    port: int = typer.Option(8100, "--port", help="Port to serve on with --http."),
    insecure_no_auth: bool = typer.Option(False, "--insecure-no-auth", help="--http without API keys (loopback only)."),
) -> None:
    """Serve Muse over the Model Context Protocol: stdio for desktop assistants (default), or
    streamable HTTP with the same Bearer keys as `muse api` (MUSE_API_KEYS)."""
    from ui.mcp_server import run_stdio, serve_http

    try:
        if http:
            serve_http(settings_of(ctx), host=host, port=port, insecure_no_auth=insecure_no_auth)
        else:
            run_stdio(settings_of(ctx))
    except MuseError as exc:
        raise fail(exc) from exc
