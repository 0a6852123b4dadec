"""A permanently failing target: the row is failed, listed by /api/outbox, and can be requeued."""

from __future__ import annotations

import asyncio

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.settings import Settings
from store.clock import utcnow
from tests.support.office_targets import (
    OFFICE_PHONES,
    Clock,
    OfficeTargets,
    dispatcher,
    drain,
    new_request_event,
    rows,
)

AUTH = {"Authorization": "Bearer admin-secret"}


def test_a_permanent_failure_is_listed_and_can_be_retried(
        office_client: TestClient, engine: Engine, wired: Settings, office: OfficeTargets) -> None:
    api = office_client
    bad = OFFICE_PHONES[1]
    office.twilio.invalid(bad)  # Twilio answers 400, error 21211: retrying cannot help
    event_id, name = new_request_event(engine, wired)
    clock = Clock()
    d = dispatcher(engine, wired, clock)
    asyncio.run(drain(d))

    [failed] = [r for r in rows(engine) if r.status == "failed"]
    assert failed.target == f"sms:{bad}" and failed.attempts == 1
    body = api.get("/api/outbox", params={"status": "failed"}, headers=AUTH).json()
    [item] = body["items"]
    assert set(item) == {"id", "event_id", "kind", "target", "status", "attempts",
                         "next_attempt_at", "last_error", "created_at", "sent_at"}
    assert (item["id"], item["event_id"], item["status"]) == (failed.id, event_id, "failed")
    assert "21211" in item["last_error"] and item["sent_at"] is None
    assert len(api.get("/api/outbox?status=sent", headers=AUTH).json()["items"]) == 4
    assert api.get("/api/outbox?status=pending", headers=AUTH).json() == {"items": []}

    office.twilio.invalid(bad, False)  # the office sorted the number out with the carrier
    retried = api.post(f"/api/outbox/{failed.id}/retry", headers=AUTH)
    assert retried.status_code == 200, retried.text
    assert (retried.json()["status"], retried.json()["attempts"]) == ("pending", 0)
    clock.now = utcnow()  # the requeued row is due from the moment of the retry
    asyncio.run(drain(d))
    assert office.twilio.sent_to(bad) and name in office.twilio.sent_to(bad)[0]
    assert {r.status for r in rows(engine)} == {"sent"}
    assert api.get("/api/outbox", headers=AUTH).json() == {"items": []}  # failed by default
    again = api.post(f"/api/outbox/{failed.id}/retry", headers=AUTH)
    assert again.status_code == 409 and "sent" in again.json()["detail"]


def test_bad_requests_get_json_errors(office_client_lite: TestClient) -> None:
    api = office_client_lite
    assert api.get("/api/outbox").status_code == 401
    assert api.post("/api/outbox/1/retry").status_code == 401
    bad = api.get("/api/outbox?status=lost", headers=AUTH)
    assert bad.status_code == 422 and bad.json()["detail"] == "invalid request"
    assert api.get("/api/outbox?limit=0", headers=AUTH).status_code == 422
    missing = api.post("/api/outbox/999999/retry", headers=AUTH)
    assert missing.status_code == 404 and "999999" in missing.json()["detail"]
    assert api.post("/api/outbox/abc/retry", headers=AUTH).status_code == 422
