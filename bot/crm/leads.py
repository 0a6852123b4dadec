"""Office actions on one lead (or a few): create, edit, status, convert, archive, merge.

Each loads, decides and writes in the caller's session; the caller commits. Every change
goes on the lead's timeline with what changed (old -> new) and `staff` (who, or None).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.crm import contacts as typed
from bot.crm.errors import Conflict, Invalid, NotFound
from bot.crm.merge import MERGE_FIELDS, Side, lead_consent, merge_records
from bot.crm.schemas import (
    MAX_ID,
    AddressIn,
    EmailIn,
    LeadCreate,
    LeadPatch,
    LeadStatus,
    PhoneIn,
)
from store import contacts, customers, ledger
from store.clock import utcnow
from store.contacts import PhoneTaken
from store.models import Customer

__all__ = ["MERGE_FIELDS", "Side", "lead_consent", "get_lead", "create_lead", "update_lead",
           "set_status", "convert", "archive", "restore", "merge"]
SIMPLE_FIELDS = ("first_name", "last_name", "company_name", "source", "notes",
                 "next_follow_up_date", "needs_attention", "tags")


def get_lead(session: Session, lead_id: int, *, for_update: bool = False) -> Customer:
    """The lead with this id (archived ones too); NotFound otherwise, whatever the id's size."""
    c = session.get(Customer, lead_id, with_for_update=for_update) \
        if 1 <= lead_id <= MAX_ID else None
    if c is None:
        raise NotFound(f"no lead with id {lead_id}")
    return c


def _shown(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "(none)"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values() if v) or "(none)"
    return str(value)


def note_change(session: Session, c: Customer, field: str, old: Any, new: Any,
                staff: str | None, now: datetime) -> None:
    """One timeline entry: `field: old -> new`, by whom."""
    customers.add_activity(session, c.id, "edit", f"{field}: {_shown(old)} -> {_shown(new)}",
                           now, {"field": field, "old": _jsonable(old), "new": _jsonable(new)},
                           staff)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _claim(session: Session, c: Customer, phones: list[contacts.Phone]) -> None:
    try:
        contacts.set_phones(session, c, phones)
    except PhoneTaken as taken:
        raise Conflict(f"phone {taken.number} belongs to lead {taken.owner_id}",
                       taken.owner_id) from None


def create_lead(session: Session, data: LeadCreate, staff: str | None, *,
                region: str = "US", now: datetime | None = None) -> Customer:
    """A lead entered by hand; Conflict(existing_id) when one of its phones is taken."""
    now = now or utcnow()
    phones = typed.phones(data.phone, data.phones, region, data.phone_label,
                          data.phone_extension)
    for phone in phones:
        if (owner := customers.find_by_phone(session, phone.number)) is not None:
            raise Conflict(f"phone {phone.number} belongs to lead {owner.id}", owner.id)
    c = Customer(first_name=data.first_name, last_name=data.last_name,
                 company_name=data.company_name, lead_status=data.lead_status,
                 source=data.source or "manual", tags=data.tags, notes=data.notes,
                 needs_attention=bool(data.needs_attention), archived=False,
                 next_follow_up_date=data.next_follow_up_date, created_at=now, updated_at=now,
                 converted_at=now if data.lead_status == "customer" else None)
    session.add(c)
    session.flush()
    _claim(session, c, phones)
    contacts.set_emails(session, c, typed.emails(data.email, data.emails, data.email_label))
    contacts.set_addresses(session, c, typed.addresses(data.address, data.addresses))
    customers.add_activity(session, c.id, "created", f"Lead entered by {staff or 'the office'}",
                           now, {"source": c.source}, staff)
    for phone in phones:  # consent given on this number before the record existed
        for event in ledger.events_for(session, phone=phone.number):
            ledger.note_on_timeline(session, c.id, event, now)
    session.flush()
    return c


