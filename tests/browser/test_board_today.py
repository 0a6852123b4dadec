"""The board (drag and drop, true counts) and the Today view in a real browser."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session, sessionmaker

from store.clock import utcnow
from store.models import OutboxItem
from tests.browser.conftest import add_lead, shot


def chat(page: Page, text: str) -> None:
    before = page.locator(".bubble.bot").count()
    page.fill("#text", text)
    page.click("#send button")
    expect(page.locator(".bubble.bot")).not_to_have_count(before)


def test_drag_a_card_to_another_column(page: Page, sessions: sessionmaker[Session]) -> None:
    add_lead(sessions, first_name="Max", last_name="Rowe", phone="+15553210002",
             address={"line1": "5 ELM ST", "city": "TROY", "state": "NY", "postal_code": "12180"})
    add_lead(sessions, first_name="Ann", last_name="Lee", phone="+15553210003")
    page.goto("/dashboard/kanban")
    lead_col = page.locator("section[data-status=lead]")
    expect(lead_col.locator(".count")).to_have_text("(2)")
    card = lead_col.locator(".card", has_text="Max Rowe")
    expect(card).to_contain_text("5 Elm St, Troy, NY 12180")
    card.drag_to(page.locator("section[data-status=quoted]"))
    quoted = page.locator("section[data-status=quoted]")
    expect(quoted).to_contain_text("Max Rowe")
    expect(quoted.locator(".count")).to_have_text("(1)")
    expect(lead_col.locator(".count")).to_have_text("(1)")
    shot(page, "board-after-drag")
    page.reload()  # it was saved, not only moved on screen
    expect(page.locator("section[data-status=quoted]")).to_contain_text("Max Rowe")


def test_the_board_works_without_its_script(page: Page, sessions: sessionmaker[Session]) -> None:
    add_lead(sessions, first_name="Max", last_name="Rowe", phone="+15553210002")
    page.goto("/dashboard/kanban")
    card = page.locator("section[data-status=lead] .card", has_text="Max Rowe")
    card.locator("select").select_option("prospect")
    card.get_by_role("button", name="Move").click()
    expect(page.locator("section[data-status=prospect]")).to_contain_text("Max Rowe")
    expect(page.locator("#notice")).to_contain_text("prospect")


def test_today_lists_what_the_office_should_do(page: Page,
                                               sessions: sessionmaker[Session]) -> None:
    add_lead(sessions, first_name="Fay", last_name="Due", phone="+15553210010",
             next_follow_up_date=date.today() - timedelta(days=1))
    add_lead(sessions, first_name="Nell", last_name="New", phone="+15553210011")
    add_lead(sessions, first_name="Ada", last_name="Check", phone="+15553210012",
             needs_attention=True)
    with sessions() as session:
        session.add(OutboxItem(event_id="e-1", kind="office", target="office_email",
                               payload={}, status="failed", attempts=15,
                               last_error="SMTP refused", created_at=utcnow()))
        session.commit()
    page.click("text=Try the chat")
    for text in ["Hi", "Cal Baxter", "555 321 0020", "call me"]:
        chat(page, text)
    page.click("header >> text=Today")
    expect(page.locator("#follow-ups")).to_contain_text("Fay Due")
    # A texter nobody has worked yet is new; a lead the office entered itself is not.
    expect(page.locator("#new-leads")).to_contain_text("Cal Baxter")
    expect(page.locator("#new-leads")).not_to_contain_text("Nell New")
    expect(page.locator("#attention")).to_contain_text("Ada Check")
    expect(page.locator("#failed")).to_contain_text("SMTP refused")
    callbacks = page.locator("#callbacks")
    expect(callbacks).to_contain_text("(555) 321-0020")
    expect(page.locator("#count-total")).not_to_have_text("0")
    shot(page, "today")
    callbacks.get_by_role("button", name="Mark done").click()
    expect(page.locator("#notice")).to_have_text("Call-back marked done.")
    expect(page.locator("#callbacks")).not_to_contain_text("(555) 321-0020")
