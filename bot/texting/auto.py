"""The automatic texts about a visit: confirmation, the day-before reminder, the follow-up.

Each is an ordinary office message (same row, same outbox, same gate at sending), written
in the transaction that changed the request. Each carries the request and the visit time
it was written for, so that at sending a reminder for a visit that was rescheduled,
cancelled or done meanwhile is refused as superseded instead of sent.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.crm.errors import Invalid
from bot.settings import Settings
from bot.texting import templates
from bot.texting.send import queue_office_message
from store import customers
from store.models import ServiceRequest

TEMPLATE_OF = {"confirmation": "visit_confirmed", "reminder": "reminder",
               "follow_up": "follow_up"}


def reminder_time(visit: datetime, settings: Settings) -> datetime:
    """The day before the visit at REMINDER_LOCAL_HOUR, in the business time zone."""
    zone = ZoneInfo(settings.business_timezone)
    day = visit.astimezone(zone).date() - timedelta(days=1)
    return datetime.combine(day, time(settings.reminder_local_hour), zone).astimezone(visit.tzinfo)


def after_change(session: Session, settings: Settings, r: ServiceRequest, *,
                 rescheduled: bool, finished: bool, now: datetime) -> None:
    """Queue what the change calls for (each switchable in the settings)."""
    if rescheduled and r.scheduled_for is not None:
        if settings.auto_text_confirmation:
            _queue(session, settings, r, "confirmation", None, now)
        at = reminder_time(r.scheduled_for, settings)
        # Past the reminder's hour already: the confirmation just said when; no second text.
        if settings.auto_text_reminder and at > now:
            _queue(session, settings, r, "reminder", at, now)
    if finished and settings.auto_text_follow_up:
        _queue(session, settings, r, "follow_up",
               now + timedelta(hours=settings.follow_up_after_hours), now)


def _queue(session: Session, settings: Settings, r: ServiceRequest, kind: str,
           send_at: datetime | None, now: datetime) -> None:
    c = r.customer
    try:
        text = templates.compose(session, settings, c, TEMPLATE_OF[kind], {}, r, now)
    except Invalid as why:  # e.g. a lead without a name: said on the timeline, not sent
        customers.add_activity(session, c.id, "message_skipped",
                               f"Automatic {kind.replace('_', '-')} text not queued: {why}",
                               now, {"request_id": r.id, "kind": kind})
        return
    visit = r.scheduled_for.isoformat() if r.scheduled_for is not None else None
    queue_office_message(session, settings, c, text, now=now, staff=None, send_at=send_at,
                         kind=kind, request_id=r.id, extra={"visit_at": visit})
