"""Every page fits a 375 px phone screen: no sideways scrolling; screenshots for people."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy.orm import Session, sessionmaker

from tests.browser.conftest import add_lead, shot

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone_page(browser: Browser, live_url: str) -> Page:
    context = browser.new_context(base_url=live_url, viewport=PHONE, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    p = context.new_page()
    p.goto("/dashboard/login")
    shot(p, "phone-login")
    p.fill("input[name=name]", "Pat Office")
    p.fill("input[name=password]", "admin-secret")
    p.get_by_role("button", name="Log in").click()
    p.wait_for_url("**/dashboard/today")
    return p


def sideways(page: Page) -> int:
    """How many pixels the page is wider than the screen."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def test_no_page_scrolls_sideways_at_375_px(phone_page: Page,
                                            sessions: sessionmaker[Session]) -> None:
    lead = add_lead(sessions, first_name="Maximiliana", last_name="Worthington-Smythe",
                    company_name="Worthington Heating & Cooling Incorporated",
                    phone="+15125550101", email="maximiliana.worthington@example-company.com",
                    tags=["VIP", "commercial", "spring tune-up"],
                    address={"line1": "12345 NORTH LAMAR BOULEVARD", "line2": "SUITE 1200",
                             "city": "AUSTIN", "state": "TX", "postal_code": "78753"})
    other = add_lead(sessions, first_name="Max", last_name="W", phone="+15125550102")
    pages = {"today": "/dashboard/today", "leads": "/dashboard/leads",
             "lead": f"/dashboard/leads/{lead}", "new": "/dashboard/leads/new",
             "board": "/dashboard/kanban", "import": "/dashboard/import",
             "merge": f"/dashboard/leads/{lead}/merge?duplicate={other}",
             "consent": "/dashboard/consent", "error": "/dashboard/leads/999999"}
    too_wide = {}
    for name, path in pages.items():
        phone_page.goto(path)
        if name == "lead":
            phone_page.locator("#edit summary").click()
        shot(phone_page, f"phone-{name}")
        if sideways(phone_page) > 0:
            too_wide[name] = sideways(phone_page)
    assert too_wide == {}
