"""Ledger fields added on 2026-12-01: entry time, web-chat session key, staff test events."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from bot.app import create_app
from bot.settings import Settings
from consent.ledger import GENESIS, ConsentEvent, chain, consent_status, verify_chain
from store import ledger
from store.clock import utcnow
from store.db import session_factory
from store.migrate import alembic_config, upgrade
from store.uow import UnitOfWork

AUTH = {"Authorization": "Bearer admin-secret"}
PHONE = "+15551234567"
# Written by the code of 2026-11-23, before the new fields: it must verify forever.
OLD_EVENT = ConsentEvent(channel="sms", kind="opt_out", method="keyword", actor="texter",
                         recorded_at=datetime(2026, 11, 23, 12, 0, 0, 123456, tzinfo=UTC),
                         phone=PHONE, text="STOP", provider_message_id="SM1")
OLD_HASH = "8043fd1f235663cfbb0eb6a4475a0271c5b2aca8da9b71b9ca61b2f234ec4125"


def event(**fields: object) -> ConsentEvent:
    base = {"channel": "sms", "kind": "opt_out", "method": "keyword", "actor": "texter",
            "recorded_at": utcnow(), "phone": PHONE, "text": "STOP"}
    return ConsentEvent(**{**base, **fields})  # type: ignore[arg-type]


def append(engine: Engine, e: ConsentEvent) -> ConsentEvent:
    with UnitOfWork(session_factory(engine)) as uow:
        stored = ledger.append(uow.session, e)
        uow.commit()
    return stored


def test_an_event_written_before_the_new_fields_still_hashes_the_same() -> None:
    linked = chain(OLD_EVENT, GENESIS)
    assert linked.hash == OLD_HASH
    assert verify_chain([replace(linked, id=1)]).ok


@pytest.mark.parametrize("name,value", [
    ("entered_at", datetime(2026, 12, 1, 9, 0, tzinfo=UTC)), ("session_key", "web-abc"),
    ("test", True)])
def test_each_new_field_is_covered_by_the_hash_once_set(name: str, value: object) -> None:
    with_field = chain(replace(OLD_EVENT, **{name: value}), GENESIS)
    assert with_field.hash != OLD_HASH
    cleared = replace(with_field, **{name: None if name != "test" else False}, id=1)
    result = verify_chain([cleared])
    assert not result.ok and result.reason and "edited" in result.reason


def test_new_fields_round_trip_through_the_database_and_verify(engine: Engine) -> None:
    entered = utcnow()
    append(engine, event(kind="verbal_opt_in", method="verbal", actor="Dana",
                         recorded_at=entered - timedelta(days=2), entered_at=entered))
    append(engine, event(channel="web", phone=None, session_key="web-s1"))
    with session_factory(engine)() as s:
        verbal, web = list(ledger.stream(s))
        assert verbal.entered_at == entered and verbal.recorded_at == entered - timedelta(days=2)
        assert web.session_key == "web-s1" and web.test is True
        assert verify_chain(ledger.stream(s)).ok


def test_editing_a_new_field_in_the_database_is_refused(engine: Engine) -> None:
    append(engine, event(entered_at=utcnow()))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE consent_events SET entered_at = NULL"))


def test_a_web_chat_event_is_a_staff_test_event_bound_to_its_session_only(
        engine: Engine) -> None:
    stored = append(engine, event(channel="web", session_key="web-s1"))
    assert stored.test is True and stored.actor == "staff-test"
    with session_factory(engine)() as s:
        assert ledger.events_for(s, phone=PHONE) == []  # the phone's consent is untouched
        assert [e.id for e in ledger.events_for(s, session_key="web-s1")] == [stored.id]
        assert ledger.events_for(s, phone=PHONE, session_key="web-other") == []


def test_a_test_opt_in_never_lifts_a_real_opt_out(engine: Engine) -> None:
    append(engine, event())
    append(engine, event(channel="web", kind="opt_in", text="START", session_key="web-s1"))
    with session_factory(engine)() as s:
        assert consent_status(ledger.events_for(s, phone=PHONE)) == "opted_out"
        # The web session itself sees the real opt-out of the phone typed there, and its START.
        both = ledger.events_for(s, phone=PHONE, session_key="web-s1")
        assert [e.kind for e in both] == ["opt_out", "opt_in"]


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine)) as c:
        yield c


def test_a_back_dated_verbal_opt_in_keeps_when_it_was_entered(client: TestClient) -> None:
    given = (utcnow() - timedelta(days=1)).replace(microsecond=0)
    before = utcnow()
    response = client.post("/api/consent/verbal", headers=AUTH, json={
        "phone": PHONE, "staff": "Dana", "script": "May we text you?",
        "captured_at": given.isoformat()})
    assert response.status_code == 201, response.text
    body = response.json()
    assert datetime.fromisoformat(body["recorded_at"]) == given
    entered = datetime.fromisoformat(body["entered_at"])
    assert before <= entered <= utcnow() and body["test"] is False
    rows = list(csv.DictReader(io.StringIO(client.get(
        "/api/consent/export", params={"format": "csv"}, headers=AUTH).text)))
    assert datetime.fromisoformat(rows[0]["entered_at"]) == entered
    assert datetime.fromisoformat(rows[0]["recorded_at"]) == given
    [listed] = client.get("/api/consent/events", headers=AUTH).json()["items"]
    assert listed["entered_at"] == body["entered_at"]
    assert client.get("/api/consent/verify", headers=AUTH).json()["ok"] is True


def test_the_migration_goes_down_and_up_keeping_the_ledger_append_only(
        sqlite_engine: Engine) -> None:
    from alembic import command

    append(sqlite_engine, event())
    cfg = alembic_config(sqlite_engine.url.render_as_string(hide_password=False))
    with sqlite_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    upgrade(sqlite_engine)
    with pytest.raises(DBAPIError, match="append-only"), sqlite_engine.begin() as conn:
        conn.execute(text("DELETE FROM consent_events"))
    with session_factory(sqlite_engine)() as s:
        assert verify_chain(ledger.stream(s)).ok