@dataclass(frozen=True)
class _Contacts:
    """How one kind of contact (phone, email, address) is read, rebuilt and written."""

    field: str  # the primary one's field in LeadPatch
    plural: str  # the list's field
    load: Callable[[Session, Customer], list[Any]]
    typed_in: Callable[[Any], Any]  # a stored one as the input model again
    primary: Callable[[Any], Any]  # a stored one as the primary field's input
    build: Callable[[LeadPatch, list[Any], Any, list[Any], str], list[Any]]
    write: Callable[[Session, Customer, list[Any]], None]
    shown: Callable[[Any], Any]  # what the timeline says of one


def _phones(patch: LeadPatch, current: list[Any], primary: str | None, others: list[Any],
            region: str) -> list[contacts.Phone]:
    new = typed.phones(primary, others, region)
    if new and primary is not None:  # the primary's label and extension: as sent, or kept
        was = current[0] if current and current[0].number == new[0].number else None
        sent = patch.model_fields_set
        new[0] = contacts.Phone(
            new[0].number,
            patch.phone_label if "phone_label" in sent else (was.label if was else None),
            patch.phone_extension if "phone_extension" in sent else (
                was.extension if was else None))
    return new


def _emails(patch: LeadPatch, current: list[Any], primary: str | None, others: list[Any],
            _region: str) -> list[contacts.Email]:
    new = typed.emails(primary, others)
    if new and primary is not None:  # the primary's label: as sent, or kept when retyped
        was = current[0] if current and current[0].address == new[0].address else None
        label = (patch.email_label if "email_label" in patch.model_fields_set
                 else (was.label if was else None))
        new[0] = contacts.Email(new[0].address, label)
    return new


KINDS = (
    _Contacts("phone", "phones", contacts.phones_of,
              lambda p: PhoneIn(number=p.number, label=p.label, extension=p.extension),
              lambda p: p.number, _phones, _claim,
              lambda p: " ".join(x for x in (p.number, p.label and f"({p.label})",
                                             p.extension and f"ext. {p.extension}") if x)),
    _Contacts("email", "emails", contacts.emails_of,
              lambda e: EmailIn(address=e.address, label=e.label),
              lambda e: e.address, _emails, contacts.set_emails,
              lambda e: " ".join(x for x in (e.address, e.label and f"({e.label})") if x)),
    _Contacts("address", "addresses", contacts.addresses_of,
              lambda a: AddressIn(**a.fields(), label=a.label),
              lambda a: AddressIn(**a.fields(), label=a.label),
              lambda _p, _c, first, others, _r: typed.addresses(first, others),
              contacts.set_addresses, lambda a: a.fields()),
)
_TRIGGERS = {"phone": {"phone", "phones", "phone_label", "phone_extension"},
             "email": {"email", "emails", "email_label"}, "address": {"address", "addresses"}}


def _contact_changes(session: Session, c: Customer, patch: LeadPatch, kind: _Contacts,
                     region: str, staff: str | None, now: datetime) -> None:
    """Rebuild one kind of contact from the patch: the primary one and the list replace
    what was there; whatever is not sent is kept."""
    current = kind.load(session, c)
    old_list = [kind.shown(x) for x in current]  # before the write: phones are live rows
    sent, plural = patch.model_fields_set, kind.plural
    others = getattr(patch, plural) if plural in sent else [kind.typed_in(x) for x in current[1:]]
    if kind.field in sent:
        primary = getattr(patch, kind.field)
    else:  # only the primary's label sent: the primary stays
        primary = kind.primary(current[0]) if current and plural not in sent else None
    new = kind.build(patch, current, primary, others, region)
    kind.write(session, c, new)
    new_list = [kind.shown(x) for x in new]
    if old_list != new_list:
        note_change(session, c, plural, old_list, new_list, staff, now)


