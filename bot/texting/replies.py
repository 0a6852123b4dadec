"""A texter's answer to an office message: the office's thread, its timeline, a notice.

Which answers these are is the conversation's rule (`ReplyToOffice`, from
`bot.conversation.machine`); this module finds the office message a texter may be
answering and writes what the effect asks for.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot.conversation.state import ReplyToOffice
from bot.messages import InboundMessage
from bot.office_events import queue_office_event
from bot.settings import Settings
from bot.texting.view import message_json
from store import customers
from store.compliance import NOT_SENT
from store.models import Customer, MessageLog

PROACTIVE = "proactive"


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
        MessageLog.direction == "out", MessageLog.purpose == PROACTIVE, or_(*who),
        MessageLog.status.not_in(NOT_SENT), MessageLog.sent_at.is_not(None),
        MessageLog.sent_at >= now - timedelta(hours=hours), MessageLog.sent_at <= now)
    return session.scalars(query.order_by(MessageLog.id.desc()).limit(1)).first()


def record_reply(session: Session, settings: Settings, effect: ReplyToOffice,
                 msg: InboundMessage, phone: str | None, now: datetime) -> Customer | None:
    """On the lead's thread (in reply to the office's message), and `message.received`."""
    office = session.get(MessageLog, effect.office_message_id)
    customer = session.get(Customer, office.customer_id) if office and office.customer_id \
        else (customers.find_by_phone(session, phone) if phone else None)
    if office is None or customer is None:
        return None
    inbound = session.scalars(select(MessageLog).where(
        MessageLog.channel == msg.channel, MessageLog.sender_key == msg.sender_key,
        MessageLog.direction == "in").order_by(MessageLog.id.desc()).limit(1)).first()
    if inbound is not None:
        inbound.customer_id, inbound.in_reply_to = customer.id, office.id
        session.flush()
    customers.add_activity(session, customer.id, "message_received",
                           f"Answered the office's text: {effect.words[:300]}", now,
                           {"message_id": inbound.id if inbound else None,
                            "in_reply_to": office.id, "channel": msg.channel})
    queue_office_event(session, settings, event="message.received", customer=customer,
                       request=None, returning=True, channel=msg.channel, now=now, extra={
                           "message": message_json(inbound) if inbound else None,
                           "in_reply_to": message_json(office)})
    return customer
