"""Chat model backends: factory, scripted fake, embedded SmolLM2, and ChatOpenAI on a loopback server."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Literal

import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, SecretStr

from agent.llm import (
    LlamaCppChatModel,
    ScriptedChatModel,
    ScriptExhaustedError,
    build_chat_model,
    is_capable,
    smollm2_gguf_path,
)
from agent.structured import ask_structured, ask_text, stream_text
from muse.errors import BackendUnavailableError
from muse.settings import Settings

from .fake_openai import FakeOpenAI

REPO = Path(__file__).resolve().parents[2]


class Taste(BaseModel):
    genres: list[Literal["Action", "Comedy", "Drama", "Horror", "Romance", "Sci-Fi"]] = Field(max_length=3)
    decade: Literal["1970s", "1980s", "1990s", "2000s", "any"]
    keyword: str = Field(max_length=24)


# --- factory -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("backend", "flag", "expected"),
    [
        ("llamacpp", None, False),
        ("openai", None, True),
        ("none", None, False),
        ("llamacpp", True, True),
        ("openai", False, False),
    ],
)
def test_is_capable(backend: str, flag: bool | None, expected: bool) -> None:
    assert is_capable(Settings(llm_backend=backend, llm_capable=flag)) is expected


def test_build_none_and_llamacpp(tmp_path: Path) -> None:
    assert build_chat_model(Settings(llm_backend="none")) is None
    model = build_chat_model(Settings(llm_max_tokens=64, llm_n_ctx=1024, llm_threads=1))
    assert isinstance(model, LlamaCppChatModel)
    assert (model.max_tokens, model.n_ctx, model.n_threads) == (64, 1024, 1)
    assert model.resolved_path == smollm2_gguf_path() and model.resolved_path.stat().st_size > 10_000_000
    with pytest.raises(BackendUnavailableError, match="GGUF not found"):
        build_chat_model(Settings(llm_model_path=tmp_path / "missing.gguf"))


def test_build_openai_settings() -> None:
    settings = Settings(
        llm_backend="openai", llm_base_url="http://127.0.0.1:9/v1", llm_model="qwen", llm_timeout_s=7, llm_max_tokens=99
    )
    model = build_chat_model(settings)
    assert model._llm_type.startswith("openai")
    assert (model.model_name, model.request_timeout, model.max_retries, model.max_tokens) == ("qwen", 7, 0, 99)
    keyed = build_chat_model(settings.model_copy(update={"llm_api_key": SecretStr("sk-test")}))
    assert keyed.openai_api_key.get_secret_value() == "sk-test"


def test_importing_binds_no_provider() -> None:
    code = (
        "import sys, agent.llm, agent.structured;"
        "bad = {'llama_cpp', 'langchain_openai', 'openai'} & set(sys.modules);"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=60)


# --- scripted fake -----------------------------------------------------------------------------
def test_scripted_replays_records_and_exhausts() -> None:
    llm = ScriptedChatModel(script=["one", KeyError("k"), "sleep 0.05: two"])
    assert llm.bind(temperature=0).invoke([HumanMessage("a")]).content == "one"
    with pytest.raises(KeyError):
        llm.invoke("b")
    assert llm.invoke("c").content == "two"
    with pytest.raises(ScriptExhaustedError):
        llm.invoke("d")
    assert [c.prompt for c in llm.calls] == ["a", "b", "c", "d"]
    assert llm.calls[0].kwargs == {"temperature": 0} and llm.remaining == 0


def test_scripted_default_and_streaming() -> None:
    llm = ScriptedChatModel(default="Try Heat and Ronin.")
    chunks = [chunk.content for chunk in llm.stream("x")]
    assert len(chunks) == 4 and "".join(chunks) == "Try Heat and Ronin."
    assert llm.invoke("y").content == "Try Heat and Ronin." and len(llm.calls) == 2


# --- the real embedded model (SmolLM2-135M through llama.cpp) ----------------------------------
@pytest.fixture(scope="module")
def smol() -> LlamaCppChatModel:
    model = LlamaCppChatModel(max_tokens=32, temperature=0.0, seed=7)
    loaded = model.load()
    print(f"\nSmolLM2 load: {loaded.load_s:.2f}s")
    return model


def test_real_model_chat_returns_text(smol: LlamaCppChatModel) -> None:
    start = time.perf_counter()
    reply = smol.invoke([HumanMessage("Name one famous science fiction film.")], max_tokens=24)
    seconds = time.perf_counter() - start
    tokens = reply.response_metadata["completion_tokens"]
    print(f"SmolLM2 chat: {tokens} tokens in {seconds:.2f}s = {tokens / seconds:.1f} tok/s")
    assert reply.content.strip() and tokens > 0


def test_real_model_structured_call_is_valid(smol: LlamaCppChatModel) -> None:
    messages = [SystemMessage("You describe film taste."), HumanMessage("I loved Alien and Blade Runner.")]
    answer = ask_structured(smol, Taste, messages, timeout_s=60, json_schema_mode=True, max_tokens=60)
    print(f"SmolLM2 structured: {answer.ms:.0f} ms, {answer.attempts} attempt(s): {answer.raw}")
    assert answer.error is None and isinstance(answer.value, Taste)


def test_real_model_streams_and_can_be_cut_off(smol: LlamaCppChatModel) -> None:
    stream = stream_text(smol, [HumanMessage("Say hello.")], 60, max_tokens=8)
    assert len(list(stream)) > 1 and stream.error is None and stream.text.strip()
    cut = ask_text(smol, [HumanMessage("Write a long story about space.")], timeout_s=0.3, max_tokens=200)
    assert cut.error == "timeout"
    start = time.perf_counter()  # the abandoned call stops at the next token and frees the model
    assert ask_text(smol, [HumanMessage("Hi")], timeout_s=30, max_tokens=2).text
    assert time.perf_counter() - start < 5


def test_real_model_serialises_parallel_calls(smol: LlamaCppChatModel) -> None:
    answers: list[Any] = []

    def call() -> None:
        answers.append(ask_text(smol, [HumanMessage("Hi")], timeout_s=30, max_tokens=3))

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.error for a in answers] == [None, None]


# --- ChatOpenAI against an OpenAI-compatible server on loopback --------------------------------
def _openai_model(server: FakeOpenAI, timeout_s: float = 5.0) -> Any:
    return build_chat_model(
        Settings(llm_backend="openai", llm_base_url=server.base_url, llm_model="fake", llm_timeout_s=timeout_s)
    )


def test_openai_backend_text_and_structured(openai_server: Any) -> None:
    fenced = '```json\n{"genres": ["Sci-Fi"], "decade": "1980s", "keyword": "space"}\n```'
    server = openai_server(["Try Aliens.", fenced])
    llm = _openai_model(server)
    assert ask_text(llm, [HumanMessage("hi")], timeout_s=5).text == "Try Aliens."
    answer = ask_structured(llm, Taste, [HumanMessage("Alien")], timeout_s=5, json_schema_mode=True)
    assert answer.value == Taste(genres=["Sci-Fi"], decade="1980s", keyword="space")
    first, second = server.requests
    assert first["path"] == "/v1/chat/completions" and first["model"] == "fake"
    fmt = second["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["schema"]["properties"]["genres"]["maxItems"] == 3


def test_openai_server_rejecting_json_schema_falls_back_to_prompting(openai_server: Any) -> None:
    server = openai_server([400, '{"genres": [], "decade": "any", "keyword": "x"}'])
    answer = ask_structured(_openai_model(server), Taste, [HumanMessage("hi")], timeout_s=5, json_schema_mode=True)
    assert answer.ok and answer.attempts == 2
    assert "response_format" in server.requests[0] and "response_format" not in server.requests[1]


def test_openai_backend_streams_and_times_out(openai_server: Any) -> None:
    server = openai_server(["You could watch Aliens tonight", "sleep 2"])
    llm = _openai_model(server)
    stream = stream_text(llm, [HumanMessage("hi")], 5)
    assert len(list(stream)) > 1 and stream.text.strip() == "You could watch Aliens tonight"
    assert server.requests[0]["stream"] is True
    start = time.perf_counter()
    assert ask_text(llm, [HumanMessage("hi")], timeout_s=0.3).error == "timeout"
    assert time.perf_counter() - start < 1.0
