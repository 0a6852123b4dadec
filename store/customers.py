"""Customer (lead) queries: dedup by phone through the database's unique constraint."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from store.models import Activity, Customer, ServiceRequest
from store.upsert import insert_ignore


def find_by_phone(session: Session, phone: str) -> Customer | None:
    """The customer with this E.164 phone, if any."""
    return session.scalars(select(Customer).where(Customer.phone == phone)).one_or_none()


def find_by_chat(session: Session, chat_id: int) -> Customer | None:
    """The customer last seen on this Telegram chat, if any."""
    query = select(Customer).where(Customer.telegram_chat_id == chat_id).order_by(Customer.id)
    return session.scalars(query.limit(1)).one_or_none()


def get_or_create(session: Session, phone: str, source: str,
                  now: datetime) -> tuple[Customer, bool]:
    """The record for `phone`, inserting it if absent; True when this call created it.

    Insert-or-ignore then select: two racing transactions both end on the same row.
    """
    values = {"phone": phone, "source": source, "lead_status": "lead", "tags": [],
              "needs_attention": False, "created_at": now, "updated_at": now}
    result = session.execute(insert_ignore(session, Customer.__table__, values, ["phone"]))
    created = result.first() is not None
    query = select(Customer).where(Customer.phone == phone)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    customer = session.scalars(query.execution_options(populate_existing=True)).one()
    return customer, created


def add_activity(session: Session, customer_id: int, kind: str, summary: str,
                 now: datetime, data: dict[str, Any] | None = None) -> None:
    """Append one entry to a customer's timeline."""
    session.add(Activity(customer_id=customer_id, kind=kind, summary=summary,
                         data=data or {}, created_at=now))


def get_with_requests(session: Session, customer_id: int) -> Customer | None:
    """A customer with its service requests loaded."""
    query = select(Customer).options(selectinload(Customer.requests))
    return session.scalars(query.where(Customer.id == customer_id)).one_or_none()


def timeline(session: Session, customer_id: int) -> list[Activity]:
    """The customer's timeline, oldest first."""
    query = select(Activity).where(Activity.customer_id == customer_id).order_by(Activity.id)
    return list(session.scalars(query))


def search(session: Session, *, q: str | None = None, phone: str | None = None,
           status: str | None = None, source: str | None = None,
           needs_attention: bool | None = None, created_since: datetime | None = None,
           limit: int = 50, offset: int = 0) -> tuple[list[Customer], int]:
    """Leads matching the filters, newest first, and the total count."""
    conditions = []
    if q:
        like = f"%{q.lower()}%"
        fields = (Customer.first_name, Customer.last_name, Customer.company_name,
                  Customer.phone, Customer.email, Customer.line1, Customer.city,
                  Customer.postal_code)
        conditions.append(or_(*(func.lower(f).like(like) for f in fields)))
    if phone:
        conditions.append(Customer.phone == phone)
    if status:
        conditions.append(Customer.lead_status == status)
    if source:
        conditions.append(Customer.source == source)
    if needs_attention is not None:
        conditions.append(Customer.needs_attention == needs_attention)
    if created_since is not None:
        conditions.append(Customer.created_at >= created_since)
    total = session.scalar(select(func.count(Customer.id)).where(*conditions)) or 0
    rows = session.scalars(select(Customer).where(*conditions)
                           .order_by(Customer.id.desc()).limit(limit).offset(offset))
    return list(rows), total


def requests_of(session: Session, customer_id: int) -> list[ServiceRequest]:
    """A customer's service requests, oldest first."""
    query = select(ServiceRequest).where(ServiceRequest.customer_id == customer_id)
    return list(session.scalars(query.order_by(ServiceRequest.id)))


def change_status(session: Session, c: Customer, status: str, now: datetime) -> None:
    """Move a record to `status`, on its timeline; reaching `customer` stamps converted_at."""
    if status == c.lead_status:
        return
    kind = "conversion" if status == "customer" else "status_change"
    add_activity(session, c.id, kind, f"{c.lead_status} -> {status}", now)
    if status == "customer" and c.converted_at is None:
        c.converted_at = now
    c.lead_status, c.updated_at = status, now


def convert_to_customer(session: Session, c: Customer, now: datetime) -> None:
    """convert_to_customer: lead_status customer, converted_at stamped, logged."""
    change_status(session, c, "customer", now)
