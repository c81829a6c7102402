"""`muse mcp` driven by the MCP SDK's own client: over stdio (a `python -m muse mcp` subprocess)
and over streamable HTTP (uvicorn on a loopback port), on a 24-movie dataset with the fake embedder."""

from __future__ import annotations

import base64
import csv
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import httpx2
import pytest
import uvicorn
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

from agent.build import build_service
from agent.service import MuseService
from muse.settings import Settings
from stores import open_stores
from stores.datasets import dataset_slug, prepare_dataset
from tools.gr.scorer import FakeScorer
from tools.retriever import FakeEmbedder
from ui.fake_service import CATALOG
from ui.mcp_server import MCP_PATH, build_server, http_app

from .conftest import free_port, wait_until_up

KEY = "mcp-key"
TOOL_NAMES = {"search_items", "ground_titles", "similar_items", "score_for_user", "recommend", "get_profile",
              "give_feedback", "render_visual"}


def write_mini_dataset(root: Path) -> Path:
    """The fake service's 24 real MovieLens movies and 8 users, as MovieLens CSV files."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "movies.csv", "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["movieId", "title", "genres"])
        out.writerows([item.item_id, f"{item.title} ({item.year})", "|".join(item.genres)] for item in CATALOG)
    with open(root / "ratings.csv", "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["userId", "movieId", "rating", "timestamp"])
        out.writerows([user, item.item_id, 4.0, 1_000_000 + 100 * user + k]
                      for user in range(1, 9) for k, item in enumerate(CATALOG) if (user + k) % 3 == 0)
    return root


@pytest.fixture(scope="module")
def mcp_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A Muse home with the mini dataset imported and its (fake-embedder) index built."""
    base = tmp_path_factory.mktemp("mcp")
    settings = Settings(home=base / "home", dataset=str(write_mini_dataset(base / "mini")), embedder="fake",
                        llm_backend="none", image_backend="poster", api_keys=[KEY], api_rate_per_minute=10_000)
    prepare_dataset(settings)
    build_service(settings, llm=None, scorer=None).close()
    return settings


