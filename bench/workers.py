"""API turn latency with several workers: 30 users chatting at once over loopback HTTP.

    MUSE_HOME=.muse python bench/workers.py [--users 30] [--turns 5] [--workers 1 2]

Each configuration runs `muse api` in its own process(es) over the Muse home's index and GR
checkpoint (LLM and images off): SQLite with 1 worker (the default), then PostgreSQL with each
`--workers` count. PostgreSQL is `MUSE_DATABASE_URL` (a fresh database per run) or a throwaway
local server. Every user sends its turns one after another (the next after the reply), all users
at once; the table gives per-turn p50/p95 and turns per second.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from muse.settings import Settings, apply_offline_env  # noqa: E402

apply_offline_env()

import httpx  # noqa: E402

from bench.store_import import fresh_database, pct, server  # noqa: E402
from stores.datasets import prepare_dataset  # noqa: E402
from ui.launch import ApiProcess  # noqa: E402

CONVERSATIONS = [
    ["I loved Alien and Blade Runner, nothing romantic", "something older", "no horror", "I liked #2", "more like #1"],
    ["funny animated movies for the family", "newer please", "not the first one", "more like #3", "thanks"],
    ["dark gritty heist movies", "from the 70s", "I loved The Godfather", "something different", "older"],
    ["I loved Amelie and Before Sunrise", "nothing sad", "more recent", "I liked #1 but not #4", "more"],
    ["mind-bending sci-fi like The Matrix", "no action", "from the 90s", "something older", "thanks"],
    ["westerns", "with a twist", "I loved Unforgiven", "after 1990", "I didn't like #2"],
]


def one_user(url: str, n: int, turns: int, tag: str) -> list[float]:
    """One user's conversation; the milliseconds of each turn."""
    user, auth = f"{tag}-u{n}", {"Authorization": f"Bearer bench{n}"}
    messages = CONVERSATIONS[n % len(CONVERSATIONS)]
    session: str | None = None
    out = []
    with httpx.Client(base_url=url, headers=auth, timeout=300) as client:
        for k in range(turns):
            body = {"user_id": user, "message": messages[k % len(messages)], **({"session_id": session} if session else {})}
            start = time.perf_counter()
            response = client.post("/v1/chat", json=body)
            out.append(1000 * (time.perf_counter() - start))
            response.raise_for_status()
            session = response.json()["session_id"]
    return out


def measure(env: dict[str, str], workers: int, users: int, turns: int, log: Path, tag: str) -> dict[str, float]:
    with ApiProcess(env, log, workers=workers) as url:
        with ThreadPoolExecutor(2 * workers) as pool:  # every worker answers once before the clock starts
            list(pool.map(lambda n: one_user(url, n, 1, f"warm-{tag}"), range(4 * workers)))
        load = os.getloadavg()[0]
        start = time.perf_counter()
        with ThreadPoolExecutor(users) as pool:
            latencies = [ms for run in pool.map(lambda n: one_user(url, n, turns, tag), range(users)) for ms in run]
        wall = time.perf_counter() - start
    return {"p50": statistics.median(latencies), "p95": pct(latencies, 0.95), "tps": len(latencies) / wall,
            "n": len(latencies), "load": load}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    home = Settings().home.resolve()
    base = {"MUSE_HOME": str(home), "MUSE_LLM_BACKEND": "none", "MUSE_IMAGE_BACKEND": "none",
            "MUSE_API_RATE_PER_MINUTE": "100000", "MUSE_API_KEYS": ",".join(f"bench{n}" for n in range(max(args.users, 4 * max(args.workers))))}
    rows: list[tuple[str, int, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as tmp, server() as (admin, what):
        prepare_dataset(Settings(home=home, database_url=None))
        rows.append(("SQLite", 1, measure({**base, "MUSE_DATABASE_URL": ""}, 1, args.users, args.turns,
                                          Path(tmp) / "sqlite.log", "lite")))
        for workers in args.workers:
            with fresh_database(admin) as url:
                prepare_dataset(Settings(home=home, database_url=url))
                rows.append(("PostgreSQL", workers, measure({**base, "MUSE_DATABASE_URL": url}, workers, args.users,
                                                            args.turns, Path(tmp) / f"pg{workers}.log", f"pg{workers}")))
    print(f"\n{args.users} users at once, {args.turns} turns each, over HTTP on loopback; Muse home {home}; "
          f"LLM and images off; PostgreSQL: {what}; {os.cpu_count()} cores\n")
    print(f"| {'stores':<10} | {'workers':>7} | {'turns':>5} | {'p50 ms':>7} | {'p95 ms':>7} | {'turns/s':>7} | {'load avg':>8} |")
    print(f"|{'-' * 12}|{'-' * 9}|{'-' * 7}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 10}|")
    for name, workers, r in rows:
        print(f"| {name:<10} | {workers:>7} | {r['n']:>5.0f} | {r['p50']:>7.0f} | {r['p95']:>7.0f} | {r['tps']:>7.1f} | "
              f"{r['load']:>8.1f} |")


if __name__ == "__main__":
    main()
