"""Native tool-calling mode and the tool registry, with a fake tool-calling chat model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from agent.service import MuseService
from tools.registry import TOOLS, ToolDeps, as_structured_tools, call_tool


class ToolCallingFake(GenericFakeChatModel):
    """Replays AIMessages (with tool calls); `bind_tools` records the tools and returns itself."""

    bound: list[Any] = []

    def bind_tools(self, tools: Any, **kwargs: Any) -> "ToolCallingFake":
        self.bound = list(tools)
        return self


def _call(name: str, args: dict[str, Any], n: int) -> dict[str, Any]:
    return {"name": name, "args": args, "id": f"call-{n}", "type": "tool_call"}


def _native(make_service: Callable[..., MuseService], script: list[AIMessage]) -> tuple[MuseService, ToolCallingFake]:
    llm = ToolCallingFake(messages=iter(script))
    service = make_service(llm, capable=True, images=False)
    service.s.settings = service.s.settings.model_copy(update={"agent_mode": "native"})
    return service, llm


def test_model_drives_tools_and_constraints_still_hold(make_service: Callable[..., MuseService]) -> None:
    script = [
        AIMessage(content="{}"),  # the structured extraction call (nothing extra)
        AIMessage(content='{"steps": ["retrieve", "similar", "gr", "score", "blend", "diversify", "reply"]}'),  # plan
        AIMessage(content="", tool_calls=[_call("search_items", {"query": "space horror", "genres": ["Sci-Fi"], "k": 20}, 1),
                                          _call("similar_items", {"titles": ["Alien"]}, 2)]),
        AIMessage(content="", tool_calls=[_call("search_items", {"query": "x", "year_min": 2050, "year_max": 1990}, 3)]),
        AIMessage(content="Here you go."),
    ]
    service, llm = _native(make_service, script)
    result = service.chat("nat", "space horror like Alien, nothing romantic, from the 80s", "s")
    assert {t.name for t in llm.bound} == {t.name for t in TOOLS}
    tools = [t for t in result.trace if t.tool.startswith("tool.")]
    assert [t.tool for t in tools] == ["tool.search_items", "tool.similar_items", "tool.search_items"]
    assert tools[2].error  # impossible years came back to the model as an error message
    assert result.items and all("Romance" not in c.genres and 1980 <= c.year <= 1989 for c in result.items)
    assert "Here you go." not in result.reply  # names no returned title: the template reply is used


def test_llm_that_cannot_call_tools_falls_back_to_the_pipeline(make_service: Callable[..., MuseService]) -> None:
    from agent.llm import ScriptedChatModel

    service = make_service(ScriptedChatModel(script=["{}", "not a plan"], default=""), capable=True, images=False)
    service.s.settings = service.s.settings.model_copy(update={"agent_mode": "native"})
    result = service.chat("nat2", "funny movies from the 90s", "s")
    assert result.items and all(1990 <= c.year <= 1999 for c in result.items)
    assert any(t.tool.startswith("retriever.") for t in result.trace)  # the pipeline ran (constraints only: browse, no text search)


def test_registry_reports_bad_arguments_and_unknown_tools(make_service: Callable[..., MuseService]) -> None:
    service = make_service(images=False)
    calls: list[tuple[str, str | None]] = []
    deps = ToolDeps(service.s.retriever, service.s.grounder, service.s.scorer, service.s.retriever.filters({}), [],
                    on_call=lambda name, args, n, error: calls.append((name, error)))
    assert "invalid arguments" in call_tool(deps, "search_items", {"query": "", "k": 500})["error"]
    assert "unknown tool" in call_tool(deps, "rm_rf", {})["error"]
    found = call_tool(deps, "item_details", {"title": "blade runner"})
    assert found["found"] and found["year"] == 1982
    ranked = call_tool(deps, "rank_for_user", {"item_ids": [1, 2, 3]})
    assert [r["item_id"] for r in ranked] == sorted([1, 2, 3], key=lambda i: -service.s.scorer.popularity.get(i, 0))
    assert [c[0] for c in calls] == ["search_items", "rm_rf", "item_details", "rank_for_user"]
    tools = {t.name: t for t in as_structured_tools(deps)}
    assert tools["search_items"].description.startswith("Search the movie catalog")
    assert tools["similar_items"].invoke({"titles": ["Blade Runner"], "k": 3})


def test_native_mode_through_langchain_openai_and_a_loopback_server(make_service: Callable[..., MuseService], openai_server) -> None:  # noqa: ANN001
    from agent.llm import build_chat_model
    from muse.settings import Settings

    plan = '{"steps": ["retrieve", "similar", "gr", "score", "blend", "diversify", "reply"]}'
    server = openai_server([
        "{}",  # extraction: nothing beyond the parser
        plan,
        {"tool_calls": [("search_items", {"query": "tense space horror", "k": 20}), ("item_details", {"title": "Alien"})]},
        "Here are some tense picks.",  # names no returned title: the template is used
    ])
    llm = build_chat_model(Settings(llm_backend="openai", llm_base_url=server.base_url, llm_model="fake", llm_timeout_s=10))
    service = make_service(llm, capable=True, images=False)
    service.s.settings = service.s.settings.model_copy(update={"agent_mode": "native"})
    result = service.chat("srv", "space horror like Alien, from the 80s", "s")
    tool_request = server.requests[2]
    assert {t["function"]["name"] for t in tool_request["tools"]} == {t.name for t in TOOLS}
    answered = server.requests[3]["messages"]
    assert [m["role"] for m in answered[-2:]] == ["tool", "tool"] and '"year": 1979' in answered[-1]["content"]
    assert [t.tool for t in result.trace if t.tool.startswith("tool.")] == ["tool.search_items", "tool.item_details"]
    assert result.items and all(1980 <= c.year <= 1989 for c in result.items)
