"""The office webhook: the contract's body and headers; any 2xx succeeds, anything else retries."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from typing import Any

import pytest

from bot.office.webhook import body_bytes, post, webhook_sender
from bot.outbox.dispatcher import Delivery
from bot.outbox.errors import TransientError
from bot.settings import Settings
from tests.support.local_http import Answer, LocalHttpServer, Received
from tests.support.webhook_receiver import WebhookReceiver

SECRET = "whsec-unit"
PAYLOAD: dict[str, Any] = {
    "event": "request.created", "event_id": "0f1e2d3c", "occurred_at": "2026-03-02T15:00:00+00:00",
    "lead": {"id": 1, "first_name": "José", "phone": "+15551234567"},
    "request": {"id": 2, "service": "fuite d'eau"}, "returning": False, "channel": "sms",
}


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    """A receiver checking signatures with SECRET."""
    with WebhookReceiver(SECRET) as r:
        assert isinstance(r, WebhookReceiver)
        yield r


class Scripted(LocalHttpServer):
    """Answers each POST with the next scripted answer."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        super().__init__(lambda _r: self.answers.pop(0))


def _delivery(payload: dict[str, Any] = PAYLOAD) -> Delivery:
    return Delivery(1, str(payload["event_id"]), "office", "webhook", payload, 0)


def test_body_is_exactly_the_contract_and_the_same_bytes_every_time() -> None:
    body = body_bytes(PAYLOAD)
    assert set(json.loads(body)) == {"event", "event_id", "occurred_at", "lead", "request"}
    reordered = dict(reversed(list(PAYLOAD.items())))
    reordered["lead"] = dict(reversed(list(PAYLOAD["lead"].items())))
    assert body_bytes(reordered) == body
    assert "José".encode() in body  # UTF-8 as is, not \\u escapes
    assert json.loads(body_bytes({**PAYLOAD, "request": None}))["request"] is None


async def test_signed_post_with_the_event_id_header(receiver: WebhookReceiver,
                                                    settings: Settings) -> None:
    wired = settings.model_copy(update={"office_webhook_url": f"{receiver.url}/hook",
                                        "office_webhook_secret": SECRET})
    assert await webhook_sender(wired)(_delivery()) is None
    await webhook_sender(wired)(_delivery())
    first, second = receiver.received
    assert first.signature_ok and first.body == body_bytes(PAYLOAD) == second.body
    expected = hmac.new(SECRET.encode(), first.body, hashlib.sha256).hexdigest()
    assert first.signature == second.signature == f"sha256={expected}"
    assert first.event_id == "0f1e2d3c" and first.headers["content-type"] == "application/json"
    assert first.headers["x-intake-event"] == "request.created"


@pytest.mark.parametrize("status", [200, 201, 202, 204])
async def test_any_2xx_is_success(status: int) -> None:
    with Scripted(Answer(status)) as server:
        await post(server.url, SECRET, PAYLOAD)


@pytest.mark.parametrize("status", [301, 400, 401, 404, 410, 500, 503])
async def test_anything_else_is_retried(status: int) -> None:
    answer = Answer(status, headers={"Location": "http://127.0.0.1:1/"})
    with Scripted(answer) as server, pytest.raises(TransientError, match=f"HTTP {status}"):
        await post(server.url, SECRET, PAYLOAD)


async def test_retry_after_is_passed_on() -> None:
    with Scripted(Answer(429, headers={"Retry-After": "42"}),
                  Answer(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})) as s:
        with pytest.raises(TransientError) as busy:
            await post(s.url, SECRET, PAYLOAD)
        assert busy.value.retry_after == 42
        with pytest.raises(TransientError) as past:
            await post(s.url, SECRET, PAYLOAD)
        assert past.value.retry_after == 0


async def test_unreachable_is_retried_and_the_url_stays_out_of_the_error() -> None:
    server = LocalHttpServer(lambda _r: Answer(204)).start()
    url = f"{server.url}/hooks/s3cr3t-path-token"
    server.stop()
    with pytest.raises(TransientError) as down:
        await post(url, SECRET, PAYLOAD)
    assert "unreachable" in str(down.value) and "s3cr3t" not in str(down.value)


async def test_without_a_secret_there_is_no_signature_header() -> None:
    seen: list[Received] = []

    def keep(request: Received) -> Answer:
        seen.append(request)
        return Answer(204)

    with LocalHttpServer(keep) as server:
        await post(server.url, "", PAYLOAD)
    assert "x-intake-signature" not in seen[0].headers
    assert seen[0].headers["x-intake-event-id"] == "0f1e2d3c"
