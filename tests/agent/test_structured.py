"""ask_structured / ask_text / stream_text over the scripted fake: every LLM fault becomes a value."""

from __future__ import annotations

import re
import time
from typing import Literal

import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from agent.llm import ScriptedChatModel
from agent.structured import (
    UnboundedSchemaError,
    ask_structured,
    ask_text,
    bounded_schema,
    extract_json_object,
    stream_text,
)


class Pick(BaseModel):
    genres: list[Literal["Action", "Comedy", "Horror", "Sci-Fi"]] = Field(max_length=3)
    title: str = Field(max_length=60)


class Nested(BaseModel):
    picks: list[Pick] = Field(max_length=2)
    note: str | None = Field(default=None, max_length=20)


GOOD = '{"genres": ["Sci-Fi"], "title": "Alien"}'
MESSAGES = [SystemMessage("You recommend films."), HumanMessage("I loved Alien.")]


def ask(llm: ScriptedChatModel, timeout_s: float = 2.0, **kwargs):
    return ask_structured(llm, Pick, MESSAGES, timeout_s=timeout_s, json_schema_mode=True, **kwargs)


def test_valid_json_on_first_attempt() -> None:
    llm = ScriptedChatModel(script=[GOOD])
    answer = ask(llm)
    assert answer.ok and answer.value == Pick(genres=["Sci-Fi"], title="Alien")
    assert (answer.error, answer.attempts, answer.raw) == (None, 1, GOOD)
    assert llm.calls[0].kwargs["response_format"]["type"] == "json_object"
    assert '"maxItems":3' in llm.calls[0].messages[0].text  # schema hint joined to the system message
    assert llm.calls[0].messages[0].text.startswith("You recommend films.")


def test_garbage_then_repaired_on_second_attempt() -> None:
    llm = ScriptedChatModel(script=["I think you'd like films!", GOOD])
    answer = ask(llm)
    assert answer.ok and answer.attempts == 2
    repair = llm.calls[1].messages
    assert repair[-2].text == "I think you'd like films!"
    assert "no_json" in repair[-1].text


def test_validation_error_is_shown_to_the_model() -> None:
    llm = ScriptedChatModel(script=['{"genres": ["Western"], "title": "Alien"}', GOOD])
    answer = ask(llm)
    assert answer.ok and answer.attempts == 2
    assert "genres.0" in llm.calls[1].messages[-1].text


def test_garbage_twice_gives_none_and_error() -> None:
    llm = ScriptedChatModel(script=["nope", '{"title": 3}'])
    answer = ask(llm)
    assert answer.value is None and not answer.ok
    assert answer.error.startswith("invalid:") and answer.attempts == 2
    assert answer.raw == '{"title": 3}'
    assert len(llm.calls) == 2


def test_exception_becomes_error_and_is_retried_without_response_format() -> None:
    llm = ScriptedChatModel(script=[RuntimeError("server said 400"), RuntimeError("down")])
    answer = ask(llm)
    assert answer.value is None and answer.error == "llm_error: RuntimeError: down"
    assert "response_format" in llm.calls[0].kwargs and "response_format" not in llm.calls[1].kwargs


def test_exception_then_success() -> None:
    answer = ask(ScriptedChatModel(script=[ConnectionError("reset"), GOOD]))
    assert answer.ok and answer.attempts == 2


def test_timeout_returns_within_the_deadline_and_is_not_retried() -> None:
    llm = ScriptedChatModel(script=["sleep 5: " + GOOD, GOOD])
    start = time.perf_counter()
    answer = ask(llm, timeout_s=0.3)
    elapsed = time.perf_counter() - start
    assert answer.value is None and answer.error == "timeout" and answer.attempts == 1
    assert 0.25 < elapsed < 0.8
    assert len(llm.calls) == 1


def test_the_deadline_covers_the_repair_too() -> None:
    start = time.perf_counter()
    answer = ask(ScriptedChatModel(script=["sleep 0.3: garbage", "sleep 0.3: " + GOOD]), timeout_s=0.45)
    assert answer.value is None and answer.error == "timeout" and answer.attempts == 2
    assert answer.raw == "garbage" and time.perf_counter() - start < 0.8


def test_bound_models_work_too() -> None:
    llm = ScriptedChatModel(script=[GOOD])
    assert ask(llm.bind(temperature=0)).ok
    assert llm.calls[0].kwargs["temperature"] == 0 and "response_format" in llm.calls[0].kwargs


