"""An office webhook receiver over real HTTP that checks X-Intake-Signature as customers do."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass
from typing import Any

from tests.support.local_http import Answer, LocalHttpServer, Received


@dataclass(frozen=True)
class Delivered:
    """One POST as received, with the verdict on its signature."""

    event_id: str
    signature: str
    signature_ok: bool
    body: bytes
    headers: dict[str, str]

    @property
    def json(self) -> dict[str, Any]:
        """The parsed body."""
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


class WebhookReceiver(LocalHttpServer):
    """Records every POST; `fail_next` answers errors; `dedup` is what a careful receiver keeps."""

    def __init__(self, secret: str) -> None:
        super().__init__(self._receive)
        self.secret = secret
        self._lock = threading.Lock()
        self._received: list[Delivered] = []
        self._failures, self._fail_status = 0, 503
        self.attempts = 0

    def fail_next(self, n: int, status: int = 503) -> None:
        """Answer the next n POSTs with `status` (they are counted as attempts, not deliveries)."""
        with self._lock:
            self._failures, self._fail_status = n, status

    def _receive(self, request: Received) -> Answer:
        with self._lock:
            self.attempts += 1
            if self._failures > 0:
                self._failures -= 1
                return Answer(self._fail_status, b"try later", {"Content-Type": "text/plain"})
        expected = "sha256=" + hmac.new(self.secret.encode(), request.body,
                                        hashlib.sha256).hexdigest()
        got = request.headers.get("x-intake-signature", "")
        delivered = Delivered(request.headers.get("x-intake-event-id", ""), got,
                              hmac.compare_digest(expected, got), request.body, request.headers)
        with self._lock:
            self._received.append(delivered)
        if not delivered.signature_ok:
            return Answer(401, b"bad signature")
        return Answer(204)

    @property
    def received(self) -> list[Delivered]:
        """Every accepted-or-rejected delivery that got past `fail_next`, oldest first."""
        with self._lock:
            return list(self._received)

    def dedup(self) -> dict[str, Delivered]:
        """First delivery per X-Intake-Event-Id: a receiver dropping repeats keeps these."""
        kept: dict[str, Delivered] = {}
        for delivered in self.received:
            kept.setdefault(delivered.event_id, delivered)
        return kept
