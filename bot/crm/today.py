"""The "Today" view: what the office should do now, and its header counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from store.models import Activity, Customer, OutboxItem


@dataclass(frozen=True)
class Callback:
    """A texter asked for a call back and nobody has marked it done."""

    item_id: int  # the handoff's timeline entry
    customer: Customer
    words: str
    asked_at: datetime


@dataclass(frozen=True)
class TodayCounts:
    """Header figures: active = not archived and not inactive."""

    total: int
    active: int
    new_this_month: int
    open_requests: int


@dataclass(frozen=True)
class TodayView:
    """Each list is oldest (most urgent) first and capped; counts are true totals."""

    counts: TodayCounts
    callbacks: list[Callback] = field(default_factory=list)
    follow_ups: list[Customer] = field(default_factory=list)
    new_leads: list[Customer] = field(default_factory=list)
    attention: list[Customer] = field(default_factory=list)
    failed_notifications: list[OutboxItem] = field(default_factory=list)


def today(session: Session, now: datetime, tz: ZoneInfo, limit: int = 20) -> TodayView:
    """Call-backs, follow-ups due or overdue, uncontacted new leads, needs attention
    (address kept verbatim, possible duplicate), failed office notifications, counts."""
    raise NotImplementedError


def mark_callback_done(session: Session, item_id: int, staff: str | None, *,
                       now: datetime | None = None) -> Activity:
    """Mark a call-back handled (on the timeline); NotFound for an unknown item."""
    raise NotImplementedError
