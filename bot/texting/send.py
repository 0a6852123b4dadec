"""An office message: its row is written at once, its outbox row carries the row's id.

The gate is asked now only to tell the staff member at once what it would refuse (opted
out, no express opt-in, a channel that cannot take it); whatever it says now, the
dispatcher asks it again at the moment of sending, and that answer is the one that counts.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot import gatekeeper
from bot.outbox.contract import TEXTER
from bot.settings import Settings
from bot.texting.channel import Route, route
from consent.gate import Purpose
from store import customers, outbox
from store.models import Customer, MessageLog

PROACTIVE = Purpose.PROACTIVE.value


def queue_office_message(session: Session, settings: Settings, c: Customer, text: str, *,
                         now: datetime, staff: str | None, send_at: datetime | None = None,
                         channel: str | None = None, kind: str = "office",
                         request_id: int | None = None,
                         extra: dict[str, Any] | None = None) -> MessageLog:
    """Queue one proactive text to the lead (or record it refused, with the reason)."""
    to = route(session, c, channel)
    refusal = to.refusal or _refused_now(session, settings, to, send_at or now)
    row = MessageLog(channel=to.channel, direction="out", sender_key=to.sender_key,
                     phone=to.phone, customer_id=c.id, text=text, purpose=PROACTIVE,
                     status="refused" if refusal else "queued", reason=refusal,
                     not_before=send_at if send_at and send_at > now else None,
                     request_id=request_id, created_at=now)
    session.add(row)
    session.flush()
    outbox.enqueue(session, event_id=f"office-{row.id}-{uuid.uuid4().hex[:8]}", kind=TEXTER,
                   target=f"texter:{to.channel}", now=now, not_before=send_at,
                   suppressed=refusal, payload={
                       "channel": to.channel, "phone": to.phone, "chat_id": to.chat_id,
                       "sender_key": to.sender_key, "text": text, "purpose": PROACTIVE,
                       "message_id": row.id, "kind": kind, "request_id": request_id,
                       **(extra or {})})
    words = "refused: " + refusal if refusal else "queued"
    customers.add_activity(session, c.id, "message_out",
                           f"Text to the customer ({kind}, {words}): {text[:200]}", now,
                           {"message_id": row.id, "channel": to.channel, "kind": kind},
                           staff)
    return row


def _refused_now(session: Session, settings: Settings, to: Route, at: datetime) -> str | None:
    """What the gate refuses outright for this recipient (a hold is no refusal)."""
    decision = gatekeeper.check(session, purpose=Purpose.PROACTIVE,
                                channel="telegram" if to.channel == "telegram" else "sms",
                                phone=to.phone, chat_id=to.chat_id, now=at,
                                business_tz=settings.business_timezone)
    return decision.reason if decision.action == "deny" else None
