"""The compliance report page in a real browser: readable on a desk and on a phone."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine

from consent.ledger import ConsentEvent
from store import ledger, messages
from store.clock import utcnow
from store.db import session_factory
from store.uow import UnitOfWork
from tests.browser.conftest import browser, live_url, page, shot  # noqa: F401 - fixtures

PHONE = "+12125550188"


def history(engine: Engine, *, planted: bool) -> None:
    """An opt-in, a reminder, STOP, its confirmation, HELP; and maybe a bad proactive text."""
    start = utcnow() - timedelta(days=2)
    with UnitOfWork(session_factory(engine)) as uow:
        s = uow.session
        for minutes, kind in [(0, "opt_in"), (60, "opt_out")]:
            ledger.append(s, ConsentEvent(
                channel="sms", kind=kind, method="keyword", actor="texter",
                recorded_at=start + timedelta(minutes=minutes), phone=PHONE,
                text="STOP" if kind == "opt_out" else "YES"))
        purposes = [(30, "proactive"), (60, "opt_out_confirmation"), (90, "help")]
        purposes += [(120, "proactive")] if planted else []
        for minutes, purpose in purposes:
            messages.log_outbound(s, channel="sms", sender_key=PHONE, phone=PHONE, text="...",
                                  purpose=purpose, now=start + timedelta(minutes=minutes))
        uow.commit()


def test_the_report_says_nothing_was_sent_after_the_opt_out(page: Page,  # noqa: F811
                                                            sqlite_engine: Engine) -> None:
    history(sqlite_engine, planted=False)
    page.goto("/dashboard/consent")
    page.click("text=Compliance report")
    expect(page.locator("#verdict")).to_contain_text("Nothing was sent after an opt-out")
    expect(page.locator("#n-opt-outs")).to_have_text("1")
    row = page.locator("#opt-outs tbody tr").first
    expect(row).to_contain_text("(212) 555-0188")
    expect(row).to_contain_text("(help)")
    expect(row).to_contain_text("(opt_out_confirmation)")
    expect(row.locator("td[data-label=OK]")).to_have_text("yes")
    expect(page.locator("#tz-note")).to_contain_text("America/New_York")
    assert " ES" in row.inner_text() or " ED" in row.inner_text()  # EST/EDT after each time
    shot(page, "consent-report-desktop")
    with page.expect_download() as download:
        page.click("#csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert [r["section"] for r in rows] == ["opt_out", "held", "refused"]
    assert rows[0]["phone"] == PHONE and rows[0]["first_message_after_purpose"] == "help"


def test_a_violation_is_shown_in_red_and_the_page_fits_a_phone(
        browser: Browser, live_url: str, sqlite_engine: Engine) -> None:  # noqa: F811
    history(sqlite_engine, planted=True)
    context = browser.new_context(base_url=live_url, viewport={"width": 390, "height": 844},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.goto("/dashboard/consent/report")
    phone.fill("input[name=name]", "Pat Reviewer")
    phone.fill("input[name=password]", "admin-secret")
    phone.get_by_role("button", name="Log in").click()
    phone.wait_for_url("**/dashboard/consent/report")
    expect(phone.locator("#verdict")).to_contain_text("should not have")
    expect(phone.locator("#n-after")).to_have_text("1")
    expect(phone.locator("#after")).to_contain_text("proactive sent after opt_out")
    expect(phone.locator("#opt-outs td[data-label=OK]")).to_have_text("NO")
    # The report itself (not the shared header) fits the 390 px screen: nothing to scroll.
    widest = phone.evaluate("Math.max(...[...document.querySelectorAll('main *')]"
                            ".map(e => e.getBoundingClientRect().right))")
    assert widest <= 390, f"the report is {widest:.0f}px wide on a 390px phone"
    label = phone.evaluate("getComputedStyle(document.querySelector("
                           "'#opt-outs td[data-label=Phone]'), '::before').content")
    assert label.startswith('"Phone')  # each cell names its column when the table is stacked
    shot(phone, "consent-report-phone")
    context.close()


def test_a_bad_day_in_the_form_is_explained(page: Page) -> None:  # noqa: F811
    page.goto("/dashboard/consent/report?since=2026-02-01&until=2026-01-01")
    expect(page.get_by_role("alert")).to_contain_text("must be before until")
    response = page.request.get("/dashboard/consent/report.csv?since=2026-02-30")
    assert response.status == 422 and "not an ISO date" in response.json()["detail"]
