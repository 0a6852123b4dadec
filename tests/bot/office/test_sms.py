"""SMS through the official twilio client, aimed at a fake Twilio REST API by its HTTP hook."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.office.senders import office_senders
from bot.office.sms import TwilioHttp, send_sms
from bot.outbox.dispatcher import TEXTER
from bot.outbox.errors import PermanentError, RecipientBlocked, TransientError
from bot.settings import Settings
from consent.ledger import ConsentEvent
from store import ledger, outbox
from store.db import session_factory
from store.models import ConsentEventRow, MessageLog
from store.uow import UnitOfWork
from tests.support.office_targets import Clock, dispatcher, rows, run
from tests.support.twilio_rest import FakeTwilioRest

SID, TOKEN = "AC" + "0" * 32, "test-auth-token"
TEXTER_PHONE = "+12125550123"  # a New York number: the gate knows its time zone
MIDDAY = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # noon in New York: inside texting hours


@pytest.fixture
def twilio() -> Iterator[FakeTwilioRest]:
    """The fake Twilio REST API."""
    with FakeTwilioRest(SID, TOKEN) as fake:
        assert isinstance(fake, FakeTwilioRest)
        yield fake


@pytest.fixture
def wired(twilio: FakeTwilioRest, settings: Settings) -> Settings:
    """Twilio aimed at the fake; one office phone."""
    return settings.model_copy(update={
        "twilio_api_base_url": twilio.url, "twilio_from_number": "+15550001111",
        "office_sms_numbers": "+15550100001"})


def test_the_hook_moves_twilio_urls_onto_the_base() -> None:
    hook = TwilioHttp(httpx.AsyncClient(), "http://127.0.0.1:8099/prefix/")
    url = f"https://api.twilio.com/2010-04-01/Accounts/{SID}/Messages.json"
    assert hook.rebase(url) == f"http://127.0.0.1:8099/prefix/2010-04-01/Accounts/{SID}/Messages.json"
    assert TwilioHttp(httpx.AsyncClient()).rebase(url) == url


async def test_a_message_goes_out_from_our_number(twilio: FakeTwilioRest,
                                                  wired: Settings) -> None:
    sid = await send_sms(wired, "(555) 010-0001", "x" * 2000)
    [sent] = twilio.sent
    assert sent.sid == sid and sid.startswith("SM")
    assert (sent.to, sent.from_, sent.messaging_service_sid) == (
        "+15550100001", "+15550001111", None)
    assert len(sent.body) == 1600


async def test_a_messaging_service_replaces_the_from_number(twilio: FakeTwilioRest,
                                                            wired: Settings) -> None:
    service = wired.model_copy(update={"twilio_messaging_service_sid": "MG" + "1" * 32})
    await send_sms(service, "+15550100001", "hello")
    [sent] = twilio.sent
    assert sent.messaging_service_sid == "MG" + "1" * 32 and not sent.from_


async def test_errors_map_to_what_the_outbox_should_do(twilio: FakeTwilioRest,
                                                       wired: Settings) -> None:
    twilio.fail_next(1, 503)
    with pytest.raises(TransientError, match="503"):
        await send_sms(wired, "+15550100001", "a")
    twilio.fail_next(1, 429, 20429, {"Retry-After": "7"})
    with pytest.raises(TransientError) as busy:
        await send_sms(wired, "+15550100001", "a")
    assert busy.value.retry_after == 7
    twilio.unsubscribe("+15550100009")
    with pytest.raises(RecipientBlocked, match="21610"):
        await send_sms(wired, "+15550100009", "a")
    twilio.invalid("+15550100008")
    with pytest.raises(PermanentError, match="21211"):
        await send_sms(wired, "+15550100008", "a")
    with pytest.raises(PermanentError, match="not a phone number"):
        await send_sms(wired, "call the office", "a")
    with pytest.raises(PermanentError, match="20003"):
        await send_sms(wired.model_copy(update={"twilio_auth_token": "wrong"}),
                       "+15550100001", "a")
    assert twilio.sent == []


async def test_twilio_unreachable_is_retried(wired: Settings, twilio: FakeTwilioRest) -> None:
    twilio.stop()
    with pytest.raises(TransientError, match="unreachable"):
        await send_sms(wired, "+15550100001", "a")


def test_senders_exist_only_when_twilio_is_configured(wired: Settings) -> None:
    assert {"sms", "texter:sms"} <= set(office_senders(wired))
    bare = wired.model_copy(update={"twilio_from_number": ""})
    assert not {"sms", "texter:sms"} & set(office_senders(bare))


def _proactive(engine: Engine, opted_in: bool) -> None:
    with UnitOfWork(session_factory(engine)) as uow:
        if opted_in:
            ledger.append(uow.session, ConsentEvent(
                channel="sms", kind="opt_in", method="reply", actor="texter",
                recorded_at=MIDDAY, phone=TEXTER_PHONE, text="yes"))
        outbox.enqueue(uow.session, event_id="update-1", kind=TEXTER, target="texter:sms",
                       now=MIDDAY, payload={
                           "channel": "sms", "phone": TEXTER_PHONE, "chat_id": None,
                           "sender_key": TEXTER_PHONE, "text": "Your plumber is on the way.",
                           "purpose": "proactive"})
        uow.commit()


def test_a_proactive_text_passes_the_gate_and_is_logged_with_its_sid(
        sqlite_engine: Engine, wired: Settings, twilio: FakeTwilioRest) -> None:
    _proactive(sqlite_engine, opted_in=True)
    run(dispatcher(sqlite_engine, wired, Clock(MIDDAY)))
    [sent] = twilio.sent
    assert (sent.to, sent.body) == (TEXTER_PHONE, "Your plumber is on the way.")
    assert sent.status_callback == "https://intake.example.com/sms/twilio/status"
    with Session(sqlite_engine) as s:
        [logged] = s.scalars(select(MessageLog).where(MessageLog.direction == "out"))
    assert (logged.provider_id, logged.purpose, logged.phone) == (
        sent.sid, "proactive", TEXTER_PHONE)


def test_a_texter_who_unsubscribed_at_the_carrier_is_suppressed_and_recorded(
        sqlite_engine: Engine, wired: Settings, twilio: FakeTwilioRest) -> None:
    twilio.unsubscribe(TEXTER_PHONE)
    _proactive(sqlite_engine, opted_in=True)
    run(dispatcher(sqlite_engine, wired, Clock(MIDDAY)))
    [row] = rows(sqlite_engine)
    assert row.status == "suppressed" and "21610" in (row.last_error or "")
    with Session(sqlite_engine) as s:
        kinds = [(e.kind, e.phone) for e in s.scalars(select(ConsentEventRow))]
    assert ("carrier_block", TEXTER_PHONE) in kinds


def test_without_an_opt_in_the_gate_stops_it_before_twilio(
        sqlite_engine: Engine, wired: Settings, twilio: FakeTwilioRest) -> None:
    _proactive(sqlite_engine, opted_in=False)
    run(dispatcher(sqlite_engine, wired, Clock(MIDDAY)))
    assert twilio.attempts == 0 and rows(sqlite_engine)[0].status == "suppressed"
