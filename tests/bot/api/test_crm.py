"""/api/leads CRM endpoints: create, edit, archive, merge, import, export, board, today, docs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from bot.app import create_app
from bot.settings import Settings
from store.models import Customer

AUTH = {"Authorization": "Bearer admin-secret"}
STAFF = {**AUTH, "X-Intake-Staff": "Dana"}


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    settings.outbox_in_process = False
    with TestClient(create_app(settings, engine)) as c:
        yield c


def create(client: TestClient, **body: object) -> dict[str, object]:
    response = client.post("/api/leads", headers=STAFF, json=body)
    assert response.status_code == 201, response.text
    result: dict[str, object] = response.json()
    return result


ENDPOINTS = [("POST", "/api/leads"), ("POST", "/api/leads/1/archive"),
             ("POST", "/api/leads/1/restore"), ("POST", "/api/leads/1/merge"),
             ("POST", "/api/leads/import"), ("GET", "/api/leads/export"),
             ("GET", "/api/leads/board"), ("GET", "/api/leads/sources"),
             ("GET", "/api/leads/tags"), ("POST", "/api/leads/status"),
             ("GET", "/api/today"), ("POST", "/api/today/callbacks/1/done")]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_crm_endpoint_needs_the_token(client: TestClient, method: str,
                                            path: str) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        response = client.request(method, path, headers=headers)
        assert response.status_code == 401 and response.json()["detail"]


def test_create_by_hand_then_409_with_the_existing_id(client: TestClient) -> None:
    lead = create(client, first_name="Walk", last_name="In", phone="(512) 555-0101",
                  email="walk@example.com", lead_status="prospect", source="Walk-in",
                  tags=["VIP"], address={"line1": "1234 Oak Avenue", "city": "Austin"})
    assert (lead["phone"], lead["lead_status"], lead["source"], lead["archived"]) == (
        "+15125550101", "prospect", "Walk-in", False)
    assert lead["phones"] == [{"number": "+15125550101", "label": None, "extension": None}]
    assert lead["address"] == {"line1": "1234 OAK AVE", "line2": None, "city": "AUSTIN",
                               "state": None, "postal_code": None}
    again = client.post("/api/leads", headers=AUTH, json={"phone": "512.555.0101"})
    assert again.status_code == 409
    assert again.json()["existing_id"] == lead["id"] and "belongs to lead" in again.json()[
        "detail"]


def test_patch_records_who_changed_what(client: TestClient) -> None:
    lead = create(client, first_name="Ann", phone="5125550101")
    body = client.patch(f"/api/leads/{lead['id']}", headers=STAFF, json={
        "last_name": "Lee", "phones": [{"number": "5125550101", "label": "mobile"},
                                       {"number": "5125550102", "label": "work"}],
        "emails": [{"address": "ann@example.com"}], "needs_attention": True}).json()
    assert [p["number"] for p in body["phones"]] == ["+15125550101", "+15125550102"]
    edits = [(a["summary"], a["staff"]) for a in body["timeline"] if a["kind"] == "edit"]
    assert ("last_name: (none) -> Lee", "Dana") in edits
    assert ("emails: (none) -> ann@example.com", "Dana") in edits


def test_the_api_sets_the_primary_emails_label(client: TestClient) -> None:
    lead = create(client, first_name="Ann", email="ann@example.com", email_label="home")
    assert lead["emails"] == [{"address": "ann@example.com", "label": "home"}]
    body = client.patch(f"/api/leads/{lead['id']}", headers=STAFF,
                        json={"email_label": "work"}).json()
    assert body["emails"] == [{"address": "ann@example.com", "label": "work"}]
    too_long = client.patch(f"/api/leads/{lead['id']}", headers=STAFF,
                            json={"email_label": "x" * 41})
    assert too_long.status_code == 422 and "email_label" in too_long.text


def test_archive_restore_and_list_filters(client: TestClient) -> None:
    a = create(client, first_name="A", phone="5125550101", tags=["Gutters"])
    create(client, first_name="B", phone="5125550102")
    archived = client.post(f"/api/leads/{a['id']}/archive", headers=STAFF).json()
    assert archived["archived"] is True
    assert client.get("/api/leads", headers=AUTH).json()["total"] == 1
    hidden = client.get("/api/leads", params={"archived": "true", "tag": "gutters"},
                        headers=AUTH).json()
    assert [i["id"] for i in hidden["items"]] == [a["id"]]
    assert client.post(f"/api/leads/{a['id']}/restore", headers=AUTH).json()[
        "archived"] is False


def test_merge_through_the_api(client: TestClient) -> None:
    keep = create(client, first_name="Maria", phone="5125550101")
    dup = create(client, first_name="M", phone="5125550202", email="m@example.com")
    merged = client.post(f"/api/leads/{keep['id']}/merge", headers=STAFF,
                         json={"duplicate_id": dup["id"]}).json()
    assert merged["id"] == keep["id"] and merged["email"] == "m@example.com"
    gone = client.get(f"/api/leads/{dup['id']}", headers=AUTH).json()
    assert (gone["archived"], gone["merged_into"]) == (True, keep["id"])
    again = client.post(f"/api/leads/{keep['id']}/merge", headers=AUTH,
                        json={"duplicate_id": dup["id"]})
    assert again.status_code == 422 and "already merged" in again.json()["detail"]


def test_bulk_status_board_sources_tags(client: TestClient) -> None:
    ids = [create(client, phone=f"512555010{n}", tags=["vip"], source="Angi")["id"]
           for n in range(3)]
    result = client.post("/api/leads/status", headers=STAFF,
                         json={"ids": ids[:2], "lead_status": "quoted"}).json()
    assert result == {"updated": 2, "ids": ids[:2]}
    board = client.get("/api/leads/board", params={"per_column": 1}, headers=AUTH).json()
    quoted = next(c for c in board["columns"] if c["status"] == "quoted")
    assert quoted["total"] == 2 and len(quoted["items"]) == 1
    assert "Angi" in client.get("/api/leads/sources", headers=AUTH).json()["items"]
    assert client.get("/api/leads/tags", headers=AUTH).json()["items"] == ["vip"]
    missing = client.post("/api/leads/status", headers=AUTH,
                          json={"ids": [ids[0], 2**31 - 1], "lead_status": "quoted"})
    assert missing.status_code == 404


def test_import_dry_run_then_for_real_and_export(client: TestClient) -> None:
    csv = b"\xef\xbb\xbfFirst Name,Phone Number,Zip Code\nAnn,5125550101,78701\n,,\n"
    files = {"file": ("leads.csv", csv, "text/csv")}
    dry = client.post("/api/leads/import", params={"dry_run": "true"}, headers=AUTH,
                      files=files).json()
    assert (dry["created"], dry["skipped"], dry["dry_run"]) == (1, 1, True)
    assert dry["rows"] == [{"line": 2, "action": "created", "lead_id": dry["rows"][0][
        "lead_id"], "reason": None}, {"line": 3, "action": "skipped", "lead_id": None,
                                      "reason": "blank row"}]
    assert client.get("/api/leads", headers=AUTH).json()["total"] == 0
    real = client.post("/api/leads/import", headers=STAFF, files=files).json()
    assert real["created"] == 1
    exported = client.get("/api/leads/export", params={"format": "csv"}, headers=AUTH)
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.text.splitlines() == [
        "first_name,last_name,business_name,phone,email,address,city,state,zip,source,tags",
        "Ann,,,+15125550101,,,,,78701,import,"]
    bad = client.post("/api/leads/import", headers=AUTH,
                      files={"file": ("x.csv", b'phone\n"5125550101\n', "text/csv")})
    assert bad.status_code == 422 and "malformed" in bad.json()["detail"]
    assert client.post("/api/leads/import", headers=AUTH).status_code == 422  # no file


def test_today_and_marking_a_call_back_done(client: TestClient) -> None:
    create(client, phone="5125550101", next_follow_up_date="2026-01-02")
    body = client.get("/api/today", headers=AUTH).json()
    assert body["counts"]["total"] == 1 and len(body["follow_ups"]) == 1
    assert client.post("/api/today/callbacks/999/done", headers=AUTH).status_code == 404


@pytest.mark.parametrize(("method", "path", "body", "status"), [
    ("GET", f"/api/leads/{2**31}", None, 404),
    ("GET", f"/api/leads/{2**63}", None, 404),
    ("GET", f"/api/leads/{10**30}", None, 404),
    ("PATCH", f"/api/leads/{2**63}", {"notes": "x"}, 404),
    ("POST", f"/api/leads/{2**63}/archive", None, 404),
    ("POST", "/api/leads/1/merge", {"duplicate_id": 2**63}, 404),
    ("POST", f"/api/today/callbacks/{2**63}/done", None, 404),
    ("GET", f"/api/leads?offset={2**63}", None, 422),
    ("GET", "/api/leads?offset=-1", None, 422),
    ("GET", "/api/leads?limit=501", None, 422),
    ("GET", "/api/leads?sort=colour", None, 422),
    ("GET", "/api/leads?follow_up_due=maybe", None, 422),
    ("GET", "/api/leads?colour=red", None, 422),
    ("GET", "/api/leads/board?per_column=0", None, 422),
    ("POST", "/api/leads", {"first_name": "No Contact"}, 422),
    ("POST", "/api/leads", {"phone": "12"}, 422),
    ("POST", "/api/leads", {"phone": "1234 5678"}, 422),
    ("POST", "/api/leads/status", {"ids": [], "lead_status": "quoted"}, 422),
    ("POST", "/api/leads/1/merge", {"duplicate_id": 1}, 422),
    ("PATCH", "/api/leads/1", {"tags": None}, 422),
    ("PATCH", "/api/leads/1", {"emails": [{"address": "nope"}]}, 422),
])
def test_out_of_range_and_bad_input_are_4xx_not_500(client: TestClient, method: str,
                                                   path: str, body: object,
                                                   status: int) -> None:
    create(client, phone="5125550101")
    response = client.request(method, path, headers=AUTH, json=body)
    assert response.status_code == status, response.text
    assert response.json()["detail"]


def test_pagination_edges(client: TestClient) -> None:
    for n in range(3):
        create(client, phone=f"512555010{n}")
    page = client.get("/api/leads", params={"limit": 2, "offset": 2}, headers=AUTH).json()
    assert page["total"] == 3 and len(page["items"]) == 1
    past = client.get("/api/leads", params={"offset": 10**9}, headers=AUTH).json()
    assert past == {"items": [], "total": 3}


def test_openapi_declares_bearer_and_real_models_and_docs_work_offline(
        client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    ok = schema["paths"]["/api/leads"]["get"]["responses"]["200"]["content"][
        "application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/LeadList"}
    assert "LeadDetail" in schema["components"]["schemas"]
    assert schema["paths"]["/api/leads"]["post"]["responses"]["409"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text.lower()
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        src = next(part.split('"')[1] for part in docs.text.split("src=") + docs.text.split(
            "href=") if asset in part.split('"')[1])
        assert client.get(src).status_code == 200


def test_try_the_chat_leads_are_out_of_every_list_unless_asked_for(
        client: TestClient, engine: Engine) -> None:
    # entered without a staff name: still "new, not yet contacted" on Today
    real, trial = (client.post("/api/leads", headers=AUTH, json={
        "first_name": first, "last_name": "Person", "phone": phone}).json()
        for first, phone in (("Real", "5125550601"), ("Trial", "5125550602")))
    with engine.begin() as conn:  # what "Try the chat" leaves behind
        conn.execute(update(Customer).where(Customer.id == trial["id"]).values(is_test=True))
    listed = client.get("/api/leads", headers=AUTH).json()
    assert [c["id"] for c in listed["items"]] == [real["id"]] and listed["total"] == 1
    found = client.get("/api/leads", headers=AUTH, params={"q": "person"}).json()
    assert [c["id"] for c in found["items"]] == [real["id"]]
    assert client.get("/api/leads", headers=AUTH, params={"phone": "5125550602"}) \
        .json()["total"] == 0
    shown = client.get("/api/leads", headers=AUTH, params={"is_test": "true"}).json()
    assert [c["id"] for c in shown["items"]] == [trial["id"]]  # asked for: there
    board = client.get("/api/leads/board", headers=AUTH).json()
    column = next(c for c in board["columns"] if c["status"] == "lead")
    assert column["total"] == 1 and [c["id"] for c in column["items"]] == [real["id"]]
    exported = client.get("/api/leads/export", headers=AUTH).text
    assert "Real" in exported and "Trial" not in exported
    assert client.get("/api/today", headers=AUTH).json()["counts"]["total"] == 1
