"""What the dispatcher's outcome does to an office message's row (the one its payload names).

Rows queued before this existed (no `message_id`) keep the old way: a row logged when sent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from consent.gate import Decision
from store import messages
from store.models import MessageLog, ServiceRequest

# The automatic texts about a visit, and the request state each still needs at sending.
NEEDS = {"confirmation": "scheduled", "reminder": "scheduled", "follow_up": "done"}


def office_row(payload: dict[str, Any]) -> int | None:
    """The message row an outbox payload carries, if any."""
    value = payload.get("message_id")
    return value if isinstance(value, int) else None


def superseded(session: Session, payload: dict[str, Any]) -> str | None:
    """Why an automatic text about a visit is no longer true (rescheduled, cancelled, done)."""
    need = NEEDS.get(str(payload.get("kind")))
    request_id = payload.get("request_id")
    if need is None or not isinstance(request_id, int):
        return None
    r = session.get(ServiceRequest, request_id)
    if r is None:
        return "superseded: the request is gone"
    if r.status != need:
        return f"superseded: the request is {r.status} now"
    visit = payload.get("visit_at")
    if need == "scheduled" and visit and (
            r.scheduled_for is None or r.scheduled_for.isoformat() != visit):
        return "superseded: the visit was rescheduled"
    return None


def gated(session: Session, payload: dict[str, Any], decision: Decision,
          now: datetime) -> None:
    """The gate at sending held or refused it: the row says so, with the reason."""
    row = office_row(payload)
    if row is None or decision.allowed:
        return
    if decision.action == "hold":
        messages.update_row(session, row, "held", now=now, reason=decision.reason,
                            not_before=decision.not_before)
    else:
        messages.update_row(session, row, "refused", now=now, reason=decision.reason)


def refused(session: Session, payload: dict[str, Any], reason: str, now: datetime) -> None:
    """Refused at sending for a reason of ours (superseded, blocked by the recipient)."""
    row = office_row(payload)
    if row is not None:
        messages.update_row(session, row, "refused", now=now, reason=reason)


def sent(session: Session, payload: dict[str, Any], provider_id: str | None,
         now: datetime) -> bool:
    """The provider took it: sent, with its id and time; False when no row is named."""
    row = office_row(payload)
    if row is None:
        return False
    messages.update_row(session, row, "sent", now=now, provider_id=provider_id)
    return True


def failed(session: Session, payload: dict[str, Any], error: str, final: bool,
           now: datetime) -> None:
    """A failed try: the reason shows; failed for good only after the last one."""
    row = office_row(payload)
    if row is None:
        return
    current = session.get(MessageLog, row)
    status = "failed" if final else ((current.status if current is not None else None)
                                     or "queued")
    messages.update_row(session, row, status, now=now, reason=error[:500],
                        not_before=current.not_before if current is not None else None)
