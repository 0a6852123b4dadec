"""The reviewer's SQL in docs/compliance.md finds messages sent after an opt-out, and only those."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from bot.app import create_app
from bot.settings import Settings
from store import messages
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
