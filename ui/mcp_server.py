"""`muse mcp`: Muse's tools and agent as a Model Context Protocol server (the official `mcp` SDK).

Two transports: stdio for desktop assistants (the service is built in the background after the
handshake, while the SDK keeps stray output off the wire), and streamable HTTP at `/v1/mcp`
behind the HTTP API's guard (same Bearer keys, size and rate limits as `muse api`).
Every tool failure comes back as a tool error with a message (`is_error`), never a crash.
"""

from __future__ import annotations

import base64
import json
import logging
import re
import threading
from collections.abc import Callable
from typing import Any

import anyio
import mcp_types as types
from mcp.server import Server, ServerRequestContext
from mcp.shared.exceptions import MCPError
from pydantic import BaseModel, ValidationError

from agent.service import MuseService
from muse.errors import BackendUnavailableError, InvalidInputError, MuseError
from muse.settings import Settings
from tools.registry import describe_invalid, details_of
from ui.guard import Guard
from ui.http_api import NO_KEYS, is_loopback
from ui.limits import build_limits
from ui.tenants import Caller, Keyring
from ui.mcp_tools import TOOLS, McpTool, Visual

log = logging.getLogger("muse.mcp")

MCP_PATH = "/v1/mcp"
ITEM_URI = "muse://item/{item_id}"
_ITEM_ID = re.compile(r"^muse://item/(\d{1,12})$")
INSTRUCTIONS = ("Muse recommends movies from its catalog. Ground titles with ground_titles, search with exact "
                "filters with search_items, or run a whole recommendation turn for a user with recommend.")
ServiceSource = Callable[[], MuseService]


class LazyService:
    """Builds the service once (in the background or on first use) and remembers a failure."""

    def __init__(self, build: ServiceSource) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._service: MuseService | None = None
        self._error: str | None = None

    def start(self) -> None:
        threading.Thread(target=self._try, name="muse-mcp-build", daemon=True).start()

    def _try(self) -> None:
        try:
            self.get()
        except MuseError:
            pass  # remembered; every tool call reports it

    def get(self) -> MuseService:
        with self._lock:
            if self._service is None and self._error is None:
                try:
                    self._service = self._build()
                except Exception as exc:  # noqa: BLE001 - reported to every caller, logged once
                    log.exception("Muse could not start")
                    self._error = str(exc) or type(exc).__name__
            if self._service is None:
                raise BackendUnavailableError(f"Muse could not start: {self._error}")
            return self._service

    def close(self) -> None:
        with self._lock:
            if self._service is not None:
                self._service.close()


def describe(tool: McpTool) -> types.Tool:
    """The MCP description of a tool: its docstring, input schema and output schema."""
    return types.Tool(
        name=tool.name, description=" ".join(tool.description.split()), input_schema=tool.args.model_json_schema(),
        output_schema=tool.result.model_json_schema() if tool.result is not None else None,
        annotations=types.ToolAnnotations(read_only_hint=tool.read_only, destructive_hint=False, open_world_hint=False),
    )


def _error(message: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(text=message)], is_error=True)


def _answer(result: BaseModel | Visual) -> types.CallToolResult:
    if isinstance(result, Visual):
        caption = f"{result.title}: a {result.ref.kind} visual ({result.ref.image_id})"
        return types.CallToolResult(content=[types.ImageContent(data=base64.b64encode(result.png).decode(), mime_type="image/png"),
                                             types.TextContent(text=caption)])
    data = result.model_dump(mode="json")
    return types.CallToolResult(content=[types.TextContent(text=json.dumps(data, ensure_ascii=False))], structured_content=data)


def caller_of(request: Any) -> Caller | None:
    """The tenant the HTTP guard authenticated (None over stdio: the local user owns everything)."""
    state = getattr(request, "scope", {}).get("state") if request is not None else None
    return state.get("caller") if isinstance(state, dict) else None


def _scoped(args: BaseModel, caller: Caller | None) -> BaseModel:
    """A named tenant's user ids live in that tenant's namespace, exactly as over the HTTP API."""
    if caller is None or caller.tenant is None or not hasattr(args, "user_id"):
        return args
    return args.model_copy(update={"user_id": caller.scope(args.user_id)})


async def call(tools: dict[str, McpTool], source: ServiceSource, name: str, arguments: dict[str, Any] | None,
               caller: Caller | None = None) -> types.CallToolResult:
    """Validate, run in a worker thread (the service blocks), and answer; errors become tool errors."""
    tool = tools.get(name)
    if tool is None:
        return _error(f"unknown tool {name!r}; tools: {', '.join(tools)}")
    try:
        args = _scoped(tool.args.model_validate(arguments or {}), caller)
    except ValidationError as exc:
        return _error(f"{name}: {describe_invalid(exc)}")
    try:
        result = await anyio.to_thread.run_sync(lambda: tool.run(source(), args))
    except MuseError as exc:  # unknown ids, bad input, a backend that is down: the message says which
        return _error(f"{name}: {exc}")
    except Exception:  # noqa: BLE001 - a bug must not end the session; the log has the trace
        log.exception("tool %s failed", name)
        return _error(f"{name} failed inside Muse; the server log has the details")
    return _answer(result)


