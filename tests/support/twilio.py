"""Drive the SMS webhook the way Twilio does: a form signed with Twilio's RequestValidator."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from xml.etree import ElementTree

from fastapi.testclient import TestClient
from httpx import Response
from twilio.request_validator import RequestValidator

_sids = itertools.count(1)


def new_sid() -> str:
    """A fresh MessageSid-shaped id."""
    return f"SM{next(_sids):032x}"


def sign(token: str, url: str, params: dict[str, str]) -> str:
    """X-Twilio-Signature for this URL and form."""
    return str(RequestValidator(token).compute_signature(url, params))


def messages_of(response: Response) -> list[str]:
    """The <Message> texts of a TwiML answer (asserting it is TwiML)."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    root = ElementTree.fromstring(response.text)
    assert root.tag == "Response"
    return [m.text or "" for m in root.iter("Message")]


@dataclass
class Texter:
    """One phone texting the business through the signed webhook."""

    client: TestClient
    token: str
    phone: str
    public_url: str = "https://intake.example.com/sms/twilio"
    to: str = "+15550001111"
    log: list[tuple[str, list[str]]] = field(default_factory=list)

    def post(self, body: str, sid: str | None = None, **extra: str) -> Response:
        """Send one message; returns the raw response."""
        params = {"MessageSid": sid or new_sid(), "AccountSid": "AC" + "0" * 32,
                  "From": self.phone, "To": self.to, "Body": body, "NumMedia": "0", **extra}
        headers = {"X-Twilio-Signature": sign(self.token, self.public_url, params)}
        return self.client.post("/sms/twilio", data=params, headers=headers)

    def say(self, body: str, **extra: str) -> list[str]:
        """Send one message; returns the bot's texts."""
        texts = messages_of(self.post(body, **extra))
        self.log.append((body, texts))
        return texts

    def last(self, body: str, **extra: str) -> str:
        """Send one message; returns the bot's last text (asserting there is one)."""
        texts = self.say(body, **extra)
        assert texts, f"no reply to {body!r}"
        return texts[-1]
