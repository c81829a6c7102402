"""A throwaway PostgreSQL server on loopback, for tests and benchmarks.

`initdb` into a temporary directory, `postgres` on a free 127.0.0.1 port (its socket in that
directory too), a database created, and on `stop()` (also at interpreter exit) the server shut
down and the directory deleted. PostgreSQL refuses to run as root, so under root the server runs
as the `postgres` user that Debian's package creates. Durability is off (fsync, synchronous
commit): the data is thrown away anyway.

A run that is killed cannot clean up after itself, so: SIGTERM stops the servers before the
process ends; the server gets SIGINT (fast shutdown) when its parent dies, even by SIGKILL
(`setpriv --pdeathsig`, util-linux); and `start()` deletes the directories such runs left behind.
Start servers from the main thread: the death signal follows the thread that started them.
"""

from __future__ import annotations

import atexit
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import FrameType

import psycopg

from muse.errors import BackendUnavailableError

SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "shared_buffers": "32MB",
    "logging_collector": "off",
}


PREFIX = "muse-pg-"
STALE_AFTER_S = 600  # a directory without a live server this old is a killed run's leftover
_live: set["LocalPostgres"] = set()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(tmp: Path | None = None) -> int:
    """Delete the directories of servers whose run was killed (no live postmaster, old enough)."""
    removed = 0
    for root in Path(tmp or tempfile.gettempdir()).glob(f"{PREFIX}*"):
        pidfile = root / "data" / "postmaster.pid"
        try:
            pid = int(pidfile.read_text().split()[0]) if pidfile.exists() else None
            old = time.time() - root.stat().st_mtime > STALE_AFTER_S
        except (OSError, ValueError, IndexError):
            continue
        if (pid is None and old) or (pid is not None and not _pid_alive(pid) and old):
            shutil.rmtree(root, ignore_errors=True)
            removed += 1
    return removed


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    for server in list(_live):
        server.stop()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _stop_on_sigterm() -> None:
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_sigterm)


class PostgresUnavailable(BackendUnavailableError):
    """No PostgreSQL server binaries here (or no user to run them as)."""


def _version(bindir: Path) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", bindir.parent.name)) or (0,)


def find_bindir() -> Path | None:
    """The directory holding `initdb` and `postgres`: MUSE_PG_BINDIR, PATH, or Debian's newest."""
    candidates = [Path(os.environ["MUSE_PG_BINDIR"])] if os.environ.get("MUSE_PG_BINDIR") else []
    if found := shutil.which("initdb"):
        candidates.append(Path(found).resolve().parent)
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version, reverse=True)
    return next((d for d in candidates if (d / "initdb").is_file() and (d / "postgres").is_file()), None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalPostgres:
    """Start with `start()` (returns the URL of a fresh database), stop with `stop()`; or use `with`."""

    def __init__(self, dbname: str = "muse", bindir: Path | None = None) -> None:
        self.dbname = dbname
        self.bindir = bindir or find_bindir()
        self.root: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""

    def _run_as(self) -> dict[str, object]:
        """subprocess arguments that drop root to the `postgres` user (nothing when not root)."""
        if os.geteuid() != 0:
            return {}
        try:
            user = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise PostgresUnavailable("running as root and there is no 'postgres' user to run the server as "
                                      "(install Debian's postgresql package: make postgres-deps)") from exc
        return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": [],
                "env": {**os.environ, "HOME": str(self.root), "USER": "postgres"}}

    def start(self, timeout_s: float = 60.0) -> str:
        if self.bindir is None:
            raise PostgresUnavailable("no PostgreSQL server binaries (initdb, postgres) found: run `make postgres-deps` "
                                      "as root (Debian's postgresql package) or set MUSE_PG_BINDIR")
        remove_stale()
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX))
        atexit.register(self.stop)
        _live.add(self)
        _stop_on_sigterm()
        try:
            as_user = self._run_as()
            if as_user:
                os.chown(self.root, int(as_user["user"]), int(as_user["group"]))  # type: ignore[call-overload]
            data = self.root / "data"
            subprocess.run([str(self.bindir / "initdb"), "-D", str(data), "-U", "muse", "--auth=trust", "-E", "UTF8",
                            "--locale=C", "--no-sync"], check=True, capture_output=True, cwd=self.root, **as_user)
            port = _free_port()
            options = [f"-c{k}={v}" for k, v in SERVER_SETTINGS.items()]
            log = open(self.root / "server.log", "wb")  # noqa: SIM115 - the server writes it until stop()
            dies_with_us = ["setpriv", "--pdeathsig", "INT", "--"] if shutil.which("setpriv") else []
            self.process = subprocess.Popen([*dies_with_us, str(self.bindir / "postgres"), "-D", str(data), "-p", str(port),
                                             "-k", str(self.root), *options], stdout=log, stderr=subprocess.STDOUT,
                                            cwd=self.root, **as_user)
            log.close()
            self._wait_ready(port, timeout_s)
            admin = f"postgresql://muse@127.0.0.1:{port}/postgres"
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.dbname}"')
            self.url = f"postgresql://muse@127.0.0.1:{port}/{self.dbname}"
            return self.url
        except subprocess.CalledProcessError as exc:
            self.stop()
            raise BackendUnavailableError(f"initdb failed: {exc.stderr.decode(errors='replace')[-800:]}") from exc
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self, port: int, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise BackendUnavailableError(f"postgres exited at start: {self.log_tail()}")
            try:
                psycopg.connect(f"postgresql://muse@127.0.0.1:{port}/postgres", connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                time.sleep(0.1)
        raise BackendUnavailableError(f"postgres did not accept connections within {timeout_s:.0f} s: {self.log_tail()}")

    def log_tail(self, chars: int = 800) -> str:
        path = self.root / "server.log" if self.root else None
        return path.read_text(errors="replace")[-chars:] if path and path.exists() else ""

    def stop(self) -> None:
        """Fast shutdown (SIGINT), then SIGKILL after 15 s; delete the directory. Safe to call twice."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(2)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.process = None
        _live.discard(self)
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
