"""Structured logs (one JSON object a line) that never carry a configured secret."""

from __future__ import annotations

import json
import logging
import sys

from bot.settings import Settings

SECRET_FIELDS = ("twilio_auth_token", "telegram_bot_token", "telegram_webhook_secret",
                 "admin_token", "office_webhook_secret")
MASK = "[redacted]"


class Redact(logging.Filter):
    """Replaces every configured secret in a record's message (defence in depth)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        # Longest first, so a secret that contains another is masked whole.
        self.secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for secret in self.secrets:
            message = message.replace(secret, MASK)
        record.msg, record.args = message, None
        return True


class JsonFormatter(logging.Formatter):
    """`{"time", "level", "logger", "msg"}` (+ "exc"), JSON-escaped."""

    def format(self, record: logging.LogRecord) -> str:
        body = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
                "level": record.levelname, "logger": record.name, "msg": record.getMessage()}
        if record.exc_info:
            body["exc"] = self.formatException(record.exc_info)
        return json.dumps(body, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    """Root logging for the CLI's processes."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(Redact([getattr(settings, name) for name in SECRET_FIELDS]
                             + _url_secrets(settings)))
    logging.basicConfig(level=settings.log_level.upper(), handlers=[handler], force=True)
    # httpx logs every request URL at INFO; Bot API and webhook URLs carry secrets.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def _url_secrets(settings: Settings) -> list[str]:
    """Passwords inside DATABASE_URL and SMTP_URL."""
    from urllib.parse import urlsplit

    found = []
    for url in (settings.database_url, settings.smtp_url):
        try:
            password = urlsplit(url).password
        except ValueError:
            password = None
        if password:
            found.append(password)
    return found
