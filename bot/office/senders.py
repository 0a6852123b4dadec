"""Office notification senders (being built)."""

from bot.outbox.dispatcher import Sender
from bot.settings import Settings


def office_senders(settings: Settings) -> dict[str, Sender]:
    """Senders for the configured office targets."""
    return {}
