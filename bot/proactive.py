"""Office-triggered messages to a texter (updates, reminders): queued, gated when sent."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from bot.outbox.dispatcher import TEXTER
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
