"""The message log: inbound idempotency by provider id, outbound records, replay replies."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from consent.gate import Purpose
from store.compliance import NOT_SENT
from store.models import Customer, MessageLog
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


def of_customer(c: Customer) -> ColumnElement[bool]:
    """Messages to or from this customer: linked to it, to its phone, or to its chat."""
    conditions: list[ColumnElement[bool]] = [MessageLog.customer_id == c.id]
    if c.phone:
        conditions.append(MessageLog.phone == c.phone)
    if c.telegram_chat_id is not None:
        conditions.append(and_(MessageLog.channel == "telegram",
                               MessageLog.sender_key == str(c.telegram_chat_id)))
    return or_(*conditions)


def thread(session: Session, c: Customer, limit: int = 1000) -> list[MessageLog]:
    """Every message both ways on every channel, oldest first (the latest `limit`)."""
    query = select(MessageLog).where(of_customer(c)).order_by(MessageLog.id.desc())
    return list(reversed(session.scalars(query.limit(limit)).all()))


def latest_inbound(session: Session, c: Customer) -> MessageLog | None:
    """The customer's most recent inbound message, on any channel."""
    query = select(MessageLog).where(of_customer(c), MessageLog.direction == "in")
    return session.scalars(query.order_by(MessageLog.id.desc()).limit(1)).first()


def update_row(session: Session, message_id: int, status: str, *, now: datetime,
               reason: str | None = None, not_before: datetime | None = None,
               provider_id: str | None = None) -> MessageLog | None:
    """The dispatcher's verdict on an office message: held, refused, sent or failed."""
    row = session.get(MessageLog, message_id)
    if row is None:
        return None
    row.status, row.reason, row.not_before = status, reason, not_before
    if status == "sent":
        row.sent_at, row.provider_id = now, provider_id
    return row


def link_sender(session: Session, customer_id: int, channel: str, sender_key: str) -> None:
    """This sender's messages that no record owned yet (a web chat before its phone was
    known, rows written before the lead existed) now belong to this customer."""
    session.execute(update(MessageLog).where(
        MessageLog.customer_id.is_(None), MessageLog.channel == channel,
        MessageLog.sender_key == sender_key).values(customer_id=customer_id)
        .execution_options(synchronize_session=False))


def office_message_within(session: Session, *, phone: str | None, chat_id: int | None,
                          now: datetime, hours: float) -> int | None:
    """The latest office message that went out to this texter in the last `hours`."""
    who = []
    if phone:
        who.append(MessageLog.phone == phone)
    if chat_id is not None:
        who.append(and_(MessageLog.channel == "telegram", MessageLog.sender_key == str(chat_id)))
    if not who:
        return None
    query = select(MessageLog.id).where(
        MessageLog.direction == "out", MessageLog.purpose == Purpose.PROACTIVE.value, or_(*who),
        MessageLog.status.not_in(NOT_SENT), MessageLog.sent_at.is_not(None),
        MessageLog.sent_at >= now - timedelta(hours=hours), MessageLog.sent_at <= now)
    return session.scalars(query.order_by(MessageLog.id.desc()).limit(1)).first()
