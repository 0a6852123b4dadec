"""The compliance report: API, CLI and CSV, on real databases with a ledger the test writes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.consent_report import parse_period
from bot.errors import CliError
from bot.outbox.dispatcher import Delivery, Dispatcher
from bot.settings import Settings
from consent.ledger import ConsentEvent
from store import ledger, messages
from store.db import make_engine, session_factory
from store.uow import UnitOfWork
from tests.consent.test_quiet_hours_outbox import run_once
from tests.support.proactive import queue_proactive
from tests.support.twilio import Texter

AUTH = {"Authorization": "Bearer admin-secret"}
PHONE, OTHER = "+12125550188", "+12125550199"
T0 = datetime(2026, 1, 15, 17, 0, tzinfo=UTC)  # noon in New York
ROOT = Path(__file__).resolve().parents[2]


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def event(engine: Engine, kind: str, when: datetime, phone: str = PHONE, *,
          channel: str = "sms", entered: datetime | None = None) -> ConsentEvent:
    with UnitOfWork(session_factory(engine)) as uow:
        stored = ledger.append(uow.session, ConsentEvent(
            channel=channel, kind=kind, method="keyword", actor="texter", recorded_at=when,
            phone=phone, text=kind.upper(), entered_at=entered,
            session_key="web-s1" if channel == "web" else None))
        uow.commit()
    return stored


def sent(engine: Engine, purpose: str, when: datetime, phone: str = PHONE,
         channel: str = "sms") -> int:
    with UnitOfWork(session_factory(engine)) as uow:
        row = messages.log_outbound(uow.session, channel=channel, sender_key=phone, phone=phone,
                                    text="...", purpose=purpose, now=when)
        uow.commit()
        return row.id


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine)) as c:
        yield c


def report(client: TestClient, **params: str) -> dict[str, object]:
    response = client.get("/api/consent/report", params=params, headers=AUTH)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_a_clean_history_reports_each_opt_out_with_the_messages_around_it(
        client: TestClient, engine: Engine) -> None:
    event(engine, "opt_in", at(0))
    before = sent(engine, "proactive", at(5))
    stop = event(engine, "opt_out", at(10))
    confirmation = sent(engine, "opt_out_confirmation", at(10))
    help_reply = sent(engine, "help", at(20))
    event(engine, "opt_in", at(30))
    sent(engine, "opt_in_confirmation", at(30))
    sent(engine, "proactive", at(40))
    body = report(client)
    assert set(body) >= {"opt_outs", "sent_after_opt_out", "proactive_without_opt_in",
                         "held", "refused"}
    assert body["sent_after_opt_out"] == [] and body["proactive_without_opt_in"] == []
    [o] = body["opt_outs"]  # type: ignore[misc]
    assert (o["event_id"], o["phone"], o["ok"]) == (stop.id, PHONE, True)
    assert o["last_message_before"]["id"] == before
    assert o["last_message_before"]["sent_at"] == at(5).isoformat()
    assert o["confirmation"]["id"] == confirmation
    assert (o["first_message_after"]["id"], o["first_message_after"]["purpose"]) == (
        help_reply, "help")
    assert o["opted_in_again_at"] == at(30).isoformat()


def test_what_should_not_have_been_sent_is_listed(client: TestClient, engine: Engine) -> None:
    event(engine, "opt_in", at(0))
    stop = event(engine, "opt_out", at(10))
    sent(engine, "opt_out_confirmation", at(10))
    second = sent(engine, "opt_out_confirmation", at(11))
    planted = sent(engine, "proactive", at(12))  # what a broken gate would have let through
    reply = sent(engine, "reply", at(13), channel="telegram")
    cold = sent(engine, "proactive", at(14), phone=OTHER)  # never opted in
    body = report(client)
    after = {v["message_id"]: v for v in body["sent_after_opt_out"]}  # type: ignore[attr-defined]
    assert sorted(after) == [second, planted, reply]
    assert after[second]["reason"] == "a second opt-out confirmation"
    assert after[planted]["opt_out_event_id"] == stop.id
    assert after[planted]["opted_out_at"] == at(10).isoformat()
    proactive = [(v["message_id"], v["consent_status"])
                 for v in body["proactive_without_opt_in"]]  # type: ignore[attr-defined]
    assert proactive == [(planted, "opted_out"), (cold, "unknown")]
    [o] = body["opt_outs"]  # type: ignore[misc]
    assert o["ok"] is False and o["first_message_after"]["id"] == second


def test_a_back_dated_verbal_opt_in_does_not_excuse_what_went_out_before_it_was_entered(
        client: TestClient, engine: Engine) -> None:
    event(engine, "opt_out", at(0))
    early = sent(engine, "proactive", at(20))
    event(engine, "verbal_opt_in", at(10), entered=at(30))  # given at 10, typed in at 30
    later = sent(engine, "proactive", at(40))
    ids = [v["message_id"] for v in report(client)["sent_after_opt_out"]]  # type: ignore[attr-defined]
    assert early in ids and later not in ids


def test_staff_test_events_and_web_chat_messages_are_left_out(client: TestClient,
                                                              engine: Engine) -> None:
    event(engine, "opt_out", at(0), channel="web")
    sent(engine, "reply", at(1), channel="web")
    event(engine, "opt_in", at(2))
    sent(engine, "proactive", at(3))
    body = report(client)
    assert body["opt_outs"] == [] and body["sent_after_opt_out"] == []
    assert body["proactive_without_opt_in"] == []


def test_the_period_is_in_local_days_and_until_includes_its_day(client: TestClient,
                                                                engine: Engine) -> None:
    event(engine, "opt_out", datetime(2026, 1, 15, 4, 30, tzinfo=UTC))  # 23:30 on the 14th NY
    event(engine, "opt_out", datetime(2026, 1, 16, 4, 30, tzinfo=UTC), phone=OTHER)  # 15th
    days = report(client, since="2026-01-15", until="2026-01-15")
    assert [o["phone"] for o in days["opt_outs"]] == [OTHER]  # type: ignore[attr-defined]
    assert days["since"] == "2026-01-15T00:00:00-05:00"
    assert days["until"] == "2026-01-16T00:00:00-05:00"
    both = report(client, since="2026-01-14T23:00:00", until="2026-01-15T23:59:59-05:00")
    assert len(both["opt_outs"]) == 2  # type: ignore[arg-type]


def test_an_opt_out_before_the_period_still_counts_its_confirmation(
        client: TestClient, engine: Engine) -> None:
    event(engine, "opt_out", datetime(2026, 1, 10, 17, tzinfo=UTC))
    sent(engine, "opt_out_confirmation", datetime(2026, 1, 10, 17, tzinfo=UTC))
    second = sent(engine, "opt_out_confirmation", datetime(2026, 1, 16, 17, tzinfo=UTC))
    body = report(client, since="2026-01-15")
    assert [v["message_id"] for v in body["sent_after_opt_out"]] == [second]  # type: ignore[attr-defined]


@pytest.mark.parametrize("params,words", [
    ({"since": "yesterday"}, "since 'yesterday' is not an ISO date"),
    ({"until": "2026-13-01"}, "until '2026-13-01' is not an ISO date"),
    ({"since": "2026-02-01", "until": "2026-01-01"}, "must be before until"),
])
def test_bad_dates_get_a_422_that_names_the_problem(client: TestClient,
                                                    params: dict[str, str], words: str) -> None:
    response = client.get("/api/consent/report", params=params, headers=AUTH)
    assert response.status_code == 422 and words in response.json()["detail"]


def test_the_report_needs_the_token(client: TestClient) -> None:
    assert client.get("/api/consent/report").status_code == 401


def test_csv_has_a_row_per_opt_out_violation_and_count(client: TestClient,
                                                       engine: Engine) -> None:
    event(engine, "opt_in", at(0))
    sent(engine, "reply", at(5))
    event(engine, "opt_out", at(10))
    planted = sent(engine, "proactive", at(12))
    response = client.get("/api/consent/report", params={"format": "csv"}, headers=AUTH)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    sections = [r["section"] for r in rows]
    assert sections == ["opt_out", "sent_after_opt_out", "proactive_without_opt_in", "held",
                        "refused"]
    assert rows[0]["last_message_before_at"] == at(5).isoformat()
    assert rows[0]["first_message_after_purpose"] == "proactive" and rows[0]["ok"] == "False"
    assert rows[1]["message_id"] == str(planted) and rows[3]["count"] == "0"


def test_held_and_refused_are_counted_from_the_outbox(engine: Engine, settings: Settings,
                                                      client: TestClient) -> None:
    night = datetime(2026, 1, 15, 4, 0, tzinfo=UTC)  # 23:00 in New York
    event(engine, "opt_in", night - timedelta(hours=1))
    event(engine, "opt_out", night - timedelta(hours=1), phone=OTHER)
    with UnitOfWork(session_factory(engine)) as uow:
        queue_proactive(uow.session, PHONE, "Reminder", night)
        queue_proactive(uow.session, OTHER, "Reminder", night)
        uow.commit()
    handed: list[Delivery] = []

    async def sender(d: Delivery) -> str:
        handed.append(d)
        return "SM1"

    run_once(Dispatcher(session_factory(engine), settings, {"texter:sms": sender},
                        clock=lambda: night))
    body = report(client, since="2026-01-14", until="2026-01-15")
    assert (body["held"], body["refused"], handed) == (1, 1, [])


def test_parse_period_refuses_what_it_cannot_read() -> None:
    with pytest.raises(CliError, match="not an ISO date"):
        parse_period("01/15/2026", None, "America/New_York")
    period = parse_period(None, "2026-01-15", "America/New_York")
    assert period.since is None and period.until == datetime(2026, 1, 16, 5, tzinfo=UTC)


def cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "TWILIO_"))}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], cwd=cwd, env=env,
                          text=True, capture_output=True, timeout=60)


def test_cli_report_exits_0_when_clean_1_when_not_and_2_on_bad_dates(
        tmp_path: Path, settings: Settings) -> None:
    assert cli(["db", "upgrade"], tmp_path).returncode == 0
    on_file = make_engine(f"sqlite:///{tmp_path / 'intake.db'}")
    with TestClient(create_app(settings.model_copy(update={"outbox_in_process": False}),
                               on_file)) as c:
        t = Texter(c, "test-auth-token", PHONE)
        for words in ["Hi", "STOP", "HELP"]:
            t.say(words)
    clean = cli(["consent", "report"], tmp_path)
    assert clean.returncode == 0, clean.stderr
    body = json.loads(clean.stdout)
    assert len(body["opt_outs"]) == 1 and body["sent_after_opt_out"] == []
    assert body["opt_outs"][0]["first_message_after"]["purpose"] == "help"
    sent(on_file, "proactive", datetime.now(UTC))  # after the STOP, before the CLI runs
    on_file.dispose()
    dirty = cli(["consent", "report", "--format", "csv", "--since", "2026-01-01"], tmp_path)
    assert dirty.returncode == 1 and "sent_after_opt_out" in dirty.stdout
    bad = cli(["consent", "report", "--until", "soon"], tmp_path)
    assert bad.returncode == 2 and "until 'soon' is not an ISO date" in bad.stderr
