"""An app on both databases with a lead who texted in and has a request."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.app import create_app
from bot.settings import Settings
from consent.ledger import ConsentEvent
from store import ledger
from store.clock import utcnow
from store.db import session_factory
from store.models import Customer, MessageLog, ServiceRequest

AUTH = {"Authorization": "Bearer admin-secret"}
STAFF = {**AUTH, "X-Intake-Staff": "Dana"}
PHONE = "+15125550101"


@dataclass
class Office:
    """The app's client and database, and a way to make a texter with a request."""

    client: TestClient
    sessions: sessionmaker[Session]

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
            if language != "en":
                from store.models import Conversation
                s.add(Conversation(channel=channel, sender_key=key or "web-1",
                                   state={"lang": language}))
            s.commit()
            return c.id, r.id

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
        yield Office(c, session_factory(engine))


MakeOffice = Callable[..., Office]
