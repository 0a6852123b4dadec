"""The message log: inbound idempotency by provider id, outbound records, replay replies."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from store.models import MessageLog
from store.upsert import insert_ignore_stmt


def claim_inbound(session: Session, *, channel: str, sender_key: str, phone: str | None,
                  text: str, provider_id: str, now: datetime) -> MessageLog | None:
    """Record an inbound message; None when this provider id was already recorded."""
    values = {"channel": channel, "sender_key": sender_key, "phone": phone, "text": text,
              "provider_id": provider_id, "created_at": now}
    # One statement: the row comes back from the INSERT (RETURNING), not from a SELECT.
    return session.scalars(_claim(session.get_bind().dialect.name), values).first()


@functools.cache
def _claim(dialect: str) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING the row, built once per dialect."""
    columns = ("channel", "sender_key", "phone", "text", "provider_id", "created_at")
    return insert_ignore_stmt(dialect, MessageLog, {"direction": "in", **{
        c: bindparam(c, type_=MessageLog.__table__.c[c].type) for c in columns}},
        ["channel", "direction", "provider_id"])


def inbound(session: Session, channel: str, provider_id: str) -> MessageLog | None:
    """The inbound message with this provider id."""
    query = select(MessageLog).where(MessageLog.channel == channel, MessageLog.direction == "in",
                                     MessageLog.provider_id == provider_id)
    return session.scalars(query).one_or_none()


def log_outbound(session: Session, *, channel: str, sender_key: str, phone: str | None,
                 text: str, purpose: str, now: datetime, in_reply_to: int | None = None,
                 customer_id: int | None = None, status: str = "sent",
                 provider_id: str | None = None) -> MessageLog:
    """Record a message that was sent (or handed to the provider)."""
    row = MessageLog(channel=channel, direction="out", sender_key=sender_key, phone=phone,
                     text=text, purpose=purpose, in_reply_to=in_reply_to, status=status,
                     customer_id=customer_id, provider_id=provider_id, created_at=now)
    session.add(row)
    session.flush()
    return row


def count_outbound(session: Session, *, purpose: str, since: datetime,
                   phone: str | None = None, sender_key: str | None = None) -> int:
    """Outbound messages of a purpose to a phone (any channel) or a sender since a moment."""
    query = select(func.count(MessageLog.id)).where(
        MessageLog.direction == "out", MessageLog.purpose == purpose,
        MessageLog.created_at >= since)
    if phone:
        query = query.where(MessageLog.phone == phone)
    elif sender_key:
        query = query.where(MessageLog.sender_key == sender_key)
    return session.scalar(query) or 0


def set_status(session: Session, channel: str, provider_id: str, status: str,
               error_code: str | None) -> MessageLog | None:
    """Update an outbound message's delivery status from a provider callback."""
    query = select(MessageLog).where(MessageLog.channel == channel, MessageLog.direction == "out",
                                     MessageLog.provider_id == provider_id)
    row = session.scalars(query).first()
    if row is not None:
        row.status, row.error_code = status, error_code
    return row
