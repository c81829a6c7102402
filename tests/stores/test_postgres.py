"""PostgreSQL beyond the shared contract: dataset import (same result as SQLite, idempotent, all or
nothing), migrations under concurrency, and the coordination several API workers share."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from muse.cli import app
from muse.domain import Item
from muse.errors import BackendUnavailableError, DataError
from muse.settings import Settings
from stores import dataset_ready, open_stores
from stores.base import Stores
from stores.datasets import prepare_dataset
from stores.postgres import PgRateLimiter, PgTurnLock, postgres_stores, schema_name
from tests.conftest import SHIPPED_SMALL


def _small_copy(tmp_path: Path, name: str) -> Path:
    """The first 80 movies of latest-small and their ratings, as a dataset folder called `name`."""
    root = tmp_path / name
    root.mkdir()
    movies = (SHIPPED_SMALL / "movies.csv").read_text(encoding="utf-8").splitlines()[:81]
    (root / "movies.csv").write_text("\n".join(movies) + "\n", encoding="utf-8")
    ids = {line.split(",")[0] for line in movies[1:]}
    ratings = [line for line in (SHIPPED_SMALL / "ratings.csv").read_text().splitlines()
               if line.startswith("userId") or line.split(",")[1] in ids]
    (root / "ratings.csv").write_text("\n".join(ratings) + "\n")
    return root


def _contents(stores: Stores) -> tuple:
    """Everything an import writes, in a comparable form."""
    return (list(stores.catalog.all()), list(stores.interactions.sequences()), stores.catalog.genres(),
            stores.interactions.item_counts(), stores.users.count(), stores.catalog.find_by_title("toy story"))


def _read(settings: Settings, slug: str) -> tuple:
    stores = open_stores(settings, slug)
    try:
        return _contents(stores)
    finally:
        stores.close()


def test_import_equals_sqlite_and_is_idempotent(tmp_path: Path, pg_database: str) -> None:
    root = _small_copy(tmp_path, "mini")
    lite = Settings(home=tmp_path / "lite")
    pg = Settings(home=tmp_path / "pg", database_url=pg_database)
    assert not dataset_ready(pg, "mini")
    first = prepare_dataset(pg, str(root))
    assert dataset_ready(pg, "mini") and "schema muse_mini" in first.db
    prepare_dataset(lite, str(root))
    expected = _read(lite, "mini")
    assert expected[0] and _read(pg, "mini") == expected  # items, sequences, genres, counts, title lookup
    second = prepare_dataset(pg, str(root))
    assert second.model_dump(exclude={"seconds"}) == first.model_dump(exclude={"seconds"})
    assert _read(pg, "mini") == expected


def test_failed_import_changes_nothing(tmp_path: Path, pg_database: str) -> None:
    root = _small_copy(tmp_path, "mini")
    settings = Settings(home=tmp_path / "home", database_url=pg_database)
    prepare_dataset(settings, str(root))
    before = _read(settings, "mini")
    movies = (root / "movies.csv").read_text(encoding="utf-8").replace("Toy Story (1995)", "Toy Story Renamed (1995)")
    (root / "movies.csv").write_text(movies, encoding="utf-8")  # the catalog is written before the ratings fail
    lines = (root / "ratings.csv").read_text().splitlines()
    lines[-1] = "1,abc,4.0,964982703"  # the last line fails: the renamed items and new users must roll back
    (root / "ratings.csv").write_text("\n".join([*lines[:1], *[f"9{line}" for line in lines[1:-1]], lines[-1]]) + "\n")
    with pytest.raises(DataError, match="'abc' is not an integer"):
        prepare_dataset(settings, str(root))
    assert _read(settings, "mini") == before


def test_failed_first_import_leaves_dataset_unprepared(tmp_path: Path, pg_database: str) -> None:
    root = _small_copy(tmp_path, "broken")
    (root / "ratings.csv").write_text((root / "ratings.csv").read_text() + "1,999999,4.0,1\n")
    settings = Settings(home=tmp_path / "home", database_url=pg_database)
    with pytest.raises(DataError, match="not in the catalog"):
        prepare_dataset(settings, str(root))
    assert not dataset_ready(settings, "broken")


def test_movielens_small_into_postgres(tmp_path: Path, pg_database: str) -> None:
    settings = Settings(home=tmp_path / "home", database_url=pg_database)
    first = prepare_dataset(settings, "movielens-small")
    assert (first.items, first.users, first.interactions, first.genres) == (9742, 610, 100836, 19)
    again = prepare_dataset(settings, "movielens-small")
    assert (again.items, again.users, again.interactions, again.tags) == (9742, 610, 100836, first.tags)


def test_persists_across_reopen_and_pool_threads(pg_database: str) -> None:
    first = postgres_stores(pg_database, "reopen")
    first.catalog.upsert([Item(1, "The Matrix", 1999, ("Action",))])
    first.profiles.put("alice", {"liked": [1]})
    first.close()
    second = postgres_stores(pg_database, "reopen")
    with ThreadPoolExecutor(8) as pool:  # the pool serves threads concurrently
        got = list(pool.map(lambda _: (second.catalog.get(1).title, second.profiles.get("alice")), range(32)))
    assert got == [("The Matrix", {"liked": [1]})] * 32
    second.close()


def test_workers_starting_together_migrate_once(pg_database: str) -> None:
    barrier = threading.Barrier(4)

    def open_one(_: int) -> int:
        barrier.wait(timeout=10)
        stores = postgres_stores(pg_database, "race")
        try:
            return stores.catalog.count()
        finally:
            stores.close()

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(open_one, range(4))) == [0, 0, 0, 0]
    with psycopg.connect(pg_database) as conn:
        assert conn.execute(f'SELECT version FROM "{schema_name("race")}".schema_version').fetchall() == [(1,)]


def test_newer_schema_is_refused(pg_database: str) -> None:
    postgres_stores(pg_database, "future").close()
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(f'UPDATE "{schema_name("future")}".schema_version SET version = 99')
    with pytest.raises(RuntimeError, match="v99 is newer"):
        postgres_stores(pg_database, "future")


def test_unreachable_server_says_where_without_the_password() -> None:
    with pytest.raises(BackendUnavailableError, match="unreachable") as info:
        postgres_stores("postgresql://muse:s3cret@127.0.0.1:1/muse", "x")
    assert "s3cret" not in str(info.value) and "127.0.0.1:1" in str(info.value)


def test_database_url_must_be_postgres() -> None:
    with pytest.raises(ValidationError, match="postgresql://"):
        Settings(database_url="sqlite:///muse.db")


def test_several_workers_need_postgres(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["api", "--workers", "2"], env={"MUSE_HOME": str(tmp_path), "MUSE_API_KEYS": "k",
                                                                    "MUSE_DATABASE_URL": ""})
    assert result.exit_code == 2 and "needs PostgreSQL" in result.output and "MUSE_DATABASE_URL" in result.output


# Coordination: two limiters or locks with their own pools behave like two worker processes.

def test_rate_limit_is_shared_by_workers(pg_database: str) -> None:
    workers = [PgRateLimiter(pg_database, "rate", rate_per_minute=5) for _ in range(2)]
    try:
        with ThreadPoolExecutor(8) as pool:
            waits = list(pool.map(lambda n: workers[n % 2].take("key:a"), range(16)))
        assert sum(w == 0 for w in waits) == 5  # per-process buckets would allow 10
        assert all(0 < w <= 12.5 for w in waits if w)  # one token every 12 s
        assert workers[1].take("key:b") == 0  # keys have their own buckets
    finally:
        for limiter in workers:
            limiter.close()


def test_turn_lock_serialises_one_user_across_workers(pg_database: str) -> None:
    workers = [PgTurnLock(pg_database, "turns") for _ in range(2)]
    inside, most, guard = [0], [0], threading.Lock()

    def turn(n: int) -> None:
        with workers[n % 2].hold("alice"):
            with guard:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(0.02)
            with guard:
                inside[0] -= 1

    try:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(turn, range(16)))
        assert most[0] == 1
        both = threading.Barrier(2)

        def other_users(n: int) -> None:  # different users never wait for each other
            with workers[n].hold(f"user{n}"):
                both.wait(timeout=5)

        with ThreadPoolExecutor(2) as pool:
            list(pool.map(other_users, range(2)))
    finally:
        for lock in workers:
            lock.close()


def test_turn_lock_dies_with_a_crashed_worker(pg_database: str) -> None:
    lock = PgTurnLock(pg_database, "crash")
    crashed = psycopg.connect(pg_database, autocommit=True)
    crashed.execute("SELECT pg_advisory_lock(%s)", (_turn_key("crash", "bob"),))
    got, done = threading.Event(), threading.Event()

    def next_turn() -> None:
        with lock.hold("bob"):
            got.set()
            done.wait(10)

    waiter = threading.Thread(target=next_turn, daemon=True)
    waiter.start()
    try:
        assert not got.wait(0.5)  # the "crashed" worker still holds bob's lock
        crashed.close()  # its connection goes away: the server frees the lock
        assert got.wait(10)
    finally:
        done.set()
        waiter.join(10)
        lock.close()


def _turn_key(slug: str, user_id: str) -> int:
    from stores.postgres.schema import lock_key

    return lock_key(schema_name(slug), "turn", user_id)


def test_dropped_connections_are_replaced(pg_database: str) -> None:
    """A database restart or a killed backend: the pool checks each connection it hands out."""
    stores = postgres_stores(pg_database, "restart")
    try:
        stores.users.ensure("alice")
        with psycopg.connect(pg_database, autocommit=True) as admin:
            killed = admin.execute("""SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                                      WHERE datname = current_database() AND pid <> pg_backend_pid()""").fetchone()[0]
        assert killed >= 1
        assert stores.users.exists("alice") and stores.users.ensure("bob")
    finally:
        stores.close()


def test_cli_prepare_and_info_on_postgres(tmp_path: Path, pg_database: str) -> None:
    import json

    env = {"MUSE_HOME": str(tmp_path / "home"), "MUSE_DATABASE_URL": pg_database}
    root = _small_copy(tmp_path, "clidata")
    runner = CliRunner()
    prepared = runner.invoke(app, ["data", "prepare", "--dataset", str(root), "--json"], env=env)
    assert prepared.exit_code == 0, prepared.output
    info = json.loads(runner.invoke(app, ["data", "info", "--dataset", str(root), "--json"], env=env).output)
    assert info["prepared"] and info["db"].endswith("schema muse_clidata") and info["items"] == 80
    assert not (tmp_path / "home" / "db").exists()  # nothing went to SQLite


def test_a_turn_stuck_too_long_makes_the_next_one_busy_not_hung(pg_database: str) -> None:
    workers = [PgTurnLock(pg_database, "busy", wait_s=0.5) for _ in range(2)]
    holding, release = threading.Event(), threading.Event()

    def long_turn() -> None:
        with workers[0].hold("carol"):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=long_turn)
    thread.start()
    try:
        assert holding.wait(10)
        for lock in workers:  # the same worker (in-process wait) and another one (database wait)
            start = time.monotonic()
            with pytest.raises(BackendUnavailableError, match="over 0.5 s"):
                with lock.hold("carol"):
                    pass
            assert time.monotonic() - start < 5
    finally:
        release.set()
        thread.join(10)
    with workers[1].hold("carol"):  # free again
        pass
    for lock in workers:
        lock.close()


def test_leftovers_of_killed_runs_are_removed_and_live_servers_kept(tmp_path: Path) -> None:
    import os
    import subprocess

    from stores.postgres.local import PREFIX, STALE_AFTER_S, remove_stale

    dead = subprocess.Popen(["true"])
    dead.wait()
    cases = {"old-no-pid": None, "old-dead": dead.pid, "old-live": os.getpid(), "new-no-pid": None}
    for name, pid in cases.items():
        data = tmp_path / f"{PREFIX}{name}" / "data"
        data.mkdir(parents=True)
        if pid is not None:
            (data / "postmaster.pid").write_text(f"{pid}\n/some/dir\n")
        if name.startswith("old"):
            past = time.time() - STALE_AFTER_S - 60
            os.utime(data.parent, (past, past))
    assert remove_stale(tmp_path) == 2
    assert sorted(p.name.removeprefix(PREFIX) for p in tmp_path.iterdir()) == ["new-no-pid", "old-live"]
