"""Reads for the gate's daily count and the compliance report: messages beside the ledger."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, tuple_
from sqlalchemy.orm import Session

from consent.gate import HELD
from consent.ledger import TEST_CHANNELS
from consent.report import Sent
from store.models import MessageLog, OutboxItem

TEXTER = "texter"  # the outbox kind of messages to texters (bot.outbox.dispatcher.TEXTER)
# An office message's row is written when it is queued: until it goes out it is no
# message sent, and it went out at `sent_at` (a conversation reply: at `created_at`).
NOT_SENT = ("queued", "held", "refused")


def _sent_at() -> ColumnElement[datetime]:
    return func.coalesce(MessageLog.sent_at, MessageLog.created_at)


def _went_out() -> ColumnElement[bool]:
    return or_(MessageLog.status.is_(None), MessageLog.status.not_in(NOT_SENT))


def proactive_times(session: Session, phone: str, since: datetime) -> tuple[datetime, ...]:
    """When each proactive message to `phone` (any channel) went out after `since`."""
    query = select(_sent_at()).where(
        MessageLog.direction == "out", MessageLog.purpose == "proactive", _went_out(),
        MessageLog.phone == phone, _sent_at() > since).order_by(_sent_at())
    return tuple(session.scalars(query))


def _recipient(phone: str | None, chat_sender: str | None) -> list[ColumnElement[bool]]:
    """Messages to this phone, or to this Telegram chat (its sender key is the chat id)."""
    conditions: list[ColumnElement[bool]] = []
    if phone:
        conditions.append(MessageLog.phone == phone)
    if chat_sender:
        conditions.append(and_(MessageLog.channel == "telegram",
                               MessageLog.sender_key == chat_sender))
    return conditions


def _outbound() -> ColumnElement[bool]:
    return and_(MessageLog.direction == "out", MessageLog.channel.not_in(TEST_CHANNELS),
                _went_out())


SENT_COLUMNS = (MessageLog.id, MessageLog.channel, MessageLog.purpose,
                _sent_at().label("created_at"), MessageLog.phone, MessageLog.sender_key)


def outbound(session: Session, since: datetime | None, until: datetime,
             batch: int = 2000) -> Iterator[Sent]:
    """Every outbound message to a texter in [since, until), oldest first (not web chat).

    Plain rows in keyset batches, each batch fetched whole: the caller may end the
    transaction between batches (see bot.consent_tools.released).
    """
    query = select(*SENT_COLUMNS).where(_outbound(), _sent_at() < until)
    if since is not None:
        query = query.where(_sent_at() >= since)
    last: tuple[datetime, int] | None = None
    while True:
        page = query if last is None else query.where(
            tuple_(_sent_at(), MessageLog.id) > tuple_(*last))
        rows = session.execute(page.order_by(_sent_at(), MessageLog.id)
                               .limit(batch)).all()
        if not rows:
            return
        for m in rows:
            # A Telegram message's sender key is its chat id: the chat it binds.
            chat = m.sender_key if m.channel == "telegram" else ""
            yield Sent(m.id, m.channel, m.purpose or "", m.created_at, m.phone,
                       int(chat) if chat.lstrip("-").isdigit() else None)
        last = (rows[-1].created_at, rows[-1].id)


def neighbour(session: Session, *, phone: str | None, chat_sender: str | None, at: datetime,
              before: bool, exclude: tuple[int, ...] = ()) -> MessageLog | None:
    """The outbound message to this recipient just before `at`, or the first at/after it."""
    conditions = _recipient(phone, chat_sender)
    if not conditions:
        return None
    query = select(MessageLog).where(_outbound(), or_(*conditions))
    if exclude:
        query = query.where(MessageLog.id.not_in(exclude))
    if before:
        query = query.where(_sent_at() < at).order_by(_sent_at().desc(), MessageLog.id.desc())
    else:
        query = query.where(_sent_at() >= at).order_by(_sent_at(), MessageLog.id)
    return session.scalars(query.limit(1)).first()


def held_and_refused(session: Session, since: datetime | None,
                     until: datetime) -> tuple[int, int]:
    """Texter messages queued in the period that the gate held at least once, and refused.

    A hold leaves its reason ("held: ...") on the row until another error replaces it; a
    refusal marks the row `suppressed`.
    """
    base = select(func.count(OutboxItem.id)).where(OutboxItem.kind == TEXTER,
                                                   OutboxItem.created_at < until)
    if since is not None:
        base = base.where(OutboxItem.created_at >= since)
    held = session.scalar(base.where(OutboxItem.last_error.like(HELD + "%"))) or 0
    refused = session.scalar(base.where(OutboxItem.status == "suppressed")) or 0
    return held, refused
