"""`intake consent verify|export|verbal` as functions: output, errors, memory, locking."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bench.ledger import build
from bot.consent_tools import export, export_chunks, verbal, verify
from bot.errors import CliError
from bot.settings import Settings
from consent.ledger import ConsentEvent
from store import ledger
from store.clock import utcnow
from store.db import make_engine, session_factory
from store.uow import UnitOfWork

SCRIPT = "Ace Plumbing may text you about this job. Msg & data rates may apply. STOP to end.\n"


@pytest.fixture
def on_file(sqlite_engine: Engine, settings: Settings) -> Settings:
    """Settings pointing at the migrated SQLite file of `sqlite_engine`."""
    return settings.model_copy(update={"database_url": str(sqlite_engine.url)})


def append(engine: Engine, phone: str, kind: str, words: str) -> None:
    with UnitOfWork(session_factory(engine)) as uow:
        ledger.append(uow.session, ConsentEvent(
            channel="sms", kind=kind, method="keyword", actor="texter", recorded_at=utcnow(),
            phone=phone, text=words))
        uow.commit()


def test_verbal_records_the_script_file_and_prints_the_event(on_file: Settings,
                                                             tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    out = io.StringIO()
    assert verbal(on_file, phone="(555) 123-4567", staff="Dana", script_file=str(script),
                  call_reference="CA-77", out=out) == 0
    event = json.loads(out.getvalue())
    assert (event["phone"], event["kind"], event["method"], event["actor"], event["text"]) == (
        "+15551234567", "verbal_opt_in", "verbal", "Dana", "CA-77")
    assert event["disclosure"] == SCRIPT.rstrip("\n")
    assert event["disclosure_version"].startswith("verbal-sha256-")
    out = io.StringIO()
    assert verify(on_file, out=out) == 0 and "1 events" in out.getvalue()


@pytest.mark.parametrize(("phone", "staff", "content", "message"), [
    ("+15551234567", "Dana", "", "empty"),
    ("+15551234567", "Dana", None, "cannot be read"),
    ("call me", "Dana", SCRIPT, "not a phone number"),
    ("+15551234567", "  ", SCRIPT, "--staff"),
])
def test_verbal_refuses_what_would_be_weak_evidence(on_file: Settings, tmp_path: Path,
                                                    phone: str, staff: str,
                                                    content: str | None, message: str) -> None:
    script = tmp_path / "script.txt"
    if content is not None:
        script.write_text(content, encoding="utf-8")
    with pytest.raises(CliError, match=message):
        verbal(on_file, phone=phone, staff=staff, script_file=str(script), call_reference=None)


def test_export_writes_csv_and_json_filtered_by_typed_phone(on_file: Settings,
                                                            sqlite_engine: Engine) -> None:
    append(sqlite_engine, "+15551234567", "opt_out", "STOP, \"now\"")
    append(sqlite_engine, "+15559876543", "help", "HELP")
    out = io.StringIO()
    assert export(on_file, fmt="csv", since=None, phone=None, out=out) == 0
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["text"] for r in rows] == ["STOP, \"now\"", "HELP"]
    out = io.StringIO()
    export(on_file, fmt="json", since="2020-01-01", phone="555 987 6543", out=out)
    assert [e["kind"] for e in json.loads(out.getvalue())["items"]] == ["help"]
    with pytest.raises(CliError, match="--since"):
        export(on_file, fmt="csv", since="yesterday", phone=None, out=io.StringIO())
    with pytest.raises(CliError, match="--phone"):
        export(on_file, fmt="csv", since=None, phone="nobody", out=io.StringIO())


def test_verify_prints_the_count_and_the_head_hash(on_file: Settings,
                                                   sqlite_engine: Engine) -> None:
    out = io.StringIO()
    assert verify(on_file, out=out) == 0 and out.getvalue() == "ledger intact: 0 events\n"
    append(sqlite_engine, "+15551234567", "opt_out", "STOP")
    with session_factory(sqlite_engine)() as s:
        [event] = list(ledger.stream(s))
    out = io.StringIO()
    assert verify(on_file, out=out) == 0
    assert out.getvalue() == f"ledger intact: 1 events, last event {event.id} hash {event.hash}\n"


def test_a_long_export_does_not_keep_writers_out(tmp_path: Path) -> None:
    # SQLite transactions here are BEGIN IMMEDIATE: a reader holding one blocks every writer,
    # so an inbound STOP would wait for (or time out behind) an export of the whole ledger.
    path = tmp_path / "ledger.db"
    build(path, 5000)
    engine = make_engine(f"sqlite:///{path}")
    with session_factory(engine)() as session:
        chunks = export_chunks(session, "json")
        first = next(chunks)
        assert first.startswith('{"items": [')
        writer = sqlite3.connect(path, timeout=0.5, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # "database is locked" if the export held it
        writer.rollback()
        writer.close()
        rest = "".join(chunks)
    assert len(json.loads(first + rest)["items"]) == 5000
    engine.dispose()


def _export_peak(path: Path) -> int:
    engine = make_engine(f"sqlite:///{path}")
    tracemalloc.start()
    with session_factory(engine)() as session:
        for _ in export_chunks(session, "csv"):
            pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    engine.dispose()
    return peak


def test_export_memory_does_not_grow_with_the_ledger(tmp_path: Path) -> None:
    small, large = tmp_path / "small.db", tmp_path / "large.db"
    build(small, 4000)
    build(large, 24000)
    _export_peak(small)  # warm caches (compiled SQL, imports) outside the comparison
    small_peak, large_peak = _export_peak(small), _export_peak(large)
    # Six times the events; a list of them would need about six times the memory.
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)
