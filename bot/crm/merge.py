"""Folding a duplicate record into the one kept: what moves, what is chosen, what is logged.

The consent ledger is keyed by phone and chat, never by record, so nothing in it is
touched: the survivor owns both numbers afterwards and `lead_consent` reads them all, an
opt-out on either standing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from consent.ledger import ConsentEvent, consent_status
from store import contacts, customers, ledger
from store.models import (
    Activity,
    Customer,
    CustomerPhone,
    MessageLog,
    ServiceRequest,
)

Side = Literal["keep", "duplicate"]
MERGE_FIELDS = ("first_name", "last_name", "company_name", "phone", "email", "address",
                "source", "notes", "next_follow_up_date", "lead_status")
MOVED = (ServiceRequest, Activity, MessageLog, CustomerPhone)


def _value(c: Customer, field: str) -> Any:
    return c.address if field == "address" else getattr(c, field)


def _empty(value: Any) -> bool:
    return value in (None, "", []) or (isinstance(value, dict) and not any(value.values()))


def _choices(keep: Customer, dup: Customer, choose: dict[str, Side],
             fields: tuple[str, ...]) -> dict[str, Side]:
    """Each field's side: as chosen, else the survivor's unless it has none."""
    return {f: choose.get(f) or ("duplicate" if _empty(_value(keep, f))
                                 and not _empty(_value(dup, f)) else "keep") for f in fields}


def _move_rows(session: Session, keep: Customer, dup: Customer) -> dict[str, int]:
    moved = {}
    for model in MOVED:
        result = session.execute(update(model).where(model.customer_id == dup.id)
                                 .values(customer_id=keep.id))
        moved[model.__tablename__] = int(getattr(result, "rowcount", 0) or 0)
    return moved


def _union_contacts(session: Session, keep: Customer, dup: Customer,
                    sides: dict[str, Side]) -> None:
    emails = contacts.emails_of(session, keep) + contacts.emails_of(session, dup)
    addresses = contacts.addresses_of(session, keep) + contacts.addresses_of(session, dup)
    if sides["email"] == "duplicate" and dup.email:
        emails.sort(key=lambda e: e.address != dup.email)
    if sides["address"] == "duplicate" and contacts.has_address(dup):
        addresses.sort(key=lambda a: a.fields() != dup.address)
    unique_addresses: dict[tuple[str | None, ...], contacts.Address] = {}
    for a in addresses:
        unique_addresses.setdefault(tuple(a.fields().values()), a)
    contacts.set_emails(session, keep, emails)
    contacts.set_addresses(session, keep, list(unique_addresses.values()))


def _flags(session: Session, keep: Customer, dup: Customer) -> None:
    """Attention stays unless it only said "these two may be one person"."""
    pair = {keep.id, dup.id}
    keep_dup = keep.possible_duplicate_of in pair
    dup_dup = dup.possible_duplicate_of in pair
    keep.needs_attention = (keep.needs_attention and not keep_dup) or (
        dup.needs_attention and not dup_dup)
    if keep_dup:
        keep.possible_duplicate_of = None
    elif keep.possible_duplicate_of is None and dup.possible_duplicate_of not in pair:
        keep.possible_duplicate_of = dup.possible_duplicate_of
    for column in (Customer.possible_duplicate_of, Customer.merged_into):
        session.execute(update(Customer).where(column == dup.id).values({column: keep.id}))
    requests_flagged = exists().where(ServiceRequest.customer_id == keep.id,
                                      ServiceRequest.needs_attention.is_(True))
    if session.scalar(select(requests_flagged)):
        keep.needs_attention = True


def merge_records(session: Session, keep: Customer, dup: Customer, choose: dict[str, Side],
                  staff: str | None, now: datetime) -> None:
    """Move everything of `dup` onto `keep`, apply the choices, log it on both timelines."""
    sides = _choices(keep, dup, choose, MERGE_FIELDS)
    taken = {f: _value(dup, f) for f, side in sides.items() if side == "duplicate"}
    dup_phone, dup.phone = dup.phone, None
    session.flush()  # the duplicate lets go of its primary phone before the survivor takes it
    moved = _move_rows(session, keep, dup)
    for phone in contacts.phones_of(session, keep):  # and what no record owned yet
        customers.attach_messages(session, keep.id, phone.number)
    _union_contacts(session, keep, dup, sides)
    for field in ("first_name", "last_name", "company_name", "source",
                  "next_follow_up_date"):
        if sides[field] == "duplicate":
            setattr(keep, field, getattr(dup, field))
    if sides["phone"] == "duplicate" and dup_phone or keep.phone is None:
        keep.phone = dup_phone
    if "notes" not in choose and keep.notes and dup.notes and keep.notes != dup.notes:
        keep.notes = f"{keep.notes}\n\n{dup.notes}"
    elif sides["notes"] == "duplicate":
        keep.notes = dup.notes
    keep.tags = list({t.casefold(): t for t in [*dup.tags, *keep.tags]}.values())
    keep.telegram_chat_id = keep.telegram_chat_id or dup.telegram_chat_id
    keep.created_at = min(keep.created_at, dup.created_at)
    stamps = [t for t in (keep.last_contacted_at, dup.last_contacted_at) if t]
    keep.last_contacted_at = max(stamps) if stamps else None
    converted = [t for t in (keep.converted_at, dup.converted_at) if t]
    keep.converted_at = min(converted) if converted else keep.converted_at
    _flags(session, keep, dup)
    if sides["lead_status"] == "duplicate":
        customers.change_status(session, keep, dup.lead_status, now, staff)
    keep.updated_at = now
    dup.archived, dup.archived_at, dup.merged_into, dup.updated_at = True, now, keep.id, now
    data = {"duplicate_id": dup.id, "from_duplicate": {k: _plain(v) for k, v in taken.items()},
            "moved": moved, "phone": dup_phone}
    customers.add_activity(session, keep.id, "merge",
                           f"Merged lead {dup.id} into this one", now, data, staff)
    customers.add_activity(session, dup.id, "merged",
                           f"Merged into lead {keep.id}", now, {"keep_id": keep.id}, staff)
    session.flush()


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def lead_consent(session: Session, c: Customer) -> tuple[str, list[ConsentEvent]]:
    """The record's consent over all its numbers and its chat: opted out if any number is."""
    numbers = [p.number for p in contacts.phones_of(session, c)]
    per_number = [ledger.events_for(session, phone=n) for n in numbers]
    chat = ledger.events_for(session, chat_id=c.telegram_chat_id) \
        if c.telegram_chat_id is not None else []
    statuses = [consent_status(events) for events in per_number]
    if chat:
        statuses.append(consent_status(chat, channel="telegram"))
    events = sorted({e.id: e for group in [*per_number, chat] for e in group}.values(),
                    key=lambda e: e.id or 0)
    for status in ("opted_out", "opted_in"):
        if status in statuses:
            return status, events
    return "unknown", events
