"""Safe LLM calls: a deadline, JSON extraction, pydantic validation, one repair, and no raises.

Every function here turns an LLM fault (an exception, a timeout, garbage) into a value with an
`error` string, so a turn can always fall back to its deterministic path. Error strings start
with a kind: "timeout", "llm_error: ...", "no_json: ...", "invalid: ...". Only programming
errors raise (a schema that is not a pydantic model, or one that llama.cpp cannot bound).
"""

from __future__ import annotations

import contextvars
import copy
import json
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ValidationError

from agent.llm import cancel_scope
from muse.errors import MuseError

T = TypeVar("T", bound=BaseModel)

SCHEMA_HINT = "Reply with one JSON object and nothing else. It must match this JSON schema:\n{schema}"
REPAIR = "That reply was not usable ({error}). Reply again with only the corrected JSON object."
_MAX_ERROR_CHARS = 300


class UnboundedSchemaError(MuseError, TypeError):
    """A structured-output schema has an array, string or mapping without a size bound."""


@dataclass(frozen=True)
class StructuredAnswer(Generic[T]):
    """The outcome of `ask_structured`: a validated value, or None and why."""

    value: T | None
    error: str | None
    raw: str
    ms: float
    attempts: int

    @property
    def ok(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class TextAnswer:
    """The outcome of `ask_text`: the reply text, or None and why."""

    text: str | None
    error: str | None
    ms: float

    @property
    def ok(self) -> bool:
        return self.text is not None


# --- schemas -----------------------------------------------------------------------------------
def bounded_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema, inlined and closed, after checking every size is bounded.

    llama.cpp turns the schema into a grammar; an unbounded array or string lets a small model
    loop until max_tokens. So every list needs `max_length` (maxItems), every free string needs
    `max_length` (maxLength; Literal/enum strings are bounded already) and dict fields are not
    allowed. Raises UnboundedSchemaError naming the field, so a bad schema fails at its first use
    (call this at import time next to the model to fail even earlier). `$ref`s are inlined and
    every object gets `additionalProperties: false`. Returns a fresh copy.
    """
    return copy.deepcopy(_bounded_schema(_require_model(model)))


@cache
def _bounded_schema(model: type[BaseModel]) -> dict[str, Any]:
    raw = model.model_json_schema()
    return _bound(raw, raw.get("$defs", {}), model.__name__, frozenset())


def _require_model(model: Any) -> type[BaseModel]:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise TypeError(f"schema must be a pydantic BaseModel subclass, got {model!r}")
    return model


def _bound(node: dict[str, Any], defs: dict[str, Any], where: str, seen: frozenset[str]) -> dict[str, Any]:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            raise UnboundedSchemaError(f"{where}: recursive model {name} has no depth bound")
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return {**_bound(defs[name], defs, where, seen | {name}), **rest}
    skip = ("$defs", "title", "items", "properties", "anyOf", "oneOf", "allOf")  # titles only cost prompt
    out = {k: v for k, v in node.items() if k not in skip}
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            out[key] = [_bound(sub, defs, where, seen) for sub in node[key]]
    types = node.get("type")
    types = set(types) if isinstance(types, list) else {types}
    if "array" in types:
        if "maxItems" not in node:
            raise UnboundedSchemaError(f"{where}: list needs max_length (maxItems)")
        if "items" in node:
            out["items"] = _bound(node["items"], defs, f"{where}[]", seen)
    if "string" in types and not {"enum", "const", "maxLength"} & node.keys():
        raise UnboundedSchemaError(f"{where}: str needs max_length (maxLength) or a Literal")
    if "object" in types:
        if isinstance(node.get("additionalProperties"), dict) or not node.get("properties"):
            raise UnboundedSchemaError(f"{where}: mappings are unbounded; use a model with fields")
        props = node["properties"]
        out["properties"] = {name: _bound(sub, defs, f"{where}.{name}", seen) for name, sub in props.items()}
        out["additionalProperties"] = False
    return out


def response_format(llm: BaseChatModel, name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The `response_format` that constrains this model to `schema`.

    ChatOpenAI speaks OpenAI's json_schema form (OpenAI, vLLM); everything else gets llama.cpp's
    `{"type": "json_object", "schema": ...}`. A server that rejects its form fails the first
    attempt; `ask_structured` then retries with plain prompting.
    """
    model = getattr(llm, "bound", llm)  # see through .bind(...)
    if getattr(model, "_llm_type", "").startswith("openai"):
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": False}}
    return {"type": "json_object", "schema": schema}


# --- parsing -----------------------------------------------------------------------------------
def extract_json_object(text: str) -> dict[str, Any] | None:
    """The first JSON object in `text`, even inside prose or ``` fences; None if there is none."""
    decoder = json.JSONDecoder()
    start = text.find("{")
    while start != -1:
        try:
            value, _ = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            value = None
        if isinstance(value, dict):
            return value
        start = text.find("{", start + 1)
    return None


def parse_structured(raw: str, schema: type[T]) -> tuple[T | None, str | None]:
    """Validate the first JSON object in `raw` against `schema`: (value, None) or (None, error)."""
    obj = extract_json_object(raw)
    if obj is None:
        return None, "no_json: the reply has no JSON object"
    try:
        return schema.model_validate(obj), None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'object'}: {err['msg']}" for err in exc.errors()[:3]
        )
        return None, _clip(f"invalid: {problems}")


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_ERROR_CHARS else text[: _MAX_ERROR_CHARS - 3] + "..."


