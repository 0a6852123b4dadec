"""`intake serve` in a process of its own (a real uvicorn), started, SIGKILLed, restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support.live_server import free_port

ROOT = Path(__file__).resolve().parents[2]
AMBIENT = ("TWILIO_", "TELEGRAM_", "OFFICE_", "SMTP_", "OUTBOX_", "DATABASE_", "ADMIN_",
           "BUSINESS_", "PUBLIC_BASE_URL")


class ServeProcess:
    """One `python -m bot.cli serve` on 127.0.0.1 with the given settings as variables."""

    def __init__(self, env: dict[str, str], workdir: Path, port: int | None = None) -> None:
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(AMBIENT)}
        self.env.update(PYTHONPATH=str(ROOT), **env)
        self.workdir, self.port = workdir, port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"serve-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> ServeProcess:
        """Start and wait until /healthz answers 200."""
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "serve", "--port", str(self.port)],
                cwd=self.workdir, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"intake serve did not come up:\n{self.output()}")
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, exactly a crash."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)

    def stop(self) -> int | None:
        """SIGTERM and wait; the exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.terminate()
        return self.process.wait(timeout=20)

    def output(self) -> str:
        """Everything the server wrote (its log lines)."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""
