"""Start-up checks: refuse secrets that protect nothing, and say what will not work."""

from __future__ import annotations

import logging

from bot.errors import CliError
from bot.settings import Settings

log = logging.getLogger("intake.startup")


def refuse_weak_secrets(settings: Settings) -> None:
    """A CliError naming every placeholder or short secret (serve and worker must not start)."""
    problems = settings.secret_problems()
    if problems:
        raise CliError("refusing to start:\n  " + "\n  ".join(problems))


def warnings(settings: Settings) -> list[str]:
    """What is configured so that something will silently not work (also on /healthz)."""
    found = []
    if not settings.twilio_validate_signature:
        found.append("TWILIO_VALIDATE_SIGNATURE is false: anyone can post SMS webhooks as "
                     "any phone number (STOP and START included); only for local experiments")
    office_email = bool(settings.office_email and settings.smtp_url)
    if not (settings.office_telegram_chat_id or settings.office_sms_list or office_email
            or settings.office_webhook_url):
        found.append("no office target is configured (OFFICE_TELEGRAM_CHAT_ID, "
                     "OFFICE_SMS_NUMBERS, OFFICE_EMAIL + SMTP_URL, OFFICE_WEBHOOK_URL): "
                     "new leads will reach nobody")
    elif settings.office_email and not settings.smtp_url:
        found.append("OFFICE_EMAIL is set but SMTP_URL is empty: no email will be sent")
    if not settings.business_phone.strip():
        found.append("BUSINESS_PHONE is empty: HELP replies carry no number to call")
    if settings.office_webhook_url and not settings.office_webhook_secret:
        found.append("OFFICE_WEBHOOK_SECRET is empty: office webhook requests are not signed")
    return found


def announce(settings: Settings) -> list[str]:
    """Log each start-up warning loudly (WARNING level) and return them."""
    found = warnings(settings)
    for warning in found:
        log.warning("START-UP WARNING: %s", warning)
    return found
