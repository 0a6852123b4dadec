"""`intake consent verify|export|verbal`: the ledger for a compliance reviewer and the office."""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.conversation.parsing import parse_phone
from bot.errors import CliError
from bot.serialize import consent_json
from bot.settings import Settings
from bot.spreadsheet import safe_row
from consent.ledger import OPT_OUT_KINDS, ConsentEvent, VerifyResult, verify_chain
from store import ledger
from store.clock import utcnow
from store.db import make_engine, session_factory
from store.models import ConsentEventRow
from store.uow import UnitOfWork

FIELDS = ["id", "phone", "chat_id", "channel", "kind", "method", "text", "disclosure",
          "disclosure_version", "provider_message_id", "actor", "recorded_at", "prev_hash",
          "hash", "entered_at", "session_key", "test"]  # the last three added 2026-12-01
BATCH = 2000
T = TypeVar("T")
CLOCK_SKEW = timedelta(minutes=2)  # a staff PC's clock may run a little ahead of ours


class VerbalRefused(CliError):
    """A verbal opt-in that must not be recorded (future time, or superseded by an opt-out)."""

    def __init__(self, message: str, *, conflict: bool = False) -> None:
        super().__init__(message)
        self.conflict = conflict


def parse_since(value: str | None, name: str = "--since") -> datetime | None:
    """An ISO date or datetime; naive means UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"{name} {value!r} is not an ISO date (e.g. 2026-01-31)") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def phone_e164(raw: str, region: str, name: str = "--phone") -> str:
    """A typed phone number in E.164 (DEFAULT_REGION for numbers without +)."""
    if (phone := parse_phone(raw, region)) is None:
        raise CliError(f"{name} {raw[:40]!r} is not a phone number")
    return phone


def released(session: Session, events: Iterable[T], batch: int = BATCH) -> Iterator[T]:
    """`events` (from a keyset stream with the same batch), ending the transaction per batch.

    SQLite transactions here are BEGIN IMMEDIATE, i.e. they hold the write lock: a long
    export must not keep an inbound STOP waiting, so each batch is read, the transaction
    ended, and only then handed on (to a client that may be slow).
    """
    buffer: list[T] = []
    for event in events:
        buffer.append(event)
        if len(buffer) >= batch:
            session.rollback()
            yield from buffer
            buffer = []
    session.rollback()
    yield from buffer


def csv_lines(events: Iterator[dict[str, object]]) -> Iterator[str]:
    """CSV text, header first, one event at a time."""
    class _Line:
        value = ""

        def write(self, text: str) -> int:
            self.value += text
            return len(text)

    line = _Line()
    writer = csv.DictWriter(line, fieldnames=FIELDS)
    writer.writeheader()
    for event in events:
        writer.writerow(safe_row(event))  # a texter's "=HYPERLINK(...)" stays text
        yield line.value
        line.value = ""
    if line.value:
        yield line.value


def json_lines(events: Iterator[dict[str, object]]) -> Iterator[str]:
    """A JSON document {"items": [...]}, streamed one event at a time."""
    yield '{"items": ['
    first = True
    for event in events:
        yield ("" if first else ",") + "\n" + json.dumps(event, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def chunked(pieces: Iterable[str], size: int = 64 * 1024) -> Iterator[str]:
    """Pieces joined into blocks of about `size` characters (one write per block, not line)."""
    block: list[str] = []
    length = 0
    for piece in pieces:
        block.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(block)
            block, length = [], 0
    if block:
        yield "".join(block)


def export_chunks(session: Session, fmt: str, *, since: datetime | None = None,
                  phone: str | None = None, kind: str | None = None) -> Iterator[str]:
    """The (filtered) ledger as CSV or JSON text blocks, in constant memory."""
    events = released(session, ledger.stream(session, phone=phone, since=since, kind=kind,
                                             batch=BATCH))
    rows = (consent_json(e) for e in events)
    return chunked(csv_lines(rows) if fmt == "csv" else json_lines(rows))


def check(session: Session) -> tuple[VerifyResult, ConsentEvent | None]:
    """The chain check over the whole ledger, and the last event seen (the head when intact)."""
    last: list[ConsentEvent] = []

    def tap() -> Iterator[ConsentEvent]:
        for event in released(session, ledger.stream(session, batch=BATCH)):
            last[:] = [event]
            yield event

    result = verify_chain(tap())
    return result, (last[0] if last else None)


def export(settings: Settings, *, fmt: str, since: str | None, phone: str | None,
           out: TextIO = sys.stdout) -> int:
    """Write the (filtered) ledger to `out` with constant memory."""
    moment = parse_since(since)
    number = phone_e164(phone, settings.default_region) if phone else None
    sessions = session_factory(make_engine(settings.database_url, settings.batch_database_bounds))
    with sessions() as session:
        for chunk in export_chunks(session, fmt, since=moment, phone=number):
            out.write(chunk)
    return 0


def verify(settings: Settings, out: TextIO = sys.stdout) -> int:
    """Exit 0 when the chain holds; 1 naming the first bad event otherwise."""
    sessions = session_factory(make_engine(settings.database_url, settings.batch_database_bounds))
    with sessions() as session:
        result, last = check(session)
    if result.ok:
        head = f", last event {last.id} hash {last.hash}" if last else ""
        out.write(f"ledger intact: {result.events} events{head}\n")
        return 0
    out.write(f"ledger BROKEN at event {result.first_bad_event}: {result.reason}\n")
    return 1


def lock_ledger(session: Session) -> None:
    """Take the ledger's append lock now (PostgreSQL; SQLite's BEGIN IMMEDIATE already has it).

    For check-then-append: the advisory lock is re-entrant, so ledger.append takes it again.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ledger.LEDGER_LOCK_KEY})


