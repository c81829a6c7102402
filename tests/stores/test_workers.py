"""Several API processes sharing one PostgreSQL: `muse api --workers 2` plus a second, separate
process, with requests alternating between them. 30 users in parallel: rate limits hold across
workers, no feedback is lost or duplicated, each turn sees the user's earlier requests, nothing
leaks between users."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import psycopg
import pytest

from muse.settings import Settings
from stores.datasets import prepare_dataset
from stores.postgres import schema_name
from ui.launch import ApiProcess

USERS = 30
RATE = 8  # requests a minute per key: each user's key is enough for its 6 requests; "kr" is for the burst


@pytest.fixture(scope="module")
def cluster(postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[str], str]]:
    """Two API processes (one with 2 workers) over one fresh database; yields their URLs and the DB URL."""
    home, name = tmp_path_factory.mktemp("workers"), f"workers_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db = urlunsplit(urlsplit(postgres_url)._replace(path=f"/{name}"))
    env = {"MUSE_HOME": str(home / "home"), "MUSE_DATABASE_URL": db, "MUSE_EMBEDDER": "fake", "MUSE_LLM_BACKEND": "none",
           "MUSE_IMAGE_BACKEND": "none", "MUSE_API_RATE_PER_MINUTE": str(RATE), "MUSE_DB_POOL_SIZE": "6",
           # This test is about correctness across processes, not back-pressure: let turns queue for as
           # long as a slow CI machine needs instead of refusing them (503) after the default 2 s.
           "MUSE_API_QUEUE_TIMEOUT_S": "300", "MUSE_API_QUEUE_DEPTH": str(USERS),
           "MUSE_API_KEYS": ",".join([*(f"k{n}" for n in range(USERS)), "kr"])}
    prepare_dataset(Settings(home=home / "home", database_url=db), "movielens-small")
    servers = [ApiProcess(env, home / "two-workers.log", workers=2), ApiProcess(env, home / "one-worker.log")]
    try:
        urls = [server.start() for server in servers]
        yield urls, db
    finally:
        for server in servers:
            server.stop()
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _post(url: str, path: str, key: str, body: dict) -> dict:
    response = httpx.post(url + path, json=body, headers={"Authorization": f"Bearer {key}"}, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def _one_user(urls: list[str], n: int) -> dict:
    """A turn, three 👍 sent at once to alternating processes, a second turn, the profile."""
    user, key = f"user{n:02d}", f"k{n}"
    first = _post(urls[n % 2], "/v1/chat", key, {"user_id": user, "message": "mind-bending sci-fi, no horror"})
    liked = [card["item_id"] for card in first["items"][:3]]
    with ThreadPoolExecutor(3) as pool:
        list(pool.map(lambda k: _post(urls[(n + k) % 2], "/v1/feedback", key, {
            "user_id": user, "item_id": liked[k], "value": 1, "session_id": first["session_id"]}), range(3)))
    second = _post(urls[(n + 1) % 2], "/v1/chat", key, {"user_id": user, "message": "something older",
                                                          "session_id": first["session_id"]})
    profile = httpx.get(f"{urls[n % 2]}/v1/profile/{user}", headers={"Authorization": f"Bearer {key}"}, timeout=60).json()
    return {"user": user, "first": first, "second": second, "liked": liked, "profile": profile}


def test_30_users_over_two_processes(cluster: tuple[list[str], str]) -> None:
    urls, db = cluster
    with ThreadPoolExecutor(USERS) as pool:
        runs = list(pool.map(lambda n: _one_user(urls, n), range(USERS)))
    sessions = {run["first"]["session_id"] for run in runs}
    assert len(sessions) == USERS
    for run in runs:
        assert len(run["liked"]) == 3
        assert run["first"]["user_id"] == run["second"]["user_id"] == run["user"]
        assert run["second"]["session_id"] == run["first"]["session_id"]
        # Three 👍 at once on two processes: none lost (read-modify-write under the shared turn lock)...
        assert sorted(run["profile"]["liked_items"]) == sorted(run["liked"])
        # ...and the next turn, sent after them, saw all three (ordering) and only this user's.
        assert sorted(run["second"]["profile"]["liked_items"]) == sorted(run["liked"])
        assert not set(run["liked"]) & {card["item_id"] for card in run["second"]["items"]}
    with psycopg.connect(db) as conn:
        conn.execute(f'SET search_path TO "{schema_name("ml-latest-small")}"')
        feedback = conn.execute("SELECT user_id, item_id, session_id FROM feedback ORDER BY id").fetchall()
        assert len(feedback) == 3 * USERS  # none lost, none twice
        assert {(u, i) for u, i, _ in feedback} == {(r["user"], i) for r in runs for i in r["liked"]}
        likes = conn.execute("SELECT count(*) FROM interactions WHERE source = 'feedback'").fetchone()[0]
        assert likes == 3 * USERS
        roles = conn.execute("""SELECT s.user_id, array_agg(m.role ORDER BY m.id) FROM messages m
                                JOIN sessions s USING (session_id) GROUP BY s.session_id, s.user_id""").fetchall()
        assert sorted(roles) == sorted((r["user"], ["user", "assistant"] * 2) for r in runs)
        leaks = conn.execute("""SELECT count(*) FROM feedback f JOIN sessions s USING (session_id)
                                WHERE s.user_id <> f.user_id""").fetchone()[0]
        assert leaks == 0


def test_rate_limit_holds_across_processes(cluster: tuple[list[str], str]) -> None:
    urls, _ = cluster
    auth = {"Authorization": "Bearer kr"}

    def request(n: int) -> httpx.Response:
        return httpx.get(f"{urls[n % 2]}/v1/profile/burst", headers=auth, timeout=60)

    start = time.monotonic()
    with ThreadPoolExecutor(10) as pool:
        responses = list(pool.map(request, range(3 * RATE)))
    refilled = int((time.monotonic() - start) * RATE / 60)  # a token comes back every 60 / RATE s
    allowed = sum(r.status_code == 200 for r in responses)
    # One bucket of RATE for the key; per-process buckets would let all 3 x RATE through (3 workers).
    assert RATE <= allowed <= RATE + refilled + 1, [r.status_code for r in responses]
    limited = [r for r in responses if r.status_code == 429]
    assert limited and all(int(r.headers["Retry-After"]) >= 1 for r in limited)
