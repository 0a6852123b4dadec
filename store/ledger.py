"""The consent ledger table: append (chained under a lock), read, stream. Never update."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, or_, select, text
from sqlalchemy.orm import Session

from consent.ledger import GENESIS, ConsentEvent, as_test, chain
from store import customers
from store.models import ConsentEventRow

# Any constant works; it names "the ledger's tail" for PostgreSQL's advisory lock.
LEDGER_LOCK_KEY = 0x1C0AE5
APPENDS = "ledger_appends"  # session.info key: events this session appended


def appended(session: Session) -> int:
    """How many events this session has appended (a cheap "did the ledger change?")."""
    return int(session.info.get(APPENDS, 0))


def _to_event(row: Any) -> ConsentEvent:
    return ConsentEvent(
        id=row.id, phone=row.phone, chat_id=row.chat_id, channel=row.channel, kind=row.kind,
        method=row.method, text=row.text, disclosure=row.disclosure,
        disclosure_version=row.disclosure_version, provider_message_id=row.provider_message_id,
        actor=row.actor, recorded_at=row.recorded_at, entered_at=row.entered_at,
        session_key=row.session_key, test=bool(row.test), prev_hash=row.prev_hash,
        hash=row.hash)


def append(session: Session, event: ConsentEvent, *, note: str | None = None,
           note_data: dict[str, Any] | None = None) -> ConsentEvent:
    """Link `event` after the current tail and insert it; returns it with id and hashes.

    The event also goes on the timeline of the record it names (by phone, else by chat),
    as `note` or "kind (method)": every consent event is on its record, from every path.
    A web-chat event is stored as a staff test event (consent.ledger.as_test), whoever
    calls: the dashboard's "Try the chat" never records a texter's consent.
    """
    event = as_test(event)
    if session.get_bind().dialect.name == "postgresql":
        # Held to commit, so concurrent appenders chain one after another.
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LEDGER_LOCK_KEY})
    tail = session.scalar(select(ConsentEventRow.hash).order_by(ConsentEventRow.id.desc())
                          .limit(1))
    linked = chain(event, tail or GENESIS)
    row = ConsentEventRow(
        phone=linked.phone, chat_id=linked.chat_id, channel=linked.channel, kind=linked.kind,
        method=linked.method, text=linked.text, disclosure=linked.disclosure,
        disclosure_version=linked.disclosure_version,
        provider_message_id=linked.provider_message_id, actor=linked.actor,
        recorded_at=linked.recorded_at, entered_at=linked.entered_at,
        session_key=linked.session_key, test=linked.test, prev_hash=linked.prev_hash,
        hash=linked.hash)
    session.add(row)
    session.flush()
    session.info[APPENDS] = appended(session) + 1  # readers holding events know to re-read
    stored = _to_event(row)
    _on_timeline(session, stored, note, note_data)
    return stored


def _on_timeline(session: Session, event: ConsentEvent, note: str | None,
                 note_data: dict[str, Any] | None) -> None:
    customer = customers.find_by_phone(session, event.phone) if event.phone else None
    if customer is None and event.chat_id is not None:
        customer = customers.find_by_chat(session, event.chat_id)
    if customer is not None:
        if event.test:
            note = f"staff test (web chat): {note or f'{event.kind} ({event.method})'}"
        note_on_timeline(session, customer.id, event, event.recorded_at, note, note_data)


def note_on_timeline(session: Session, customer_id: int, event: ConsentEvent, now: datetime,
                     note: str | None = None, note_data: dict[str, Any] | None = None) -> None:
    """One "consent" entry on a customer's timeline for `event`."""
    customers.add_activity(session, customer_id, "consent",
                           note or f"{event.kind} ({event.method})", now,
                           {"event_id": event.id, "channel": event.channel, **(note_data or {})})


def events_for(session: Session, *, phone: str | None = None, chat_id: int | None = None,
               session_key: str | None = None) -> list[ConsentEvent]:
    """Events naming this phone, chat or web-chat session, oldest first.

    A staff test event binds only its own session: a STOP typed in "Try the chat" silences
    that chat, and neither revokes nor grants the consent of the phone typed there.
    """
    if not (phone or chat_id is not None or session_key):
        return []
    query = _events_query(bool(phone), chat_id is not None, bool(session_key))
    params = {"phone": phone, "chat_id": chat_id, "session_key": session_key}
    return [_to_event(r) for r in session.scalars(query, params)]


@functools.cache
def _events_query(phone: bool, chat: bool, session_key: bool) -> Any:
    """The query for one combination of keys, built once (building costs more than running)."""
    real = []
    if phone:
        real.append(ConsentEventRow.phone == bindparam("phone"))
    if chat:
        real.append(ConsentEventRow.chat_id == bindparam("chat_id"))
    conditions = [and_(or_(*real), ConsentEventRow.test.is_(False))] if real else []
    if session_key:
        conditions.append(ConsentEventRow.session_key == bindparam("session_key"))
    return select(ConsentEventRow).where(or_(*conditions)).order_by(ConsentEventRow.id)


def stream(session: Session, *, phone: str | None = None, since: datetime | None = None,
           kind: str | None = None, batch: int = 2000) -> Iterator[ConsentEvent]:
    """Every matching event, oldest first, fetched in keyset batches (constant memory).

    Plain rows, not ORM objects, so nothing piles up in the session's identity map.
    """
    table = ConsentEventRow.__table__
    last_id = 0
    while True:
        query = select(table).where(ConsentEventRow.id > last_id)
        if phone:
            query = query.where(ConsentEventRow.phone == phone)
        if since:
            query = query.where(ConsentEventRow.recorded_at >= since)
        if kind:
            query = query.where(ConsentEventRow.kind == kind)
        rows = session.execute(query.order_by(ConsentEventRow.id).limit(batch)).all()
        if not rows:
            return
        for row in rows:
            yield _to_event(row)
        last_id = rows[-1].id
