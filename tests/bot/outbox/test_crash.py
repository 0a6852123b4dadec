"""A worker SIGKILLed mid-delivery: nothing is lost; what can repeat carries the same key.

A worker that is gone gives its rows back long before its 60 s lease: at once when its pid
no longer runs on this host, after `Policy.dead_after` without a heartbeat otherwise.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from bot.outbox.dispatcher import Policy
from bot.settings import Settings
from tests.support.office_targets import (
    CHAT_ID,
    Clock,
    OfficeTargets,
    dispatcher,
    new_request_event,
    once_each,
    rows,
    run,
)
from tests.support.worker_process import WorkerProcess

LEASE = Policy().lease
DEAD_AFTER = Policy().dead_after


def _past_the_lease() -> Clock:
    """A fresh worker's clock, after the dead worker's lease ran out."""
    clock = Clock()
    clock.advance(LEASE + timedelta(seconds=1))
    return clock


def test_killed_after_claiming_before_sending_each_target_gets_it_exactly_once(
        engine: Engine, settings: Settings, office: OfficeTargets, tmp_path: Path) -> None:
    wired = office.configure(settings)
    event_id, name = new_request_event(engine, wired)
    targets = len(rows(engine, event_id))

    worker = WorkerProcess("before_send", wired, engine, tmp_path)
    frozen = worker.wait_for(targets)
    assert run(dispatcher(engine, wired, Clock())) == 0  # alive and beating: its rows
    worker.kill()

    assert sorted(frozen) == [r.id for r in rows(engine, event_id)]
    assert all(r.status == "pending" and r.claimed_until is not None and r.attempts == 0
               for r in rows(engine, event_id))
    assert office.counts(event_id, name) == dict.fromkeys(once_each(), 0)

    # Its lease has most of a minute to run, but its pid is gone: the rows are free now.
    assert run(dispatcher(engine, wired, Clock())) == targets
    assert office.counts(event_id, name) == once_each()
    assert {r.status for r in rows(engine, event_id)} == {"sent"}
    assert run(dispatcher(engine, wired, _past_the_lease())) == 0
    assert office.counts(event_id, name) == once_each()


def test_killed_after_sending_before_marking_the_repeat_carries_the_same_key(
        engine: Engine, settings: Settings, office: OfficeTargets, tmp_path: Path) -> None:
    wired = office.configure(settings)
    event_id, name = new_request_event(engine, wired)
    targets = len(rows(engine, event_id))

    worker = WorkerProcess("after_send", wired, engine, tmp_path)
    worker.wait_for(targets)
    worker.kill()
    assert office.counts(event_id, name) == once_each()
    assert {r.status for r in rows(engine, event_id)} == {"pending"}  # never marked

    run(dispatcher(engine, wired, _past_the_lease()))

    # In this window every target sees the notification twice: none of them can tell us
    # it already has it. What each repeat carries lets the receiving side drop it.
    assert office.counts(event_id, name) == dict.fromkeys(once_each(), 2)
    first, second = office.webhook.received
    assert first.event_id == second.event_id == event_id
    assert first.body == second.body and first.signature == second.signature
    assert first.signature_ok and second.signature_ok
    assert list(office.webhook.dedup()) == [event_id]  # dedup by X-Intake-Event-Id: one
    mails = office.smtp.received()
    assert len({m.message["Message-ID"] for m in mails}) == 1
    assert len({m.text for m in mails}) == 1
    assert len(set(office.bot_api.sent_to(CHAT_ID))) == 1
    assert {r.status for r in rows(engine, event_id)} == {"sent"}


def test_a_worker_that_hangs_keeps_its_rows_until_its_heartbeat_is_stale(
        sqlite_engine: Engine, settings: Settings, office: OfficeTargets,
        tmp_path: Path) -> None:
    wired = office.configure(settings)
    event_id, name = new_request_event(sqlite_engine, wired)
    targets = len(rows(sqlite_engine, event_id))
    worker = WorkerProcess("hang", wired, sqlite_engine, tmp_path)
    try:
        worker.wait_for(1)  # its loop is blocked on a row: the pid runs, no heartbeat
        assert all(r.claimed_until is not None for r in rows(sqlite_engine, event_id))
        assert run(dispatcher(sqlite_engine, wired, Clock())) == 0  # not judged gone yet
        clock = Clock()
        clock.advance(DEAD_AFTER + timedelta(seconds=1))
        assert clock.now - rows(sqlite_engine, event_id)[0].created_at < LEASE  # lease holds
        assert run(dispatcher(sqlite_engine, wired, clock)) == targets
        assert office.counts(event_id, name) == once_each()
        assert {r.status for r in rows(sqlite_engine, event_id)} == {"sent"}
    finally:
        worker.kill()
