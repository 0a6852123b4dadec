"""Signed Twilio conversations from many texters against a live server, with what was acked."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from tests.support.twilio import Texter, new_sid

AUTH_TOKEN = "reliability-auth-token-0123456789abcdef"
ADMIN_TOKEN = "reliability-admin-token-0123456789abcdef"
TURNS = ["Hi", "Pat Doe", "42 Elm St, Springfield IL 62704", "the water heater is leaking",
         "tomorrow at 10am"]
_phones = itertools.count(1)


def serve_env(database_url: str, **extra: str) -> dict[str, str]:
    """The variables of an `intake serve` that the texters below can talk to."""
    return {"DATABASE_URL": database_url, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "ADMIN_TOKEN": ADMIN_TOKEN,
            "PUBLIC_BASE_URL": "https://intake.example.com", "BUSINESS_NAME": "Ace Plumbing",
            "BUSINESS_PHONE": "(555) 010-0000", **extra}


@dataclass(frozen=True)
class Sent:
    """One message a texter sent and the server acknowledged (HTTP 200, TwiML)."""

    phone: str
    sid: str
    body: str
    replies: int


@dataclass
class Load:
    """Texters in threads; each sends its turns (and STOP every `stop_every`th texter)."""

    url: str
    threads: int = 8
    texters_each: int = 4
    stop_every: int = 3
    acked: list[Sent] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (phone, reason)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def conversation(self, n: int) -> list[str]:
        """The texter's messages: the intake turns, with STOP part-way for some."""
        return [*TURNS[:3], "STOP", *TURNS[3:]] if n % self.stop_every == 0 else TURNS

    def run(self, between: Callable[[], None] | None = None) -> None:
        """All threads to the end; `between` runs in each thread after every message."""
        workers = [threading.Thread(target=self._thread, args=(between,), daemon=True)
                   for _ in range(self.threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout=600)
        assert not any(w.is_alive() for w in workers), "a texter thread hung"

    def _thread(self, between: Callable[[], None] | None) -> None:
        with httpx.Client(base_url=self.url, timeout=14.0) as client:  # Twilio waits 15 s
            for _ in range(self.texters_each):
                n = next(_phones)
                texter = Texter(client, AUTH_TOKEN, f"+1555{n:07d}")  # type: ignore[arg-type]
                for body in self.conversation(n):
                    self.send(texter, body)
                    if between is not None:
                        between()

    def send(self, texter: Texter, body: str) -> httpx.Response | None:
        """One message; noted as acked on a 200, as refused otherwise."""
        sid = new_sid()
        try:
            response = texter.post(body, sid=sid)
        except httpx.HTTPError as exc:
            with self._lock:
                self.refused.append((texter.phone, type(exc).__name__))
            return None
        with self._lock:
            if response.status_code == 200:
                self.acked.append(Sent(texter.phone, sid, body,
                                       response.text.count("<Message>")))
            else:
                self.refused.append((texter.phone, f"HTTP {response.status_code}"))
        return response

    def stopped(self) -> set[str]:
        """Phones whose STOP was acknowledged."""
        return {s.phone for s in self.acked if s.body == "STOP"}
