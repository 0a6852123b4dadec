"""Office email through a real SMTP server: plain text, Message-ID from the event id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.office.email import email_sender, parse_smtp_url
from bot.outbox.dispatcher import Delivery
from bot.outbox.errors import PermanentError, TransientError
from bot.settings import Settings
from tests.support.smtp_server import SmtpServer

PAYLOAD: dict[str, Any] = {
    "event": "request.created", "event_id": "3b9c7f0e-1111-4c2a-9d7e-000000000001",
    "occurred_at": "2026-03-02T15:00:00+00:00", "returning": False, "channel": "sms",
    "lead": {"id": 5, "first_name": "Maria", "last_name": "Lopez", "phone": "+15551234567"},
    "request": {"id": 9, "service": "no hot water", "asap": True, "preferred_time_text": "asap",
                "address": {"line1": "42 ELM ST", "city": "SPRINGFIELD", "state": "IL",
                            "postal_code": "62704"}},
}


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """aiosmtpd on a loopback port, with AUTH."""
    with SmtpServer() as server:
        yield server


def _sender(settings: Settings, smtp_url: str, to: str = "office@acme.test") -> Any:
    return email_sender(settings.model_copy(update={"smtp_url": smtp_url, "office_email": to}))


def _delivery() -> Delivery:
    return Delivery(3, str(PAYLOAD["event_id"]), "office", "email", PAYLOAD, 0)


def test_smtp_url_forms() -> None:
    plain = parse_smtp_url("smtp://mail.acme.test")
    assert (plain.port, plain.security, plain.username, plain.sender) == (
        25, "none", None, "intake@mail.acme.test")
    tls = parse_smtp_url("smtps://bot%40acme.test:p%3Ass@mail.acme.test")
    assert (tls.port, tls.security, tls.username, tls.password, tls.sender) == (
        465, "tls", "bot@acme.test", "p:ss", "bot@acme.test")
    start = parse_smtp_url("smtp://u:p@mail.acme.test:2525?starttls=true&from=desk%40acme.test")
    assert (start.port, start.security, start.sender) == (2525, "starttls", "desk@acme.test")
    assert parse_smtp_url("smtp://mail.acme.test?starttls=1").port == 587
    for bad in ("http://mail.acme.test", "smtp://", "smtp://host:notaport"):
        with pytest.raises(ValueError):
            parse_smtp_url(bad)


async def test_the_office_gets_a_plain_text_mail_with_a_stable_message_id(
        smtp: SmtpServer, settings: Settings) -> None:
    send = _sender(settings, f"{smtp.url}?from=intake%40acme.test",
                   "office@acme.test, boss@acme.test")
    assert await send(_delivery()) == f"<{PAYLOAD['event_id']}@acme.test>"
    [mail] = smtp.received()
    assert mail.mail_from == "intake@acme.test"
    assert mail.rcpt_tos == ["office@acme.test", "boss@acme.test"]
    msg = mail.message
    assert msg["Message-ID"] == f"<{PAYLOAD['event_id']}@acme.test>"
    assert msg["X-Intake-Event-Id"] == PAYLOAD["event_id"]
    assert msg["From"] == "Ace Plumbing intake <intake@acme.test>"
    assert msg["Subject"] == "New request from Maria Lopez: no hot water"
    assert msg["Date"] == "Mon, 02 Mar 2026 15:00:00 +0000"
    assert msg.get_content_type() == "text/plain"
    assert "Who: Maria Lopez" in mail.text and "What: no hot water" in mail.text


async def test_a_temporary_smtp_refusal_is_retried(smtp: SmtpServer,
                                                   settings: Settings) -> None:
    smtp.fail_next(1)
    with pytest.raises(TransientError, match="451"):
        await _sender(settings, smtp.url)(_delivery())
    await _sender(settings, smtp.url)(_delivery())
    assert len(smtp.received()) == 1


async def test_wrong_credentials_fail_for_good(smtp: SmtpServer, settings: Settings) -> None:
    with pytest.raises(PermanentError, match="535"):
        await _sender(settings, f"smtp://office:wrong@127.0.0.1:{smtp.port}")(_delivery())


async def test_a_server_that_is_down_is_retried(settings: Settings) -> None:
    server = SmtpServer().start()
    url = server.url
    server.stop()
    with pytest.raises(TransientError, match="unreachable"):
        await _sender(settings, url)(_delivery())


async def test_a_bad_smtp_url_fails_each_row_with_the_reason(settings: Settings) -> None:
    with pytest.raises(PermanentError, match="SMTP_URL"):
        await _sender(settings, "mail.acme.test:25")(_delivery())
