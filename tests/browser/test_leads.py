"""The lead list and lead page in a real browser: search, edit, tags, bulk, new, export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import add_lead, shot

MARIA = {"first_name": "Maria", "last_name": "Gonzalez", "phone": "+15125550101",
         "email": "maria@example.com", "tags": ["VIP"], "source": "Referral",
         "address": {"line1": "1234 OAK AVE", "city": "AUSTIN", "state": "TX",
                     "postal_code": "78701"}}
BOB = {"first_name": "Bob", "last_name": "Smith", "phone": "+13125550199",
       "email": "bob@example.org", "source": "Yelp",
       "address": {"line1": "42 Elm St", "city": "Springfield", "state": "IL",
                   "postal_code": "62704"}}


def open_edit(page: Page, lead_id: int) -> None:
    page.goto(f"/dashboard/leads/{lead_id}")
    page.locator("#edit summary").click()


def search(page: Page, q: str) -> None:
    page.goto("/dashboard/leads")
    page.fill("input[name=q]", q)
    page.get_by_role("button", name="Search").click()


def test_search_finds_a_lead_by_every_form_staff_type(page: Page,
                                                      sessions: sessionmaker[Session]) -> None:
    add_lead(sessions, **MARIA)
    add_lead(sessions, **BOB)
    for q in ["Maria Gonzalez", "gonzalez maria", "(512) 555-0101", "555-0101", "0101",
              "+1 512 555 0101", "maria@example.com", "1234 Oak Avenue", "oak ave"]:
        search(page, q)
        rows = page.locator("#leads tr[data-lead]")
        expect(rows, q).to_have_count(1)
        expect(rows.first, q).to_contain_text("Maria Gonzalez")
    expect(page.locator("#leads")).to_contain_text("(512) 555-0101")
    expect(page.locator("#leads")).to_contain_text("1234 Oak Ave, Austin, TX 78701")
    shot(page, "leads-search")


def test_edit_shows_each_change_on_the_timeline_with_who(page: Page,
                                                         sessions: sessionmaker[Session]) -> None:
    open_edit(page, add_lead(sessions, **BOB))
    page.fill("#first_name", "Robert")
    page.fill("#tags", "roof, spring")
    page.fill("#next_follow_up_date", "2026-12-24")
    page.fill("input[aria-label='another phone']", "(312) 555-0142")
    page.fill("input[aria-label='another phone label']", "work")
    page.click("#save")
    expect(page.locator("#notice")).to_have_text("Saved.")
    expect(page.locator("#lead-name")).to_contain_text("Robert Smith")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Bob")
    expect(timeline).to_contain_text("Robert")
    expect(timeline).to_contain_text("Pat Office")
    expect(page.locator(".chip", has_text="roof")).to_be_visible()
    page.locator("#edit summary").click()
    expect(page.locator("input[name=phone_number]").nth(1)).to_have_value("(312) 555-0142")
    shot(page, "lead-edited")


def test_a_form_error_is_shown_next_to_its_field(page: Page,
                                                 sessions: sessionmaker[Session]) -> None:
    open_edit(page, add_lead(sessions, **BOB))
    page.fill("input[aria-label='email 1']", "maria@localhost")
    page.click("#save")
    expect(page.locator("#edit .error")).to_contain_text("not an email")
    expect(page.locator("#lead-name")).to_contain_text("Bob Smith")


def test_tags_are_chips_that_filter_the_list(page: Page, sessions: sessionmaker[Session]) -> None:
    add_lead(sessions, **MARIA)
    add_lead(sessions, **BOB)
    page.goto("/dashboard/leads")
    page.locator("#leads .chip", has_text="VIP").click()
    expect(page.locator("#leads tr[data-lead]")).to_have_count(1)
    expect(page.locator("#leads")).to_contain_text("Maria Gonzalez")
    page.goto("/dashboard/leads")
    page.select_option("select[name=source]", "Yelp")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#leads tr[data-lead]")).to_have_count(1)
    expect(page.locator("#leads")).to_contain_text("Bob Smith")
    shot(page, "leads-filtered")


def test_bulk_set_status(page: Page, sessions: sessionmaker[Session]) -> None:
    add_lead(sessions, **MARIA)
    add_lead(sessions, **BOB)
    page.goto("/dashboard/leads")
    page.check("#select-all")
    page.select_option("select[name=lead_status]", "quoted")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#notice")).to_have_text("2 leads set to quoted.")
    page.select_option("select[name=status]", "quoted")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#leads tr[data-lead]")).to_have_count(2)


def test_new_lead_by_hand_then_archive_and_restore(page: Page) -> None:
    page.goto("/dashboard/leads")
    page.click("text=New lead")
    page.fill("#first_name", "Walk")
    page.fill("#last_name", "In")
    page.fill("input[aria-label='phone number 1']", "555 777 0001")
    page.select_option("#lead_status", "prospect")
    page.fill("#source", "Walk-in")
    shot(page, "lead-new")
    page.get_by_role("button", name="Create lead").click()
    expect(page.locator("#notice")).to_have_text("Lead created.")
    expect(page.locator("#status")).to_have_text("prospect")
    expect(page.locator("h1")).to_contain_text("(555) 777-0001")
    page.click("#archive")
    expect(page.locator("h1")).to_contain_text("archived")
    page.goto("/dashboard/leads")
    expect(page.locator("#leads")).not_to_contain_text("Walk In")
    page.check("input[name=archived]")
    page.get_by_role("button", name="Search").click()
    page.click("text=Walk In")
    page.click("#restore")
    expect(page.locator("#notice")).to_have_text("Restored.")


def test_new_lead_errors_sit_next_to_their_fields(page: Page,
                                                  sessions: sessionmaker[Session]) -> None:
    existing = add_lead(sessions, **BOB)
    page.goto("/dashboard/leads/new")
    page.fill("#first_name", "Nobody")
    page.get_by_role("button", name="Create lead").click()
    expect(page.get_by_role("alert").first).to_contain_text("phone or an email")
    page.fill("input[aria-label='phone number 1']", "(312) 555-0199")
    page.get_by_role("button", name="Create lead").click()
    expect(page.locator(f"a[href='/dashboard/leads/{existing}']")).to_be_visible()


def test_export_downloads_the_leads(page: Page, sessions: sessionmaker[Session]) -> None:
    add_lead(sessions, **MARIA)
    page.goto("/dashboard/leads")
    with page.expect_download() as info:
        page.click("#export")
    body = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0]) == ["first_name", "last_name", "business_name", "phone", "email",
                             "address", "city", "state", "zip", "source", "tags"]
    # A leading "'" keeps a spreadsheet from reading "+1..." as a formula.
    assert rows[0]["phone"].lstrip("'") == "+15125550101"
    assert rows[0]["last_name"] == "Gonzalez" and rows[0]["tags"] == "VIP"


def test_missing_lead_is_a_page_in_words(page: Page) -> None:
    for path in ("/dashboard/leads/424242", "/dashboard/leads/99999999999999999999999"):
        response = page.goto(path)
        assert response is not None and response.status == 404
        expect(page.locator("#error-heading")).to_contain_text("Not found")
    shot(page, "error-404")
