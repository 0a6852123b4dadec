"""Dashboard pages answer bad input with words on a page: never a 500, never raw JSON."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.bot.dashboard.conftest import login


@pytest.fixture
def csrf(client: TestClient) -> str:
    login(client)
    page = client.get("/dashboard/leads")
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def html(response: object) -> bool:
    return str(getattr(response, "headers", {}).get("content-type", "")).startswith("text/html")


def test_bad_filters_are_explained_on_the_list(client: TestClient, csrf: str) -> None:
    page = client.get("/dashboard/leads?status=banana")
    assert page.status_code == 200 and "status" in page.text and 'role="alert"' in page.text
    for path in ("/dashboard/leads?page=0", "/dashboard/leads?page=99999999999999999999"):
        response = client.get(path)
        assert response.status_code == 422 and html(response), path
        assert "page" in response.text


@pytest.mark.parametrize("path", ["/dashboard/leads/abc", "/dashboard/leads/0",
                                  "/dashboard/leads/9223372036854775808",
                                  "/dashboard/leads/1/merge?duplicate=2"])
def test_unknown_leads_are_404_pages(client: TestClient, csrf: str, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and html(response)
    assert "Not found" in response.text


@pytest.mark.parametrize(("path", "words"), [
    ("/dashboard/leads/1/requests/abc", "There is no request #abc."),
    ("/dashboard/leads/1/requests/99999999999999", "There is no request #99999999999999."),
    ("/dashboard/leads/abc/requests/1", "There is no lead #abc.")])
def test_a_bad_request_id_is_a_404_page_naming_the_request(
        client: TestClient, csrf: str, path: str, words: str) -> None:
    response = client.post(path, data={"csrf": csrf, "status": "scheduled"})
    assert response.status_code == 404 and html(response)
    assert words in response.text


def test_merge_needs_another_lead(client: TestClient, csrf: str) -> None:
    for path, words in (("/dashboard/leads/5/merge?duplicate=5", "itself"),
                        ("/dashboard/leads/5/merge", "number of the duplicate")):
        response = client.get(path)
        assert response.status_code == 422 and words in response.text


def test_bulk_without_a_selection_says_so(client: TestClient, csrf: str) -> None:
    response = client.post("/dashboard/leads/bulk", data={"csrf": csrf, "lead_status": "quoted"})
    assert response.status_code == 303 and "Select+at+least+one" in response.headers["location"]
    response = client.post("/dashboard/leads/bulk", data={"csrf": csrf, "ids": ["x"],
                                                          "lead_status": "quoted"})
    assert "not+understood" in response.headers["location"]
    response = client.post("/dashboard/leads/bulk", data={"csrf": csrf, "ids": ["999"],
                                                          "lead_status": "quoted"})
    assert response.status_code == 404 and html(response)


def test_new_lead_errors_come_back_with_the_form(client: TestClient, csrf: str) -> None:
    response = client.post("/dashboard/leads/new", data={"csrf": csrf, "first_name": "Al"})
    assert response.status_code == 422 and "phone or an email" in response.text
    assert 'value="Al"' in response.text
    response = client.post("/dashboard/leads/new", data={
        "csrf": csrf, "first_name": "Al", "phone_number": "banana phone"})
    assert response.status_code == 422 and "not a phone number" in response.text
    forged = client.post("/dashboard/leads/new", data={"csrf": "forged", "first_name": "Al"})
    assert forged.status_code == 403 and html(forged)


def test_import_refuses_what_it_cannot_read(client: TestClient, csrf: str) -> None:
    response = client.post("/dashboard/import", data={"csrf": csrf},
                           files={"file": ("notes.txt", b"hello", "text/plain")})
    assert response.status_code == 422 and "not a .csv or .xlsx" in response.text
    response = client.post("/dashboard/import/confirm", data={
        "csrf": csrf, "filename": "a.csv", "payload": "%%%"})
    assert response.status_code == 422 and "upload it again" in response.text


def test_marking_an_unknown_callback_done_is_a_404_page(client: TestClient, csrf: str) -> None:
    response = client.post("/dashboard/today/callbacks/424242/done", data={"csrf": csrf})
    assert response.status_code == 404 and html(response)


def test_the_board_script_and_style_sheet_are_served(client: TestClient) -> None:
    assert "dragstart" in client.get("/dashboard/static/board.js").text
    assert client.get("/dashboard/static/app.css").status_code == 200
    assert client.get("/dashboard/static/..%2Fapp.py").status_code == 404


def test_the_edit_form_sets_the_primary_phones_label(client: TestClient, csrf: str) -> None:
    made = client.post("/dashboard/leads/new", data={
        "csrf": csrf, "first_name": "Al", "phone_number": "5125550142", "phone_label": "home"})
    assert made.status_code == 303, made.text
    lead = made.headers["location"].split("?")[0]
    assert 'name="phone_label" value="home"' in client.get(lead).text
    saved = client.post(f"{lead}/edit", data={
        "csrf": csrf, "first_name": "Al", "lead_status": "lead", "source": "manual",
        "phone_number": ["5125550142", "5125550143"], "phone_label": ["work", "mobile"],
        "phone_extension": ["7", ""]})
    assert saved.status_code == 303, saved.text
    page = client.get(lead).text
    labels = re.findall(r'name="phone_label" value="([^"]*)"', page)
    assert labels[:2] == ["work", "mobile"] and 'name="phone_extension" value="7"' in page


def test_the_edit_form_sets_the_primary_emails_label(client: TestClient, csrf: str) -> None:
    made = client.post("/dashboard/leads/new", data={
        "csrf": csrf, "first_name": "Al", "email_address": "al@example.com",
        "email_label": "home"})
    assert made.status_code == 303, made.text
    lead = made.headers["location"].split("?")[0]
    assert 'name="email_label" value="home"' in client.get(lead).text
    saved = client.post(f"{lead}/edit", data={
        "csrf": csrf, "first_name": "Al", "lead_status": "lead", "source": "manual",
        "email_address": ["AL@example.com", "al@work.example"],
        "email_label": ["personal", "work"]})
    assert saved.status_code == 303, saved.text
    labels = re.findall(r'name="email_label" value="([^"]*)"', client.get(lead).text)
    assert labels[:2] == ["personal", "work"]
    kept = client.post(f"{lead}/edit", data={  # the label field left as it was shown
        "csrf": csrf, "first_name": "Al", "lead_status": "lead", "source": "manual",
        "email_address": ["al@example.com"], "email_label": ["personal"]})
    assert kept.status_code == 303, kept.text
    assert re.findall(r'name="email_label" value="([^"]*)"',
                      client.get(lead).text)[:1] == ["personal"]
