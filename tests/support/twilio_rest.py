"""A fake Twilio REST API (Messages.json) over real HTTP, reached via TWILIO_API_BASE_URL."""

from __future__ import annotations

import base64
import itertools
import json
import re
import threading
from dataclasses import dataclass
from email.utils import formatdate
from typing import Any
from urllib.parse import parse_qsl

from tests.support.local_http import Answer, LocalHttpServer, Received

_MESSAGES = re.compile(r"^/2010-04-01/Accounts/(?P<sid>AC\w+)/Messages\.json$")
ERRORS = {  # code: (HTTP status, Twilio's message)
    20003: (401, "Authenticate"),
    20429: (429, "Too Many Requests"),
    21211: (400, "The 'To' number is not a valid phone number."),
    21602: (400, "Message body is required."),
    21603: (400, "A 'From' phone number is required."),
    21610: (400, "Attempt to send to unsubscribed recipient"),
}


@dataclass(frozen=True)
class SmsSent:
    """One message Twilio accepted."""

    sid: str
    to: str
    from_: str | None
    body: str
    messaging_service_sid: str | None
    status_callback: str | None


def _error(code: int, status: int | None = None, message: str | None = None) -> Answer:
    http_status, text = ERRORS.get(code, (status or 400, message or "Error"))
    body = {"code": code, "message": message or text, "status": status or http_status,
            "more_info": f"https://www.twilio.com/docs/errors/{code}"}
    return Answer(status or http_status, json.dumps(body).encode(),
                  {"Content-Type": "application/json"})


class FakeTwilioRest(LocalHttpServer):
    """POST /2010-04-01/Accounts/{sid}/Messages.json with Basic auth, like Twilio answers it."""

    def __init__(self, account_sid: str, auth_token: str) -> None:
        super().__init__(self._receive)
        self.account_sid, self.auth_token = account_sid, auth_token
        self._lock = threading.Lock()
        self._sent: list[SmsSent] = []
        self._unsubscribed: set[str] = set()
        self._invalid: set[str] = set()
        self._failures: list[tuple[int, int | None, dict[str, str]]] = []
        self._sids = itertools.count(1)
        self.attempts = 0

    def unsubscribe(self, number: str) -> None:
        """That number texted STOP: sends to it answer error 21610."""
        with self._lock:
            self._unsubscribed.add(number)

    def invalid(self, number: str, invalid: bool = True) -> None:
        """Sends to that number answer error 21211 (a permanent 400); False undoes it."""
        with self._lock:
            if invalid:
                self._invalid.add(number)
            else:
                self._invalid.discard(number)

    def fail_next(self, n: int, status: int = 503, code: int | None = None,
                  headers: dict[str, str] | None = None) -> None:
        """Answer the next n requests with an error (a 5xx, or a 429 with Retry-After...)."""
        with self._lock:
            self._failures.extend([(status, code, headers or {})] * n)

    @property
    def sent(self) -> list[SmsSent]:
        """Accepted messages, oldest first."""
        with self._lock:
            return list(self._sent)

    def sent_to(self, number: str) -> list[str]:
        """Bodies accepted for one number."""
        return [m.body for m in self.sent if m.to == number]

    def _authorised(self, request: Received) -> bool:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        return scheme.lower() == "basic" and value == expected

    def _receive(self, request: Received) -> Answer:
        with self._lock:
            self.attempts += 1
            failure = self._failures.pop(0) if self._failures else None
        match = _MESSAGES.match(request.path.split("?")[0])
        if request.method != "POST" or match is None:
            return _error(20404, 404, "The requested resource was not found")
        if not self._authorised(request) or match["sid"] != self.account_sid:
            return _error(20003)
        if failure is not None:
            status, code, headers = failure
            answer = _error(code or status, status, "Service unavailable")
            answer.headers.update(headers)
            return answer
        form = dict(parse_qsl(request.body.decode(), keep_blank_values=True))
        return self._create(form)

    def _create(self, form: dict[str, str]) -> Answer:
        to, body = form.get("To", ""), form.get("Body", "")
        if not form.get("From") and not form.get("MessagingServiceSid"):
            return _error(21603)
        if not body:
            return _error(21602)
        with self._lock:
            if to in self._unsubscribed:
                return _error(21610)
            if to in self._invalid or not to.startswith("+"):
                return _error(21211)
            sid = f"SM{next(self._sids):032x}"
            self._sent.append(SmsSent(sid, to, form.get("From"), body,
                                      form.get("MessagingServiceSid"),
                                      form.get("StatusCallback")))
        return Answer(201, json.dumps(self._resource(sid, form)).encode(),
                      {"Content-Type": "application/json"})

    def _resource(self, sid: str, form: dict[str, str]) -> dict[str, Any]:
        now = formatdate(usegmt=True)
        uri = f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}"
        return {
            "account_sid": self.account_sid, "api_version": "2010-04-01",
            "body": form.get("Body"), "date_created": now, "date_sent": None,
            "date_updated": now, "direction": "outbound-api", "error_code": None,
            "error_message": None, "from": form.get("From"),
            "messaging_service_sid": form.get("MessagingServiceSid"), "num_media": "0",
            "num_segments": str(1 + len(form.get("Body", "")) // 160), "price": None,
            "price_unit": "USD", "sid": sid, "status": "queued",
            "subresource_uris": {"media": f"{uri}/Media.json"}, "to": form.get("To"),
            "uri": f"{uri}.json",
        }
