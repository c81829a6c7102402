"""Start `muse api` as a separate process and wait until every worker serves (tests, benchmarks)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from muse.errors import BackendUnavailableError

READY = "Application startup complete."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ApiProcess:
    """`muse api --workers N` on a free loopback port, its output in `log`; `stop()` always ends it."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 1) -> None:
        self.env = {**os.environ, **env}
        self.log = Path(log)
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 300.0) -> str:
        # If this process is killed, the API goes too (util-linux setpriv; the parent thread's death).
        dies_with_us = ["setpriv", "--pdeathsig", "TERM", "--"] if shutil.which("setpriv") else []
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [*dies_with_us, sys.executable, "-m", "muse", "api", "--port", str(self.port), "--workers", str(self.workers)],
                env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BackendUnavailableError(f"muse api exited ({self.process.returncode}): {self.tail()}")
            if self.log.read_text(errors="replace").count(READY) >= self.workers:
                return self.url
            time.sleep(0.2)
        self.stop()
        raise BackendUnavailableError(f"muse api: {self.workers} workers not up within {timeout_s:.0f} s: {self.tail()}")

    def tail(self, chars: int = 1500) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def stop(self) -> None:
        """SIGTERM (uvicorn stops its workers), then SIGKILL to the process group after 20 s."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
