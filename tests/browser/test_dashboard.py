"""The office's day in a real browser: try the chat, find the lead, work it, audit consent."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import add_lead, shot


def chat(page: Page, text: str) -> None:
    before = page.locator(".bubble.bot").count()
    page.fill("#text", text)
    page.click("#send button")
    expect(page.locator(".bubble.bot")).not_to_have_count(before)


def test_login_is_required_and_a_wrong_token_is_refused(browser: Browser, live_url: str) -> None:
    context = browser.new_context(base_url=live_url)
    p = context.new_page()
    p.goto("/dashboard/kanban")
    assert "/dashboard/login" in p.url
    p.fill("input[name=name]", "Pat Office")
    p.fill("input[name=password]", "wrong")
    p.get_by_role("button", name="Log in").click()
    expect(p.get_by_role("alert")).to_contain_text("Wrong admin token")
    p.fill("input[name=password]", "admin-secret")
    p.get_by_role("button", name="Log in").click()
    p.wait_for_url("**/dashboard/kanban")
    context.close()


def test_web_chat_to_lead_to_customer(page: Page) -> None:
    page.click("text=Try the chat")
    for text in ["Hi", "Dana Whitfield", "555 321 0000", "88 Birch Rd, Columbus OH 43004",
                 "<b>gas smell</b> in kitchen", "tomorrow morning", "skip", "yes"]:
        chat(page, text)
    expect(page.locator(".bubble.bot").last).to_contain_text("Here's your request")
    chat(page, "yes")
    expect(page.locator(".bubble.bot").last).to_contain_text("received")

    page.click("text=Leads")  # a "Try the chat" lead is listed only when asked for
    expect(page.locator("main")).not_to_contain_text("Dana Whitfield")
    page.check("input[name=is_test]")
    page.fill("input[name=q]", "birch")
    page.get_by_role("button", name="Search").click()
    page.click("text=Dana Whitfield")
    expect(page.locator("h1")).to_contain_text("(555) 321-0000")
    expect(page.locator("table").first).to_contain_text("<b>gas smell</b> in kitchen")
    # The YES typed in "Try the chat" is a staff test event, never this number's consent.
    expect(page.locator("#consent")).to_have_text("unknown")

    page.select_option("select[aria-label='new status']", "quoted")
    page.click("text=Change status")
    expect(page.locator("#status")).to_have_text("quoted")
    page.click("#convert")
    expect(page.locator("#status")).to_have_text("customer")
    expect(page.locator("#timeline")).to_contain_text("customer")
    expect(page.locator("#timeline")).to_contain_text("Pat Office")
    expect(page.locator("#transcript")).to_contain_text("<b>gas smell</b> in kitchen")
    shot(page, "lead-from-chat")


def test_verbal_opt_in_and_the_consent_log(page: Page) -> None:
    page.click("text=Try the chat")
    for text in ["Hi", "Lee Park", "555 321 0001", "STOP"]:
        chat(page, text)
    expect(page.locator(".bubble.bot").last).to_contain_text("unsubscribed")
    page.click("text=Consent log")
    page.fill("input[name=phone]", "(555) 321-0001")
    page.click("text=Filter")
    expect(page.locator("#events")).to_contain_text("opt_out")
    page.click("text=Check ledger integrity")
    expect(page.locator("#verdict")).to_contain_text("Intact: 1 events")


def test_board_moves_a_lead(page: Page, sessions: sessionmaker[Session]) -> None:
    add_lead(sessions, first_name="Max", last_name="Rowe", phone="+15553210002")
    page.click("text=Board")
    card = page.locator("section[data-status=lead] .card", has_text="Max Rowe")
    card.locator("select").select_option("prospect")
    card.locator("text=Move").click()
    expect(page.locator("section[data-status=prospect]")).to_contain_text("Max Rowe")
