"""Structured logs (one JSON object a line) that never carry a configured secret.

`Masker` is the one place that knows how a secret can appear in text (as configured,
percent-encoded in a URL, a Telegram token's secret half on its own); log records,
tracebacks, uvicorn's own lines and stored outbox errors all go through it.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any
from urllib.parse import quote, urlsplit

from bot.settings import Settings

SECRET_FIELDS = ("twilio_auth_token", "telegram_bot_token", "telegram_webhook_secret",
                 "admin_token", "office_webhook_secret")
MASK = "[redacted]"
MIN_SECRET = 6  # shorter values would mask ordinary words; settings refuse them anyway


def secrets_of(settings: Settings) -> list[str]:
    """Every configured secret: tokens, and the passwords inside DATABASE_URL and SMTP_URL."""
    found = [getattr(settings, name) for name in SECRET_FIELDS]
    for url in (settings.database_url, settings.smtp_url):
        try:
            found.append(urlsplit(url).password or "")
        except ValueError:
            continue
    return found


class Masker:
    """Replaces each secret, and its URL-encoded form, with MASK."""

    def __init__(self, secrets: list[str]) -> None:
        forms = set()
        for secret in secrets:
            if len(secret) < MIN_SECRET:
                continue
            forms.update({secret, quote(secret, safe=""), quote(secret)})
            _, colon, half = secret.partition(":")  # a bot token is <bot id>:<secret>
            if colon and len(half) >= MIN_SECRET:
                forms.add(half)
        # Longest first, so a secret that contains another is masked whole.
        self.forms = sorted(forms, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        """`text` with no secret left in it."""
        for form in self.forms:
            if form in text:
                text = text.replace(form, MASK)
        return text


class Redact(logging.Filter):
    """Masks every configured secret in a record's message and traceback."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.mask = Masker(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.mask(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """`{"time", "level", "logger", "msg"}` (+ "exc"), JSON-escaped."""

    def format(self, record: logging.LogRecord) -> str:
        body = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
                "level": record.levelname, "logger": record.name, "msg": record.getMessage()}
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            body["exc"] = record.exc_text
        if record.stack_info:
            body["stack"] = record.stack_info
        return json.dumps(body, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    """Root logging for the CLI's processes."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(Redact(secrets_of(settings)))
    logging.basicConfig(level=settings.log_level.upper(), handlers=[handler], force=True)
    # httpx logs every request URL at INFO; Bot API and webhook URLs carry secrets.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's `log_config`: its loggers keep no handlers of their own and propagate to
    the root handler of `configure_logging`, so its lines are JSON and masked too."""
    quiet = {"handlers": [], "propagate": True}
    return {"version": 1, "disable_existing_loggers": False,
            "loggers": {name: dict(quiet) for name in
                        ("uvicorn", "uvicorn.error", "uvicorn.access")}}
