"""Stores on SQLite vs PostgreSQL: dataset import (first run, idempotent re-run) and the reads a turn makes.

    python bench/store_import.py [--dataset movielens-small] [--repeat 3]

PostgreSQL is `MUSE_DATABASE_URL` when set (a fresh database is created in it for each run and
dropped after), else a throwaway local server (Debian's binaries; `make postgres-deps`) on loopback
with durability off (fsync, synchronous commit) — say which when quoting figures.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muse.settings import Settings, apply_offline_env  # noqa: E402

apply_offline_env()

import psycopg  # noqa: E402

from stores import open_stores  # noqa: E402
from stores.datasets import prepare_dataset  # noqa: E402
from stores.postgres.local import LocalPostgres  # noqa: E402


@contextmanager
def server() -> Iterator[tuple[str, str]]:
    """(admin URL, what it is) of the PostgreSQL to use."""
    url = os.environ.get("MUSE_DATABASE_URL")
    if url:
        yield url, "MUSE_DATABASE_URL"
        return
    with LocalPostgres() as local:
        yield local, "throwaway local server, fsync off"


@contextmanager
def fresh_database(admin: str) -> Iterator[str]:
    name = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def reads(settings: Settings, slug: str) -> dict[str, list[float]]:
    """Milliseconds of the store reads a turn makes, over 200 random users and items."""
    stores = open_stores(settings, slug)
    rng = random.Random(0)
    users = [u for u, _ in stores.interactions.sequences()]
    items = [i.item_id for i in stores.catalog.all()]
    out: dict[str, list[float]] = {"history(user, 200)": [], "get_many(50 items)": [], "profile put+get": []}
    for _ in range(200):
        user = rng.choice(users)
        out["history(user, 200)"].append(1000 * timed(lambda: stores.interactions.history(user, limit=200)))
        ids = rng.sample(items, 50)
        out["get_many(50 items)"].append(1000 * timed(lambda: stores.catalog.get_many(ids)))
        out["profile put+get"].append(1000 * timed(lambda: (stores.profiles.put(user, {"liked": ids}), stores.profiles.get(user))))
    out["sequences() (all users)"] = [1000 * timed(lambda: sum(1 for _ in stores.interactions.sequences()))]
    stores.close()
    return out


def run(settings: Settings, dataset: str) -> tuple[float, float, dict[str, list[float]], int]:
    first = timed(lambda: prepare_dataset(settings, dataset))
    summary = prepare_dataset(settings, dataset)
    return first, summary.seconds, reads(settings, summary.dataset), summary.interactions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="movielens-small")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float, dict[str, list[float]], int]]] = {"SQLite": [], "PostgreSQL": []}
    with server() as (admin, what), tempfile.TemporaryDirectory() as tmp:
        for n in range(args.repeat):
            results["SQLite"].append(run(Settings(home=Path(tmp) / f"lite{n}"), args.dataset))
            with fresh_database(admin) as url:
                results["PostgreSQL"].append(run(Settings(home=Path(tmp) / f"pg{n}", database_url=url), args.dataset))
    rows = results["SQLite"][0][3]
    print(f"\nImport of {args.dataset} ({rows:,} interactions), median of {args.repeat}; PostgreSQL: {what}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print(f"| {'store':<10} | {'first import s':>14} | {'re-run s':>8} | {'rows/s (first)':>14} |")
    print(f"|{'-' * 12}|{'-' * 16}|{'-' * 10}|{'-' * 16}|")
    for name, runs in results.items():
        first = statistics.median(r[0] for r in runs)
        again = statistics.median(r[1] for r in runs)
        print(f"| {name:<10} | {first:>14.2f} | {again:>8.2f} | {rows / first:>14,.0f} |")
    print("\nReads a turn makes (ms, all runs pooled)\n")
    print(f"| {'read':<24} | {'SQLite p50':>10} | {'SQLite p95':>10} | {'PG p50':>8} | {'PG p95':>8} |")
    print(f"|{'-' * 26}|{'-' * 12}|{'-' * 12}|{'-' * 10}|{'-' * 10}|")
    for key in results["SQLite"][0][2]:
        lite = [v for r in results["SQLite"] for v in r[2][key]]
        pg = [v for r in results["PostgreSQL"] for v in r[2][key]]
        print(f"| {key:<24} | {statistics.median(lite):>10.2f} | {pct(lite, 0.95):>10.2f} | "
              f"{statistics.median(pg):>8.2f} | {pct(pg, 0.95):>8.2f} |")


if __name__ == "__main__":
    main()
