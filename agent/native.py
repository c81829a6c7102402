"""Native tool-calling mode for capable OpenAI-compatible models.

The model drives the tools in `tools.registry` (bound as LangChain StructuredTools); every item it
finds lands on the same candidate bus, which is then ranked by the same blend and MMR as the
pipeline, under the profile's hard filters. Its final text is kept only if it names returned
titles alone. Any failure returns None and the turn runs the pipeline instead.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from agent.trace import Tracer
from prompts import render
from tools.registry import ToolDeps, as_structured_tools, call_tool

_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="muse-native")


def run_tools_loop(llm: Any, deps: ToolDeps, message: str, profile_text: str, *, max_calls: int,
                   timeout_s: float, tracer: Tracer) -> str | None:
    """Let the model call tools (at most `max_calls` model calls); returns its final text or None."""
    try:
        model = llm.bind_tools(as_structured_tools(deps))
    except (NotImplementedError, AttributeError) as exc:
        tracer.note("plan", "llm.bind_tools", error=f"no native tool calling: {exc}")
        return None
    messages: list[Any] = [SystemMessage(render("native", profile=profile_text)), HumanMessage(message[:2000])]
    for call in range(max_calls):
        ai: AIMessage | None = None
        with tracer.step("plan", "llm.tools", {"call": call + 1}) as h:  # an LLM exception is recorded here
            try:
                ai = _POOL.submit(model.invoke, messages).result(timeout=timeout_s)
            except FutureTimeout:
                h.error = "timeout"
            h.n_out = len(ai.tool_calls) if ai is not None else 0
        if ai is None:
            return None
        if not ai.tool_calls:
            return ai.text or None
        messages.append(ai)
        for tc in ai.tool_calls[:4]:
            result = call_tool(deps, tc["name"], tc.get("args") or {})
            messages.append(ToolMessage(json.dumps(result, default=str)[:4000], tool_call_id=tc["id"]))
    tracer.note("plan", "llm.tools", error=f"stopped after {max_calls} model calls")
    return None