def update_lead(session: Session, lead_id: int, patch: LeadPatch, staff: str | None, *,
                region: str = "US", now: datetime | None = None) -> Customer:
    """Apply the fields sent; each change on the timeline as field: old -> new."""
    now = now or utcnow()
    c = get_lead(session, lead_id, for_update=True)
    changes = patch.changes()
    for field in SIMPLE_FIELDS:
        if field in changes and changes[field] != getattr(c, field):
            note_change(session, c, field, getattr(c, field), changes[field], staff, now)
            setattr(c, field, changes[field])
    for kind in KINDS:
        if _TRIGGERS[kind.field] & changes.keys():
            _contact_changes(session, c, patch, kind, region, staff, now)
    if "lead_status" in changes:
        customers.change_status(session, c, changes["lead_status"], now, staff)
    c.updated_at = now
    session.flush()
    return c


def set_status(session: Session, ids: Sequence[int], status: LeadStatus, staff: str | None,
               *, now: datetime | None = None) -> list[Customer]:
    """Move several leads to `status` at once (the list's bulk action); NotFound on any id."""
    now = now or utcnow()
    wanted = sorted({i for i in ids if 1 <= i <= MAX_ID})
    query = select(Customer).where(Customer.id.in_(wanted)).order_by(Customer.id)
    found = list(session.scalars(query.with_for_update()))
    missing = sorted(set(ids) - {c.id for c in found})
    if missing:
        raise NotFound(f"no lead with id {', '.join(map(str, missing[:10]))}")
    for c in found:
        customers.change_status(session, c, status, now, staff)
    session.flush()
    return found


def convert(session: Session, lead_id: int, staff: str | None, *,
            now: datetime | None = None) -> Customer:
    """convert_to_customer: status customer, converted_at stamped (kept if already set)."""
    c = get_lead(session, lead_id, for_update=True)
    customers.convert_to_customer(session, c, now or utcnow(), staff)
    session.flush()
    return c


def archive(session: Session, lead_id: int, staff: str | None, *,
            now: datetime | None = None) -> Customer:
    """Hide a lead from lists by default; it is kept and still recognised by phone."""
    now = now or utcnow()
    c = get_lead(session, lead_id, for_update=True)
    if not c.archived:
        c.archived, c.archived_at, c.updated_at = True, now, now
        customers.add_activity(session, c.id, "archived", "Archived", now, {}, staff)
    session.flush()
    return c


def restore(session: Session, lead_id: int, staff: str | None, *,
            now: datetime | None = None) -> Customer:
    """Bring an archived lead back (a merged duplicate stays archived: Invalid)."""
    now = now or utcnow()
    c = get_lead(session, lead_id, for_update=True)
    if c.merged_into is not None:
        raise Invalid(f"lead {c.id} was merged into lead {c.merged_into}; open that one")
    if c.archived:
        c.archived, c.archived_at, c.updated_at = False, None, now
        customers.add_activity(session, c.id, "restored", "Restored from the archive", now,
                               {}, staff)
    session.flush()
    return c


def merge(session: Session, keep_id: int, duplicate_id: int, staff: str | None,
          choose: dict[str, Side] | None = None, *, now: datetime | None = None) -> Customer:
    """Fold `duplicate_id` into `keep_id`: requests, timeline, messages, phones, emails and
    addresses move; `choose` picks each of MERGE_FIELDS from either side (default: the
    survivor's value, else the duplicate's); the duplicate is archived with merged_into."""
    if keep_id == duplicate_id:
        raise Invalid("a lead cannot be merged into itself")
    unknown = sorted(set(choose or {}) - set(MERGE_FIELDS))
    if unknown:
        raise Invalid(f"cannot choose {', '.join(unknown)}; fields: {', '.join(MERGE_FIELDS)}")
    keep = get_lead(session, keep_id, for_update=True)
    dup = get_lead(session, duplicate_id, for_update=True)
    for c in (keep, dup):
        if c.merged_into is not None:
            raise Invalid(f"lead {c.id} was already merged into lead {c.merged_into}")
    merge_records(session, keep, dup, choose or {}, staff, now or utcnow())
    return keep
