"""The office webhook: a signed JSON POST, byte-identical on every retry of an event."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from bot.office.tls import tls_context
from bot.outbox.dispatcher import Delivery, Sender
from bot.outbox.errors import TransientError
from bot.settings import Settings
from store.clock import utcnow

BODY_KEYS = ("event", "event_id", "occurred_at", "lead", "request")  # CONTRACT.md, exactly
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


def body_bytes(payload: Mapping[str, Any]) -> bytes:
    """The raw body; deterministic, so every retry carries the same bytes and signature."""
    body = {key: payload.get(key) for key in BODY_KEYS}
    return json.dumps(body, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def signature(secret: str, body: bytes) -> str:
    """`sha256=<hex HMAC-SHA256 of the raw body>`."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def headers_for(payload: Mapping[str, Any], body: bytes, secret: str) -> dict[str, str]:
    """Content type, the event's idempotency key and, with a secret, the signature."""
    headers = {"Content-Type": "application/json", "User-Agent": "intake-webhook/1",
               "X-Intake-Event": str(payload.get("event", "")),
               "X-Intake-Event-Id": str(payload.get("event_id", ""))}
    if secret:  # without OFFICE_WEBHOOK_SECRET there is nothing to sign with
        headers["X-Intake-Signature"] = signature(secret, body)
    return headers


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds from a Retry-After header (delta or HTTP date), when there is one."""
    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - utcnow()).total_seconds())
    except (TypeError, ValueError):
        return None


async def post(url: str, secret: str, payload: Mapping[str, Any],
               transport: httpx.AsyncBaseTransport | None = None) -> None:
    """POST the event; any 2xx is success, anything else is retried (CONTRACT.md)."""
    body = body_bytes(payload)
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT, transport=transport, verify=tls_context(),
                                     follow_redirects=False) as client:
            response = await client.post(url, content=body,
                                         headers=headers_for(payload, body, secret))
    except httpx.TimeoutException:
        raise TransientError("webhook timed out") from None
    except httpx.HTTPError as exc:  # the URL may carry a secret: name the error, not the URL
        raise TransientError(f"webhook unreachable: {exc.__class__.__name__}") from None
    if not response.is_success:
        raise TransientError(f"webhook answered HTTP {response.status_code}",
                             retry_after=retry_after(response.headers))


def webhook_sender(settings: Settings) -> Sender:
    """The sender for the "webhook" target."""
    url, secret = settings.office_webhook_url, settings.office_webhook_secret

    async def send(delivery: Delivery) -> str | None:
        await post(url, secret, delivery.payload)
        return None

    return send
