"""Outbox workers' heartbeats: who is alive, and who is gone (so its claims are free)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from store.models import OutboxItem, OutboxWorker
from store.upsert import insert_ignore


def beat(session: Session, worker_id: str, *, host: str, pid: int, now: datetime) -> None:
    """Say that this worker is alive now (registering it the first time)."""
    values = {"id": worker_id, "host": host, "pid": pid, "started_at": now, "heartbeat_at": now}
    inserted = session.execute(insert_ignore(session, OutboxWorker.__table__, values, ["id"]))
    if inserted.first() is None:
        session.execute(update(OutboxWorker).where(OutboxWorker.id == worker_id)
                        .values(heartbeat_at=now).execution_options(synchronize_session=False))


def reap(session: Session, *, now: datetime, dead_after: timedelta, host: str,
         alive: Callable[[int], bool]) -> list[str]:
    """Forget the workers that are gone; their claimed rows become free at once.

    Gone means: no heartbeat for `dead_after`, or on this host a pid that no longer runs.
    """
    gone = []
    for worker in session.scalars(select(OutboxWorker)):
        if worker.heartbeat_at < now - dead_after or (worker.host == host
                                                      and not alive(worker.pid)):
            gone.append(worker.id)
    if gone:
        session.execute(delete(OutboxWorker).where(OutboxWorker.id.in_(gone))
                        .execution_options(synchronize_session=False))
    return gone


def leave(session: Session, worker_id: str) -> None:
    """A clean stop: unregister, and hand back the rows still claimed."""
    session.execute(update(OutboxItem)
                    .where(OutboxItem.claimed_by == worker_id, OutboxItem.status == "pending")
                    .values(claimed_until=None, claimed_by=None)
                    .execution_options(synchronize_session=False))
    session.execute(delete(OutboxWorker).where(OutboxWorker.id == worker_id))