def script_version(script: str) -> str:
    """A version naming the exact script text, for scripts without a version of their own."""
    return "verbal-sha256-" + hashlib.sha256(script.encode("utf-8")).hexdigest()[:16]


def record_verbal(session: Session, *, phone: str, staff: str, script: str,
                  call_reference: str | None, version: str | None,
                  captured_at: datetime | None, now: datetime) -> ConsentEvent:
    """Append a verbal opt-in taken on a call; `text` keeps the call reference.

    `recorded_at` is when the consent was given, `entered_at` when it was typed in (now).
    Refused when the former is in the future, or when the number opted out after it: a
    consent older than a revocation does not revive.
    """
    moment = (captured_at or now).astimezone(UTC)
    if moment > now + CLOCK_SKEW:
        raise VerbalRefused(f"captured_at {moment.isoformat()} is in the future")
    lock_ledger(session)  # before the check, so that no opt-out slips in between
    later = session.scalar(select(ConsentEventRow.recorded_at).where(
        ConsentEventRow.phone == phone, ConsentEventRow.kind.in_(OPT_OUT_KINDS),
        ConsentEventRow.test.is_(False), ConsentEventRow.recorded_at > moment,
    ).order_by(ConsentEventRow.id.desc()).limit(1))
    if later is not None:
        raise VerbalRefused(f"{phone} opted out at {later.isoformat()}, after this consent "
                            "was given; it no longer counts - ask again and record the new one",
                            conflict=True)
    return ledger.append(session, ConsentEvent(
        channel="sms", kind="verbal_opt_in", method="verbal", actor=staff, recorded_at=moment,
        entered_at=now.astimezone(UTC), phone=phone, text=call_reference, disclosure=script,
        disclosure_version=version or script_version(script)),
        note=f"verbal_opt_in (verbal) by {staff}", note_data={"call_reference": call_reference})


def naive_in(moment: datetime | None, tz: str) -> datetime | None:
    """A datetime typed without an offset is read in the business's time zone."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=ZoneInfo(tz))


def verbal(settings: Settings, *, phone: str, staff: str, script_file: str,
           call_reference: str | None, out: TextIO = sys.stdout) -> int:
    """`intake consent verbal`: record a verbal opt-in; prints the new event as JSON."""
    try:
        script = Path(script_file).read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"--script-file {script_file!r} cannot be read: {exc}") from None
    if not script.strip():
        raise CliError("--script-file is empty: record the exact script that was read")
    if not staff.strip():
        raise CliError("--staff is empty: name who took the consent")
    number = phone_e164(phone, settings.default_region)
    engine = make_engine(settings.database_url, settings.batch_database_bounds)
    with UnitOfWork(session_factory(engine)) as uow:
        event = record_verbal(uow.session, phone=number, staff=staff.strip(), script=script,
                              call_reference=call_reference or None, version=None,
                              captured_at=None, now=utcnow())
        uow.commit()
    out.write(json.dumps(consent_json(event), ensure_ascii=False) + "\n")
    return 0
