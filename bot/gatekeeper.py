"""The consent gate applied to real recipients: gathers what the gate needs from the store."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from consent.gate import DAY, Decision, Purpose, Recipient, decide
from consent.ledger import OPT_OUT_KINDS, ConsentEvent, consent_status
from store import compliance, ledger, messages

log = logging.getLogger(__name__)


def recipient(session: Session, *, channel: str, phone: str | None, chat_id: int | None,
              now: datetime, session_key: str | None = None, purpose: Purpose | None = None,
              events: list[ConsentEvent] | None = None) -> Recipient:
    """The recipient as the gate sees them at this moment (`session_key`: a web chat's).

    `events`: the recipient's consent events when the caller has just read them. With a
    `purpose`, only the counts that purpose's decision reads are queried.
    """
    if events is None:
        events = ledger.events_for(session, phone=phone, chat_id=chat_id,
                                   session_key=session_key)
    status = consent_status(events, channel)
    confirmations = 0
    opt_outs = [e for e in events if e.kind in OPT_OUT_KINDS]
    if status == "opted_out" and opt_outs and purpose in (None, Purpose.OPT_OUT_CONFIRMATION):
        since = opt_outs[-1].recorded_at
        key = phone or session_key or (str(chat_id) if chat_id is not None else None)
        confirmations = messages.count_outbound(
            session, purpose=Purpose.OPT_OUT_CONFIRMATION.value, since=since,
            phone=phone, sender_key=None if phone else key)
    sent: tuple[datetime, ...] = ()
    if phone and (purpose is None or (purpose is Purpose.PROACTIVE and status == "opted_in")):
        sent = compliance.proactive_times(session, phone, now - DAY)
    return Recipient(status=status, opt_out_confirmations_sent=confirmations,
                     proactive_24h=sent, phone=phone)


def check(session: Session, *, purpose: Purpose, channel: str, phone: str | None,
          chat_id: int | None, now: datetime, business_tz: str,
          session_key: str | None = None,
          events: list[ConsentEvent] | None = None) -> Decision:
    """May this message go out now? Every outbound path calls this at the moment of sending."""
    who = recipient(session, channel=channel, phone=phone, chat_id=chat_id, now=now,
                    session_key=session_key, purpose=purpose, events=events)
    decision = decide(purpose, who, now, business_tz)
    if not decision.allowed:
        log.info("gate %s: %s (%s, purpose=%s)", decision.action, decision.reason, channel,
                 purpose.value)
    return decision
