"""The interfaces over the agent's real service (SQLite stores, retriever, ranking, poster images)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from muse.settings import Settings
from ui.http_api import create_api

from .conftest import REAL_ENV, free_port, wait_until_up

AUTH = {"Authorization": "Bearer real-key"}


def test_api_over_the_real_service(real_service, real_settings: Settings) -> None:  # noqa: ANN001
    client = TestClient(create_api(real_service, real_settings))
    turn = client.post("/v1/chat", json={"user_id": "api-u1", "message": "mind-bending sci-fi, no horror"}, headers=AUTH)
    assert turn.status_code == 200, turn.text
    body = turn.json()
    assert body["items"] and body["profile"]["liked_genres"] == ["Sci-Fi"]
    first = body["items"][0]
    assert first["image"]["path"] is None
    png = client.get(f"/v1/images/{first['image']['image_id']}", headers=AUTH)
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"

    profile = client.post("/v1/feedback", json={"user_id": "api-u1", "item_id": first["item_id"], "value": 1,
                                                "session_id": body["session_id"]}, headers=AUTH).json()
    assert first["item_id"] in profile["liked_items"]
    again = client.post("/v1/chat", json={"user_id": "api-u1", "message": "more like that",
                                          "session_id": body["session_id"]}, headers=AUTH).json()
    assert first["item_id"] not in [card["item_id"] for card in again["items"]]
    assert client.get("/v1/profile/api-u2", headers=AUTH).json()["liked_items"] == []  # no leak to another user
    assert client.delete("/v1/profile/api-u1", headers=AUTH).json()["liked_items"] == []


def test_restart_keeps_history_and_profile_with_the_real_service(real_settings: Settings) -> None:
    env = {**os.environ, **REAL_ENV, "MUSE_HOME": str(real_settings.home), "MUSE_API_KEYS": "real-key"}
    port = free_port()
    command = [str(Path(sys.executable).parent / "muse"), "api", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"

    def start() -> subprocess.Popen[bytes]:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(url + "/healthz", timeout_s=90)
        return process

    process = start()
    try:
        with httpx.Client(base_url=url, headers=AUTH, timeout=60) as http:
            turn = http.post("/v1/chat", json={"user_id": "restart-u", "message": "a funny animated movie"}).json()
            liked = turn["items"][0]["item_id"]
            http.post("/v1/feedback", json={"user_id": "restart-u", "item_id": liked, "value": 1, "session_id": turn["session_id"]})
            before = http.get("/v1/profile/restart-u").json()
        process.send_signal(signal.SIGKILL)  # mid-session, no clean shutdown
        process.wait(timeout=10)

        process = start()
        with httpx.Client(base_url=url, headers=AUTH, timeout=60) as http:
            assert http.get("/v1/profile/restart-u").json() == before
            assert liked in before["liked_items"]
            after = http.post("/v1/chat", json={"user_id": "restart-u", "message": "more", "session_id": turn["session_id"]}).json()
        assert after["session_id"] == turn["session_id"]
        assert liked not in [card["item_id"] for card in after["items"]]
    finally:
        process.terminate()
        process.wait(timeout=10)

    from stores import open_stores
    from stores.datasets import dataset_slug

    stores = open_stores(real_settings, dataset_slug(real_settings.dataset))
    contents = [m.content for m in stores.sessions.messages(turn["session_id"]) if m.role == "user"]
    assert contents == ["a funny animated movie", "more"]
    assert liked in [f.item_id for f in stores.feedback.for_user("restart-u")]
    stores.close()


@pytest.mark.slow
def test_sigkill_with_turns_in_flight_keeps_every_turn_whole(real_settings: Settings) -> None:
    """`kill -9` while chat turns are running: every stored turn is whole (user + assistant), the
    database passes its integrity check, and the restarted server goes on with the same sessions."""
    import sqlite3
    import threading
    import time

    from stores.datasets import dataset_slug

    env = {**os.environ, **REAL_ENV, "MUSE_HOME": str(real_settings.home), "MUSE_API_KEYS": "acme:kill-key"}
    port = free_port()
    command = [str(Path(sys.executable).parent / "muse"), "api", "--port", str(port)]
    url, auth = f"http://127.0.0.1:{port}", {"Authorization": "Bearer kill-key"}
    answers: dict[str, dict] = {}

    def turn(user: str) -> None:
        try:
            answer = httpx.post(url + "/v1/chat", json={"user_id": user, "message": "I loved Alien, something dark"},
                                headers=auth, timeout=30)
            if answer.status_code == 200:
                answers[user] = answer.json()
        except httpx.HTTPError:
            pass  # cut off by the kill

    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(url + "/healthz", timeout_s=90)
        threads = [threading.Thread(target=turn, args=(f"kill-{i}",)) for i in range(16)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while not answers and time.monotonic() < deadline:  # kill once turns are being answered
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        for thread in threads:
            thread.join(timeout=30)
        assert answers, "no turn was answered before the kill"

        db = sqlite3.connect(real_settings.db_path(dataset_slug(real_settings.dataset)))
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute("SELECT m.session_id, m.role FROM messages m JOIN sessions s USING (session_id) "
                          "WHERE s.user_id LIKE 'acme/kill-%' ORDER BY m.session_id, m.id").fetchall()
        db.close()
        roles: dict[str, list[str]] = {}
        for session, role in rows:
            roles.setdefault(session, []).append(role)
        assert all(r == ["user", "assistant"] for r in roles.values()), roles  # no half-stored turn
        assert {a["session_id"] for a in answers.values()} <= set(roles)  # every answered turn was kept

        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(url + "/healthz", timeout_s=90)
        user, first = next(iter(answers.items()))
        again = httpx.post(url + "/v1/chat", json={"user_id": user, "message": "more", "session_id": first["session_id"]},
                           headers=auth, timeout=60)
        assert again.status_code == 200 and again.json()["session_id"] == first["session_id"]
    finally:
        process.terminate()
        process.wait(timeout=10)
