"""The office Telegram chat over the local Bot API server: delivered, retried, or failed."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.office.telegram import office_chat
from bot.settings import Settings
from store.models import ConsentEventRow
from tests.support.office_targets import (
    CHAT_ID,
    Clock,
    OfficeTargets,
    dispatcher,
    new_request_event,
    rows,
    run,
)


@pytest.fixture
def wired(office: OfficeTargets, settings: Settings) -> Settings:
    """Only the Telegram target on."""
    return office.configure(settings, office_sms_numbers="", office_email="",
                            office_webhook_url="")


def test_the_office_chat_gets_the_notice(sqlite_engine: Engine, wired: Settings,
                                         office: OfficeTargets) -> None:
    _, name = new_request_event(sqlite_engine, wired, service="burst pipe")
    run(dispatcher(sqlite_engine, wired, Clock()))
    [text] = office.bot_api.sent_to(CHAT_ID)
    assert f"Who: {name}" in text and "What: burst pipe" in text
    [row] = rows(sqlite_engine)
    assert row.target == "telegram" and row.status == "sent"


def test_a_bot_api_outage_is_retried(sqlite_engine: Engine, wired: Settings,
                                     office: OfficeTargets) -> None:
    new_request_event(sqlite_engine, wired)
    office.bot_api.fail_next(1, status=502)
    clock = Clock()
    run(dispatcher(sqlite_engine, wired, clock))
    [row] = rows(sqlite_engine)
    assert (row.status, row.attempts) == ("pending", 1)
    clock.now = row.next_attempt_at
    run(dispatcher(sqlite_engine, wired, clock))
    assert rows(sqlite_engine)[0].status == "sent" and len(office.bot_api.sent_to(CHAT_ID)) == 1


def test_a_bot_removed_from_the_office_chat_fails_visibly(
        sqlite_engine: Engine, wired: Settings, office: OfficeTargets) -> None:
    office.bot_api.block_chat(CHAT_ID)
    new_request_event(sqlite_engine, wired)
    run(dispatcher(sqlite_engine, wired, Clock()))
    [row] = rows(sqlite_engine)
    assert row.status == "failed" and "blocked" in (row.last_error or "")
    with Session(sqlite_engine) as s:  # the office is not a texter: no consent event
        assert list(s.scalars(select(ConsentEventRow))) == []


def test_office_chat_ids() -> None:
    assert office_chat(" -1001234567890 ") == -1001234567890
    assert office_chat("42") == 42
    assert office_chat("@acme_dispatch") == "@acme_dispatch"
