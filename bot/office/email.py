"""Office email over SMTP (smtplib, in a thread): plain text, a Message-ID from the event id."""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import anyio.to_thread

from bot.office.message import Notice, render
from bot.office.tls import tls_context
from bot.outbox.dispatcher import Delivery, Sender
from bot.outbox.errors import PermanentError, TransientError
from bot.settings import Settings

log = logging.getLogger(__name__)
TIMEOUT = 10.0  # seconds per SMTP operation, well inside the dispatcher's send timeout
TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to hand mail over, parsed from SMTP_URL."""

    host: str
    port: int
    security: str  # "none" | "starttls" | "tls" (implicit, smtps://)
    username: str | None
    password: str | None
    sender: str


def parse_smtp_url(url: str) -> SmtpConfig:
    """smtp://user:pass@host:port[?starttls=true][&from=addr] or smtps://... (implicit TLS)."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("SMTP_URL must look like smtp://user:pass@host:port or smtps://...")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    starttls = query.get("starttls", "").lower() in TRUE
    security = "tls" if parts.scheme == "smtps" else "starttls" if starttls else "none"
    try:
        port = parts.port or {"tls": 465, "starttls": 587}.get(security, 25)
    except ValueError:
        raise ValueError("SMTP_URL has a bad port") from None
    username = unquote(parts.username) if parts.username else None
    sender = query.get("from") or (username if username and "@" in username
                                   else f"intake@{parts.hostname}")
    return SmtpConfig(host=parts.hostname, port=port, security=security, username=username,
                      password=unquote(parts.password) if parts.password else None,
                      sender=sender)


def recipients(office_email: str) -> list[str]:
    """OFFICE_EMAIL, one address or several separated by commas."""
    return [a.strip() for a in office_email.split(",") if a.strip()]


def build_email(payload: dict[str, Any], notice: Notice, config: SmtpConfig, to: list[str],
                business_name: str) -> EmailMessage:
    """The message; the same bytes on every retry, so a repeat can be recognised."""
    msg = EmailMessage()
    msg["Subject"] = notice.subject
    msg["From"] = formataddr((f"{business_name} intake", config.sender))
    msg["To"] = ", ".join(to)
    domain = config.sender.rpartition("@")[2] or "intake.invalid"
    msg["Message-ID"] = f"<{payload.get('event_id')}@{domain}>"
    occurred = payload.get("occurred_at")
    if occurred:
        msg["Date"] = format_datetime(datetime.fromisoformat(str(occurred)))
    msg["X-Intake-Event-Id"] = str(payload.get("event_id"))
    msg.set_content(notice.text + "\n")
    return msg


def deliver(config: SmtpConfig, msg: EmailMessage, to: list[str]) -> None:
    """Hand the message to the SMTP server (blocking); raises the outbox's errors."""
    context = tls_context()
    local = socket.gethostname()  # getfqdn() can stall on DNS; the name only goes in EHLO
    try:
        smtp = (smtplib.SMTP_SSL(config.host, config.port, local, timeout=TIMEOUT,
                                 context=context) if config.security == "tls"
                else smtplib.SMTP(config.host, config.port, local, timeout=TIMEOUT))
        with smtp:
            if config.security == "starttls":
                smtp.starttls(context=context)
            if config.username:
                smtp.login(config.username, config.password or "")
            refused = smtp.send_message(msg, config.sender, to)
        if refused:  # delivered to the others; a retry would repeat it for them
            log.warning("SMTP refused %d of %d office recipients", len(refused), len(to))
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        error = f"SMTP refused every recipient: {sorted(set(codes))}"
        raise (PermanentError(error) if all(c >= 500 for c in codes)
               else TransientError(error)) from None
    except smtplib.SMTPResponseException as exc:  # auth, sender, data: the server's code
        error = f"SMTP {exc.smtp_code}: {_text(exc.smtp_error)}"
        raise (PermanentError(error) if exc.smtp_code >= 500 else TransientError(error)) from None
    except (smtplib.SMTPNotSupportedError, ssl.SSLCertVerificationError) as exc:
        raise PermanentError(f"SMTP set-up: {exc}") from None
    except (smtplib.SMTPException, OSError) as exc:  # refused, reset, timed out
        raise TransientError(f"SMTP unreachable: {exc.__class__.__name__}: {exc}") from None


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def email_sender(settings: Settings) -> Sender:
    """The sender for the "email" target (a bad SMTP_URL fails each row, visibly)."""
    to = recipients(settings.office_email)
    try:
        config: SmtpConfig | None = parse_smtp_url(settings.smtp_url)
        problem = ""
    except ValueError as exc:
        config, problem = None, str(exc)

    async def send(delivery: Delivery) -> str | None:
        if config is None:
            raise PermanentError(problem)
        msg = build_email(delivery.payload, render(delivery.payload, settings), config, to,
                          settings.business_name)
        await anyio.to_thread.run_sync(deliver, config, msg, to)
        return str(msg["Message-ID"])

    return send
