"""A texter's answer to an office message: the office's thread, its timeline, a notice.

Which answers these are is the conversation's rule (`ReplyToOffice`, from
`bot.conversation.machine`; the office message a texter may be answering comes from
`store.messages.office_message_within` through the pipeline's snapshot); this module
writes what the effect asks for.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.conversation.state import ReplyToOffice
from bot.messages import InboundMessage
from bot.office_events import queue_office_event
from bot.settings import Settings
from bot.texting.view import message_json
from store import customers
from store.models import Customer, MessageLog


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
