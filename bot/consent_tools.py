"""`intake consent verify|export`: the ledger for a compliance reviewer."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TextIO

from bot.errors import CliError
from bot.serialize import consent_json
from bot.settings import Settings
from consent.ledger import verify_chain
from store import ledger
from store.db import make_engine, session_factory

FIELDS = ["id", "phone", "chat_id", "channel", "kind", "method", "text", "disclosure",
          "disclosure_version", "provider_message_id", "actor", "recorded_at", "prev_hash",
          "hash"]


def parse_since(value: str | None) -> datetime | None:
    """An ISO date or datetime; naive means UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"--since {value!r} is not an ISO date (e.g. 2026-01-31)") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


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
        writer.writerow(event)
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


def export(settings: Settings, *, fmt: str, since: str | None, phone: str | None,
           out: TextIO = sys.stdout) -> int:
    """Write the (filtered) ledger to `out` with constant memory."""
    moment = parse_since(since)
    sessions = session_factory(make_engine(settings.database_url))
    with sessions() as session:
        events = (consent_json(e) for e in ledger.stream(session, phone=phone, since=moment))
        for chunk in (csv_lines(events) if fmt == "csv" else json_lines(events)):
            out.write(chunk)
    return 0


def verify(settings: Settings, out: TextIO = sys.stdout) -> int:
    """Exit 0 when the chain holds; 1 naming the first bad event otherwise."""
    sessions = session_factory(make_engine(settings.database_url))
    with sessions() as session:
        result = verify_chain(ledger.stream(session))
    if result.ok:
        out.write(f"ledger intact: {result.events} events\n")
        return 0
    out.write(f"ledger BROKEN at event {result.first_bad_event}: {result.reason}\n")
    return 1
