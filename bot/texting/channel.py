"""Which channel an office message goes to, and to whom: the one the texter uses."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from store import messages
from store.models import Customer

PROACTIVE_CHANNELS = ("sms", "telegram")
CHANNEL_WORDS = {"web": "the web chat", "console": "the console chat"}


@dataclass(frozen=True)
class Route:
    """Where a message goes; `refusal` says why it cannot go anywhere (then nothing is sent)."""

    channel: str
    phone: str | None
    chat_id: int | None
    sender_key: str
    refusal: str | None = None


def route(session: Session, c: Customer, asked: str | None = None) -> Route:
    """The asked channel, else the texter's latest inbound one, else SMS with a phone."""
    channel = asked
    if channel is None:
        latest = messages.latest_inbound(session, c)
        channel = latest.channel if latest is not None else (
            "sms" if c.phone else "telegram" if c.telegram_chat_id is not None else "sms")
    key = (c.phone or "") if channel != "telegram" else str(c.telegram_chat_id or "")
    chat = c.telegram_chat_id if channel == "telegram" else None
    found = Route(channel, c.phone, chat, key)
    if channel not in PROACTIVE_CHANNELS:
        return _refused(found, f"{CHANNEL_WORDS.get(channel, channel)} cannot receive a text "
                        "from the office (only SMS and Telegram can)")
    if channel == "sms" and not c.phone:
        return _refused(found, "no phone number on this lead")
    if channel == "telegram" and c.telegram_chat_id is None:
        return _refused(found, "no Telegram chat known for this lead")
    return found


def _refused(found: Route, reason: str) -> Route:
    return Route(found.channel, found.phone, found.chat_id, found.sender_key or "-", reason)
