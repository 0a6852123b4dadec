"""Lanes: a slow or failing office target never delays texter replies; replies stay in order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.outbox.dispatcher import TEXTER, Delivery, Dispatcher, Policy, Sender
from bot.outbox.errors import TransientError
from bot.settings import Settings
from store import outbox
from store.db import session_factory
from store.uow import UnitOfWork
from tests.support.office_targets import Clock, rows

T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
OFFICE_NOTICES = 30


def _reply(engine: Engine, event: str, chat: int) -> None:
    with UnitOfWork(session_factory(engine)) as uow:
        outbox.enqueue(uow.session, event_id=event, kind=TEXTER, target="texter:telegram",
                       payload={"channel": "telegram", "chat_id": chat, "text": event,
                                "purpose": "reply"},
                       now=T0, ordering_key=f"telegram:{chat}")
        uow.commit()


def _office(engine: Engine, target: str, n: int) -> None:
    with UnitOfWork(session_factory(engine)) as uow:
        for i in range(n):
            outbox.enqueue(uow.session, event_id=f"{target}-{i}", kind="office", target=target,
                           payload={"event": "request.created"}, now=T0)
        uow.commit()


def _senders(log: list[str], texters_done: asyncio.Event, expected: int) -> dict[str, Sender]:
    async def office(d: Delivery) -> str | None:
        # An office target that answers only after every texter reply went out (a webhook
        # taking 15 s, the office chat's one message a second): were texters behind it, the
        # wait would run out and this send fail.
        await asyncio.wait_for(texters_done.wait(), 20)
        log.append(d.event_id)
        return None

    async def texter(d: Delivery) -> str | None:
        log.append(d.event_id)
        if sum(e.startswith("reply") for e in log) == expected:
            texters_done.set()
        return None

    return {"webhook": office, "telegram": office, "texter:telegram": texter}


async def test_texter_replies_go_out_while_office_targets_hang(sqlite_engine: Engine,
                                                               settings: Settings) -> None:
    sent: list[str] = []
    done = asyncio.Event()
    _office(sqlite_engine, "telegram", OFFICE_NOTICES)
    _office(sqlite_engine, "webhook", 2)
    _reply(sqlite_engine, "reply-a1", 1)
    d = Dispatcher(session_factory(sqlite_engine), settings, _senders(sent, done, 4),
                   Policy(), Clock(T0))
    stop = asyncio.Event()
    task = asyncio.create_task(d.run(stop, poll_interval=0.05))
    await asyncio.sleep(0.2)  # both office lanes are now stuck on their first row
    for event, chat in [("reply-b1", 2), ("reply-a2", 1), ("reply-c1", 3)]:
        await asyncio.to_thread(_reply, sqlite_engine, event, chat)  # texters keep writing
        d.kick()
    await asyncio.wait_for(done.wait(), 30)
    while any(r.status == "pending" for r in rows(sqlite_engine)):
        await asyncio.sleep(0.05)
    stop.set()
    await task
    replies = [e for e in sent if e.startswith("reply")]
    assert sent[:4] == replies, "a texter reply waited behind an office notification"
    assert replies.index("reply-a1") < replies.index("reply-a2")  # one texter's, in order
    assert {r.status for r in rows(sqlite_engine)} == {"sent"}
    assert sorted(sent) == sorted(r.event_id for r in rows(sqlite_engine))  # each once


async def test_texter_rows_are_claimed_before_office_rows(engine: Engine,
                                                          settings: Settings) -> None:
    _office(engine, "webhook", 1)
    _office(engine, "email", 1)
    _reply(engine, "reply-a1", 1)
    d = Dispatcher(session_factory(engine), settings, {}, Policy(lanes=1), Clock(T0))
    [first] = d._claim(limit=1)
    assert first.event_id == "reply-a1"


async def test_a_failing_target_is_its_own_lane(sqlite_engine: Engine,
                                                settings: Settings) -> None:
    async def down(d: Delivery) -> str | None:
        raise TransientError("webhook answered HTTP 503")

    sent: list[str] = []

    async def fine(d: Delivery) -> str | None:
        sent.append(d.event_id)
        return None

    _office(sqlite_engine, "webhook", 3)
    _office(sqlite_engine, "email", 3)
    d = Dispatcher(session_factory(sqlite_engine), settings, {"webhook": down, "email": fine},
                   Policy(), Clock(T0))
    while await d.run_once():
        pass
    assert sent == ["email-0", "email-1", "email-2"]  # each lane in its own order
    hooks = [r for r in rows(sqlite_engine) if r.target == "webhook"]
    assert {(r.status, r.attempts) for r in hooks} == {("pending", 1)}
