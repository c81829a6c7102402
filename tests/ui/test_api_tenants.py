"""Tenants: one key can never read, change or delete another tenant's users, sessions or images;
keys compare in constant time and rotate through the keys file without a restart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from agent.api import ChatService
from muse.errors import InvalidInputError
from muse.ids import USER_ID, check_user_id
from muse.settings import Settings
from ui.fake_service import FakeChatService
from ui.http_api import create_api
from ui.tenants import ImageTags, Keyring, parse_keys

KEYS = ["acme:key-a", "globex:key-b", "bare-key"]
A, B, BARE = ({"Authorization": f"Bearer {k}"} for k in ("key-a", "key-b", "bare-key"))


def tenant_client(service: ChatService, home: Path, **update: object) -> TestClient:
    settings = Settings(home=home, api_keys=KEYS, api_rate_per_minute=10**6, **update)
    return TestClient(create_api(service, settings))


def seed_tenant_a(client: TestClient, message: str = "comedy please") -> dict:
    turn = client.post("/v1/chat", json={"user_id": "u1", "message": message}, headers=A)
    assert turn.status_code == 200, turn.text
    body = turn.json()
    liked = body["items"][0]["item_id"]
    rated = client.post("/v1/feedback", json={"user_id": "u1", "item_id": liked, "value": 1, "session_id": body["session_id"]}, headers=A)
    assert rated.status_code == 200
    return {**body, "liked": liked, "profile": client.get("/v1/profile/u1", headers=A).json()}


def assert_isolated(client: TestClient, seeded: dict) -> None:
    """Everything tenant B (and the bare key) can do with tenant A's ids, and that A's data survives it."""
    for other in (B, BARE):
        mine = client.get("/v1/profile/u1", headers=other)
        assert mine.status_code == 200 and mine.json()["liked_items"] == []  # its own u1, not A's
        for sneaky in ("acme%2Fu1", "acme/u1", "..%2Facme%2Fu1"):
            assert client.get(f"/v1/profile/{sneaky}", headers=other).status_code in (404, 422)
            assert client.delete(f"/v1/profile/{sneaky}", headers=other).status_code in (404, 405, 422)
        for bad_user in ("acme/u1", "acme:u1/x"):
            assert client.post("/v1/chat", json={"user_id": bad_user, "message": "hi"}, headers=other).status_code == 422
        on_a_session = client.post("/v1/chat", json={"user_id": "u1", "message": "hi", "session_id": seeded["session_id"]}, headers=other)
        assert on_a_session.status_code == 403, on_a_session.text
        rate_on_a_session = client.post("/v1/feedback", json={"user_id": "u1", "item_id": seeded["liked"], "value": -1,
                                                               "session_id": seeded["session_id"]}, headers=other)
        assert rate_on_a_session.status_code == 403
        for card in seeded["items"]:
            if card["image"] is not None:
                assert client.get(card["image"]["url"], headers=other).status_code == 404
        assert client.delete("/v1/profile/u1", headers=other).status_code == 200  # resets its own u1 only
        client.post("/v1/feedback", json={"user_id": "u1", "item_id": seeded["liked"], "value": -1}, headers=other)
    after = client.get("/v1/profile/u1", headers=A).json()
    assert after == seeded["profile"] and seeded["liked"] in after["liked_items"]
    image = next(card["image"] for card in seeded["items"] if card["image"] is not None)
    assert client.get(image["url"], headers=A).status_code in (200, 202)  # still A's


def test_tenants_are_apart_on_every_route_fake_service(fake: FakeChatService, settings: Settings) -> None:
    client = tenant_client(fake, settings.home)
    seeded = seed_tenant_a(client)
    assert seeded["user_id"] == "u1"  # the tenant sees its own ids
    assert fake.profile("acme/u1").liked_items == [seeded["liked"]]  # stored under the tenant
    assert fake.profile("u1").liked_items == []
    assert_isolated(client, seeded)


def test_tenants_are_apart_on_every_route_real_service(real_service: ChatService, real_settings: Settings) -> None:
    client = tenant_client(real_service, real_settings.home)
    seeded = seed_tenant_a(client, "mind-bending sci-fi, no horror")
    assert_isolated(client, seeded)


def test_a_bare_key_is_the_default_tenant_the_ui_shares(fake: FakeChatService, settings: Settings) -> None:
    client = tenant_client(fake, settings.home)
    fake.feedback("ui-user", 1, 1)  # as the UI or Telegram would
    assert client.get("/v1/profile/ui-user", headers=BARE).json()["liked_items"] == [1]
    assert client.get("/v1/profile/ui-user", headers=A).json()["liked_items"] == []


def test_the_ui_rule_cannot_name_a_tenant_user() -> None:
    assert USER_ID.fullmatch("u1") and not USER_ID.fullmatch("acme/u1") and not USER_ID.fullmatch("u1\n")
    assert check_user_id("acme/u1") == "acme/u1"  # the service's stored form


def test_keys_file_rotates_without_restart(fake: FakeChatService, settings: Settings, tmp_path: Path) -> None:
    keys_file = tmp_path / "keys"
    keys_file.write_text("# tenant:key, one a line\nacme:old-key\n", encoding="utf-8")
    keyring = Keyring([], keys_file, check_every_s=0.0)
    client = TestClient(create_api(fake, settings.model_copy(update={"api_rate_per_minute": 10**6}), keyring=keyring))
    old = {"Authorization": "Bearer old-key"}
    assert client.post("/v1/feedback", json={"user_id": "u1", "item_id": 1, "value": 1}, headers=old).status_code == 200

    keys_file.write_text("acme:new-key\nglobex:other\n", encoding="utf-8")
    stat = keys_file.stat()
    os.utime(keys_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a visible change even on coarse clocks
    assert client.get("/v1/profile/u1", headers=old).status_code == 401
    new = client.get("/v1/profile/u1", headers={"Authorization": "Bearer new-key"})
    assert new.status_code == 200 and new.json()["liked_items"] == [1]  # same tenant, same users

    keys_file.write_text("broken line without a key:\n", encoding="utf-8")  # a bad edit keeps the last good keys
    os.utime(keys_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000))
    assert client.get("/v1/profile/u1", headers={"Authorization": "Bearer new-key"}).status_code == 200
    keys_file.unlink()  # removing the file revokes its keys
    assert client.get("/v1/profile/u1", headers={"Authorization": "Bearer new-key"}).status_code == 401


def test_keys_parse_and_refuse_bad_entries() -> None:
    keys = parse_keys(["acme:k1", "bare", "default:k3", "", "# note"], "test")
    assert [k.tenant for k in keys] == ["acme", None, None]
    with pytest.raises(InvalidInputError, match="entry 1"):
        parse_keys(["bad tenant:k"], "test")
    with pytest.raises(InvalidInputError, match="MUSE_API_KEYS"):
        Keyring(["acme:"])
    keyring = Keyring(["acme:k1", "globex:k2"])
    assert keyring.caller("Bearer k2").tenant == "globex"
    assert keyring.caller("Bearer k1").rate_key != keyring.caller("Bearer k2").rate_key
    assert keyring.caller("Bearer k3") is None and keyring.caller("k1") is None and keyring.caller("Bearer \ud800") is None


def test_image_ids_are_bound_to_their_tenant() -> None:
    tags = ImageTags(b"s" * 32)
    public = tags.external("acme", "abc123")
    assert tags.internal("acme", public) == "abc123"
    assert tags.internal("globex", public) is None and tags.internal(None, public) is None
    assert tags.internal("acme", "abc123") is None and tags.internal("acme", "-" + public.split("-")[1]) is None


def test_env_keys_with_tenants(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUSE_API_KEYS", "acme:key1, globex:key2,bare")
    assert Settings().api_keys == ["acme:key1", "globex:key2", "bare"]
