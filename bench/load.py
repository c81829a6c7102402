"""Load on the HTTP API: N simulated users in parallel, T chat turns each, over loopback HTTP.

Starts `muse api` (the real service from MUSE_HOME: MiniLM + HSTU; images and the LLM off unless
told) on a free loopback port, waits for it, runs one warm-up turn, then drives it and prints
throughput, the server's CPU time per accepted turn (robust when other jobs share the machine; the
load average is printed too), p50/p95 of accepted turns and the 503s. A user that gets 503 waits its Retry-After
(capped at 5 s) and tries again, at most 3 times a turn. Everything is bounded and loopback only.

    MUSE_HOME=... python bench/load.py --users 50 --turns 4
    MUSE_HOME=... python bench/load.py --users 50 --turns 4 --max-concurrent 2 --queue-depth 8
    MUSE_HOME=... python bench/load.py --url http://127.0.0.1:8000 --key KEY     # a server already up
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx

SCRIPT = (
    "I loved Alien and Blade Runner, nothing romantic",
    "something from the 80s",
    "more like #2 but funnier",
    "I loved Monsters, Inc. (2001), something animated",
    "no horror please, maybe a thriller",
    "the third one sounds good, anything similar?",
)
MAX_RETRIES, MAX_RETRY_WAIT_S = 3, 5.0


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    busy: int = 0
    retry_after: list[int] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    gave_up: int = 0

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), or NaN elsewhere."""
    try:
        fields = open(f"/proc/{pid}/stat", encoding="ascii").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


@contextmanager
def muse_api(key: str, extra_env: dict[str, str], timeout_s: float = 300.0) -> Iterator[tuple[str, int]]:
    """`muse api` on a free loopback port, until the block ends (then SIGINT, then kill)."""
    port = free_port()
    env = {**os.environ, "MUSE_API_KEYS": key, "MUSE_API_RATE_PER_MINUTE": "1000000", **extra_env}
    process = subprocess.Popen([sys.executable, "-m", "muse", "api", "--host", "127.0.0.1", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"muse api exited: {process.stderr.read().decode()[-2000:] if process.stderr else ''}")
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            raise SystemExit(f"muse api not up within {timeout_s} s")
        yield url, process.pid
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def one_turn(client: httpx.AsyncClient, body: dict, tally: Tally) -> dict | None:
    for _ in range(MAX_RETRIES + 1):
        started = time.perf_counter()
        try:
            answer = await client.post("/v1/chat", json=body)
        except httpx.HTTPError as exc:
            tally.error(type(exc).__name__)
            return None
        if answer.status_code == 503:
            tally.busy += 1
            wait_s = int(answer.headers.get("retry-after", "1"))
            tally.retry_after.append(wait_s)
            await asyncio.sleep(min(MAX_RETRY_WAIT_S, wait_s))
            continue
        if answer.status_code != 200:
            tally.error(f"HTTP {answer.status_code}")
            return None
        tally.latencies.append(time.perf_counter() - started)
        return answer.json()
    tally.gave_up += 1
    return None


async def one_user(client: httpx.AsyncClient, user: int, turns: int, run: str, tally: Tally) -> None:
    session: str | None = None
    for t in range(turns):
        body = {"user_id": f"load-{run}-{user}", "message": SCRIPT[(user + t) % len(SCRIPT)]}
        if session:
            body["session_id"] = session
        result = await one_turn(client, body, tally)
        if result is not None:
            session = result["session_id"]


async def drive(url: str, key: str, users: int, turns: int, pid: int | None = None) -> tuple[Tally, float, float]:
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, limits=limits, timeout=120) as client:
        warm = Tally()
        await one_turn(client, {"user_id": "load-warmup", "message": SCRIPT[0]}, warm)  # first-turn loads off the clock
        tally = Tally()
        run = secrets.token_hex(3)
        cpu_before = cpu_seconds(pid) if pid else float("nan")
        started = time.perf_counter()
        await asyncio.gather(*(one_user(client, u, turns, run, tally) for u in range(users)))
        wall = time.perf_counter() - started
        return tally, wall, (cpu_seconds(pid) if pid else float("nan")) - cpu_before


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def report(label: str, users: int, turns: int, tally: Tally, wall_s: float, cpu_s: float) -> None:
    ok = len(tally.latencies)
    load = os.getloadavg()[0]
    print(f"| {label} | {users} x {turns} | {ok} | {wall_s:.1f} | {ok / wall_s:.1f} | {1000 * cpu_s / max(ok, 1):.0f} | {load:.1f} | "
          f"{percentile(tally.latencies, 50) * 1000:.0f} | {percentile(tally.latencies, 95) * 1000:.0f} | "
          f"{max(tally.latencies, default=float('nan')) * 1000:.0f} | {tally.busy} | "
          f"{min(tally.retry_after, default=0)}-{max(tally.retry_after, default=0)} | {tally.gave_up} | "
          f"{sum(tally.errors.values())} |", flush=True)
    if tally.errors:
        print(f"errors: {tally.errors}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--turns", type=int, default=4)
    parser.add_argument("--url", help="an API already running (else `muse api` is started here)")
    parser.add_argument("--key", help="its API key")
    parser.add_argument("--max-concurrent", type=int, help="MUSE_API_MAX_CONCURRENT_TURNS for the started server")
    parser.add_argument("--queue-depth", type=int, help="MUSE_API_QUEUE_DEPTH for the started server")
    parser.add_argument("--label", default="muse api")
    parser.add_argument("--llm", default="none", help="MUSE_LLM_BACKEND for the started server (default none)")
    parser.add_argument("--images", default="none", help="MUSE_IMAGE_BACKEND for the started server (default none)")
    args = parser.parse_args()
    if not 1 <= args.users <= 1000 or not 1 <= args.turns <= 100:
        parser.error("--users 1-1000, --turns 1-100")
    print("| server | users x turns | accepted turns | wall s | turns/s | server CPU ms/turn | load avg | p50 ms | p95 ms | max ms | 503s | Retry-After s | gave up | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|", flush=True)
    if args.url:
        if not args.key:
            parser.error("--url needs --key")
        tally, wall, cpu = asyncio.run(drive(args.url, args.key, args.users, args.turns))
        report(args.label, args.users, args.turns, tally, wall, cpu)
        return
    key = secrets.token_urlsafe(16)
    env = {"MUSE_LLM_BACKEND": args.llm, "MUSE_IMAGE_BACKEND": args.images}
    if args.max_concurrent is not None:
        env["MUSE_API_MAX_CONCURRENT_TURNS"] = str(args.max_concurrent)
    if args.queue_depth is not None:
        env["MUSE_API_QUEUE_DEPTH"] = str(args.queue_depth)
    with muse_api(key, env) as (url, pid):
        tally, wall, cpu = asyncio.run(drive(url, key, args.users, args.turns, pid))
    report(args.label, args.users, args.turns, tally, wall, cpu)


if __name__ == "__main__":
    main()
