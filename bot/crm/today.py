"""The "Today" view: what the office should do now, and its header counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, case, exists, false, func, select, true
from sqlalchemy.orm import Session

from bot.crm.errors import NotFound
from bot.crm.schemas import MAX_ID
from store import customers
from store.clock import utcnow
from store.models import Activity, Customer, OutboxItem, ServiceRequest


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


NEW_LEAD_DAYS = 30


def _open_requests(session: Session) -> int:
    # Requests get a status (new, scheduled, done, cancelled) in the conversation's work;
    # until then every request of an active lead that is not a customer yet is open.
    status = getattr(ServiceRequest, "status", None)
    owner = exists().where(Customer.id == ServiceRequest.customer_id,
                           Customer.archived == false())
    query = select(func.count()).select_from(ServiceRequest)
    if status is not None:
        query = query.where(status.in_(("new", "scheduled")), owner)
    else:
        query = query.where(owner.where(Customer.lead_status.in_(("lead", "prospect",
                                                                   "quoted"))))
    return session.scalar(query) or 0


def _how_many(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def counts(session: Session, now: datetime, tz: ZoneInfo) -> TodayCounts:
    """The header figures, in one pass over the records; the month is the business's."""
    local = now.astimezone(tz)
    month = datetime(local.year, local.month, 1, tzinfo=tz)
    query = select(func.count(), _how_many(Customer.lead_status != "inactive"),
                   _how_many(Customer.created_at >= month)).where(
        Customer.archived == false(), Customer.is_test == false())  # "Try the chat" leads: no
    total, active, new = session.execute(query).one()
    return TodayCounts(total=int(total), active=int(active), new_this_month=int(new),
                       open_requests=_open_requests(session))


def _callbacks(session: Session, limit: int) -> list[Callback]:
    query = (select(Activity, Customer).join(Customer, Customer.id == Activity.customer_id)
             .where(Activity.kind == "handoff", Activity.resolved_at.is_(None))
             .order_by(Activity.id).limit(limit))
    return [Callback(a.id, c, a.summary, a.created_at) for a, c in session.execute(query)]


def today(session: Session, now: datetime, tz: ZoneInfo, limit: int = 20) -> TodayView:
    """Call-backs, follow-ups due or overdue, uncontacted new leads, needs attention
    (address kept verbatim, possible duplicate), failed office notifications, counts."""
    day = now.astimezone(tz).date()
    active = Customer.archived == false()
    follow_ups = select(Customer).where(active, Customer.next_follow_up_date <= day).order_by(
        Customer.next_follow_up_date, Customer.id).limit(limit)
    worked = exists().where(Activity.customer_id == Customer.id, Activity.staff.is_not(None))
    new_leads = select(Customer).where(
        active, Customer.lead_status == "lead", ~worked,
        Customer.created_at >= now - timedelta(days=NEW_LEAD_DAYS)).order_by(
        Customer.id).limit(limit)
    attention = select(Customer).where(active, Customer.needs_attention == true()).order_by(
        Customer.id.desc()).limit(limit)
    failed = select(OutboxItem).where(OutboxItem.status == "failed",
                                      OutboxItem.kind == "office").order_by(
        OutboxItem.id.desc()).limit(limit)
    return TodayView(counts=counts(session, now, tz), callbacks=_callbacks(session, limit),
                     follow_ups=list(session.scalars(follow_ups)),
                     new_leads=list(session.scalars(new_leads)),
                     attention=list(session.scalars(attention)),
                     failed_notifications=list(session.scalars(failed)))


def mark_callback_done(session: Session, item_id: int, staff: str | None, *,
                       now: datetime | None = None) -> Activity:
    """Mark a call-back handled (on the timeline); NotFound for an unknown item."""
    now = now or utcnow()
    item = session.get(Activity, item_id, with_for_update=True) \
        if 1 <= item_id <= MAX_ID else None
    if item is None or item.kind != "handoff":
        raise NotFound(f"no call-back request with id {item_id}")
    if item.resolved_at is None:
        item.resolved_at, item.resolved_by = now, staff
        customers.add_activity(session, item.customer_id, "callback_done",
                               f"Called back ({staff or 'the office'})", now,
                               {"handoff_id": item.id}, staff)
    session.flush()
    return item
