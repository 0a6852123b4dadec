"""/api/consent: events, status, verbal opt-in, streamed export, chain verification."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.consent_tools import script_version
from bot.settings import Settings
from consent.texts import Business, opt_out_confirmation
from store.clock import utcnow
from tests.support.twilio import Texter

AUTH = {"Authorization": "Bearer admin-secret"}
SCRIPT = ("Ace Plumbing will text you about this job: appointment times and arrival notices. "
          "Msg & data rates may apply. Reply STOP to opt out. Do we have your permission?")
PATHS = [("GET", "/api/consent/events"), ("GET", "/api/consent/status?phone=+15551234567"),
         ("POST", "/api/consent/verbal"), ("GET", "/api/consent/export"),
         ("GET", "/api/consent/verify")]


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine)) as c:
        yield c


def texter(client: TestClient, phone: str) -> Texter:
    return Texter(client, "test-auth-token", phone)


def verbal(client: TestClient, **body: object) -> dict[str, object]:
    payload = {"phone": "+15551234567", "staff": "Dana (office)", "script": SCRIPT,
               "call_reference": "CA-2026-0042", **body}
    response = client.post("/api/consent/verbal", json=payload, headers=AUTH)
    assert response.status_code == 201, response.text
    result: dict[str, object] = response.json()
    return result


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}])
def test_every_consent_call_needs_the_token(client: TestClient, headers: dict[str, str]) -> None:
    for method, path in PATHS:
        response = client.request(method, path, headers=headers, json={})
        assert response.status_code == 401, (method, path)
        assert response.json()["detail"]


def test_events_are_listed_oldest_first_with_every_contract_field(client: TestClient) -> None:
    t = texter(client, "+15551234567")
    t.say("Hi")
    t.say("STOP")
    t.say("help")
    t.say("START")
    texter(client, "+15559876543").say("stop texting me please")
    items = client.get("/api/consent/events", headers=AUTH).json()["items"]
    assert [(i["phone"], i["kind"]) for i in items] == [
        ("+15551234567", "opt_out"), ("+15551234567", "help"), ("+15551234567", "opt_in"),
        ("+15559876543", "opt_out")]
    assert set(items[0]) == {"id", "phone", "chat_id", "channel", "kind", "method", "text",
                             "disclosure", "disclosure_version", "provider_message_id",
                             "actor", "recorded_at", "prev_hash", "hash", "entered_at",
                             "session_key", "test"}
    assert items[0]["text"] == "STOP" and items[0]["method"] == "keyword"
    assert items[0]["disclosure"] == opt_out_confirmation(Business("Ace Plumbing",
                                                                   "(555) 010-0000"))
    assert items[3]["text"] == "stop texting me please" and items[3]["method"] == "free_text"
    assert [i["id"] for i in items] == sorted(i["id"] for i in items)
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(items, items[1:], strict=False))
    assert datetime.fromisoformat(items[0]["recorded_at"]).utcoffset() == timedelta(0)


def test_events_filter_by_typed_phone_kind_and_since(client: TestClient) -> None:
    texter(client, "+15551234567").say("STOP")
    texter(client, "+15559876543").say("STOP")
    texter(client, "+15559876543").say("HELP")
    for typed in ["(555) 987-6543", "555.987.6543", "+1 555 987 6543", "5559876543"]:
        items = client.get("/api/consent/events", params={"phone": typed},
                           headers=AUTH).json()["items"]
        assert [i["kind"] for i in items] == ["opt_out", "help"], typed
    opt_outs = client.get("/api/consent/events", params={"kind": "opt_out"},
                          headers=AUTH).json()["items"]
    assert {i["phone"] for i in opt_outs} == {"+15551234567", "+15559876543"}
    later = (utcnow() + timedelta(minutes=1)).isoformat()
    assert client.get("/api/consent/events", params={"since": later},
                      headers=AUTH).json() == {"items": []}
    assert len(client.get("/api/consent/events", params={"since": "2020-01-01"},
                          headers=AUTH).json()["items"]) == 3


@pytest.mark.parametrize(("params", "status", "word"), [
    ({"since": "last tuesday"}, 400, "since"),
    ({"phone": "call me"}, 400, "phone"),
    ({"phone": "12"}, 400, "phone"),
    ({"kind": "opt-out; drop table"}, 422, "kind"),
])
def test_bad_filters_get_a_4xx_with_a_reason(client: TestClient, params: dict[str, str],
                                             status: int, word: str) -> None:
    response = client.get("/api/consent/events", params=params, headers=AUTH)
    assert response.status_code == status
    assert word in json.dumps(response.json())


def test_status_follows_stop_start_and_accepts_typed_numbers(client: TestClient) -> None:
    def status(phone: str) -> dict[str, str]:
        response = client.get("/api/consent/status", params={"phone": phone}, headers=AUTH)
        assert response.status_code == 200, response.text
        result: dict[str, str] = response.json()
        return result

    assert status("(555) 123-4567") == {"phone": "+15551234567", "status": "unknown"}
    t = texter(client, "+15551234567")
    t.say("STOP")
    assert status("+15551234567")["status"] == "opted_out"
    t.say("START")
    assert status("555-123-4567")["status"] == "opted_in"
    assert client.get("/api/consent/status", headers=AUTH).status_code == 422
    assert client.get("/api/consent/status", params={"phone": "nope"},
                      headers=AUTH).status_code == 400


def test_verbal_opt_in_is_recorded_with_who_what_and_the_call(client: TestClient) -> None:
    event = verbal(client, phone="(555) 123-4567")
    assert (event["phone"], event["kind"], event["method"], event["channel"]) == (
        "+15551234567", "verbal_opt_in", "verbal", "sms")
    assert event["actor"] == "Dana (office)" and event["disclosure"] == SCRIPT
    assert event["text"] == "CA-2026-0042"  # the call reference lives in `text`
    assert event["provider_message_id"] is None
    assert event["disclosure_version"] == script_version(SCRIPT)
    assert str(event["disclosure_version"]).startswith("verbal-sha256-")
    assert client.get("/api/consent/status", params={"phone": "+15551234567"},
                      headers=AUTH).json()["status"] == "opted_in"
    [listed] = client.get("/api/consent/events", headers=AUTH).json()["items"]
    assert listed == event
    assert client.get("/api/consent/verify", headers=AUTH).json()["ok"] is True


def test_verbal_opt_in_with_a_script_version_and_an_earlier_call(client: TestClient,
                                                                  settings: Settings) -> None:
    when = (utcnow() - timedelta(hours=3)).replace(microsecond=0)
    event = verbal(client, script_version="phone-script-v3", captured_at=when.isoformat(),
                   call_reference=None)
    assert event["disclosure_version"] == "phone-script-v3" and event["text"] is None
    assert datetime.fromisoformat(str(event["recorded_at"])) == when
    # Typed without an offset, as an office form sends it: the business's own time zone.
    event = verbal(client, captured_at="2026-01-15T10:30:00")
    assert event["recorded_at"] == "2026-01-15T15:30:00+00:00"


def test_verbal_opt_in_goes_on_the_lead_timeline(client: TestClient) -> None:
    t = texter(client, "+15551230001")
    for text in ["hi", "Ann Lee", "yes", "7 Oak Ln, Dallas TX 75201", "no heat", "asap",
                 "skip", "no", "yes"]:
        t.say(text)
    lead = client.get("/api/leads", params={"phone": "+15551230001"},
                      headers=AUTH).json()["items"][0]
    event = verbal(client, phone="+15551230001")
    timeline = client.get(f"/api/leads/{lead['id']}", headers=AUTH).json()["timeline"]
    entry = [a for a in timeline if a["data"].get("event_id") == event["id"]]
    assert entry and entry[0]["kind"] == "consent" and "Dana" in entry[0]["summary"]


def test_a_consent_older_than_a_later_stop_is_refused(client: TestClient) -> None:
    before = (utcnow() - timedelta(hours=1)).isoformat()
    texter(client, "+15551234567").say("STOP")
    response = client.post("/api/consent/verbal", headers=AUTH, json={
        "phone": "+15551234567", "staff": "Dana", "script": SCRIPT, "call_reference": "CA-1",
        "captured_at": before})
    assert response.status_code == 409 and "opted out" in response.json()["detail"]
    assert client.get("/api/consent/status", params={"phone": "+15551234567"},
                      headers=AUTH).json()["status"] == "opted_out"
    # Asked again after the STOP, on a new call: that consent counts.
    assert verbal(client)["kind"] == "verbal_opt_in"
    assert client.get("/api/consent/status", params={"phone": "+15551234567"},
                      headers=AUTH).json()["status"] == "opted_in"


@pytest.mark.parametrize(("change", "status"), [
    ({"phone": None}, 422),
    ({"staff": "   "}, 422),
    ({"script": ""}, 422),
    ({"script": " \n "}, 422),
    ({"phone": "not a phone"}, 400),
    ({"captured_at": (datetime.now(UTC) + timedelta(days=1)).isoformat()}, 422),
    ({"captured_at": "yesterday"}, 422),
    ({"script_version": "x" * 41}, 422),
    ({"unexpected": "field"}, 422),
])
def test_verbal_opt_in_refuses_bad_input_with_a_reason(client: TestClient,
                                                       change: dict[str, object],
                                                       status: int) -> None:
    body: dict[str, object] = {"phone": "+15551234567", "staff": "Dana", "script": SCRIPT,
                               "call_reference": "CA-1", **change}
    body = {k: v for k, v in body.items() if v is not None}
    response = client.post("/api/consent/verbal", json=body, headers=AUTH)
    assert response.status_code == status, response.text
    assert response.json()["detail"]
    assert client.get("/api/consent/events", headers=AUTH).json() == {"items": []}


def test_export_csv_and_json_hold_the_whole_ledger(client: TestClient) -> None:
    for n in range(3):
        texter(client, f"+1555123000{n}").say("STOP")
    verbal(client, script="Line one,\n\"quoted\" line two")
    csv_response = client.get("/api/consent/export", params={"format": "csv"}, headers=AUTH)
    assert csv_response.status_code == 200
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert "consent-ledger.csv" in csv_response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_response.text)))
    events = client.get("/api/consent/events", headers=AUTH).json()["items"]
    assert [r["hash"] for r in rows] == [e["hash"] for e in events] and len(rows) == 4
    assert rows[-1]["disclosure"] == "Line one,\n\"quoted\" line two"
    as_json = client.get("/api/consent/export", params={"format": "json"}, headers=AUTH)
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_json.json()["items"] == events
    only = client.get("/api/consent/export", params={"format": "json", "phone": "5551230001"},
                      headers=AUTH).json()["items"]
    assert [e["phone"] for e in only] == ["+15551230001"]
    assert client.get("/api/consent/export", params={"format": "xml"},
                      headers=AUTH).status_code == 422
    assert client.get("/api/consent/export", params={"since": "soon"},
                      headers=AUTH).status_code == 400


def test_verify_answers_ok_with_the_count_and_the_head(client: TestClient) -> None:
    assert client.get("/api/consent/verify", headers=AUTH).json() == {
        "ok": True, "events": 0, "last_id": None, "last_hash": None}
    texter(client, "+15551234567").say("STOP")
    last = verbal(client)
    assert client.get("/api/consent/verify", headers=AUTH).json() == {
        "ok": True, "events": 2, "last_id": last["id"], "last_hash": last["hash"]}
