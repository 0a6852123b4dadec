"""When a platform says the recipient blocked us, the ledger records it (and sends stop)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.outbox.dispatcher import Delivery
from consent.ledger import ConsentEvent
from store import ledger


def record_block(session: Session, delivery: Delivery, now: datetime) -> None:
    """Append bot_blocked (Telegram) or carrier_block (SMS) for the delivery's recipient."""
    p = delivery.payload
    telegram = p.get("channel") == "telegram"
    ledger.append(session, ConsentEvent(
        channel="telegram" if telegram else "sms",
        kind="bot_blocked" if telegram else "carrier_block",
        method="platform" if telegram else "carrier", actor="system", recorded_at=now,
        phone=None if telegram else p.get("phone"), chat_id=p.get("chat_id"),
        text=None, provider_message_id=None))
