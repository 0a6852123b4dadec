"""/api/leads: bearer auth, search, detail with requests and timeline, patch, convert."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bot.app import create_app
from bot.settings import Settings
from tests.support.twilio import Texter

AUTH = {"Authorization": "Bearer admin-secret"}


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine)) as c:
        yield c


def intake(client: TestClient, phone: str, name: str, address: str, service: str) -> None:
    t = Texter(client, "test-auth-token", phone)
    for text in ["hi", name, "yes", address, service, "asap", "skip", "yes", "yes"]:
        t.say(text)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": "Basic admin-secret"}])
def test_every_api_call_needs_the_token(client: TestClient, headers: dict[str, str]) -> None:
    for method, path in [("GET", "/api/leads"), ("GET", "/api/leads/1"),
                         ("PATCH", "/api/leads/1"), ("POST", "/api/leads/1/convert")]:
        response = client.request(method, path, headers=headers, json={})
        assert response.status_code == 401, (method, path)
        assert response.json()["detail"]


def test_list_search_and_detail(client: TestClient) -> None:
    intake(client, "+15551230001", "Maria Lopez", "42 Elm St, Springfield IL 62704", "leak")
    intake(client, "+15551230002", "Bob Smith", "7 Oak Ln, Dallas TX 75201", "no heat")
    body = client.get("/api/leads", headers=AUTH).json()
    assert body["total"] == 2 and {i["phone"] for i in body["items"]} == {
        "+15551230001", "+15551230002"}
    found = client.get("/api/leads", params={"q": "dallas"}, headers=AUTH).json()
    assert [i["first_name"] for i in found["items"]] == ["Bob"]
    by_phone = client.get("/api/leads", params={"phone": "(555) 123-0001"}, headers=AUTH).json()
    lead = by_phone["items"][0]
    assert lead["address"] == {"line1": "42 ELM ST", "line2": None, "city": "SPRINGFIELD",
                               "state": "IL", "postal_code": "62704"}
    assert lead["source"] == "sms" and lead["lead_status"] == "lead"
    detail = client.get(f"/api/leads/{lead['id']}", headers=AUTH).json()
    [request] = detail["requests"]
    assert request["channel"] == "sms" and request["service"] == "leak"
    assert request["preferred_time"] is None and request["preferred_time_text"] == "asap"
    kinds = {a["kind"] for a in detail["timeline"]}
    assert {"created", "request", "inbound", "outbound", "consent"} <= kinds


def test_patch_and_convert(client: TestClient) -> None:
    intake(client, "+15551230003", "Ann Lee", "9 Pine Rd, Austin TX", "faucet")
    lead_id = client.get("/api/leads", headers=AUTH).json()["items"][0]["id"]
    patched = client.patch(f"/api/leads/{lead_id}", headers=AUTH, json={
        "lead_status": "quoted", "tags": ["vip"], "next_follow_up_date": "2026-12-01"}).json()
    assert (patched["lead_status"], patched["tags"], patched["next_follow_up_date"]) == (
        "quoted", ["vip"], "2026-12-01")
    converted = client.post(f"/api/leads/{lead_id}/convert", headers=AUTH).json()
    assert converted["lead_status"] == "customer" and converted["converted_at"]
    timeline = client.get(f"/api/leads/{lead_id}", headers=AUTH).json()["timeline"]
    assert {"status_change", "conversion"} <= {a["kind"] for a in timeline}


@pytest.mark.parametrize(("method", "path", "body", "status"), [
    ("GET", "/api/leads/999", None, 404),
    ("GET", "/api/leads/abc", None, 422),
    ("GET", "/api/leads?limit=0", None, 422),
    ("GET", "/api/leads?status=bogus", None, 422),
    ("GET", "/api/leads?phone=notaphone", None, 422),
    ("PATCH", "/api/leads/1", {"lead_status": "bogus"}, 422),
    ("PATCH", "/api/leads/1", {"unknown_field": 1}, 422),
    ("PATCH", "/api/leads/1", {"next_follow_up_date": "someday"}, 422),
    ("PATCH", "/api/leads/1", {"lead_status": None}, 422),
    ("POST", "/api/leads/999/convert", None, 404),
])
def test_bad_input_is_a_4xx_with_a_reason(client: TestClient, method: str, path: str,
                                          body: object, status: int) -> None:
    intake(client, "+15551230004", "Ann Lee", "9 Pine Rd, Austin TX", "faucet")
    response = client.request(method, path, headers=AUTH, json=body)
    assert response.status_code == status
    assert response.json()["detail"]


def test_malformed_json_body_is_422(client: TestClient) -> None:
    response = client.patch("/api/leads/1", headers={**AUTH, "Content-Type": "application/json"},
                            content=b"{not json")
    assert response.status_code == 422 and response.json()["detail"]


def test_api_disabled_without_admin_token(engine: Engine, settings: Settings) -> None:
    settings.admin_token = ""
    with TestClient(create_app(settings, engine)) as c:
        response = c.get("/api/leads", headers=AUTH)
        assert response.status_code == 401 and "ADMIN_TOKEN" in response.json()["detail"]
