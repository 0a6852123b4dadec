"""Proactive texts through the real outbox: held in quiet hours, sent later, never after STOP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.app import create_app
from bot.outbox.dispatcher import Delivery, Dispatcher
from bot.settings import Settings
from consent.ledger import ConsentEvent
from store import ledger
from store.clock import as_utc
from store.db import session_factory
from store.models import MessageLog, OutboxItem
from store.uow import UnitOfWork
from tests.support.proactive import queue_proactive
from tests.support.twilio import Texter

LA, MIAMI_TZ = ZoneInfo("America/Los_Angeles"), ZoneInfo("America/New_York")
LOS_ANGELES, MIAMI = "+12135550147", "+13055550147"

def run_once(dispatcher: Dispatcher) -> int:
    """One dispatcher pass, on a thread of its own.

    A fresh thread has no running event loop, whatever another fixture left on this one
    (a session-wide Playwright fixture once did, and asyncio.run refused to start).
    """
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(dispatcher.run_once())).result()



def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone).astimezone(UTC)  # type: ignore[misc]


@dataclass
class Recorder:
    """The SMS sender at our own boundary: records every delivery it is handed."""

    clock: list[datetime]
    sent: list[tuple[datetime, Delivery]] = field(default_factory=list)

    async def __call__(self, delivery: Delivery) -> str:
        self.sent.append((self.clock[0], delivery))
        return f"SM{len(self.sent):032d}"


@dataclass
class Office:
    """Queues proactive texts and runs the dispatcher on a clock the test moves."""

    engine: Engine
    settings: Settings
    clock: list[datetime]
    sender: Recorder

    def queue(self, phone: str, text: str) -> str:
        with UnitOfWork(session_factory(self.engine)) as uow:
            event_id = queue_proactive(uow.session, phone, text, self.clock[0])
            uow.commit()
        return event_id

    def dispatch_at(self, moment: datetime) -> int:
        self.clock[0] = moment
        dispatcher = Dispatcher(session_factory(self.engine), self.settings,
                                {"texter:sms": self.sender}, clock=lambda: self.clock[0])
        return run_once(dispatcher)

    def row(self, event_id: str) -> OutboxItem:
        with Session(self.engine) as s:
            return s.scalars(select(OutboxItem).where(OutboxItem.event_id == event_id)).one()

    def opt_in(self, phone: str) -> None:
        with UnitOfWork(session_factory(self.engine)) as uow:
            ledger.append(uow.session, ConsentEvent(
                channel="sms", kind="opt_in", method="reply", actor="texter",
                recorded_at=self.clock[0], phone=phone, text="YES",
                disclosure="May we text you updates?", disclosure_version="test"))
            uow.commit()


@pytest.fixture
def office(engine: Engine, settings: Settings) -> Iterator[Office]:
    settings.outbox_in_process = False
    clock = [local(LA, 2026, 1, 14, 22, 0)]
    yield Office(engine, settings, clock, Recorder(clock))


def test_a_message_queued_at_22_is_held_until_8_then_sent_once(office: Office) -> None:
    office.opt_in(LOS_ANGELES)
    event_id = office.queue(LOS_ANGELES, "Your estimate is ready.")
    office.dispatch_at(local(LA, 2026, 1, 14, 22, 0))
    held = office.row(event_id)
    assert held.status == "pending" and "quiet hours" in (held.last_error or "")
    assert as_utc(held.next_attempt_at) == local(LA, 2026, 1, 15, 8, 0)
    assert office.sender.sent == []
    assert office.dispatch_at(local(LA, 2026, 1, 15, 7, 59)) == 0  # not due yet
    office.dispatch_at(local(LA, 2026, 1, 15, 8, 0))
    office.dispatch_at(local(LA, 2026, 1, 15, 8, 5))
    [(when, delivery)] = office.sender.sent
    assert when == local(LA, 2026, 1, 15, 8, 0)
    assert delivery.payload["text"] == "Your estimate is ready."
    assert office.row(event_id).status == "sent"
    with Session(office.engine) as s:
        [logged] = s.scalars(select(MessageLog).where(MessageLog.direction == "out"))
    assert (logged.phone, logged.purpose) == (LOS_ANGELES, "proactive")
    assert as_utc(logged.created_at) == local(LA, 2026, 1, 15, 8, 0)


def test_the_same_instant_is_fine_in_los_angeles_and_quiet_in_new_york(office: Office) -> None:
    new_york = "+12125550147"
    office.clock[0] = local(LA, 2026, 1, 14, 18, 0)
    office.opt_in(LOS_ANGELES)
    office.opt_in(new_york)
    office.queue(LOS_ANGELES, "LA")
    office.queue(new_york, "NY")
    office.dispatch_at(local(LA, 2026, 1, 14, 18, 30))  # 21:30 in New York
    assert [d.payload["text"] for _, d in office.sender.sent] == ["LA"]
    office.dispatch_at(local(ZoneInfo("America/New_York"), 2026, 1, 15, 8, 0))
    assert [d.payload["text"] for _, d in office.sender.sent] == ["LA", "NY"]


def test_stop_over_sms_while_held_means_never_sent(office: Office, engine: Engine) -> None:
    office.opt_in(LOS_ANGELES)
    event_id = office.queue(LOS_ANGELES, "Reminder: we come tomorrow.")
    office.dispatch_at(local(LA, 2026, 1, 14, 22, 0))
    with TestClient(create_app(office.settings, engine)) as client:
        [confirmation] = Texter(client, "test-auth-token", LOS_ANGELES).say("STOP")
    assert "unsubscribed" in confirmation
    office.dispatch_at(local(LA, 2026, 1, 15, 8, 0))
    office.dispatch_at(local(LA, 2026, 1, 16, 8, 0))
    assert office.sender.sent == []
    row = office.row(event_id)
    assert row.status == "suppressed" and "opted out" in (row.last_error or "")
    with Session(engine) as s:
        purposes = [m.purpose for m in s.scalars(select(MessageLog).where(
            MessageLog.direction == "out", MessageLog.phone == LOS_ANGELES))]
    assert purposes == ["opt_out_confirmation"]


def test_stop_on_another_channel_for_the_same_phone_also_wins(office: Office) -> None:
    office.opt_in(LOS_ANGELES)
    event_id = office.queue(LOS_ANGELES, "Reminder")
    office.dispatch_at(local(LA, 2026, 1, 14, 23, 0))
    with UnitOfWork(session_factory(office.engine)) as uow:  # "any reasonable means"
        ledger.append(uow.session, ConsentEvent(
            channel="telegram", kind="opt_out", method="keyword", actor="texter",
            recorded_at=office.clock[0], phone=LOS_ANGELES, chat_id=4242, text="/stop"))
        uow.commit()
    office.dispatch_at(local(LA, 2026, 1, 15, 8, 0))
    assert office.sender.sent == [] and office.row(event_id).status == "suppressed"


def test_florida_gets_three_a_day_and_the_fourth_waits_not_dropped(office: Office) -> None:
    ten_am = local(MIAMI_TZ, 2026, 1, 14, 10, 0)
    office.clock[0] = ten_am
    office.opt_in(MIAMI)
    ids = [office.queue(MIAMI, f"update {n}") for n in range(4)]
    office.dispatch_at(ten_am)
    assert len(office.sender.sent) == 3 and office.row(ids[3]).status == "pending"
    for _ in range(40):  # a worker that wakes whenever the held row falls due
        row = office.row(ids[3])
        if row.status != "pending":
            break
        office.dispatch_at(as_utc(row.next_attempt_at))
    assert office.row(ids[3]).status == "sent"
    times = [when for when, _ in office.sender.sent]
    assert len(times) == 4
    for when in times:
        assert 8 <= when.astimezone(MIAMI_TZ).hour < 20
    for when in times:
        assert sum(when - timedelta(hours=24) < t <= when for t in times) <= 3
    assert times[3] - times[0] >= timedelta(hours=24)


def test_a_number_without_a_known_zone_is_gated_in_the_business_zone(office: Office) -> None:
    fictional = "+15555550147"  # 555: phonenumbers cannot place it
    office.clock[0] = local(ZoneInfo("America/New_York"), 2026, 1, 14, 21, 0)
    office.opt_in(fictional)
    event_id = office.queue(fictional, "Hello")
    office.dispatch_at(local(ZoneInfo("America/New_York"), 2026, 1, 14, 22, 0))
    row = office.row(event_id)
    assert row.status == "pending"
    assert as_utc(row.next_attempt_at) == local(ZoneInfo("America/New_York"), 2026, 1, 15, 8, 0)
    office.dispatch_at(as_utc(row.next_attempt_at))
    assert [d.payload["phone"] for _, d in office.sender.sent] == [fictional]


def test_no_opt_in_no_proactive_message(office: Office) -> None:
    office.clock[0] = local(LA, 2026, 1, 15, 11, 0)
    event_id = office.queue(LOS_ANGELES, "Special offer")
    office.dispatch_at(local(LA, 2026, 1, 15, 12, 0))
    assert office.sender.sent == [] and office.row(event_id).status == "suppressed"


def test_the_fourth_florida_message_is_sent_the_moment_the_oldest_ages_out(
        office: Office) -> None:
    sent = [local(MIAMI_TZ, 2026, 1, 14, h, m) for h, m in [(9, 17), (11, 2), (15, 45)]]
    office.clock[0] = sent[0]
    office.opt_in(MIAMI)
    for moment in sent:
        office.clock[0] = moment
        office.queue(MIAMI, "update")
        office.dispatch_at(moment)
    office.clock[0] = local(MIAMI_TZ, 2026, 1, 15, 8, 30)
    fourth = office.queue(MIAMI, "one more")
    office.dispatch_at(office.clock[0])
    row = office.row(fourth)
    assert row.status == "pending" and row.last_error and "3 messages" in row.last_error
    assert as_utc(row.next_attempt_at) == sent[0] + timedelta(hours=24)
    office.dispatch_at(sent[0] + timedelta(hours=24))
    assert office.row(fourth).status == "sent"
    assert [when for when, _ in office.sender.sent] == [*sent, sent[0] + timedelta(hours=24)]
