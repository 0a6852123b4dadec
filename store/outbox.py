"""Outbox rows: written in the sender's transaction, claimed and completed by a dispatcher."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import OutboxItem
from store.upsert import insert_ignore


def enqueue(session: Session, *, event_id: str, kind: str, target: str,
            payload: dict[str, Any], now: datetime) -> None:
    """Add one side effect; the same (event_id, target) is only ever queued once."""
    values = {"event_id": event_id, "kind": kind, "target": target, "payload": payload,
              "status": "pending", "attempts": 0, "next_attempt_at": now, "created_at": now}
    session.execute(insert_ignore(session, OutboxItem.__table__, values, ["event_id", "target"]))


def pending(session: Session, *, event_id: str | None = None) -> list[OutboxItem]:
    """Rows not yet done, oldest first (optionally of one event)."""
    query = select(OutboxItem).where(OutboxItem.status == "pending")
    if event_id:
        query = query.where(OutboxItem.event_id == event_id)
    return list(session.scalars(query.order_by(OutboxItem.id)))