# --- calls with a deadline ---------------------------------------------------------------------
class _Timeout(Exception):
    pass


def _start_worker(target: Any) -> threading.Event:
    """Run `target()` on a daemon thread inside a cancel scope; return the cancel event.

    A daemon thread (not an executor) so an abandoned call never blocks interpreter exit; the
    context is copied so LangChain callbacks and tracing still see the caller's run.
    """
    cancel = threading.Event()

    def run() -> None:
        with cancel_scope(cancel):
            target()

    ctx = contextvars.copy_context()
    threading.Thread(target=ctx.run, args=(run,), daemon=True, name="muse-llm").start()
    return cancel


def _invoke(llm: BaseChatModel, messages: list[BaseMessage], kwargs: dict[str, Any], timeout_s: float) -> AIMessage:
    """`llm.invoke` with a deadline: raises _Timeout, or what the model raised."""
    box: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

    def call() -> None:
        try:
            box.put((True, llm.invoke(messages, **kwargs)))
        except Exception as exc:  # handed to the caller's thread
            box.put((False, exc))

    cancel = _start_worker(call)
    try:
        ok, payload = box.get(timeout=max(timeout_s, 0.0))
    except queue.Empty:
        cancel.set()
        raise _Timeout from None
    if not ok:
        raise payload
    return payload


def _llm_error(exc: BaseException) -> str:
    return _clip(f"llm_error: {type(exc).__name__}: {exc}")


def _ms_since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def _with_hint(messages: Sequence[BaseMessage], hint: str) -> list[BaseMessage]:
    """Append the hint to the leading system message (or add one), keeping the turn order."""
    messages = list(messages)
    if messages and isinstance(messages[0], SystemMessage):
        return [SystemMessage(content=f"{messages[0].text}\n\n{hint}"), *messages[1:]]
    return [SystemMessage(content=hint), *messages]


