"""The dispatcher's guarantees: leases fence out a late worker, sends are cut off in time."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.outbox.blocked import record_block
from bot.outbox.dispatcher import TEXTER, Delivery, Dispatcher, Policy, Sender
from bot.outbox.errors import RecipientBlocked
from bot.settings import Settings
from store import outbox
from store.db import session_factory
from store.models import ConsentEventRow
from store.uow import UnitOfWork
from tests.support.office_targets import Clock, rows

T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def _queue(engine: Engine, *targets: str, kind: str = "office") -> None:
    with UnitOfWork(session_factory(engine)) as uow:
        for n, target in enumerate(targets):
            outbox.enqueue(uow.session, event_id=f"e-{n}", kind=kind, target=target,
                           payload={"event": "request.created", "channel": "sms",
                                    "phone": "+15551234567"}, now=T0)
        uow.commit()


def _recorder(log: list[str]) -> Sender:
    async def send(d: Delivery) -> str | None:
        log.append(d.target)
        return None
    return send


async def test_a_worker_whose_lease_ran_out_and_was_taken_over_does_not_send(
        engine: Engine, settings: Settings) -> None:
    _queue(engine, "webhook")
    sent: list[str] = []
    late, fresh = Clock(T0), Clock(T0)
    slow = Dispatcher(session_factory(engine), settings, {"webhook": _recorder(sent)},
                      Policy(), late)
    [stalled] = slow._claim()  # claimed, then the worker stalls (GC pause, lost network ...)
    fresh.advance(Policy().lease + timedelta(seconds=1))
    other = Dispatcher(session_factory(engine), settings, {"webhook": _recorder(sent)},
                       Policy(), fresh)
    assert await other.run_once() == 1
    assert sent == ["webhook"]
    late.advance(Policy().lease + timedelta(seconds=2))
    await slow._deliver(stalled)  # it wakes up and carries on with its stale claim
    assert sent == ["webhook"]
    [row] = rows(engine)
    assert (row.status, row.attempts) == ("sent", 1)


async def test_a_stalled_worker_whose_row_nobody_took_still_sends_it_once(
        sqlite_engine: Engine, settings: Settings) -> None:
    _queue(sqlite_engine, "webhook")
    sent: list[str] = []
    clock = Clock(T0)
    d = Dispatcher(session_factory(sqlite_engine), settings, {"webhook": _recorder(sent)},
                   Policy(), clock)
    [claimed] = d._claim()
    clock.advance(timedelta(minutes=5))  # past the lease, but the row is still ours
    await d._deliver(claimed)
    assert sent == ["webhook"] and rows(sqlite_engine)[0].status == "sent"


async def test_a_send_that_hangs_is_cut_off_and_retried(sqlite_engine: Engine,
                                                        settings: Settings) -> None:
    async def hang(d: Delivery) -> str | None:
        await asyncio.Event().wait()
        return None

    _queue(sqlite_engine, "webhook")
    policy = Policy(lease=timedelta(seconds=2), send_timeout=0.2)
    d = Dispatcher(session_factory(sqlite_engine), settings, {"webhook": hang}, policy, Clock(T0))
    assert await d.run_once() == 1
    [row] = rows(sqlite_engine)
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.last_error == "send timed out after 0.2 s" and row.claimed_until is None


async def test_one_slow_target_does_not_hold_up_the_others(sqlite_engine: Engine,
                                                           settings: Settings) -> None:
    release = asyncio.Event()
    done: list[str] = []

    async def slow(d: Delivery) -> str | None:
        await release.wait()
        done.append(d.target)
        return None

    async def fast(d: Delivery) -> str | None:
        done.append(d.target)
        if len(done) == 2:
            release.set()  # only once both fast ones went through does the slow one finish
        return None

    _queue(sqlite_engine, "webhook", "email", "telegram")
    d = Dispatcher(session_factory(sqlite_engine), settings,
                   {"webhook": slow, "email": fast, "telegram": fast}, Policy(), Clock(T0))
    assert await d.run_once() == 3
    assert set(done[:2]) == {"email", "telegram"} and done[2] == "webhook"


async def test_a_blocked_office_recipient_fails_visibly_and_touches_no_ledger(
        sqlite_engine: Engine, settings: Settings) -> None:
    async def blocked(d: Delivery) -> str | None:
        raise RecipientBlocked("Twilio error 21610")

    _queue(sqlite_engine, "sms:+15550100001")
    d = Dispatcher(session_factory(sqlite_engine), settings, {"sms": blocked}, Policy(), Clock(T0),
                   on_blocked=record_block)
    await d.run_once()
    [row] = rows(sqlite_engine)
    assert row.status == "failed" and "recipient blocked" in (row.last_error or "")
    with Session(sqlite_engine) as s:
        assert list(s.scalars(select(ConsentEventRow))) == []


async def test_a_target_without_a_sender_is_retried_not_dropped(
        sqlite_engine: Engine, settings: Settings) -> None:
    _queue(sqlite_engine, "webhook")
    d = Dispatcher(session_factory(sqlite_engine), settings, {}, Policy(), Clock(T0))
    await d.run_once()
    [row] = rows(sqlite_engine)
    assert row.status == "pending" and "no sender configured" in (row.last_error or "")


async def test_kick_from_another_thread_wakes_the_loop(sqlite_engine: Engine,
                                                       settings: Settings) -> None:
    sent: list[str] = []
    d = Dispatcher(session_factory(sqlite_engine), settings, {"webhook": _recorder(sent)},
                   Policy(), Clock(T0))
    stop = asyncio.Event()
    task = asyncio.create_task(d.run(stop, poll_interval=30))
    await asyncio.sleep(0.1)  # idle now, sleeping for 30 s
    _queue(sqlite_engine, "webhook")
    await asyncio.to_thread(d.kick)
    for _ in range(100):
        if sent:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await task
    assert sent == ["webhook"]


async def test_a_gate_that_breaks_counts_as_a_failed_attempt(
        sqlite_engine: Engine, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise LookupError("no time zone for this number")

    monkeypatch.setattr("bot.gatekeeper.check", broken)
    sent: list[str] = []
    _queue(sqlite_engine, "texter:sms", kind=TEXTER)
    d = Dispatcher(session_factory(sqlite_engine), settings, {"texter:sms": _recorder(sent)},
                   Policy(), Clock(T0))
    assert await d.run_once() == 1
    [row] = rows(sqlite_engine)
    assert (row.status, row.attempts, row.claimed_until) == ("pending", 1, None)
    assert "no time zone" in (row.last_error or "") and sent == []
