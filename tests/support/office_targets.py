"""All four office targets as real local servers, settings that point at them, and helpers."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.app import create_app
from bot.channels.telegram_send import RateLimiter, client_for
from bot.office_events import queue_office_event
from bot.outbox.blocked import record_block
from bot.outbox.dispatcher import Dispatcher, Policy
from bot.outbox.senders import build_senders
from bot.settings import Settings
from store import customers
from store.clock import utcnow
from store.db import session_factory
from store.models import OutboxItem, ServiceRequest
from store.uow import UnitOfWork
from tests.support.bot_api_server import BotApiServer
from tests.support.smtp_server import SmtpServer
from tests.support.twilio_rest import FakeTwilioRest
from tests.support.webhook_receiver import WebhookReceiver

CHAT_ID = -1001234567890
OFFICE_PHONES = ("+15550100001", "+15550100002")
OFFICE_EMAIL = "office@acme.test"
WEBHOOK_SECRET = "whsec-test-secret"
FROM_NUMBER = "+15550001111"


@dataclass
class Clock:
    """An injectable clock: starts at the real time, moves only when told."""

    now: datetime = field(default_factory=utcnow)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        """Move time forward."""
        self.now += delta


@dataclass
class OfficeTargets:
    """The running servers standing in for Telegram, Twilio, SMTP and the office webhook."""

    bot_api: BotApiServer
    twilio: FakeTwilioRest
    smtp: SmtpServer
    webhook: WebhookReceiver

    def configure(self, settings: Settings, **overrides: object) -> Settings:
        """`settings` with every office target switched on and aimed at these servers."""
        values: dict[str, object] = {
            "telegram_bot_token": "7000000001:TEST-token",
            "telegram_api_base_url": self.bot_api.base_url,
            "office_telegram_chat_id": str(CHAT_ID),
            "twilio_api_base_url": self.twilio.url, "twilio_from_number": FROM_NUMBER,
            "office_sms_numbers": ",".join(OFFICE_PHONES), "office_email": OFFICE_EMAIL,
            "smtp_url": f"{self.smtp.url}?from=intake%40acme.test",
            "office_webhook_url": f"{self.webhook.url}/hooks/intake",
            "office_webhook_secret": WEBHOOK_SECRET, "outbox_in_process": False,
        }
        values.update(overrides)
        return settings.model_copy(update=values)

    def counts(self, event_id: str, marker: str) -> dict[str, int]:
        """Notifications of one event per target; texts are recognised by `marker` (a name)."""
        return {
            "telegram": sum(marker in t for t in self.bot_api.sent_to(CHAT_ID)),
            **{f"sms:{n}": sum(marker in b for b in self.twilio.sent_to(n))
               for n in OFFICE_PHONES},
            "email": sum(m.message["X-Intake-Event-Id"] == event_id for m in self.smtp.received()),
            "webhook": sum(d.event_id == event_id for d in self.webhook.received),
        }


def once_each() -> dict[str, int]:
    """What every target should have received of one event: exactly one notification."""
    return {"telegram": 1, **{f"sms:{n}": 1 for n in OFFICE_PHONES}, "email": 1, "webhook": 1}


@pytest.fixture(name="office")
def office_fixture() -> Iterator[OfficeTargets]:
    """Every office target, started on loopback ports, stopped afterwards."""
    sid = "AC" + "0" * 32
    with BotApiServer() as bot_api, SmtpServer() as smtp, \
            FakeTwilioRest(sid, "test-auth-token") as twilio, \
            WebhookReceiver(WEBHOOK_SECRET) as webhook:
        assert isinstance(twilio, FakeTwilioRest) and isinstance(webhook, WebhookReceiver)
        yield OfficeTargets(bot_api, twilio, smtp, webhook)


@pytest.fixture(name="wired")
def wired_fixture(office: OfficeTargets, settings: Settings) -> Settings:
    """Settings with all four office targets on."""
    return office.configure(settings)


@pytest.fixture(name="office_client")
def office_client_fixture(engine: Engine, wired: Settings) -> Iterator[TestClient]:
    """The web app with every target wired, on SQLite and PostgreSQL; tests drive the outbox."""
    with TestClient(create_app(wired, engine), base_url="http://internal:8000") as c:
        yield c


@pytest.fixture(name="office_client_lite")
def office_client_lite_fixture(sqlite_engine: Engine, wired: Settings) -> Iterator[TestClient]:
    """The same on SQLite only, for variations that add nothing database-specific."""
    with TestClient(create_app(wired, sqlite_engine), base_url="http://internal:8000") as c:
        yield c


def dispatcher(engine: Engine, settings: Settings, clock: Clock | None = None,
               policy: Policy | None = None) -> Dispatcher:
    """The production dispatcher (real senders), with an injected clock.

    Telegram's client paces each chat at about one message a second, as Telegram demands;
    tests that send dozens of notices to the one office chat lift that pacing.
    """
    if settings.telegram_bot_token:
        client_for(settings).limiter = RateLimiter(per_chat_rate=1000, per_chat_burst=1000,
                                                   global_rate=1000)
    return Dispatcher(session_factory(engine), settings, build_senders(settings),
                      policy=policy or Policy(), clock=clock or Clock(),
                      on_blocked=record_block)


async def drain(d: Dispatcher, rounds: int = 20) -> int:
    """run_once until nothing is due; returns how many rows were claimed in all."""
    total = 0
    for _ in range(rounds):
        claimed = await d.run_once()
        if not claimed:
            return total
        total += claimed
    raise AssertionError("the outbox did not drain")


def run(d: Dispatcher) -> int:
    """`drain` from synchronous code."""
    return asyncio.run(drain(d))


_phones = itertools.count(1)


def new_request_event(engine: Engine, settings: Settings, *, service: str = "leaking tap",
                      now: datetime | None = None) -> tuple[str, str]:
    """A lead with a request and its request.created rows; returns (event id, lead's name)."""
    now = now or utcnow()
    phone = f"+1555777{next(_phones):04d}"
    with UnitOfWork(session_factory(engine)) as uow:
        customer, created = customers.get_or_create(uow.session, phone, "sms", now)
        customer.first_name, customer.last_name = "Pat", f"Doe{phone[-4:]}"
        customer.line1, customer.city, customer.state = "42 ELM ST", "SPRINGFIELD", "IL"
        customer.postal_code = "62704"
        request = ServiceRequest(customer_id=customer.id, channel="sms", service=service,
                                 preferred_asap=True, preferred_time_text="asap",
                                 line1="42 ELM ST", city="SPRINGFIELD", state="IL",
                                 postal_code="62704", created_at=now)
        uow.session.add(request)
        uow.session.flush()
        event_id = queue_office_event(uow.session, settings, event="request.created",
                                      customer=customer, request=request,
                                      returning=not created, channel="sms", now=now)
        uow.commit()
    return event_id, f"Pat Doe{phone[-4:]}"


def rows(engine: Engine, event_id: str | None = None) -> list[OutboxItem]:
    """Outbox rows (of one event), by id."""
    with Session(engine) as session:
        query = select(OutboxItem).order_by(OutboxItem.id)
        if event_id:
            query = query.where(OutboxItem.event_id == event_id)
        return list(session.scalars(query))
