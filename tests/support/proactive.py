"""A bare proactive text on the outbox, by phone alone, for tests of the send-time gate.

Office texting (bot/texting/send.py) is the one place the app queues proactive texts; this
writes the same outbox row without the lead and message row, so the dispatcher's own
consent and quiet-hours check can be tested on its own."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from bot.outbox.contract import TEXTER
from consent.gate import Purpose
from store import outbox


def queue_proactive(session: Session, phone: str, text: str, now: datetime,
                    channel: str = "sms") -> str:
    """Queue one proactive text in the caller's transaction; returns its event id.

    Nothing is checked here on purpose: consent and quiet hours are decided by the gate at
    the moment the dispatcher sends it (a STOP that arrives meanwhile still wins).
    """
    event_id = f"proactive-{uuid.uuid4().hex}"
    outbox.enqueue(session, event_id=event_id, kind=TEXTER, target=f"texter:{channel}",
                   now=now, payload={"channel": channel, "phone": phone, "sender_key": phone,
                                     "text": text, "purpose": Purpose.PROACTIVE.value})
    return event_id
