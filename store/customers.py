"""Customer (lead) queries: dedup by phone through the database's unique constraint."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, exists, insert, select, update
from sqlalchemy.orm import Session, selectinload

from store.models import Activity, Customer, CustomerPhone, MessageLog, ServiceRequest
from store.upsert import insert_ignore
from store.words import digits_reversed


def _by_phone(phone: str) -> Any:
    owner = select(CustomerPhone.customer_id).where(CustomerPhone.number == phone)
    return select(Customer).where(Customer.id.in_(owner.scalar_subquery()))


def find_by_phone(session: Session, phone: str) -> Customer | None:
    """The customer having this E.164 phone among its phones (archived ones too), if any."""
    return session.scalars(_by_phone(phone)).one_or_none()


# Built once: constructing this statement costs more than running it (2 ms vs 1 ms).
_WITH_OPEN_REQUEST = select(Customer, exists().where(
    ServiceRequest.customer_id == Customer.id,
    ServiceRequest.status.in_(bindparam("open_statuses", expanding=True)),
)).where(Customer.id.in_(select(CustomerPhone.customer_id)
                         .where(CustomerPhone.number == bindparam("phone")).scalar_subquery()))


def find_with_open_request(session: Session, phone: str,
                           open_statuses: tuple[str, ...]) -> tuple[Customer, bool] | None:
    """The customer having this phone and whether it has an open request, in one statement."""
    row = session.execute(_WITH_OPEN_REQUEST, {"phone": phone,
                                               "open_statuses": list(open_statuses)}).one_or_none()
    return (row[0], bool(row[1])) if row is not None else None


def claim_phone(session: Session, customer_id: int, number: str, label: str | None = None,
                extension: str | None = None) -> int:
    """Give `number` to the customer unless another has it; the owner's id either way.

    INSERT ... ON CONFLICT on the phone's unique constraint: racing claims end with one
    owner, and the loser learns who.
    """
    values = {"customer_id": customer_id, "number": number, "label": label,
              "extension": extension, "digits_rev": digits_reversed(number)}
    if session.execute(insert_ignore(session, CustomerPhone.__table__, values,
                                     ["number"])).first() is not None:
        return customer_id
    owner = select(CustomerPhone.customer_id).where(CustomerPhone.number == number)
    return int(session.scalars(owner).one())


def attach_messages(session: Session, customer_id: int, phone: str) -> None:
    """Messages from or to `phone` that no record owned yet now belong to this customer."""
    session.execute(update(MessageLog).where(MessageLog.customer_id.is_(None),
                                             MessageLog.phone == phone)
                    .values(customer_id=customer_id))


def find_by_chat(session: Session, chat_id: int) -> Customer | None:
    """The customer last seen on this Telegram chat, if any."""
    query = select(Customer).where(Customer.telegram_chat_id == chat_id).order_by(Customer.id)
    return session.scalars(query.limit(1)).one_or_none()


def get_or_create(session: Session, phone: str, source: str,
                  now: datetime) -> tuple[Customer, bool]:
    """The record having `phone` among its phones, inserted if absent; True when created.

    Insert-or-ignore then select: two racing transactions both end on the same row. A
    number given meanwhile to another record as an extra phone makes that one the match.
    """
    created = False
    if find_by_phone(session, phone) is None:
        values = {"phone": phone, "source": source, "lead_status": "lead", "tags": [],
                  "needs_attention": False, "created_at": now, "updated_at": now,
                  "archived": False, "search_text": "", "search_extra": "", "tags_key": ""}
        new_id = session.execute(insert_ignore(session, Customer.__table__, values,
                                               ["phone"])).scalar()
        if new_id is not None:
            created = claim_phone(session, new_id, phone) == new_id
            if not created:
                session.execute(delete(Customer).where(Customer.id == new_id))
    query = _by_phone(phone)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    customer = session.scalars(query.execution_options(populate_existing=True)).one()
    attach_messages(session, customer.id, phone)
    return customer, created


def add_activity(session: Session, customer_id: int, kind: str, summary: str,
                 now: datetime, data: dict[str, Any] | None = None,
                 staff: str | None = None) -> Activity:
    """Append one entry to a customer's timeline (`staff`: who, for an office action)."""
    activity = Activity(customer_id=customer_id, kind=kind, summary=summary,
                        data=data or {}, created_at=now, staff=staff)
    session.add(activity)
    return activity


def add_activities(session: Session, customer_id: int, entries: list[tuple[str, str]],
                   now: datetime, data: dict[str, Any]) -> None:
    """Several (kind, summary) timeline entries in one statement (nothing read back)."""
    rows = [{"customer_id": customer_id, "kind": kind, "summary": summary, "data": data,
             "created_at": now, "staff": None} for kind, summary in entries]
    session.execute(insert(Activity), rows)


def get_with_requests(session: Session, customer_id: int) -> Customer | None:
    """A customer with its service requests loaded."""
    query = select(Customer).options(selectinload(Customer.requests))
    return session.scalars(query.where(Customer.id == customer_id)).one_or_none()


def timeline(session: Session, customer_id: int) -> list[Activity]:
    """The customer's timeline, oldest first."""
    query = select(Activity).where(Activity.customer_id == customer_id).order_by(Activity.id)
    return list(session.scalars(query))


def requests_of(session: Session, customer_id: int) -> list[ServiceRequest]:
    """A customer's service requests, oldest first."""
    query = select(ServiceRequest).where(ServiceRequest.customer_id == customer_id)
    return list(session.scalars(query.order_by(ServiceRequest.id)))


def change_status(session: Session, c: Customer, status: str, now: datetime,
                  staff: str | None = None) -> None:
    """Move a record to `status`, on its timeline; reaching `customer` stamps converted_at."""
    if status == "customer" and c.converted_at is None:
        c.converted_at = now  # also for a customer that never had it (an old import)
    if status == c.lead_status:
        return
    kind = "conversion" if status == "customer" else "status_change"
    add_activity(session, c.id, kind, f"{c.lead_status} -> {status}", now,
                 {"field": "lead_status", "old": c.lead_status, "new": status}, staff)
    c.lead_status, c.updated_at = status, now


def convert_to_customer(session: Session, c: Customer, now: datetime,
                        staff: str | None = None) -> None:
    """convert_to_customer: lead_status customer, converted_at stamped, logged."""
    change_status(session, c, "customer", now, staff)
