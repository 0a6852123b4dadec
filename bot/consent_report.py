"""The compliance report for a period: opt-outs, what followed them, held and refused counts.

One shape for the API, the CLI and the dashboard (CONTRACT: `opt_outs`,
`sent_after_opt_out`, `proactive_without_opt_in`, `held`, `refused`), and one CSV of it.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.consent_tools import BATCH, released
from bot.errors import CliError
from bot.settings import Settings
from consent.ledger import OPT_OUT_KINDS, ConsentEvent
from consent.report import ALLOWED_AFTER_OPT_OUT, CONFIRMATION, Ledger, Violation, check
from store import compliance, ledger
from store.clock import utcnow
from store.db import make_engine, session_factory
from store.models import MessageLog

CSV_FIELDS = ["section", "phone", "chat_id", "channel", "event_id", "kind", "method", "words",
              "opted_out_at", "last_message_before_at", "last_message_before_purpose",
              "confirmation_at", "first_message_after_at", "first_message_after_purpose",
              "opted_in_again_at", "ok", "message_id", "purpose", "sent_at", "reason", "count"]


@dataclass(frozen=True)
class Period:
    """[since, until) in UTC; no `since` means from the first event."""

    since: datetime | None
    until: datetime


def _moment(value: str, name: str, tz: ZoneInfo, end_of_day: bool) -> datetime:
    """An ISO date (the business's local day) or datetime (no offset: business time)."""
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            moment = datetime(day.year, day.month, day.day, tzinfo=tz)
            return moment + timedelta(days=1) if end_of_day else moment
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"{name} {value[:40]!r} is not an ISO date or datetime "
                       "(e.g. 2026-01-31 or 2026-01-31T17:00)") from None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def parse_period(since: str | None, until: str | None, tz: str,
                 now: datetime | None = None) -> Period:
    """The period named by two optional ISO values; `until` as a date includes that day."""
    zone = ZoneInfo(tz)
    start = _moment(since, "since", zone, False) if since else None
    end = _moment(until, "until", zone, True) if until else (now or utcnow())
    if start is not None and start >= end:
        raise CliError(f"since ({start.isoformat()}) must be before until ({end.isoformat()})")
    return Period(start, end)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _message(m: MessageLog | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"id": m.id, "channel": m.channel, "purpose": m.purpose,
            "sent_at": _iso(m.sent_at or m.created_at)}


def _opt_out(session: Session, book: Ledger, e: ConsentEvent,
             violations: int) -> dict[str, Any]:
    """One opt-out with the message before it, its confirmation and the message after.

    `ok`: the first message after it was allowed and nothing it forbade went out later.
    """
    chat = str(e.chat_id) if e.chat_id is not None else None

    def near(before: bool, exclude: tuple[int, ...] = ()) -> MessageLog | None:
        return compliance.neighbour(session, phone=e.phone, chat_sender=chat, at=e.recorded_at,
                                    before=before, exclude=exclude)

    before, after, confirmation = near(True), near(False), None
    if after is not None and after.purpose == CONFIRMATION:
        confirmation, after = after, near(False, (after.id,))
    again = book.next_opt_in(e)
    ok = not violations and (after is None or after.purpose in ALLOWED_AFTER_OPT_OUT or (
        again is not None and (after.sent_at or after.created_at) >= again))
    return {"event_id": e.id, "phone": e.phone, "chat_id": e.chat_id, "channel": e.channel,
            "kind": e.kind, "method": e.method, "text": e.text,
            "recorded_at": _iso(e.recorded_at), "last_message_before": _message(before),
            "confirmation": _message(confirmation), "first_message_after": _message(after),
            "opted_in_again_at": _iso(again), "violations": violations, "ok": ok}


