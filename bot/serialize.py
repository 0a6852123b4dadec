"""JSON shapes of the contract: Lead, Request, ConsentEvent."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from consent.ledger import ConsentEvent
from store import contacts
from store.models import Activity, Customer, ServiceRequest


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def lead_json(c: Customer) -> dict[str, Any]:
    """A Lead as CONTRACT.md names its fields."""
    return {
        "id": c.id, "first_name": c.first_name, "last_name": c.last_name,
        "company_name": c.company_name, "phone": c.phone, "email": c.email,
        "address": c.address, "lead_status": c.lead_status, "source": c.source,
        "tags": list(c.tags or []), "notes": c.notes, "needs_attention": c.needs_attention,
        "created_at": _iso(c.created_at), "updated_at": _iso(c.updated_at),
        "last_contacted_at": _iso(c.last_contacted_at),
        "next_follow_up_date": _iso(c.next_follow_up_date),
        "converted_at": _iso(c.converted_at), "referral_text": c.referral_text,
        "phones": [{"number": c.phone, "label": None}] if c.phone else [],
        "emails": [{"address": c.email, "label": c.email_label}] if c.email else [],
        "addresses": [{**c.address, "label": c.address_label}] if contacts.has_address(c)
        else [],
        "archived": bool(c.archived), "merged_into": c.merged_into,
        "possible_duplicate_of": c.possible_duplicate_of,
    }


def full_lead_json(session: Session, c: Customer) -> dict[str, Any]:
    """A Lead with every phone, email and address, not only the primary ones."""
    body = lead_json(c)
    body["phones"] = [{"number": p.number, "label": p.label, "extension": p.extension}
                      for p in contacts.phones_of(session, c)]
    body["emails"] = [{"address": e.address, "label": e.label}
                      for e in contacts.emails_of(session, c)]
    body["addresses"] = [{**a.fields(), "label": a.label}
                         for a in contacts.addresses_of(session, c)]
    return body


def request_json(r: ServiceRequest) -> dict[str, Any]:
    """A service request."""
    address = r.address
    if r.line1 is None and r.address_text:
        address["line1"] = r.address_text  # kept verbatim; the lead is flagged
    return {
        "id": r.id, "channel": r.channel, "service": r.service,
        "preferred_time": None if r.preferred_asap else _iso(r.preferred_start),
        "preferred_time_end": _iso(r.preferred_end), "asap": r.preferred_asap,
        "preferred_time_text": r.preferred_time_text, "address": address,
        "needs_attention": r.needs_attention, "status": r.status,
        "scheduled_for": _iso(r.scheduled_for), "notes": r.notes,
        "lead_id": r.customer_id, "created_at": _iso(r.created_at),
    }


def activity_json(a: Activity) -> dict[str, Any]:
    """One timeline entry."""
    return {"id": a.id, "kind": a.kind, "summary": a.summary, "data": a.data,
            "staff": a.staff, "created_at": _iso(a.created_at)}


def consent_json(e: ConsentEvent) -> dict[str, Any]:
    """A ConsentEvent as CONTRACT.md names its fields."""
    return {
        "id": e.id, "phone": e.phone, "chat_id": e.chat_id, "channel": e.channel,
        "kind": e.kind, "method": e.method, "text": e.text, "disclosure": e.disclosure,
        "disclosure_version": e.disclosure_version,
        "provider_message_id": e.provider_message_id, "actor": e.actor,
        "recorded_at": _iso(e.recorded_at), "prev_hash": e.prev_hash, "hash": e.hash,
        # Added 2026-12-01 (consent depth): entry time of a verbal opt-in, web-chat keying.
        "entered_at": _iso(e.entered_at), "session_key": e.session_key, "test": e.test,
    }
