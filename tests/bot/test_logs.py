"""Logs are JSON lines and never carry a configured secret."""

from __future__ import annotations

import json
import logging

import pytest

from bot.logs import MASK, JsonFormatter, Redact, configure_logging
from bot.settings import Settings


def test_every_configured_secret_is_masked(settings: Settings,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    configured = settings.model_copy(update={
        "telegram_bot_token": "123456:ABC-telegram-token", "telegram_webhook_secret": "hook-s3cret",
        "smtp_url": "smtp://office:mail-passw0rd@127.0.0.1:25"})
    configure_logging(configured)
    try:
        logging.getLogger("intake.test").warning(
            "calling https://api.telegram.org/bot%s/sendMessage with %s, %s, %s and %s",
            "123456:ABC-telegram-token", "test-auth-token", "admin-secret", "hook-s3cret",
            "mail-passw0rd")
        logging.getLogger("httpx").info("GET https://api.telegram.org/bot123456:ABC.../getMe")
    finally:
        logging.getLogger().handlers.clear()
    [line] = capsys.readouterr().err.strip().splitlines()
    record = json.loads(line)
    assert record["level"] == "WARNING" and record["logger"] == "intake.test"
    for secret in ("123456:ABC-telegram-token", "test-auth-token", "admin-secret",
                   "hook-s3cret", "mail-passw0rd"):
        assert secret not in line
    assert record["msg"].count(MASK) == 5


def test_quotes_and_newlines_stay_valid_json() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, 'said "hi"\nthen %s', ("bye",),
                               None)
    Redact([]).filter(record)
    assert json.loads(JsonFormatter().format(record))["msg"] == 'said "hi"\nthen bye'