def _violation(v: Violation) -> dict[str, Any]:
    m = v.message
    return {"message_id": m.id, "phone": m.phone, "chat_id": m.chat_id, "channel": m.channel,
            "purpose": m.purpose, "sent_at": _iso(m.at), "reason": v.reason,
            "opt_out_event_id": v.event.id if v.event else None,
            "opted_out_at": _iso(v.event.recorded_at) if v.event else None,
            "consent_status": v.status}


def build(session: Session, period: Period) -> dict[str, Any]:
    """The report for `period`, read in short transactions (SQLite's hold the write lock)."""
    book = Ledger.of(released(session, ledger.stream(session, batch=BATCH)))
    since = period.since
    scan_from = min(filter(None, [since, book.open_since(since)])) if since else None
    rows = released(session, compliance.outbound(session, scan_from, period.until, BATCH))
    after, proactive = check(book, rows)
    in_period = [v for v in after if since is None or v.message.at >= since]
    broken = Counter(v.event.id for v in after if v.event is not None)
    stops = [e for e in released(session, ledger.stream(session, since=since, batch=BATCH))
             if e.kind in OPT_OUT_KINDS and not e.test and e.recorded_at < period.until]
    opt_outs = []
    for n, e in enumerate(stops, 1):
        opt_outs.append(_opt_out(session, book, e, broken[e.id]))
        if n % 100 == 0:
            session.rollback()  # three small reads each: let a waiting writer in now and then
    held, refused = compliance.held_and_refused(session, since, period.until)
    return {"since": _iso(since), "until": _iso(period.until), "opt_outs": opt_outs,
            "sent_after_opt_out": [_violation(v) for v in in_period],
            "proactive_without_opt_in": [_violation(v) for v in proactive
                                         if since is None or v.message.at >= since],
            "held": held, "refused": refused}


def csv_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report flattened: a row per opt-out, per violation, and the two counts."""
    rows: list[dict[str, Any]] = []
    for o in report["opt_outs"]:
        before, confirm, after = (o["last_message_before"] or {}, o["confirmation"] or {},
                                  o["first_message_after"] or {})
        rows.append({"section": "opt_out", "phone": o["phone"], "chat_id": o["chat_id"],
                     "channel": o["channel"], "event_id": o["event_id"], "kind": o["kind"],
                     "method": o["method"], "words": o["text"], "opted_out_at": o["recorded_at"],
                     "last_message_before_at": before.get("sent_at"),
                     "last_message_before_purpose": before.get("purpose"),
                     "confirmation_at": confirm.get("sent_at"),
                     "first_message_after_at": after.get("sent_at"),
                     "first_message_after_purpose": after.get("purpose"),
                     "opted_in_again_at": o["opted_in_again_at"], "ok": o["ok"]})
    for section in ("sent_after_opt_out", "proactive_without_opt_in"):
        rows.extend({"section": section, "phone": v["phone"], "chat_id": v["chat_id"],
                     "channel": v["channel"], "event_id": v["opt_out_event_id"],
                     "opted_out_at": v["opted_out_at"], "message_id": v["message_id"],
                     "purpose": v["purpose"], "sent_at": v["sent_at"], "reason": v["reason"],
                     "ok": False} for v in report[section])
    rows += [{"section": "held", "count": report["held"]},
             {"section": "refused", "count": report["refused"]}]
    return rows


def csv_text(report: dict[str, Any]) -> str:
    """The report as CSV text (UTC ISO times with their offset)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    writer.writerows(csv_rows(report))
    return out.getvalue()


def run(settings: Settings, *, since: str | None, until: str | None, fmt: str,
        out: TextIO = sys.stdout) -> int:
    """`intake consent report`: exit 0 when nothing was sent that should not have been."""
    period = parse_period(since, until, settings.business_timezone)
    engine = make_engine(settings.database_url, settings.batch_database_bounds)
    with session_factory(engine)() as session:
        report = build(session, period)
    out.write(csv_text(report) if fmt == "csv"
              else json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    clean = not report["sent_after_opt_out"] and not report["proactive_without_opt_in"]
    return 0 if clean else 1
