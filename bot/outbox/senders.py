"""Which sender handles which outbox target, from the configuration."""

from __future__ import annotations

from bot.channels.telegram_send import telegram_senders
from bot.office.senders import office_senders
from bot.outbox.dispatcher import Sender
from bot.settings import Settings


def build_senders(settings: Settings) -> dict[str, Sender]:
    """Every sender whose target is configured; targets without one are retried, then failed."""
    return {**office_senders(settings), **telegram_senders(settings)}
