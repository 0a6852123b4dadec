"""An attacker with the database file edits, deletes or reorders events: verify names where."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from bot.app import create_app
from bot.consent_tools import verify
from bot.settings import Settings
from consent.ledger import ConsentEvent, event_digest
from store import ledger
from store.clock import utcnow
from store.db import session_factory
from store.uow import UnitOfWork

AUTH = {"Authorization": "Bearer admin-secret"}
KINDS = ["opt_in", "help", "opt_out", "opt_in", "opt_out", "help"]


def fill(engine: Engine) -> list[ConsentEvent]:
    """Six events, each appended in its own transaction as the app does."""
    events = []
    for n, kind in enumerate(KINDS):
        with UnitOfWork(session_factory(engine)) as uow:
            events.append(ledger.append(uow.session, ConsentEvent(
                channel="sms", kind=kind, method="keyword", actor="texter",
                recorded_at=utcnow(), phone=f"+1555010000{n % 3}", text=f"message {n}")))
            uow.commit()
    return events


def attacker(engine: Engine) -> sqlite3.Connection:
    """A plain sqlite3 connection to the file, with the append-only triggers dropped."""
    path = engine.url.database
    assert path and path != ":memory:"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER consent_events_no_update")
    conn.execute("DROP TRIGGER consent_events_no_delete")
    return conn


def cli_verify(engine: Engine, settings: Settings) -> tuple[int, str]:
    out = io.StringIO()
    code = verify(settings.model_copy(update={"database_url": str(engine.url)}), out=out)
    return code, out.getvalue()


def api_verify(engine: Engine, settings: Settings) -> dict[str, object]:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine)) as client:
        response = client.get("/api/consent/verify", headers=AUTH)
    assert response.status_code == 200
    body: dict[str, object] = response.json()
    return body


def edit_text(conn: sqlite3.Connection, ids: list[int]) -> int:
    conn.execute("UPDATE consent_events SET text = 'START' WHERE id = ?", (ids[2],))
    return ids[2]


def delete_middle(conn: sqlite3.Connection, ids: list[int]) -> int:
    conn.execute("DELETE FROM consent_events WHERE id = ?", (ids[2],))
    return ids[3]  # the event after the hole no longer links to its predecessor


def swap_rows(conn: sqlite3.Connection, ids: list[int]) -> int:
    a, b = ids[1], ids[3]
    conn.execute("UPDATE consent_events SET id = -1 WHERE id = ?", (a,))
    conn.execute("UPDATE consent_events SET id = ? WHERE id = ?", (a, b))
    conn.execute("UPDATE consent_events SET id = ? WHERE id = -1", (b,))
    return a


def swap_contents(conn: sqlite3.Connection, ids: list[int]) -> int:
    a, b = ids[2], ids[4]
    cols = "kind, text"
    (kind_a, text_a), (kind_b, text_b) = (
        conn.execute(f"SELECT {cols} FROM consent_events WHERE id = ?", (i,)).fetchone()
        for i in (a, b))
    conn.execute("UPDATE consent_events SET kind = ?, text = ? WHERE id = ?", (kind_b, text_b, a))
    conn.execute("UPDATE consent_events SET kind = ?, text = ? WHERE id = ?", (kind_a, text_a, b))
    return a


def rehash_edited_row(conn: sqlite3.Connection, ids: list[int]) -> int:
    """The attacker also recomputes the edited row's own hash: the next link gives it away."""
    conn.execute("UPDATE consent_events SET kind = 'opt_in', text = 'START' WHERE id = ?",
                 (ids[2],))
    row = conn.execute("SELECT phone, chat_id, channel, kind, method, text, disclosure, "
                       "disclosure_version, provider_message_id, actor, recorded_at, prev_hash "
                       "FROM consent_events WHERE id = ?", (ids[2],)).fetchone()
    edited = ConsentEvent(
        phone=row[0], chat_id=row[1], channel=row[2], kind=row[3], method=row[4], text=row[5],
        disclosure=row[6], disclosure_version=row[7], provider_message_id=row[8], actor=row[9],
        recorded_at=datetime.fromisoformat(row[10]).replace(tzinfo=UTC))
    conn.execute("UPDATE consent_events SET hash = ? WHERE id = ?",
                 (event_digest(edited, row[11]), ids[2]))
    return ids[3]


Tamper = Callable[[sqlite3.Connection, list[int]], int]


@pytest.mark.parametrize(("tamper", "reason"), [
    (edit_text, "edited"), (delete_middle, "broken"), (swap_rows, "broken"),
    (swap_contents, "edited"), (rehash_edited_row, "broken")])
def test_verify_names_the_first_bad_event(sqlite_engine: Engine, settings: Settings,
                                          tamper: Tamper, reason: str) -> None:
    ids = [e.id for e in fill(sqlite_engine) if e.id is not None]
    assert cli_verify(sqlite_engine, settings)[0] == 0
    conn = attacker(sqlite_engine)
    first_bad = tamper(conn, ids)
    conn.close()
    code, out = cli_verify(sqlite_engine, settings)
    assert code == 1
    assert f"BROKEN at event {first_bad}:" in out and reason in out
    body = api_verify(sqlite_engine, settings)
    assert body["ok"] is False and body["first_bad_event"] == first_bad
    assert reason in str(body["reason"])


def test_deleting_the_newest_events_changes_the_head_a_reviewer_wrote_down(
        sqlite_engine: Engine, settings: Settings) -> None:
    # The chain alone cannot show a cut-off tail; the head hash printed by verify can.
    events = fill(sqlite_engine)
    code, before = cli_verify(sqlite_engine, settings)
    assert code == 0 and events[-1].hash in before
    conn = attacker(sqlite_engine)
    conn.execute("DELETE FROM consent_events WHERE id = ?", (events[-1].id,))
    conn.close()
    code, after = cli_verify(sqlite_engine, settings)
    assert code == 0 and events[-1].hash not in after
    assert api_verify(sqlite_engine, settings)["last_hash"] == events[-2].hash


def test_sqlite_triggers_refuse_edits_until_dropped(sqlite_engine: Engine) -> None:
    fill(sqlite_engine)
    conn = sqlite3.connect(sqlite_engine.url.database or "", isolation_level=None)
    for statement in ["UPDATE consent_events SET text = 'x'", "DELETE FROM consent_events"]:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute(statement)
    conn.close()


@pytest.mark.postgres
@pytest.mark.parametrize("statement", [
    "UPDATE consent_events SET text = 'START' WHERE kind = 'opt_out'",
    "DELETE FROM consent_events WHERE kind = 'opt_out'",
    "TRUNCATE consent_events",
    "TRUNCATE consent_events RESTART IDENTITY CASCADE",
])
def test_postgres_trigger_refuses_update_delete_and_truncate(
        pg_engine: Engine, settings: Settings, statement: str) -> None:
    fill(pg_engine)
    with pytest.raises(DBAPIError, match="append-only"), pg_engine.begin() as conn:
        conn.execute(text(statement))
    body = api_verify(pg_engine, settings)
    assert body["ok"] is True and body["events"] == len(KINDS)
