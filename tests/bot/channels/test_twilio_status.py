"""POST /sms/twilio/status: signed like inbound, delivery status kept, 21610 blocks sending."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.app import create_app
from bot.channels.twilio_sms import record_delivery
from bot.outbox.dispatcher import Delivery, Dispatcher
from bot.settings import Settings
from consent.ledger import ConsentEvent
from store import ledger
from store.clock import utcnow
from store.db import session_factory
from store.models import ConsentEventRow, MessageLog, OutboxItem
from store.uow import UnitOfWork
from tests.support.proactive import queue_proactive
from tests.support.twilio import Texter, new_sid, sign

URL = "https://intake.example.com/sms/twilio/status"
PHONE = "+12125550123"  # New York
NOON_NY = datetime(2026, 1, 15, 17, 0, tzinfo=UTC)

def run_once(dispatcher: Dispatcher) -> int:
    """One dispatcher pass, on a thread of its own.

    A fresh thread has no running event loop, whatever another fixture left on this one
    (a session-wide Playwright fixture once did, and asyncio.run refused to start).
    """
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(dispatcher.run_once())).result()



@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine)) as c:
        yield c


def callback(client: TestClient, sid: str, status: str, token: str = "test-auth-token",
             **extra: str) -> Response:
    params = {"MessageSid": sid, "MessageStatus": status, "AccountSid": "AC" + "0" * 32,
              "From": "+15550001111", "To": PHONE, **extra}
    return client.post("/sms/twilio/status", data=params,
                       headers={"X-Twilio-Signature": sign(token, URL, params)})


def opt_in(engine: Engine, phone: str = PHONE) -> None:
    with UnitOfWork(session_factory(engine)) as uow:
        ledger.append(uow.session, ConsentEvent(
            channel="sms", kind="opt_in", method="reply", actor="texter", recorded_at=NOON_NY,
            phone=phone, text="yes", disclosure="May we text you?", disclosure_version="t"))
        uow.commit()


class FakeTwilio:
    """The REST sender, at our own boundary: records what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[Delivery] = []

    async def __call__(self, delivery: Delivery) -> str:
        self.sent.append(delivery)
        return f"SM{len(self.sent):032d}"


def send_proactive(engine: Engine, settings: Settings, fake: FakeTwilio, text: str) -> str:
    """Queue one proactive text and run the dispatcher once at noon in New York."""
    sessions = session_factory(engine)
    with UnitOfWork(sessions) as uow:
        event_id = queue_proactive(uow.session, PHONE, text, NOON_NY)
        uow.commit()
    dispatcher = Dispatcher(sessions, settings, {"texter:sms": fake}, clock=lambda: NOON_NY)
    run_once(dispatcher)
    return event_id


def outbox_status(engine: Engine, event_id: str) -> str:
    with Session(engine) as s:
        item = s.scalars(select(OutboxItem).where(OutboxItem.event_id == event_id)).one()
        return item.status


def blocks(engine: Engine) -> list[ConsentEventRow]:
    with Session(engine) as s:
        query = select(ConsentEventRow).where(ConsentEventRow.kind == "carrier_block")
        return list(s.scalars(query))


def message(engine: Engine, sid: str) -> MessageLog:
    with Session(engine) as s:
        return s.scalars(select(MessageLog).where(MessageLog.provider_id == sid)).one()


def test_delivery_status_is_recorded_on_the_sent_message(client: TestClient, engine: Engine,
                                                         settings: Settings) -> None:
    opt_in(engine)
    fake = FakeTwilio()
    send_proactive(engine, settings, fake, "Your technician arrives at 2pm.")
    sid = "SM" + "1".rjust(32, "0")
    assert message(engine, sid).status == "sent"
    assert callback(client, sid, "delivered").status_code == 204
    assert message(engine, sid).status == "delivered"
    # Twilio does not promise order: a late "sent" does not undo "delivered".
    assert callback(client, sid, "sent").status_code == 204
    assert message(engine, sid).status == "delivered"


