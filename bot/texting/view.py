"""The Message JSON of the contract, and each message's state in words for the lead page."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot import display
from store.models import MessageLog

# Twilio's delivery words as the contract's statuses.
PROVIDER_STATUS = {"accepted": "sent", "scheduled": "sent", "sending": "sent",
                   "undelivered": "failed", "canceled": "failed", "read": "delivered"}
REASONS = {"held: quiet hours where the recipient is": "quiet hours",
           "recipient opted out": "opted out",
           "no express opt-in for proactive messages": "no express opt-in"}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def status_of(m: MessageLog) -> str:
    """received for inbound; else the row's status in the contract's words."""
    if m.direction == "in":
        return "received"
    status = m.status or "sent"
    return PROVIDER_STATUS.get(status, status)


def message_json(m: MessageLog) -> dict[str, Any]:
    """A Message as CONTRACT.md names its fields."""
    out = m.direction != "in"
    sent_at = m.sent_at or (m.created_at if out and m.status not in (
        "queued", "held", "refused") else None)
    return {"id": m.id, "direction": "outbound" if out else "inbound", "channel": m.channel,
            "text": m.text, "purpose": m.purpose if out else None, "status": status_of(m),
            "reason": m.reason or (f"error {m.error_code}" if m.error_code else None),
            "not_before": _iso(m.not_before), "created_at": _iso(m.created_at),
            "sent_at": _iso(sent_at), "provider_message_id": m.provider_id,
            "request_id": m.request_id, "in_reply_to": m.in_reply_to}


def reason_words(reason: str | None) -> str:
    """A gate reason as a person reads it ("held: quiet hours ..." -> "quiet hours")."""
    if not reason:
        return ""
    if reason in REASONS:
        return REASONS[reason]
    return reason.removeprefix("held: ").removeprefix("superseded: ")


def state_words(m: MessageLog, tz: str, now: datetime | None = None) -> str:
    """"Held until 8:00 AM EST (quiet hours)", "Refused: opted out", "Delivered"."""
    status = status_of(m)
    why = reason_words(m.reason) or (f"error {m.error_code}" if m.error_code else "")
    if status == "held" and m.not_before is not None:
        return f"Held until {display.when(m.not_before, tz, now)}" + (f" ({why})" if why else "")
    if status == "queued" and m.not_before is not None:
        return f"Scheduled for {display.when(m.not_before, tz, now)}"
    if status == "refused":
        prefix = "Not sent (superseded)" if (m.reason or "").startswith("superseded") \
            else "Refused"
        return f"{prefix}: {why}" if why else prefix
    if status == "failed":
        return f"Failed: {why}" if why else "Failed"
    words = {"received": "Received", "queued": "Queued", "sent": "Sent",
             "delivered": "Delivered"}
    return words.get(status, status.capitalize())


def form_helpers(tz: str) -> dict[str, Any]:
    """What the schedule and send forms show: local date and time pickers, labelled."""
    zone = ZoneInfo(tz)

    def local_date(m: datetime | None) -> str:
        return m.astimezone(zone).date().isoformat() if m else ""

    def local_time(m: datetime | None) -> str:
        return m.astimezone(zone).strftime("%H:%M") if m else ""

    label = f"{datetime.now(zone).strftime('%Z')}, {tz.split('/')[-1].replace('_', ' ')} time"
    return {"local_date": local_date, "local_time": local_time, "tz_label": label}
