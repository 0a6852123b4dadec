"""A live app and a real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.app import create_app
from bot.crm import leads as crm
from bot.crm.schemas import LeadCreate
from bot.settings import Settings
from store.db import session_factory
from store.uow import UnitOfWork
from tests.support.live_server import serve

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium from the system (Playwright's own download is not used).

    Module scope, not session: Playwright's sync API keeps an event loop running while it
    is open, which would break every async test that runs after it.
    """
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    assert executable, "Chromium is required for the browser tests (apt-get install chromium)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def live_url(sqlite_engine: Engine, settings: Settings) -> Iterator[str]:
    """The whole app on a real port."""
    settings.outbox_in_process = False
    with serve(create_app(settings, sqlite_engine)) as url:
        yield url


@pytest.fixture
def page(browser: Browser, live_url: str) -> Iterator[Page]:
    """A logged-in page."""
    context = browser.new_context(base_url=live_url)
    p = context.new_page()
    p.set_default_timeout(10_000)
    p.goto("/dashboard/today")
    p.fill("input[name=name]", "Pat Office")
    p.fill("input[name=password]", "admin-secret")
    p.get_by_role("button", name="Log in").click()
    p.wait_for_url("**/dashboard/today")
    yield p
    context.close()


SCREENSHOTS = Path(os.environ.get("INTAKE_SCREENSHOTS") or
                   Path(__file__).resolve().parents[2] / "build" / "screenshots")


def shot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under build/screenshots/ (gitignored) for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def sessions(sqlite_engine: Engine) -> sessionmaker[Session]:
    """Sessions on the live app's database, for arranging data behind the pages."""
    return session_factory(sqlite_engine)


def add_lead(sessions: sessionmaker[Session], **fields: Any) -> int:
    """A lead created through the CRM service, as the office would; returns its id."""
    with UnitOfWork(sessions) as uow:
        lead = crm.create_lead(uow.session, LeadCreate(**fields), "Setup")
        uow.session.flush()
        lead_id = int(lead.id)
        uow.commit()
    return lead_id
