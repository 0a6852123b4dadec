"""Office events (request.created, request.cancelled, handoff.requested, message.received)
queued for every configured target."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.serialize import lead_json, request_json
from bot.settings import Settings
from store import outbox
from store.models import Customer, ServiceRequest


def office_targets(settings: Settings) -> list[str]:
    """The notification targets that are switched on."""
    targets = []
    if settings.office_telegram_chat_id and settings.telegram_bot_token:
        targets.append("telegram")
    targets.extend(f"sms:{n}" for n in settings.office_sms_list)
    if settings.office_email and settings.smtp_url:
        targets.append("email")
    if settings.office_webhook_url:
        targets.append("webhook")
    return targets


def queue_office_event(session: Session, settings: Settings, *, event: str,
                       customer: Customer, request: ServiceRequest | None, returning: bool,
                       channel: str, now: datetime,
                       extra: dict[str, Any] | None = None) -> str:
    """Queue one notification per target, in the caller's transaction; returns the event id."""
    event_id = str(uuid.uuid4())
    payload = {
        "event": event, "event_id": event_id, "occurred_at": now.isoformat(),
        "lead": lead_json(customer),
        "request": request_json(request) if request is not None else None,
        "returning": returning, "channel": channel, **(extra or {}),
    }
    for target in office_targets(settings):
        outbox.enqueue(session, event_id=event_id, kind="office", target=target,
                       payload=payload, now=now)
    return event_id
