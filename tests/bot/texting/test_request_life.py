"""PATCH /api/requests/{id}: new -> scheduled -> done, or cancelled; refused moves are 409."""

from __future__ import annotations

import pytest

from store import outbox
from tests.bot.texting.conftest import AUTH, STAFF, Office

SOON = "2030-06-03T14:00:00+00:00"


def _timeline(office: Office, lead_id: int) -> list[tuple[str, str | None]]:
    body = office.client.get(f"/api/leads/{lead_id}", headers=AUTH).json()
    return [(a["summary"], a["staff"]) for a in body["timeline"]
            if a["kind"].startswith("request_")]


def test_schedule_then_done_each_on_the_timeline_with_who(office: Office) -> None:
    lead_id, request_id = office.lead()
    r = office.client.patch(f"/api/requests/{request_id}", headers=STAFF,
                            json={"scheduled_for": SOON, "notes": "bring the long hose"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["status"], body["scheduled_for"], body["notes"]) == (
        "scheduled", SOON, "bring the long hose")
    done = office.client.patch(f"/api/requests/{request_id}", headers=AUTH,
                               json={"status": "done"})
    assert done.json()["status"] == "done"
    lines = _timeline(office, lead_id)
    assert (f"Request #{request_id}: new -> scheduled", "Dana") in lines
    assert (f"Request #{request_id}: scheduled -> done", None) in lines
    assert any("visit: (none) -> Jun 3 2030, 10:00 AM EDT" in s for s, _ in lines)
    lead = office.client.get(f"/api/leads/{lead_id}", headers=AUTH).json()
    assert lead["requests"][0]["status"] == "done"


@pytest.mark.parametrize(("first", "then", "detail"), [
    ({"status": "done"}, None, "cannot become done"),
    ({"status": "scheduled"}, None, "scheduled_for is required"),
    ({"status": "cancelled"}, {"status": "scheduled", "scheduled_for": SOON}, "is cancelled"),
    ({"status": "cancelled"}, {"scheduled_for": SOON}, "cannot be rescheduled"),
])
def test_refused_transitions_say_why(office: Office, first: dict[str, str],
                                     then: dict[str, str] | None, detail: str) -> None:
    _, request_id = office.lead()
    answer = office.client.patch(f"/api/requests/{request_id}", headers=AUTH, json=first)
    if then is not None:
        assert answer.status_code == 200
        answer = office.client.patch(f"/api/requests/{request_id}", headers=AUTH, json=then)
    assert answer.status_code in (409, 422)
    assert detail in answer.json()["detail"]


def test_office_cancel_tells_the_office(office: Office) -> None:
    office.client.app.state.settings.office_webhook_url = "http://127.0.0.1:9/hook"  # type: ignore[attr-defined]
    _, request_id = office.lead()
    r = office.client.patch(f"/api/requests/{request_id}", headers=STAFF,
                            json={"status": "cancelled"})
    assert r.json()["status"] == "cancelled"
    with office.sessions() as s:
        events = [i.payload["event"] for i in outbox.pending(s) if i.kind == "office"]
    assert events == ["request.cancelled"]


@pytest.mark.parametrize(("path", "body", "status"), [
    ("/api/requests/999999", {"status": "done"}, 404),
    (f"/api/requests/{2**63 + 5}", {"status": "done"}, 404),
    ("/api/requests/-1", {"status": "done"}, 404),
    ("/api/requests/abc", {"status": "done"}, 422),
    ("/api/requests/1", {"status": "finished"}, 422),
    ("/api/requests/1", {"scheduled_for": "next tuesday"}, 422),
    ("/api/requests/1", {"scheduled_for": "2030-06-03T14:00:00"}, 422),
    ("/api/requests/1", {"colour": "red"}, 422),
])
def test_bad_input_is_a_4xx_with_a_reason(office: Office, path: str, body: object,
                                          status: int) -> None:
    office.lead()
    r = office.client.patch(path, headers=AUTH, json=body)
    assert r.status_code == status, r.text
    assert r.json()["detail"]


def test_requests_need_the_token(office: Office) -> None:
    assert office.client.patch("/api/requests/1", json={"status": "done"}).status_code == 401
