"""An app on both databases with a lead who texted in and has a request."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.app import create_app
from bot.messages import InboundMessage
from bot.outbox.dispatcher import Delivery, Dispatcher
from bot.pipeline import Pipeline
from bot.settings import Settings
from consent.ledger import ConsentEvent
from store import customers, ledger
from store.clock import utcnow
from store.db import session_factory
from store.models import Conversation, Customer, MessageLog, ServiceRequest

AUTH = {"Authorization": "Bearer admin-secret"}
STAFF = {**AUTH, "X-Intake-Staff": "Dana"}
PHONE = "+15125550101"  # Austin: Central time
AUSTIN = ZoneInfo("America/Chicago")


def local_tomorrow(hour: int, minute: int = 0, days: int = 1) -> datetime:
    """`hour` o'clock in Austin, `days` from today (always in the future)."""
    day = datetime.now(AUSTIN).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AUSTIN).astimezone(UTC)


@dataclass
class Recorder:
    """The channel senders at our own boundary: records every delivery it is handed."""

    sent: list[Delivery] = field(default_factory=list)

    async def __call__(self, delivery: Delivery) -> str:
        self.sent.append(delivery)
        return f"SM{len(self.sent):032d}"

    @property
    def texts(self) -> list[str]:
        """What went out, in order."""
        return [d.payload["text"] for d in self.sent]


@dataclass
class Office:
    """The app's client and database, and a way to make a texter with a request."""

    client: TestClient
    sessions: sessionmaker[Session]
    settings: Settings
    sender: Recorder = field(default_factory=Recorder)
    said: int = 0

    def dispatch_at(self, moment: datetime) -> int:
        """One dispatcher pass with its clock at `moment` (SMS and Telegram recorded)."""
        dispatcher = Dispatcher(self.sessions, self.settings,
                                {"texter:sms": self.sender, "texter:telegram": self.sender},
                                clock=lambda: moment)
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(lambda: asyncio.run(dispatcher.run_once())).result()

    def send(self, lead_id: int, **body: Any) -> dict[str, Any]:
        """POST a message to the lead (asserting the 202)."""
        r = self.client.post(f"/api/leads/{lead_id}/messages", headers=STAFF, json=body)
        assert r.status_code == 202, r.text
        result: dict[str, Any] = r.json()
        return result

    def thread(self, lead_id: int) -> list[dict[str, Any]]:
        """GET the lead's messages."""
        r = self.client.get(f"/api/leads/{lead_id}/messages", headers=AUTH)
        assert r.status_code == 200, r.text
        items: list[dict[str, Any]] = r.json()["items"]
        return items

    def lead(self, *, phone: str | None = PHONE, opted_in: bool = True,
             channel: str = "sms", language: str = "en", chat_id: int | None = None,
             first_name: str = "Ann") -> tuple[int, int]:
        """A lead who texted in on `channel` and has a new request; (lead id, request id)."""
        now = utcnow()
        with self.sessions() as s:
            c = Customer(phone=phone, first_name=first_name, last_name="Lee", source=channel,
                         telegram_chat_id=chat_id, line1="12 ELM ST", city="AUSTIN",
                         state="TX")
            s.add(c)
            s.flush()
            if phone:
                customers.claim_phone(s, c.id, phone)
            r = ServiceRequest(customer_id=c.id, channel=channel, service="water heater leak",
                               line1="12 ELM ST", city="AUSTIN", state="TX")
            s.add(r)
            key = phone if channel == "sms" else str(chat_id)
            s.add(MessageLog(channel=channel, direction="in", sender_key=key or "web-1",
                             phone=phone, customer_id=c.id, text="my water heater leaks",
                             provider_id=f"in-{c.id}", created_at=now))
            if opted_in:
                ledger.append(s, ConsentEvent(
                    channel=channel, kind="opt_in", method="reply", actor="texter",
                    recorded_at=now, phone=phone, chat_id=chat_id, text="yes",
                    disclosure="May we text you updates?"))
            # The texter finished an intake earlier: the conversation is "done".
            s.add(Conversation(channel=channel, sender_key=key or "web-1", updated_at=now,
                               state={"lang": language, "mode": "done", "step": "done",
                                      "ending": "submitted", "disclosure": "shown",
                                      "texter": "returning"}))
            s.commit()
            return c.id, r.id

    def texter_says(self, text: str, now: datetime, phone: str = PHONE) -> list[str]:
        """An SMS from the texter through the real pipeline at `now`; the bot's answers."""
        pipeline: Pipeline = self.client.app.state.pipeline  # type: ignore[attr-defined]
        self.said += 1
        msg = InboundMessage(channel="sms", sender_key=phone, phone=phone, text=text,
                             provider_id=f"SMin{self.said:030d}", received_at=now)
        return pipeline.handle(msg, now).texts

    def opt_out(self, phone: str = PHONE, when: datetime | None = None) -> None:
        """The texter sends STOP (recorded the way the pipeline records it)."""
        with self.sessions() as s:
            ledger.append(s, ConsentEvent(channel="sms", kind="opt_out", method="keyword",
                                          actor="texter", recorded_at=when or utcnow(),
                                          phone=phone, text="STOP"))
            s.commit()


@pytest.fixture
def office(engine: Engine, settings: Settings) -> Iterator[Office]:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine)) as c:
        yield Office(c, session_factory(engine), settings)
