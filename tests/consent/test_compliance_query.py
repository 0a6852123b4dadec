"""The reviewer's SQL in docs/compliance.md finds messages sent after an opt-out, and only those."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from bot.app import create_app
from bot.settings import Settings
from consent.ledger import ConsentEvent
from store import ledger, messages
from store.clock import utcnow
from store.db import session_factory
from store.uow import UnitOfWork
from tests.support.twilio import Texter

DOC = Path(__file__).resolve().parents[2] / "docs" / "compliance.md"
PHONE = "+15554443333"


def documented_query() -> str:
    found = re.search(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert found, "docs/compliance.md lost its SQL block"
    return found.group(1).strip().rstrip(";")


def violations(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        return [(row.message_id, row.purpose) for row in conn.execute(text(documented_query()))]


def log(engine: Engine, purpose: str) -> int:
    with UnitOfWork(session_factory(engine)) as uow:
        row = messages.log_outbound(uow.session, channel="sms", sender_key=PHONE, phone=PHONE,
                                    text="...", purpose=purpose,
                                    now=utcnow())
        uow.commit()
        return row.id


def test_the_documented_query_finds_exactly_the_messages_sent_after_stop(
        engine: Engine, settings: Settings) -> None:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine)) as client:
        t = Texter(client, "test-auth-token", PHONE)
        t.say("Hi")
        t.say("Maria Lopez")
        t.say("STOP")
        t.say("HELP")
        t.say("hello?")
        assert violations(engine) == []
        planted = log(engine, "proactive")  # what a broken gate would have let through
        assert violations(engine) == [(planted, "proactive")]
        t.say("START")
        log(engine, "reply")  # after the new opt-in: allowed
        assert violations(engine) == [(planted, "proactive")]


def test_staff_test_events_and_back_dated_opt_ins_are_judged_as_the_report_does(
        engine: Engine) -> None:
    start = utcnow() - timedelta(hours=1)

    def append(kind: str, minutes: int, channel: str = "sms", entered: int | None = None) -> None:
        with UnitOfWork(session_factory(engine)) as uow:
            ledger.append(uow.session, ConsentEvent(
                channel=channel, kind=kind, method="keyword", actor="texter", phone=PHONE,
                recorded_at=start + timedelta(minutes=minutes),
                entered_at=None if entered is None else start + timedelta(minutes=entered)))
            uow.commit()

    def sent(purpose: str, minutes: int) -> int:
        with UnitOfWork(session_factory(engine)) as uow:
            row = messages.log_outbound(uow.session, channel="sms", sender_key=PHONE,
                                        phone=PHONE, text="...", purpose=purpose,
                                        now=start + timedelta(minutes=minutes))
            uow.commit()
            return row.id

    append("opt_out", 0, channel="web")  # typed in "Try the chat": not this number's STOP
    sent("reply", 1)
    assert violations(engine) == []
    append("opt_out", 10)
    early = sent("proactive", 20)
    append("verbal_opt_in", 15, entered=30)  # given at 15, entered at 30
    sent("proactive", 40)
    assert violations(engine) == [(early, "proactive")]
