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


def test_tracebacks_are_masked_too(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    token = "123456:ABC-telegram-token"
    configure_logging(settings.model_copy(update={"telegram_bot_token": token}))
    try:
        try:
            raise RuntimeError(f"The token `{token}` was rejected by the server.")
        except RuntimeError:
            logging.getLogger("intake.test").exception("sending failed")
    finally:
        logging.getLogger().handlers.clear()
    [line] = capsys.readouterr().err.strip().splitlines()
    record = json.loads(line)
    assert "RuntimeError" in record["exc"] and MASK in record["exc"]
    assert token not in line and "ABC-telegram-token" not in line


def test_uvicorn_lines_go_through_the_same_masked_json_handler(
        settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    import logging.config

    from bot.logs import uvicorn_log_config

    configure_logging(settings)
    logging.config.dictConfig(uvicorn_log_config())
    try:
        logging.getLogger("uvicorn.access").info(
            '%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", "/api/leads?token=admin-secret",
            "1.1", 401)
        logging.getLogger("uvicorn.error").info("Started server process [%d]", 42)
    finally:
        logging.getLogger().handlers.clear()
    access, error = (json.loads(line) for line in capsys.readouterr().err.strip().splitlines())
    assert access["logger"] == "uvicorn.access" and "admin-secret" not in access["msg"]
    assert MASK in access["msg"] and error["msg"] == "Started server process [42]"
