"""Applying the conversation's effects to the records: requests, handoffs, cancellations,
consent answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.conversation.slots import SLOTS
from bot.conversation.state import (
    CancelRequest,
    CreateRequest,
    Draft,
    Effect,
    Handoff,
    RecordConsent,
    ReplyToOffice,
)
from bot.messages import InboundMessage
from bot.office_events import queue_office_event
from bot.settings import Settings
from bot.texting.replies import record_reply
from consent.ledger import TEST_CHANNELS, ConsentEvent, session_key_of
from consent.texts import DISCLOSURE_VERSION
from store import customers, ledger
from store.models import Customer, ServiceRequest

OPEN = ("new", "scheduled")


@dataclass(frozen=True)
class Applied:
    """What applying the effects touched."""

    customer: Customer | None = None


def _update_customer(c: Customer, d: Draft, msg: InboundMessage) -> None:
    if d.first_name or d.company_name:
        c.first_name, c.last_name = d.first_name or c.first_name, d.last_name or c.last_name
        c.company_name = d.company_name or c.company_name
    if d.email:
        c.email = d.email
    if d.address:
        c.set_address(d.address)
    if d.needs_attention:
        c.needs_attention = True
    if msg.chat_id is not None:
        c.telegram_chat_id = msg.chat_id
    current = {col.key: getattr(c, col.key) for col in Customer.__table__.columns}
    for slot in SLOTS.values():  # columns an optional slot keeps on the lead
        for column, value in slot.customer(d, current).items():
            setattr(c, column, value)


def _customer(session: Session, d: Draft, msg: InboundMessage,
              now: datetime) -> tuple[Customer, bool]:
    assert d.phone, "the conversation collects the phone before any effect needs it"
    customer, created = customers.get_or_create(session, d.phone, msg.source or msg.channel, now)
    if created and msg.channel in TEST_CHANNELS:
        customer.is_test = True  # made by "Try the chat": left out of counts and reports
    _update_customer(customer, d, msg)
    customer.last_contacted_at = now
    if created:
        customers.add_activity(session, customer.id, "created",
                               f"New lead from {msg.channel}", now)
        # Consent given before the record existed (the opt-in question) belongs on it too.
        for event in ledger.events_for(session, phone=d.phone):
            ledger.note_on_timeline(session, customer.id, event, now)
    return customer, created


def _request(session: Session, settings: Settings, effect: CreateRequest, msg: InboundMessage,
             now: datetime) -> Customer:
    d = effect.draft
    customer, created = _customer(session, d, msg, now)
    when = d.when or {}
    request = ServiceRequest(
        customer_id=customer.id, channel=msg.channel, service=d.service or "",
        preferred_start=datetime.fromisoformat(when["start"]) if when.get("start") else None,
        preferred_end=datetime.fromisoformat(when["end"]) if when.get("end") else None,
        preferred_asap=bool(when.get("asap")), preferred_time_text=when.get("text"),
        address_text=d.address_text, needs_attention=d.needs_attention, created_at=now)
    request.set_address(d.address or {})
    session.add(request)
    session.flush()
    customers.add_activity(session, customer.id, "request",
                           f"Service request #{request.id}: {request.service[:200]}", now,
                           {"request_id": request.id, "channel": msg.channel})
    queue_office_event(session, settings, event="request.created", customer=customer,
                       request=request, returning=not created, channel=msg.channel, now=now)
    return customer


def _handoff(session: Session, settings: Settings, effect: Handoff, msg: InboundMessage,
             now: datetime) -> Customer:
    draft = Draft(**{**effect.draft.__dict__, "phone": effect.phone})
    customer, created = _customer(session, draft, msg, now)
    customers.add_activity(session, customer.id, "handoff",
                           f"Asked for a call back: {effect.words[:200]}", now)
    queue_office_event(session, settings, event="handoff.requested", customer=customer,
                       request=None, returning=not created, channel=msg.channel, now=now)
    return customer


def _cancel(session: Session, settings: Settings, effect: CancelRequest, msg: InboundMessage,
            now: datetime) -> Customer | None:
    """The texter's latest open request becomes cancelled, on the timeline and to the office."""
    customer = customers.find_by_phone(session, effect.phone)
    if customer is None:
        return None
    request = next((r for r in reversed(customer.requests) if r.status in OPEN), None)
    if request is None:
        return customer
    request.status = "cancelled"
    customers.add_activity(session, customer.id, "request_cancelled",
                           f"Service request #{request.id} cancelled by the texter", now,
                           {"request_id": request.id, "channel": msg.channel})
    queue_office_event(session, settings, event="request.cancelled", customer=customer,
                       request=request, returning=True, channel=msg.channel, now=now)
    return customer


def _consent(session: Session, effect: RecordConsent, msg: InboundMessage, phone: str | None,
             now: datetime) -> None:
    ledger.append(session, ConsentEvent(
        channel=msg.channel, kind=effect.kind, method="reply", actor="texter",
        recorded_at=now, phone=phone, chat_id=msg.chat_id, text=effect.words,
        disclosure=effect.disclosure, disclosure_version=DISCLOSURE_VERSION,
        provider_message_id=msg.provider_id,
        session_key=session_key_of(msg.channel, msg.sender_key)))


def apply_effects(session: Session, settings: Settings, effects: list[Effect],
                  msg: InboundMessage, phone: str | None, now: datetime) -> Applied:
    """Write every effect in the caller's transaction."""
    customer = None
    for effect in effects:
        if isinstance(effect, CreateRequest):
            customer = _request(session, settings, effect, msg, now)
        elif isinstance(effect, Handoff):
            customer = _handoff(session, settings, effect, msg, now)
        elif isinstance(effect, CancelRequest):
            customer = _cancel(session, settings, effect, msg, now) or customer
        elif isinstance(effect, ReplyToOffice):
            customer = record_reply(session, settings, effect, msg, phone, now) or customer
        else:
            _consent(session, effect, msg, phone, now)
    return Applied(customer=customer)
