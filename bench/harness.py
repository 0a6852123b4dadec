"""What the HTTP benchmarks share: a server process pinned to a core, signed Twilio forms,
percentiles, peak RSS."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parents[1]
AUTH_TOKEN = "bench-auth-token-0123456789abcdef0123"
ADMIN_TOKEN = "bench-admin-token-0123456789abcdef0123"
PUBLIC = "https://intake.example.com"
SMS_URL = f"{PUBLIC}/sms/twilio"


def free_port() -> int:
    """An ephemeral port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pin(cores: set[int]) -> None:
    """Keep this process on `cores` (when the machine has them)."""
    available = os.sched_getaffinity(0)
    if cores & available:
        os.sched_setaffinity(0, cores & available)


def intake_env(database_url: str, **extra: str) -> dict[str, str]:
    """The variables of a benchmarked `intake serve`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TWILIO_", "TELEGRAM_", "OFFICE_", "DATABASE_", "OUTBOX_"))}
    env.update(PYTHONPATH=os.environ.get("BENCH_PYTHONPATH", str(ROOT)),
               DATABASE_URL=database_url, TWILIO_AUTH_TOKEN=AUTH_TOKEN,
               TWILIO_ACCOUNT_SID="AC" + "0" * 32, ADMIN_TOKEN=ADMIN_TOKEN,
               PUBLIC_BASE_URL=PUBLIC, BUSINESS_NAME="Bench Plumbing",
               BUSINESS_PHONE="(555) 010-0000", LOG_LEVEL="WARNING", **extra)
    return env


class Server:
    """A server process on one core (or any, `core=None`), up once GET `ready` answers."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], workdir: Path,
                 core: int | None = 0, ready: str = "/healthz") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (workdir / f"server-{self.port}.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, *argv, "--port", str(self.port)], cwd=workdir, env=env,
            stdout=self.log, stderr=subprocess.STDOUT,
            # None: the server may run on any core (several processes share the machine).
            preexec_fn=(lambda: pin({core})) if core is not None  # noqa: PLW1509
            else None)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(self.url + ready, timeout=2).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{argv} did not start; see {self.log.name}")
            time.sleep(0.1)

    def peak_rss_mb(self) -> float:
        """The process's peak resident set (VmHWM), in MB."""
        return _status_kb(self.process.pid, "VmHWM") / 1024

    def rss_mb(self) -> float:
        """The process's resident set now, in MB."""
        return _status_kb(self.process.pid, "VmRSS") / 1024

    def errors(self) -> list[str]:
        """The server's ERROR log lines so far (what the errors counted were)."""
        text = Path(self.log.name).read_text(errors="replace")
        return [line for line in text.splitlines() if '"level": "ERROR"' in line]

    def stop(self) -> None:
        """SIGTERM and wait."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def _status_kb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return float(line.split()[1])
    return 0.0


def signed_form(phone: str, body: str, sid: str, **extra: str) -> tuple[dict[str, str],
                                                                          dict[str, str]]:
    """A Twilio inbound-message form and its headers, signed as Twilio signs it."""
    params = {"MessageSid": sid, "AccountSid": "AC" + "0" * 32, "From": phone,
              "To": "+15550001111", "Body": body, "NumMedia": "0", **extra}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(SMS_URL, params)
    return params, {"X-Twilio-Signature": str(signature)}


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `values`; 0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def median(values: Sequence[float]) -> float:
    """The median, 0 when empty."""
    return statistics.median(values) if values else 0.0


async def post_signed(client: httpx.AsyncClient, phone: str, body: str) -> float | None:
    """POST one signed inbound message; its latency in seconds, None unless answered 200."""
    form, headers = signed_form(phone, body, f"SM{uuid.uuid4().hex}")
    start = time.perf_counter()
    try:
        response = await client.post("/sms/twilio", data=form, headers=headers)
    except httpx.HTTPError:
        return None
    return time.perf_counter() - start if response.status_code == 200 else None


@dataclass
class Tally:
    """Latencies of the messages answered 200, and how many were not."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    def add(self, latency: float | None) -> None:
        """One message's outcome (None: not answered 200)."""
        if latency is None:
            self.errors += 1
        else:
            self.latencies.append(latency)
