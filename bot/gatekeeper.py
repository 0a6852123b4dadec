"""The consent gate applied to real recipients: gathers what the gate needs from the store."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from consent.gate import Decision, Purpose, Recipient, decide
from consent.ledger import OPT_OUT_KINDS, consent_status
from store import ledger, messages

log = logging.getLogger(__name__)


def recipient(session: Session, *, channel: str, phone: str | None, chat_id: int | None,
              now: datetime) -> Recipient:
    """The recipient as the gate sees them at this moment."""
    events = ledger.events_for(session, phone=phone, chat_id=chat_id)
    status = consent_status(events, channel)
    confirmations = 0
    opt_outs = [e for e in events if e.kind in OPT_OUT_KINDS]
    if status == "opted_out" and opt_outs:
        since = opt_outs[-1].recorded_at
        key = phone or (str(chat_id) if chat_id is not None else None)
        confirmations = messages.count_outbound(
            session, purpose=Purpose.OPT_OUT_CONFIRMATION.value, since=since,
            phone=phone, sender_key=None if phone else key)
    proactive = 0
    if phone:
        proactive = messages.count_outbound(session, purpose=Purpose.PROACTIVE.value,
                                            since=now - timedelta(hours=24), phone=phone)
    return Recipient(status=status, opt_out_confirmations_sent=confirmations,
                     proactive_sent_24h=proactive, phone=phone)


def check(session: Session, *, purpose: Purpose, channel: str, phone: str | None,
          chat_id: int | None, now: datetime, business_tz: str) -> Decision:
    """May this message go out now? Every outbound path calls this at the moment of sending."""
    who = recipient(session, channel=channel, phone=phone, chat_id=chat_id, now=now)
    decision = decide(purpose, who, now, business_tz)
    if not decision.allowed:
        log.info("gate %s: %s (%s, purpose=%s)", decision.action, decision.reason, channel,
                 purpose.value)
    return decision
