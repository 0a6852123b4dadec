"""Retries back off exponentially up to a cap, then the row fails for good (injected clock)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from bot.outbox.dispatcher import Delivery, Dispatcher, Policy
from bot.outbox.errors import TransientError
from bot.outbox.worker import policy_from
from bot.settings import Settings
from store import outbox
from store.db import session_factory
from store.models import OutboxItem
from store.uow import UnitOfWork
from tests.support.office_targets import Clock, rows

T0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def _queue(engine: Engine, target: str = "webhook") -> None:
    with UnitOfWork(session_factory(engine)) as uow:
        outbox.enqueue(uow.session, event_id="e-1", kind="office", target=target,
                       payload={"event": "request.created"}, now=T0)
        uow.commit()


def test_retry_later_doubles_from_base_and_stops_at_the_cap() -> None:
    item = OutboxItem(attempts=0, status="pending", next_attempt_at=T0)
    delays = []
    for _ in range(9):
        outbox.retry_later(item, "down", T0, max_attempts=10, base=timedelta(seconds=5),
                           cap=timedelta(minutes=2))
        delays.append((item.next_attempt_at - T0).total_seconds())
    assert delays == [5, 10, 20, 40, 80, 120, 120, 120, 120]
    assert item.status == "pending"
    outbox.retry_later(item, "still down", T0, max_attempts=10, base=timedelta(seconds=5),
                       cap=timedelta(minutes=2))
    assert item.status == "failed" and item.attempts == 10 and item.last_error == "still down"


async def test_the_dispatcher_waits_out_each_backoff_then_fails_the_row_for_good(
        sqlite_engine: Engine, settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    calls: list[datetime] = []
    clock = Clock(T0)

    async def down(d: Delivery) -> str | None:
        calls.append(clock())
        raise TransientError("HTTP 503")

    policy = Policy(max_attempts=6, base=timedelta(seconds=5), cap=timedelta(seconds=30))
    d = Dispatcher(session_factory(sqlite_engine), settings, {"webhook": down}, policy, clock)
    _queue(sqlite_engine)
    waits = []
    for _ in range(policy.max_attempts):
        assert await d.run_once() == 1
        [row] = rows(sqlite_engine)
        if row.status == "failed":
            break
        wait = row.next_attempt_at - clock()
        waits.append(wait.total_seconds())
        clock.advance(wait - timedelta(seconds=1))
        assert await d.run_once() == 0  # not due a second early
        clock.advance(timedelta(seconds=1))
    assert waits == [5, 10, 20, 30, 30]
    [row] = rows(sqlite_engine)
    assert (row.status, row.attempts, row.last_error) == ("failed", 6, "HTTP 503")
    assert len(calls) == 6
    assert any(r.levelno == logging.ERROR and "failed for good" in r.getMessage()
               for r in caplog.records)
    clock.advance(timedelta(days=1))
    assert await d.run_once() == 0  # failed rows are never picked up again by themselves


async def test_a_peer_retry_after_wins_over_the_backoff_within_the_cap(
        sqlite_engine: Engine, settings: Settings) -> None:
    clock = Clock(T0)

    async def busy(d: Delivery) -> str | None:
        raise TransientError("HTTP 429", retry_after=120)

    policy = Policy(base=timedelta(seconds=5), cap=timedelta(seconds=90))
    d = Dispatcher(session_factory(sqlite_engine), settings, {"webhook": busy}, policy, clock)
    _queue(sqlite_engine)
    await d.run_once()
    [row] = rows(sqlite_engine)
    assert row.next_attempt_at - T0 == timedelta(seconds=90)


def test_policy_refuses_a_send_timeout_as_long_as_the_lease() -> None:
    with pytest.raises(ValueError, match="shorter than the lease"):
        Policy(lease=timedelta(seconds=10), send_timeout=10)


def test_policy_comes_from_outbox_settings(settings: Settings) -> None:
    assert policy_from(settings) == Policy()
    knobs = {"outbox_max_attempts": 3, "outbox_backoff_base_seconds": 2,
             "outbox_backoff_cap_seconds": 60, "outbox_lease_seconds": 20}
    policy = policy_from(settings.model_copy(update=knobs))
    assert (policy.max_attempts, policy.base, policy.cap, policy.lease) == (
        3, timedelta(seconds=2), timedelta(seconds=60), timedelta(seconds=20))
    assert policy.send_timeout == 10
