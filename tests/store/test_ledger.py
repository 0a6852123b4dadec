"""The ledger table is append-only on both databases, and its chain verifies."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from consent.ledger import ConsentEvent, verify_chain
from store import ledger
from store.clock import utcnow
from store.db import session_factory
from store.uow import UnitOfWork


def _append(engine: Engine, n: int, phone: str = "+15551234567") -> None:
    sessions = session_factory(engine)
    for i in range(n):
        with UnitOfWork(sessions) as uow:
            ledger.append(uow.session, ConsentEvent(
                channel="sms", kind="opt_out" if i % 2 else "opt_in", method="keyword",
                actor="texter", recorded_at=utcnow(), phone=phone, text=f"msg {i}"))
            uow.commit()


def test_appended_events_chain_and_verify(engine: Engine) -> None:
    _append(engine, 5)
    with session_factory(engine)() as s:
        events = list(ledger.stream(s, batch=2))
    assert [e.id for e in events] == sorted(e.id for e in events) and len(events) == 5
    assert events[0].prev_hash == "0" * 64
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
    assert verify_chain(events).ok


@pytest.mark.parametrize("statement", [
    "UPDATE consent_events SET text = 'edited'",
    "DELETE FROM consent_events",
])
def test_the_database_refuses_updates_and_deletes(engine: Engine, statement: str) -> None:
    _append(engine, 2)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    with session_factory(engine)() as s:
        assert verify_chain(ledger.stream(s)).events == 2


def test_stream_filters_by_phone_kind_and_since(engine: Engine) -> None:
    _append(engine, 4, phone="+15550000001")
    _append(engine, 2, phone="+15550000002")
    with session_factory(engine)() as s:
        assert len(list(ledger.stream(s, phone="+15550000002"))) == 2
        assert len(list(ledger.stream(s, kind="opt_out"))) == 3
        assert list(ledger.stream(s, since=utcnow())) == []


def test_every_event_lands_on_its_records_timeline(engine: Engine) -> None:
    from store import customers

    sessions = session_factory(engine)
    with UnitOfWork(sessions) as uow:
        c, _ = customers.get_or_create(uow.session, "+15551230000", "sms", utcnow())
        c.telegram_chat_id = 4242
        ledger.append(uow.session, ConsentEvent(channel="sms", kind="opt_out", method="keyword",
                                                actor="texter", recorded_at=utcnow(),
                                                phone="+15551230000", text="STOP"))
        ledger.append(uow.session, ConsentEvent(channel="telegram", kind="bot_blocked",
                                                method="platform", actor="system",
                                                recorded_at=utcnow(), chat_id=4242),
                      note="blocked on Telegram")
        ledger.append(uow.session, ConsentEvent(channel="sms", kind="opt_out", method="keyword",
                                                actor="texter", recorded_at=utcnow(),
                                                phone="+15559999999", text="STOP"))
        uow.commit()
        entries = [(a.kind, a.summary) for a in customers.timeline(uow.session, c.id)]
    assert entries == [("consent", "opt_out (keyword)"), ("consent", "blocked on Telegram")]
