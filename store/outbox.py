"""Outbox rows: written in the sender's transaction, claimed and completed by a dispatcher."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, and_, case, exists, or_, select, update
from sqlalchemy.orm import Session, aliased

from store.models import OutboxItem, OutboxWorker
from store.upsert import insert_ignore


def enqueue(session: Session, *, event_id: str, kind: str, target: str,
            payload: dict[str, Any], now: datetime, ordering_key: str | None = None,
            not_before: datetime | None = None, suppressed: str | None = None) -> None:
    """Add one side effect; the same (event_id, target) is only ever queued once.

    Rows sharing an `ordering_key` are sent in id order: a later one waits while an
    earlier one is still pending (retrying or held). `not_before` delays the first try;
    `suppressed` (a reason) records a row the gate already refused, so that it is counted.
    """
    values = {"event_id": event_id, "kind": kind, "target": target, "payload": payload,
              "status": "suppressed" if suppressed else "pending", "attempts": 0,
              "next_attempt_at": max(now, not_before or now), "created_at": now,
              "ordering_key": ordering_key, "last_error": suppressed}
    session.execute(insert_ignore(session, OutboxItem.__table__, values, ["event_id", "target"]))


def pending(session: Session, *, event_id: str | None = None) -> list[OutboxItem]:
    """Rows not yet done, oldest first (optionally of one event)."""
    query = select(OutboxItem).where(OutboxItem.status == "pending")
    if event_id:
        query = query.where(OutboxItem.event_id == event_id)
    return list(session.scalars(query.order_by(OutboxItem.id)))


PRIORITY_KIND = "texter"  # replies to texters are claimed before office notifications


def lane(item: OutboxItem) -> str:
    """Rows of one lane go one at a time and in order; lanes go side by side.

    A lane is the row's ordering key (one texter's replies), else, for a text to a texter,
    its recipient, else its target (one office chat, one webhook, one office phone).
    """
    if item.ordering_key:
        return item.ordering_key
    if item.kind == PRIORITY_KIND:
        recipient = item.payload.get("phone") or item.payload.get("chat_id")
        return f"{item.target}:{recipient}"
    return item.target


def claim(session: Session, *, now: datetime, lease: timedelta, limit: int,
          worker: str | None = None, busy: Collection[str] = ()) -> list[OutboxItem]:
    """Take up to `limit` due rows, at most one per lane and none of a `busy` lane.

    Texter rows come first. A row is free when unclaimed, when its lease ran out, or when
    the worker that claimed it is gone (no longer in outbox_workers; see store.workers).
    Other workers skip rows being claimed (SKIP LOCKED on PostgreSQL). The caller commits
    right away: the lease, not the transaction, marks the rows as taken.
    """
    earlier = aliased(OutboxItem)
    waits_its_turn = exists().where(earlier.ordering_key == OutboxItem.ordering_key,
                                    earlier.status == "pending", earlier.id < OutboxItem.id)
    owner_gone = and_(OutboxItem.claimed_by.is_not(None),
                      ~exists().where(OutboxWorker.id == OutboxItem.claimed_by))
    query = (select(OutboxItem)
             .where(OutboxItem.status == "pending", OutboxItem.next_attempt_at <= now,
                    or_(OutboxItem.claimed_until.is_(None), OutboxItem.claimed_until < now,
                        owner_gone),
                    or_(OutboxItem.ordering_key.is_(None), ~waits_its_turn))
             .order_by(case((OutboxItem.kind == PRIORITY_KIND, 0), else_=1),
                       OutboxItem.next_attempt_at, OutboxItem.id)
             .limit(limit * 3))  # room for rows skipped below (a lane's second row)
    if busy:  # an office target being sent to: its next row waits for this worker's turn
        query = query.where(or_(OutboxItem.ordering_key.is_not(None),
                                OutboxItem.target.not_in(list(busy))))
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=OutboxItem)
    taken: dict[str, OutboxItem] = {}
    for item in session.scalars(query):
        key = lane(item)
        if key not in busy and key not in taken and len(taken) < limit:
            taken[key] = item
    for item in taken.values():
        item.claimed_until, item.claimed_by = now + lease, worker
    return list(taken.values())


def renew(session: Session, item_id: int, held_until: datetime, *, now: datetime,
          lease: timedelta, worker: str | None = None) -> datetime | None:
    """Extend our lease right before sending; None when the row is no longer ours.

    `claimed_until` (with `claimed_by`) is a fencing token: a second worker can only claim
    a row after the lease ran out or its worker was found gone, and then writes its own,
    so the compare-and-set below fails for the first worker, which must not send.
    """
    until = now + lease
    result = session.execute(
        update(OutboxItem)
        .where(OutboxItem.id == item_id, OutboxItem.status == "pending",
               OutboxItem.claimed_until == held_until,
               OutboxItem.claimed_by.is_(None) if worker is None
               else OutboxItem.claimed_by == worker)
        .values(claimed_until=until)
        .execution_options(synchronize_session=False))
    assert isinstance(result, CursorResult)
    return until if result.rowcount == 1 else None


def get(session: Session, item_id: int) -> OutboxItem | None:
    """One row by id."""
    return session.get(OutboxItem, item_id)


def mark_sent(item: OutboxItem, now: datetime) -> None:
    """Done: never picked up again."""
    item.status, item.sent_at, item.claimed_until = "sent", now, None
    item.claimed_by = None
    item.attempts += 1


def mark_suppressed(item: OutboxItem, reason: str) -> None:
    """The consent gate refused it at send time: kept, visible, never sent."""
    item.status, item.last_error, item.claimed_until = "suppressed", reason, None
    item.claimed_by = None


def hold(item: OutboxItem, until: datetime, reason: str) -> None:
    """Not now (quiet hours): back in the queue for later, without counting an attempt."""
    item.next_attempt_at, item.claimed_until, item.last_error = until, None, reason
    item.claimed_by = None


def retry_later(item: OutboxItem, error: str, now: datetime, *, max_attempts: int,
                base: timedelta, cap: timedelta) -> None:
    """A failed attempt: exponential backoff with a cap; past `max_attempts`, failed for good."""
    item.attempts += 1
    item.last_error, item.claimed_until, item.claimed_by = error[:2000], None, None
    if item.attempts >= max_attempts:
        item.status = "failed"
        return
    item.next_attempt_at = now + min(cap, base * (2 ** (item.attempts - 1)))


def requeue(item: OutboxItem, now: datetime) -> None:
    """An operator's retry of a failed row: due now, with a fresh count of attempts."""
    item.status, item.next_attempt_at, item.claimed_until = "pending", now, None
    item.claimed_by = None
    item.attempts = 0  # keeps last_error: the reason it failed stays visible until it succeeds


def by_status(session: Session, status: str, limit: int = 100) -> list[OutboxItem]:
    """Rows in one status, newest first (for the API and operators)."""
    query = select(OutboxItem).where(OutboxItem.status == status)
    return list(session.scalars(query.order_by(OutboxItem.id.desc()).limit(limit)))
