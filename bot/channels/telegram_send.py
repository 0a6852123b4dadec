"""Telegram sender for texter-facing outbox rows (being built)."""

from bot.outbox.dispatcher import Sender
from bot.settings import Settings


def telegram_senders(settings: Settings) -> dict[str, Sender]:
    """Senders for Telegram targets."""
    return {}
