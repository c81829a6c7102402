"""A throwaway PostgreSQL server on loopback, for tests and benchmarks.

`initdb` into a temporary directory, `postgres` on a free 127.0.0.1 port (its socket in that
directory too), a database created, and on `stop()` (also at interpreter exit) the server shut
down and the directory deleted. PostgreSQL refuses to run as root, so under root the server runs
as the `postgres` user that Debian's package creates. Durability is off (fsync, synchronous
commit): the data is thrown away anyway.
"""

from __future__ import annotations

import atexit
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

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
        self.root = Path(tempfile.mkdtemp(prefix="muse-pg-"))
        atexit.register(self.stop)
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
            self.process = subprocess.Popen([str(self.bindir / "postgres"), "-D", str(data), "-p", str(port),
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
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