def test_error_21610_becomes_one_carrier_block_that_stops_sending(
        client: TestClient, engine: Engine, settings: Settings) -> None:
    opt_in(engine)
    fake = FakeTwilio()
    send_proactive(engine, settings, fake, "Reminder: tomorrow 9am.")
    sid = "SM" + "1".rjust(32, "0")
    for _ in range(3):  # Twilio retries callbacks; a replay records nothing new
        assert callback(client, sid, "undelivered", ErrorCode="21610").status_code == 204
    assert callback(client, sid, "failed", ErrorCode="21610").status_code == 204
    [block] = blocks(engine)
    assert (block.phone, block.channel, block.method, block.actor) == (
        PHONE, "sms", "carrier", "twilio")
    assert block.provider_message_id == sid
    row = message(engine, sid)
    assert (row.status, row.error_code) == ("failed", "21610")
    assert client.get("/api/consent/status", params={"phone": PHONE},
                      headers={"Authorization": "Bearer admin-secret"}).json()[
        "status"] == "opted_out"
    held_back = send_proactive(engine, settings, fake, "Second reminder")
    assert outbox_status(engine, held_back) == "suppressed"
    assert [d.payload["text"] for d in fake.sent] == ["Reminder: tomorrow 9am."]


def test_replays_racing_each_other_still_record_one_block(engine: Engine) -> None:
    sessions, sid = session_factory(engine), new_sid()

    def replay(_: int) -> None:
        record_delivery(sessions, sid=sid, status="undelivered", error_code="21610", to=PHONE,
                        now=utcnow())

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(replay, range(8)))
    assert len(blocks(engine)) == 1


def test_a_texter_blocked_at_the_carrier_gets_no_replies_until_start(
        client: TestClient, engine: Engine) -> None:
    t = Texter(client, "test-auth-token", PHONE)
    t.say("Hi")
    assert callback(client, new_sid(), "undelivered", ErrorCode="21610").status_code == 204
    assert t.say("Maria Lopez") == []
    confirmation, question = t.say("START")  # then the pending question again
    assert "subscribed again" in confirmation and "name" in question.lower()
    assert t.say("Maria Lopez")


def test_other_error_codes_are_kept_without_blocking(client: TestClient,
                                                     engine: Engine) -> None:
    assert callback(client, new_sid(), "undelivered", ErrorCode="30003").status_code == 204
    assert blocks(engine) == []


def test_unknown_message_sid_is_accepted_and_nothing_changes(client: TestClient,
                                                             engine: Engine) -> None:
    # Replies sent as TwiML have Twilio ids we never saw; their callbacks are still valid.
    assert callback(client, new_sid(), "delivered").status_code == 204
    with Session(engine) as s:
        assert list(s.scalars(select(MessageLog))) == []


def test_forged_or_unsigned_callbacks_are_refused_and_nothing_stored(
        client: TestClient, engine: Engine) -> None:
    response = callback(client, new_sid(), "undelivered", token="not-the-token",
                        ErrorCode="21610")
    assert response.status_code == 403 and response.json()["detail"]
    params = {"MessageSid": new_sid(), "MessageStatus": "failed", "ErrorCode": "21610",
              "To": PHONE}
    assert client.post("/sms/twilio/status", data=params).status_code == 403
    assert blocks(engine) == []


def test_signature_covers_every_parameter(client: TestClient, engine: Engine) -> None:
    params = {"MessageSid": new_sid(), "MessageStatus": "delivered", "To": PHONE}
    signature = sign("test-auth-token", URL, params)
    tampered = {**params, "ErrorCode": "21610"}
    response = client.post("/sms/twilio/status", data=tampered,
                           headers={"X-Twilio-Signature": signature})
    assert response.status_code == 403 and blocks(engine) == []


def test_missing_message_sid_is_400_with_a_reason(client: TestClient) -> None:
    params = {"MessageStatus": "delivered", "To": PHONE}
    response = client.post("/sms/twilio/status", data=params,
                           headers={"X-Twilio-Signature": sign("test-auth-token", URL, params)})
    assert response.status_code == 400 and "MessageSid" in response.json()["detail"]


def test_non_form_body_is_415(client: TestClient) -> None:
    assert client.post("/sms/twilio/status", json={"MessageSid": "SM1"}).status_code == 415


def test_status_callback_without_auth_token_is_503(engine: Engine, settings: Settings) -> None:
    settings.twilio_auth_token = ""
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine)) as c:
        response = c.post("/sms/twilio/status", data={"MessageSid": "SM1"})
        assert response.status_code == 503 and response.json()["detail"]
