"""Outbox rows sharing an ordering key go out in order, even across retries."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from store import outbox
from store.clock import utcnow
from store.db import session_factory
from store.uow import UnitOfWork

LEASE = timedelta(seconds=60)


def _claim(engine: Engine, now: object) -> list[str]:
    with UnitOfWork(session_factory(engine)) as uow:
        items = outbox.claim(uow.session, now=now, lease=LEASE, limit=10)  # type: ignore[arg-type]
        uow.commit()
        return [i.event_id for i in items]


def test_a_later_reply_waits_while_an_earlier_one_retries(engine: Engine) -> None:
    now = utcnow()
    with UnitOfWork(session_factory(engine)) as uow:
        for event, key in [("a1", "telegram:1"), ("a2", "telegram:1"), ("b1", "telegram:2"),
                           ("office", None)]:
            outbox.enqueue(uow.session, event_id=event, kind="texter", target="texter:telegram",
                           payload={}, now=now, ordering_key=key)
        uow.commit()
    assert sorted(_claim(engine, now)) == ["a1", "b1", "office"]
    with UnitOfWork(session_factory(engine)) as uow:
        [a1] = [i for i in outbox.pending(uow.session) if i.event_id == "a1"]
        outbox.retry_later(a1, "timeout", now, max_attempts=5, base=timedelta(seconds=30),
                           cap=timedelta(minutes=5))
        uow.commit()
    later = now + timedelta(seconds=90)  # every lease has run out; a1 is not due until +30s
    assert _claim(engine, now + timedelta(seconds=10)) == []
    claimed = _claim(engine, later)
    assert "a1" in claimed and "a2" not in claimed  # a2 still waits behind a1
    with UnitOfWork(session_factory(engine)) as uow:
        [a1] = [i for i in outbox.pending(uow.session) if i.event_id == "a1"]
        outbox.mark_sent(a1, later)
        uow.commit()
    assert "a2" in _claim(engine, later + timedelta(seconds=61))