def ask_structured(
    llm: BaseChatModel,
    schema: type[T],
    messages: Sequence[BaseMessage],
    *,
    timeout_s: float,
    json_schema_mode: bool = True,
    max_tokens: int | None = None,
    schema_hint: bool = True,
) -> StructuredAnswer[T]:
    """Ask for one `schema` object; never raises for LLM faults.

    The schema (see `bounded_schema`) is described in the system message and, with
    `json_schema_mode`, also sent as `response_format` so llama.cpp constrains decoding. The first
    JSON object in the reply is validated; on failure the model sees its reply and the error once
    more (a repair). `timeout_s` bounds the whole call, repair included; a timeout is not retried.
    `attempts` counts LLM calls made (count them against the per-turn cap). `schema_hint=False`
    leaves the schema out of the prompt (about 150 prompt tokens saved for a small schema; only
    sensible with `json_schema_mode` on llama.cpp, where the grammar enforces it anyway).
    """
    _require_model(schema)
    if timeout_s <= 0:
        raise ValueError("timeout_s must be positive")
    json_schema = bounded_schema(schema)
    convo = list(messages)
    if schema_hint:
        convo = _with_hint(convo, SCHEMA_HINT.format(schema=json.dumps(json_schema, separators=(",", ":"))))
    fmt = response_format(llm, schema.__name__, json_schema) if json_schema_mode else None
    start = time.perf_counter()
    deadline = start + timeout_s
    raw, error, attempts = "", "timeout", 0
    while attempts < 2:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            error = "timeout"
            break
        attempts += 1
        kwargs: dict[str, Any] = {"max_tokens": max_tokens} if max_tokens else {}
        if fmt is not None:
            kwargs["response_format"] = fmt
        try:
            raw = _invoke(llm, convo, kwargs, remaining).text
        except _Timeout:
            error = "timeout"
            break
        except Exception as exc:
            error, fmt = _llm_error(exc), None  # the server may reject response_format: retry plain
            continue
        value, error = parse_structured(raw, schema)
        if value is not None:
            return StructuredAnswer(value=value, error=None, raw=raw, ms=_ms_since(start), attempts=attempts)
        convo = [*convo, AIMessage(content=raw), HumanMessage(content=REPAIR.format(error=error))]
    return StructuredAnswer(value=None, error=error, raw=raw, ms=_ms_since(start), attempts=attempts)


def ask_text(
    llm: BaseChatModel, messages: Sequence[BaseMessage], *, timeout_s: float, max_tokens: int | None = None
) -> TextAnswer:
    """One plain reply within `timeout_s`; an exception, a timeout or an empty reply is an error."""
    if timeout_s <= 0:
        raise ValueError("timeout_s must be positive")
    start = time.perf_counter()
    kwargs: dict[str, Any] = {"max_tokens": max_tokens} if max_tokens else {}
    try:
        text = _invoke(llm, list(messages), kwargs, timeout_s).text
    except _Timeout:
        return TextAnswer(text=None, error="timeout", ms=_ms_since(start))
    except Exception as exc:
        return TextAnswer(text=None, error=_llm_error(exc), ms=_ms_since(start))
    if not text.strip():
        return TextAnswer(text=None, error="empty: the reply has no text", ms=_ms_since(start))
    return TextAnswer(text=text, error=None, ms=_ms_since(start))


class TextStream:
    """Text deltas of one streamed reply; iterating never raises for LLM faults.

    Iterate it once. When iteration ends, `text` holds everything yielded and `error` is None, or
    "timeout" / "llm_error: ..." when the stream stopped early (what was yielded stays yielded:
    the caller decides whether to keep a partial reply). `timeout_s` bounds the whole stream.
    """

    def __init__(
        self, llm: BaseChatModel, messages: Sequence[BaseMessage], timeout_s: float, max_tokens: int | None = None
    ) -> None:
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self._llm, self._messages, self._timeout_s = llm, list(messages), timeout_s
        self._kwargs: dict[str, Any] = {"max_tokens": max_tokens} if max_tokens else {}
        self.text = ""
        self.error: str | None = None
        self.ms = 0.0

    def __iter__(self) -> Iterator[str]:
        start = time.perf_counter()
        deadline = start + self._timeout_s
        box: queue.Queue[tuple[str, Any]] = queue.Queue()

        def pump() -> None:
            try:
                for chunk in self._llm.stream(self._messages, **self._kwargs):
                    box.put(("chunk", chunk.text))
                box.put(("done", None))
            except Exception as exc:
                box.put(("error", exc))

        cancel = _start_worker(pump)
        parts: list[str] = []
        try:
            while True:
                try:
                    kind, payload = box.get(timeout=max(deadline - time.perf_counter(), 0.0))
                except queue.Empty:
                    self.error = "timeout"
                    break
                if kind == "done":
                    break
                if kind == "error":
                    self.error = _llm_error(payload)
                    break
                if payload:
                    parts.append(payload)
                    yield payload
        finally:
            cancel.set()  # also when the consumer stops early
            self.text, self.ms = "".join(parts), _ms_since(start)


def stream_text(
    llm: BaseChatModel, messages: Sequence[BaseMessage], timeout_s: float, *, max_tokens: int | None = None
) -> TextStream:
    """Stream a reply as text deltas with a deadline; see `TextStream` for the guarantees."""
    return TextStream(llm, messages, timeout_s, max_tokens)
