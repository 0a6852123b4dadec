"""Two workers on one database at once: every target gets every event exactly once."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import Counter
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from bot.outbox.dispatcher import Delivery, Dispatcher, Policy, Sender
from bot.settings import Settings
from store.db import make_engine
from tests.support.office_targets import (
    Clock,
    OfficeTargets,
    dispatcher,
    new_request_event,
    once_each,
    rows,
)
from tests.support.worker_process import database_url

EVENTS = 12
DEADLINE = 90.0  # seconds for one worker's whole share
log = logging.getLogger(__name__)


def _recording(d: Dispatcher, seen: list[int]) -> None:
    """Note which row ids this worker actually sent (around the real senders)."""
    def wrap(sender: Sender) -> Sender:
        async def send(delivery: Delivery) -> str | None:
            result = await sender(delivery)
            seen.append(delivery.id)
            return result
        return send
    d.senders = {k: wrap(s) for k, s in d.senders.items()}


def _work(d: Dispatcher, engine: Engine, start: threading.Barrier, clock: Clock) -> None:
    """Work until nothing is pending, as the service does: a failed pass (the database
    busy, say) is logged and the next one tries again. A row put off for a retry is
    reached by moving the shared clock to it, but only while no row is under a lease (so
    no worker's claim or heartbeat is aged by the jump). Gives up after `DEADLINE` s."""
    async def loop() -> None:
        start.wait()
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            try:
                if await d.run_once():
                    continue
            except OperationalError:
                log.warning("a dispatcher pass failed; trying again", exc_info=True)
                continue
            pending = [r for r in rows(engine) if r.status == "pending"]
            if not pending:
                return
            now = clock()
            if not any(r.claimed_until is not None and r.claimed_until > now for r in pending):
                clock.advance(max(min(r.next_attempt_at for r in pending) - now, timedelta(0)))
            await asyncio.sleep(0.01)
    asyncio.run(loop())


def _race(engine: Engine, wired: Settings) -> tuple[list[int], list[int]]:
    url = database_url(engine)
    engines = [make_engine(url), make_engine(url)]  # each worker has its own pool
    seen: tuple[list[int], list[int]] = ([], [])
    workers = []
    clock = Clock()  # one clock: a worker's heartbeat never looks stale to the other
    for own, sent in zip(engines, seen, strict=True):
        d = dispatcher(own, wired, clock, Policy(batch=3))  # small batches interleave more
        _recording(d, sent)
        workers.append(d)
    start = threading.Barrier(2)
    # Daemon threads: a worker that never finishes fails this test, not the whole run's exit.
    threads = [threading.Thread(target=_work, args=(d, engine, start, clock), daemon=True)
               for d in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=DEADLINE + 30)
    for own in engines:
        own.dispose()
    assert not any(t.is_alive() for t in threads)
    return seen


def _check(engine: Engine, office: OfficeTargets, events: list[tuple[str, str]],
           seen: tuple[list[int], list[int]]) -> None:
    first, second = seen
    assert first and second, "both workers should have done some of the work"
    assert not set(first) & set(second), "a row was sent by both workers"
    sent = Counter(first + second)
    assert sorted(sent) == [r.id for r in rows(engine)] and set(sent.values()) == {1}
    assert {r.status for r in rows(engine)} == {"sent"}
    for event_id, name in events:
        assert office.counts(event_id, name) == once_each()


def test_two_workers_on_postgresql_send_each_notification_once(
        pg_engine: Engine, settings: Settings, office: OfficeTargets) -> None:
    wired = office.configure(settings)
    events = [new_request_event(pg_engine, wired, service=f"job {n}") for n in range(EVENTS)]
    _check(pg_engine, office, events, _race(pg_engine, wired))


def test_two_workers_on_sqlite_send_each_notification_once(
        sqlite_engine: Engine, settings: Settings, office: OfficeTargets) -> None:
    wired = office.configure(settings)
    events = [new_request_event(sqlite_engine, wired, service=f"job {n}") for n in range(5)]
    _check(sqlite_engine, office, events, _race(sqlite_engine, wired))
