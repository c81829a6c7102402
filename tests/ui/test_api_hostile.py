"""Hostile input never gets a 5xx: the issue's request categories as a fixture, and a property-based
fuzz over every route (fake service: thousands of requests; the real service: a smaller run)."""

from __future__ import annotations

import json
import logging
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from agent.api import ChatService
from muse.ids import USER_ID_PATTERN
from muse.settings import Settings
from ui.fake_service import FakeChatService
from ui.http_api import create_api

from .conftest import free_port, wait_until_up
from .hostile import Hostile, hostile_requests

FIXTURE = Path(__file__).parent / "fixtures" / "hostile_requests.jsonl"
KEYS = ["acme:key-a", "globex:key-b", "bare-key"]
AUTHS = [{"Authorization": "Bearer key-a"}, {"Authorization": "Bearer key-b"}, {"Authorization": "Bearer bare-key"}]


def load_fixture() -> list[Hostile]:
    return [Hostile(**json.loads(line)) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


class Collect(logging.Handler):
    """Every log record at WARNING or above, with its exception if any."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def tracebacks(self) -> list[str]:
        return [f"{r.name}: {r.getMessage()}" for r in self.records if r.exc_info or "Traceback" in r.getMessage()]


@pytest.fixture
def collected() -> Iterator[Collect]:
    handler = Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


def fuzz_settings(home: Path) -> Settings:
    return Settings(home=home, api_keys=KEYS, api_rate_per_minute=10**9, api_max_body_bytes=64_000)


def send(client: httpx.Client | TestClient, request: Hostile, auth: dict[str, str]) -> httpx.Response:
    headers = dict(auth)
    if request.content_type is not None:
        headers["Content-Type"] = request.content_type
    return client.request(request.method, request.path, content=request.body or None, headers=headers)


# The fixture -------------------------------------------------------------------------------------
def test_the_fixture_is_what_the_generator_makes() -> None:
    fixture = load_fixture()
    assert [asdict(r) for r in fixture] == [asdict(r) for r in hostile_requests()]
    names = " ".join(r.name for r in fixture)
    assert len(fixture) >= 71
    for category in ("surrogate", "NaN", "Infinity", "1e999999", "invalid UTF-8", "item_id 9223372036854775808"):
        assert category in names, category


def test_every_hostile_request_is_a_4xx_on_a_live_server(fake: FakeChatService, tmp_path: Path, collected: Collect) -> None:
    api = create_api(fake, fuzz_settings(tmp_path / "home"))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(api, host="127.0.0.1", port=port, log_config=None, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url + "/healthz")
        with httpx.Client(base_url=url, timeout=30) as http:
            answers = [(r.name, send(http, r, AUTHS[i % 3])) for i, r in enumerate(load_fixture())]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    wrong = [(name, a.status_code, a.text[:120]) for name, a in answers if not 400 <= a.status_code < 500]
    assert not wrong, wrong
    assert all(set(a.text) <= set(map(chr, range(128))) for _, a in answers)  # nothing echoed raw
    assert collected.tracebacks() == []


def test_every_hostile_request_is_a_4xx_on_the_real_service(real_service: ChatService, real_settings: Settings) -> None:
    settings = real_settings.model_copy(update={"api_keys": KEYS, "api_rate_per_minute": 10**9})
    with TestClient(create_api(real_service, settings)) as client:  # server exceptions re-raise here
        wrong = [(r.name, code) for r in load_fixture() if not 400 <= (code := send(client, r, AUTHS[2]).status_code) < 500]
    assert not wrong, wrong


# Property-based fuzz -----------------------------------------------------------------------------
SURROGATE = st.sampled_from(["\ud800", "\udfff", "\ud83d"])
TEXT = st.one_of(
    st.text(max_size=40),
    st.builds(lambda a, s, b: a + s + b, st.text(max_size=10), SURROGATE, st.text(max_size=10)),
    st.sampled_from(["", "a.b", "u1\n", "x" * 65, "s" * 129, "../etc", "acme/u1", "globex/u1", "I loved Alien", "a b"]),
    st.from_regex(USER_ID_PATTERN, fullmatch=True),
)
NUMBER = st.one_of(
    st.integers(min_value=-3, max_value=200_000),
    st.integers(min_value=2**62, max_value=2**70),
    st.integers(max_value=-(2**63)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1, -1, 0, 2]),
)
JSON_VALUE = st.recursive(st.none() | st.booleans() | NUMBER | TEXT,
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=6)
FIELD = st.one_of(TEXT, NUMBER, JSON_VALUE)
BODY_FIELDS = {"user_id": FIELD, "session_id": FIELD, "message": FIELD, "item_id": FIELD, "value": FIELD}


@st.composite
def bodies(draw: st.DrawFn) -> bytes | None:
    kind = draw(st.sampled_from(["object", "object", "object", "json", "bytes", "none"]))
    if kind == "none":
        return None
    if kind == "bytes":
        return draw(st.binary(max_size=80))
    value: Any = draw(st.fixed_dictionaries({}, optional={**BODY_FIELDS, "extra": FIELD})) if kind == "object" else draw(JSON_VALUE)
    text = json.dumps(value, ensure_ascii=draw(st.booleans()), allow_nan=True)
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid UTF-8 bytes half the time


def path_id(draw: st.DrawFn) -> str:
    raw = draw(st.one_of(TEXT, st.binary(min_size=1, max_size=12).map(lambda b: b.decode("latin-1"))))
    return urllib.parse.quote(raw.encode("utf-8", "surrogatepass") if draw(st.booleans()) else raw.encode("latin-1", "replace"), safe="") or "x"


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, str, dict[str, str], bytes | None]:
    route = draw(st.sampled_from(["chat", "feedback", "profile", "image", "other"]))
    method = {"chat": "POST", "feedback": "POST", "profile": draw(st.sampled_from(["GET", "DELETE"])), "image": "GET",
              "other": draw(st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]))}[route]
    if draw(st.integers(0, 9)) == 0:
        method = draw(st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]))
    path = {"chat": "/v1/chat", "feedback": "/v1/feedback", "profile": f"/v1/profile/{path_id(draw)}",
            "image": f"/v1/images/{path_id(draw)}",
            "other": draw(st.sampled_from(["/v1/", "/v1/chat/x", "/healthz", "/v1/profile/", "/v1//chat", "/openapi.json"]))}[route]
    headers = dict(draw(st.sampled_from([*AUTHS, AUTHS[0], {}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic a2V5LWE="}])))
    content_type = draw(st.sampled_from(["application/json", "application/json; charset=utf-8", "text/plain", None,
                                         "application/json; charset=latin-1", "multipart/form-data; boundary=x", "application/JSON"]))
    if content_type is not None:
        headers["Content-Type"] = content_type
    return method, path, headers, draw(bodies())


def fuzz(client: TestClient, examples: int) -> list[int]:
    statuses: list[int] = []

    @hsettings(max_examples=examples, deadline=None, derandomize=True, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(requests())
    def one(request: tuple[str, str, dict[str, str], bytes | None]) -> None:
        method, path, headers, body = request
        answer = client.request(method, path, content=body, headers=headers)
        statuses.append(answer.status_code)
        assert answer.status_code < 500, (method, path, headers, body, answer.status_code, answer.text[:200])
        if method != "HEAD" and answer.headers.get("content-type", "").startswith("application/json"):
            answer.json()  # a well-formed answer, whatever came in

    one()
    return statuses


def test_fuzz_every_route_on_the_fake_service(fake: FakeChatService, tmp_path: Path, collected: Collect) -> None:
    with TestClient(create_api(fake, fuzz_settings(tmp_path / "home"))) as client:  # server exceptions re-raise
        statuses = fuzz(client, 2500)
    assert len(statuses) >= 2500
    assert any(200 <= s < 300 for s in statuses) and {401, 415, 422} <= set(statuses)  # the fuzz reaches every layer
    assert collected.tracebacks() == []


def test_fuzz_every_route_on_the_real_service(real_service: ChatService, real_settings: Settings, collected: Collect) -> None:
    settings = real_settings.model_copy(update={"api_keys": KEYS, "api_rate_per_minute": 10**9})
    with TestClient(create_api(real_service, settings)) as client:
        statuses = fuzz(client, 300)
    assert any(200 <= s < 300 for s in statuses)
    assert collected.tracebacks() == []
