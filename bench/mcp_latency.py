"""MCP tool-call latency: p50/p95 per tool, in process (no transport), over stdio (a `muse mcp`
subprocess) and over streamable HTTP (`muse mcp --http` on a loopback port), with the SDK's client,
and over HTTP as bare JSON-RPC POSTs (what the server itself costs, without the SDK client).

    MUSE_HOME=.muse python bench/mcp_latency.py [--fast] [--calls 20]

`--fast` uses the fake embedder (no MiniLM). The LLM is off (the `recommend` turn is the
deterministic pipeline) and images are posters. `score_for_user` needs a trained GR checkpoint
(`muse gr train`); without one it answers a tool error, timed like the rest.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any

import anyio
import httpx

from muse.settings import Settings, apply_offline_env

KEY = "bench-key"
MESSAGES = ["dark sci-fi from the 80s, nothing romantic", "something funnier", "I loved Alien", "no horror",
            "newer please", "a heist movie"]


def calls(ids: list[int], who: str) -> dict[str, Callable[[int], dict[str, Any]]]:
    """Arguments for the n-th call of each tool (varied, so caches do not answer everything); each
    transport gets its own users (`who`), so every column does the same work from the same start."""
    queries = ["dystopian future with androids", "feel-good animated family film", "gritty crime in new york", "space horror"]
    titles = [["Blade Runner", "Alien"], ["The Matrix", "Toy Story"], ["Heat", "Amelie"], ["Jurassic Park"]]
    return {
        "search_items": lambda n: {"query": queries[n % 4], "k": 10},
        "ground_titles": lambda n: {"titles": titles[n % 4]},
        "similar_items": lambda n: {"titles": titles[n % 4], "k": 10},
        "score_for_user": lambda n: {"user_id": str(1 + n % 50), "item_ids": ids[:50]},
        "recommend": lambda n: {"user_id": f"{who}-{n % 5}", "message": MESSAGES[n % len(MESSAGES)]},
        "get_profile": lambda n: {"user_id": f"{who}-{n % 5}"},
        "give_feedback": lambda n: {"user_id": f"{who}-{n % 5}", "item_id": ids[n % len(ids)], "value": 1},
        "render_visual": lambda n: {"user_id": f"{who}-{n % 5}", "item_id": ids[n % len(ids)]},
    }


async def timed(call: Callable[[str, dict[str, Any]], Awaitable[Any]], plan: dict[str, Callable[[int], dict[str, Any]]],
                n_calls: int) -> dict[str, tuple[list[float], int]]:
    """Per tool: milliseconds of `n_calls` calls (after one warm-up call) and how many were tool errors."""
    out: dict[str, tuple[list[float], int]] = {}
    for name, args in plan.items():
        await call(name, args(n_calls))
        times, errors = [], 0
        for n in range(n_calls):
            start = time.perf_counter()
            result = await call(name, args(n))
            times.append(1000 * (time.perf_counter() - start))
            errors += bool(result.is_error)
        out[name] = (times, errors)
    return out


def env(settings: Settings) -> dict[str, str]:
    return {**os.environ, "MUSE_HOME": str(settings.home), "MUSE_DATASET": settings.dataset, "MUSE_EMBEDDER": settings.embedder,
            "MUSE_LLM_BACKEND": "none", "MUSE_IMAGE_BACKEND": "poster", "MUSE_API_KEYS": KEY, "MUSE_API_RATE_PER_MINUTE": "1000000"}


async def over_client(client: Any, plan: dict[str, Callable[[int], dict[str, Any]]], n_calls: int) -> dict[str, tuple[list[float], int]]:
    async with client:
        return await timed(client.call_tool, plan, n_calls)


async def raw_posts(url: str, plan: dict[str, Callable[[int], dict[str, Any]]], n_calls: int) -> dict[str, tuple[list[float], int]]:
    """The same calls as bare JSON-RPC POSTs on a keep-alive connection: the server's share of the time."""
    headers = {"Authorization": f"Bearer {KEY}", "Accept": "application/json, text/event-stream", "MCP-Protocol-Version": "2025-06-18"}
    async with httpx.AsyncClient(headers=headers, timeout=120) as http:
        async def call(name: str, args: dict[str, Any]) -> Any:
            body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": name, "arguments": args}}
            result = (await http.post(url, json=body)).json()["result"]
            return SimpleNamespace(is_error=result.get("isError", False))

        return await timed(call, plan, n_calls)


def over_http(settings: Settings, ids: list[int], n_calls: int) -> dict[str, dict[str, tuple[list[float], int]]]:
    import httpx2
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "muse", "mcp", "--http", "--port", str(port)], env=env(settings),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1/mcp"
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(url, timeout=2).status_code == 401:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        client = Client(streamable_http_client(url, http_client=httpx2.AsyncClient(headers={"Authorization": f"Bearer {KEY}"}, timeout=120)))
        return {"HTTP": anyio.run(over_client, client, calls(ids, "http"), n_calls),
                "HTTP, raw POST": anyio.run(raw_posts, url, calls(ids, "raw"), n_calls)}
    finally:
        process.terminate()
        process.wait(timeout=30)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fast", action="store_true", help="Fake embedder instead of MiniLM.")
    parser.add_argument("--calls", type=int, default=20, help="Timed calls per tool and transport.")
    opts = parser.parse_args()
    apply_offline_env()
    settings = Settings.load(image_backend="poster", llm_backend="none", **({"embedder": "fake"} if opts.fast else {}))
    from mcp import Client, StdioServerParameters

    from agent.build import build_service
    from ui.mcp_server import call
    from ui.mcp_tools import TOOLS

    service = build_service(settings)  # prepares the data and builds the index when missing
    ids = [i.item_id for i in service.s.stores.catalog.all()][:200]
    tools = {t.name: t for t in TOOLS}
    direct = anyio.run(timed, lambda name, args: call(tools, lambda: service, name, args), calls(ids, "direct"), opts.calls)
    results = {"in process": direct}
    scorer = service.s.scorer.name if service.s.scorer is not None else "none"
    service.close()
    stdio = Client(StdioServerParameters(command=sys.executable, args=["-m", "muse", "mcp"], env=env(settings)))
    results["stdio"] = anyio.run(over_client, stdio, calls(ids, "stdio"), opts.calls)
    results.update(over_http(settings, ids, opts.calls))

    print(f"dataset {settings.dataset}, embedder {settings.embedder}, scorer {scorer}, LLM off, poster images; "
          f"{opts.calls} calls per tool after one warm-up; ms")
    print("| tool | " + " | ".join(f"{t} p50 / p95" for t in results) + " | errors |")
    print("|---|" + "---:|" * (len(results) + 1))
    for name in direct:
        cells = [f"{statistics.median(r[name][0]):.1f} / {pct(r[name][0], 0.95):.1f}" for r in results.values()]
        errors = "/".join(str(r[name][1]) for r in results.values())
        print(f"| {name} | " + " | ".join(cells) + f" | {errors} |")


if __name__ == "__main__":
    main()