def read_item(source: ServiceSource, uri: str) -> types.ReadResourceResult:
    """The `muse://item/{id}` resource: the item's facts as JSON."""
    match = _ITEM_ID.match(uri)
    try:
        item = source().item(int(match.group(1))) if match else None
    except MuseError as exc:
        raise MCPError(types.INTERNAL_ERROR, str(exc)) from exc
    if item is None:
        raise MCPError(types.INVALID_PARAMS, f"no catalog item at {uri!r} (use {ITEM_URI} with an id from search_items)")
    text = details_of(item).model_dump_json()
    return types.ReadResourceResult(contents=[types.TextResourceContents(uri=uri, mime_type="application/json", text=text)])


def build_server(source: ServiceSource, version: str = "0.1.0") -> Server[Any]:
    """The MCP server over the service that `source()` returns (called per request, in a thread)."""
    tools = {t.name: t for t in TOOLS}

    async def list_tools(ctx: ServerRequestContext[Any], params: Any) -> types.ListToolsResult:
        return types.ListToolsResult(tools=[describe(t) for t in tools.values()])

    async def call_tool(ctx: ServerRequestContext[Any], params: types.CallToolRequestParams) -> types.CallToolResult:
        return await call(tools, source, params.name, params.arguments, caller_of(ctx.request))

    async def list_resources(ctx: ServerRequestContext[Any], params: Any) -> types.ListResourcesResult:
        return types.ListResourcesResult(resources=[])  # thousands of items: reach them by template

    async def list_templates(ctx: ServerRequestContext[Any], params: Any) -> types.ListResourceTemplatesResult:
        template = types.ResourceTemplate(name="catalog-item", uri_template=ITEM_URI, mime_type="application/json",
                                          description="One catalog item: title, year, genres, tags, description.")
        return types.ListResourceTemplatesResult(resource_templates=[template])

    async def read_resource(ctx: ServerRequestContext[Any], params: types.ReadResourceRequestParams) -> types.ReadResourceResult:
        return await anyio.to_thread.run_sync(read_item, source, str(params.uri))

    return Server("muse", version=version, title="Muse", instructions=INSTRUCTIONS,
                  on_list_tools=list_tools, on_call_tool=call_tool, on_list_resources=list_resources,
                  on_list_resource_templates=list_templates, on_read_resource=read_resource)


def http_app(server: Server[Any], settings: Settings, *, host: str = "127.0.0.1", insecure_no_auth: bool = False) -> Any:
    """The streamable HTTP app at `/v1/mcp`, behind the HTTP API's guard (keys, size, rate)."""
    keyring = Keyring(settings.api_keys, settings.api_keys_file) if settings.api_keys or settings.api_keys_file else None
    if (keyring is None or not keyring.configured()) and not insecure_no_auth:
        raise InvalidInputError(NO_KEYS)
    app = server.streamable_http_app(streamable_http_path=MCP_PATH, json_response=True, stateless_http=True, host=host)
    return Guard(app, keyring=keyring, max_body_bytes=settings.api_max_body_bytes, rate=build_limits(settings).rate)


def _build(settings: Settings) -> MuseService:
    from agent.build import build_service

    return build_service(settings)


def run_stdio(settings: Settings) -> None:
    """Serve over stdin/stdout until the client closes them."""
    from mcp.server.stdio import stdio_server

    lazy = LazyService(lambda: _build(settings))
    server = build_server(lazy.get)

    async def serve() -> None:
        async with stdio_server() as (read, write):
            lazy.start()  # after the SDK moved fd 1 off the wire: build output goes to stderr
            try:
                await server.run(read, write, server.create_initialization_options())
            finally:
                lazy.close()

    anyio.run(serve)


def serve_http(settings: Settings, host: str = "127.0.0.1", port: int = 8100, *, insecure_no_auth: bool = False) -> None:
    """Serve streamable HTTP with uvicorn until interrupted."""
    import uvicorn

    if insecure_no_auth and not is_loopback(host):
        raise InvalidInputError("--insecure-no-auth only binds to loopback (127.0.0.1, ::1, localhost)")
    if not (settings.api_keys or settings.api_keys_file) and not insecure_no_auth:
        raise InvalidInputError(NO_KEYS)  # before building the service: fail fast
    service = _build(settings)
    app = http_app(build_server(lambda: service), settings, host=host, insecure_no_auth=insecure_no_auth)
    print(f"Muse MCP: http://{host}:{port}{MCP_PATH} (streamable HTTP)", flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        service.close()