def test_plain_prompting_mode_sends_no_response_format() -> None:
    llm = ScriptedChatModel(script=[GOOD])
    answer = ask_structured(llm, Pick, [HumanMessage("hi")], timeout_s=1, json_schema_mode=False, max_tokens=40)
    assert answer.ok
    assert llm.calls[0].kwargs == {"max_tokens": 40}
    assert isinstance(llm.calls[0].messages[0], SystemMessage)  # hint added as a system message
    bare = ScriptedChatModel(script=[GOOD])
    assert ask_structured(bare, Pick, [HumanMessage("hi")], timeout_s=1, json_schema_mode=True, schema_hint=False).ok
    assert [m.text for m in bare.calls[0].messages] == ["hi"]


@pytest.mark.parametrize(
    "text",
    [
        f"Sure! Here it is:\n```json\n{GOOD}\n```\nEnjoy.",
        f"```\n{GOOD}\n```",
        f"prose {{not json}} then {GOOD} and {{\"x\": 1}}",
        GOOD,
    ],
)
def test_json_extracted_from_prose_and_fences(text: str) -> None:
    assert extract_json_object(text) == {"genres": ["Sci-Fi"], "title": "Alien"}
    assert ask(ScriptedChatModel(script=[text])).ok


@pytest.mark.parametrize("text", ["", "no braces", "{broken", "[1, 2]", '["a"]'])
def test_no_json_object(text: str) -> None:
    assert extract_json_object(text) is None


def test_bounded_schema_inlines_refs_and_closes_objects() -> None:
    schema = bounded_schema(Nested)
    assert "$defs" not in schema and "$ref" not in str(schema)
    pick = schema["properties"]["picks"]["items"]
    assert pick["additionalProperties"] is False and schema["additionalProperties"] is False
    assert pick["properties"]["title"]["maxLength"] == 60
    assert schema["properties"]["picks"]["maxItems"] == 2
    schema["mutated"] = True
    assert "mutated" not in bounded_schema(Nested)  # a fresh copy each time


class UnboundedList(BaseModel):
    titles: list[str] = Field(max_length=5)  # items are unbounded strings


class UnboundedArray(BaseModel):
    genres: list[Literal["Action"]]


class UnboundedString(BaseModel):
    reason: str


class Mapping(BaseModel):
    scores: dict[str, float] = Field(max_length=3)


class Node(BaseModel):
    children: list[Node] = Field(default=[], max_length=2)


@pytest.mark.parametrize(
    ("model", "where"),
    [
        (UnboundedList, "titles[]"),
        (UnboundedArray, "genres"),
        (UnboundedString, "reason"),
        (Mapping, "scores"),
        (Node, "recursive"),
    ],
)
def test_unbounded_schemas_are_rejected(model: type[BaseModel], where: str) -> None:
    with pytest.raises(UnboundedSchemaError, match=re.escape(where)):
        bounded_schema(model)
    with pytest.raises(UnboundedSchemaError):
        ask_structured(ScriptedChatModel(script=[GOOD]), model, MESSAGES, timeout_s=1, json_schema_mode=True)


def test_programming_errors_raise() -> None:
    llm = ScriptedChatModel(script=[GOOD])
    with pytest.raises(TypeError):
        ask_structured(llm, dict, MESSAGES, timeout_s=1, json_schema_mode=True)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        ask_structured(llm, Pick, MESSAGES, timeout_s=0, json_schema_mode=True)
    assert llm.calls == []


def test_ask_text_reply_error_timeout_and_empty() -> None:
    llm = ScriptedChatModel(script=["Try Aliens.", ValueError("boom"), "sleep 3", "   "])
    assert ask_text(llm, MESSAGES, timeout_s=1).text == "Try Aliens."
    assert ask_text(llm, MESSAGES, timeout_s=1).error == "llm_error: ValueError: boom"
    start = time.perf_counter()
    timed_out = ask_text(llm, MESSAGES, timeout_s=0.2)
    assert timed_out.text is None and timed_out.error == "timeout"
    assert time.perf_counter() - start < 0.6
    assert ask_text(llm, MESSAGES, timeout_s=1).error.startswith("empty")


def test_stream_text_yields_chunks_and_records_text() -> None:
    stream = stream_text(ScriptedChatModel(script=["You might enjoy Aliens and Predator."]), MESSAGES, 2)
    chunks = list(stream)
    assert len(chunks) > 1 and "".join(chunks) == stream.text == "You might enjoy Aliens and Predator."
    assert stream.error is None and stream.ms >= 0


def test_stream_text_faults_end_the_stream_quietly() -> None:
    failing = stream_text(ScriptedChatModel(script=[RuntimeError("gone")]), MESSAGES, 1)
    assert list(failing) == [] and failing.error == "llm_error: RuntimeError: gone"
    start = time.perf_counter()
    slow = stream_text(ScriptedChatModel(script=["sleep 3: late"]), MESSAGES, 0.2)
    assert list(slow) == [] and slow.error == "timeout"
    assert time.perf_counter() - start < 0.6