def stdio_params(settings: Settings) -> StdioServerParameters:
    env = {"MUSE_HOME": str(settings.home), "MUSE_DATASET": settings.dataset, "MUSE_EMBEDDER": "fake",
           "MUSE_LLM_BACKEND": "none", "MUSE_IMAGE_BACKEND": "poster", "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    return StdioServerParameters(command=sys.executable, args=["-m", "muse", "mcp"], env=env)


@pytest.fixture(scope="module")
def http_url(mcp_settings: Settings) -> Iterator[str]:
    """`muse mcp --http`'s app over an in-process service with a popularity scorer, on a free port."""
    stores = open_stores(mcp_settings, dataset_slug(mcp_settings.dataset))
    service: MuseService = build_service(mcp_settings, llm=None, stores=stores, embedder=FakeEmbedder(),
                                         scorer=FakeScorer(stores.interactions.item_counts()))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(http_app(build_server(lambda: service), mcp_settings), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}{MCP_PATH}"
    wait_until_up(url, ok=lambda r: r.status_code == 401)
    yield url
    server.should_exit = True
    thread.join(timeout=10)
    service.close()


def http_client(url: str, key: str | None = KEY) -> Client:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return Client(streamable_http_client(url, http_client=httpx2.AsyncClient(headers=headers, timeout=60)))


def text_of(result: Any) -> str:
    return " ".join(c.text for c in result.content if c.type == "text")


async def exercise(client: Client, scorer: bool) -> dict[str, Any]:
    """Call every tool once the way an assistant would, and the bad cases; return what came back."""
    async with client:
        listed = await client.list_tools()
        out: dict[str, Any] = {"tools": {t.name: t for t in listed.tools}}
        search = await client.call_tool("search_items", {"query": "space adventure", "genres": ["Sci-Fi"], "k": 5})
        out["search"] = search.structured_content["items"]
        ground = await client.call_tool("ground_titles", {"titles": ["blade runner", "Alien (1979)", "qwxz zzyq"]})
        out["ground"] = ground.structured_content["matches"]
        similar = await client.call_tool("similar_items", {"titles": ["Alien"], "k": 3})
        out["similar"] = similar.structured_content["items"]
        out["score"] = await client.call_tool("score_for_user", {"user_id": "1", "item_ids": [1, 32, 2571, 32]})
        turn = await client.call_tool("recommend", {"user_id": "mcp-u", "message": "sci-fi please, no horror"})
        out["turn"] = turn.structured_content
        liked = out["turn"]["items"][0]["item_id"]
        fb = await client.call_tool("give_feedback", {"user_id": "mcp-u", "item_id": liked, "value": 1})
        out["feedback"], out["liked"] = fb.structured_content, liked
        out["profile"] = (await client.call_tool("get_profile", {"user_id": "mcp-u"})).structured_content
        out["visual"] = await client.call_tool("render_visual", {"user_id": "mcp-u", "item_id": 541})
        out["item"] = await client.read_resource("muse://item/541")
        out["bad"] = {
            "empty query": await client.call_tool("search_items", {"query": ""}),
            "k too big": await client.call_tool("search_items", {"query": "x", "k": 500}),
            "unknown genre": await client.call_tool("search_items", {"query": "x", "genres": ["Opera"]}),
            "unknown item": await client.call_tool("render_visual", {"user_id": "mcp-u", "item_id": 999999}),
            "unknown id to score": await client.call_tool("score_for_user", {"user_id": "1", "item_ids": [999999]}),
            "bad user id": await client.call_tool("get_profile", {"user_id": "no spaces allowed"}),
            "bad feedback": await client.call_tool("give_feedback", {"user_id": "u", "item_id": 1, "value": 5}),
            "extra field": await client.call_tool("recommend", {"user_id": "u", "message": "hi", "sudo": True}),
            "unknown tool": await client.call_tool("rm_rf", {}),
        }
        try:
            await client.read_resource("muse://item/999999")
        except MCPError as exc:
            out["bad_resource"] = exc.message
    return out


def check(out: dict[str, Any], scorer: bool) -> None:
    tools = out["tools"]
    assert set(tools) == TOOL_NAMES
    assert tools["search_items"].description.startswith("Search the movie catalog")
    assert tools["search_items"].input_schema["properties"]["k"]["maximum"] == 30
    assert "items" in tools["recommend"].output_schema["properties"]
    assert tools["recommend"].annotations.read_only_hint is False

    assert out["search"] and all("Sci-Fi" in i["genres"] for i in out["search"])
    assert [(m["status"], m["item_id"]) for m in out["ground"]] == [("matched", 541), ("matched", 1214), ("unknown", None)]
    assert out["similar"] and 1214 not in [i["item_id"] for i in out["similar"]]
    if scorer:
        scores = out["score"].structured_content["scores"]
        assert sorted(s["item_id"] for s in scores) == [1, 32, 2571]
        assert [s["score"] for s in scores] == sorted((s["score"] for s in scores), reverse=True)
    else:
        assert out["score"].is_error and "no GR model" in text_of(out["score"])
    turn = out["turn"]
    assert turn["items"] and all("Horror" not in i["genres"] for i in turn["items"])
    assert all(i["reason"] for i in turn["items"]) and turn["profile"]["disliked_genres"] == ["Horror"]
    assert all(i["image"]["path"] is None for i in turn["items"] if i["image"])  # no server paths
    assert out["liked"] in out["feedback"]["liked_items"] and out["profile"] == out["feedback"]
    image = next(c for c in out["visual"].content if c.type == "image")
    assert image.mime_type == "image/png" and base64.b64decode(image.data)[:4] == b"\x89PNG"
    assert '"title":"Blade Runner"' in out["item"].contents[0].text

    bad = out["bad"]
    assert all(r.is_error for r in bad.values()), [k for k, r in bad.items() if not r.is_error]
    assert "query" in text_of(bad["empty query"]) and "k" in text_of(bad["k too big"])
    assert "Opera" in text_of(bad["unknown genre"])
    assert "unknown item id 999999" in text_of(bad["unknown item"])
    assert "unknown item ids [999999]" in text_of(bad["unknown id to score"]) or not scorer
    assert "user_id" in text_of(bad["bad user id"]) and "value" in text_of(bad["bad feedback"])
    assert "sudo" in text_of(bad["extra field"]) and "unknown tool 'rm_rf'" in text_of(bad["unknown tool"])
    assert "no catalog item" in out["bad_resource"]


def test_stdio_transport_serves_every_tool_and_reports_bad_calls(mcp_settings: Settings, tmp_path: Path) -> None:
    errlog = tmp_path / "server-stderr.txt"
    with open(errlog, "w") as err:
        async def run() -> dict[str, Any]:
            from mcp.client.stdio import stdio_client

            return await exercise(Client(stdio_client(stdio_params(mcp_settings), errlog=err)), scorer=False)

        try:
            out = anyio.run(run)
        except Exception:
            print(errlog.read_text()[-4000:])
            raise
    check(out, scorer=False)


def test_http_transport_serves_every_tool(http_url: str) -> None:
    check(anyio.run(exercise, http_client(http_url), True), scorer=True)


@pytest.mark.parametrize("key", [None, "wrong-key"])
def test_http_transport_refuses_a_missing_or_wrong_key(http_url: str, key: str | None) -> None:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    response = httpx.post(http_url, json=body, headers={**headers, "Accept": "application/json, text/event-stream"})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"

    async def connect() -> None:
        async with http_client(http_url, key) as client:
            await client.list_tools()

    with pytest.raises(BaseException) as caught:  # the SDK client cannot even connect
        anyio.run(connect)
    assert any(isinstance(e, MCPError) and "error response" in e.message for e in leaves(caught.value))


def leaves(exc: BaseException) -> list[BaseException]:
    """The exceptions inside (nested) exception groups."""
    inner = getattr(exc, "exceptions", None)
    return [leaf for e in inner for leaf in leaves(e)] if inner else [exc]


def test_http_app_refuses_to_exist_without_keys(mcp_settings: Settings) -> None:
    from muse.errors import InvalidInputError

    no_keys = mcp_settings.model_copy(update={"api_keys": []})
    with pytest.raises(InvalidInputError, match="MUSE_API_KEYS"):
        http_app(build_server(lambda: None), no_keys)  # type: ignore[arg-type, return-value]


def test_the_fake_service_draws_through_the_image_service(settings: Settings) -> None:
    from muse.errors import InvalidInputError
    from tools.creative.service import ImageService
    from ui.fake_service import fake_service

    fake = fake_service(settings.home)
    assert isinstance(fake.images, ImageService)
    ref = fake.visual("vis-u", 32)
    assert ref.kind == "poster" and Path(ref.path).read_bytes()[:4] == b"\x89PNG"
    assert fake.visual("vis-u", 32).image_id == ref.image_id  # content-addressed: drawn once
    assert fake.image(ref.image_id).path == ref.path and fake.image_path(ref.image_id) == Path(ref.path)
    with pytest.raises(InvalidInputError, match="unknown item id 999"):
        fake.visual("vis-u", 999)


def test_a_crash_or_a_service_that_cannot_start_is_a_tool_error_not_a_crash() -> None:
    from ui.mcp_server import LazyService, call
    from ui.mcp_tools import TOOLS

    tools = {t.name: t for t in TOOLS}

    def broken() -> MuseService:
        raise RuntimeError("secret internals")

    crashed = anyio.run(call, tools, broken, "get_profile", {"user_id": "u"})
    assert crashed.is_error and "failed inside Muse" in text_of(crashed) and "secret" not in text_of(crashed)

    builds: list[int] = []

    def no_data() -> MuseService:
        from muse.errors import DataError

        builds.append(1)
        raise DataError("no dataset files found", path="/data/missing")

    lazy = LazyService(no_data)
    for _ in range(2):  # built once, the failure remembered and reported on every call
        down = anyio.run(call, tools, lazy.get, "search_items", {"query": "x"})
        assert down.is_error and "Muse could not start: /data/missing: no dataset files found" in text_of(down)
    assert len(builds) == 1


def test_a_named_tenant_reaches_only_its_own_users() -> None:
    """Over HTTP the guard's caller scopes every user id, as the HTTP API does; stdio (no caller) does not."""
    from pydantic import BaseModel

    from ui.mcp_server import call
    from ui.mcp_tools import McpTool
    from ui.tenants import Caller

    class Args(BaseModel):
        user_id: str

    class Seen(BaseModel):
        user_id: str

    tool = McpTool("whoami", "echo", Args, Seen, lambda service, args: Seen(user_id=args.user_id))
    tools = {"whoami": tool}

    def run(caller: Caller | None) -> str:
        result = anyio.run(lambda: call(tools, lambda: None, "whoami", {"user_id": "u1"}, caller))
        return result.structured_content["user_id"]

    assert run(Caller("tenantA", "tenantA")) == Caller("tenantA", "tenantA").scope("u1") != "u1"
    assert run(Caller("tenantA", "a")) != run(Caller("tenantB", "b"))
    assert run(Caller(None, "default")) == "u1"
    assert run(None) == "u1"
