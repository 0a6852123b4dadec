"""What the edges hand the core, and what the core hands back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from consent.gate import Purpose
from store.clock import utcnow

CHANNELS = ("sms", "telegram", "web", "console")


@dataclass(frozen=True)
class InboundMessage:
    """One message from a texter, whatever the channel."""

    channel: str
    sender_key: str
    text: str
    provider_id: str | None = None
    phone: str | None = None
    chat_id: int | None = None
    media_count: int = 0
    opt_out_type: str | None = None
    source: str | None = None
    received_at: datetime = field(default_factory=utcnow)
    # Set when the edge already knows the answer (Telegram: someone else's contact card).
    # It still goes through consent and the outbox; the conversation does not see the message.
    answer: str | None = None

    def __post_init__(self) -> None:
        # PostgreSQL text cannot hold NUL; keep a visible mark rather than drop the character.
        if "\x00" in self.text:
            object.__setattr__(self, "text", self.text.replace("\x00", "\ufffd"))


@dataclass(frozen=True)
class Reply:
    """A message the core wants sent, and why."""

    text: str
    purpose: Purpose


@dataclass(frozen=True)
class HandleResult:
    """The texts that may go out now (already through the gate), and the step awaited."""

    texts: list[str]
    step: str = ""
    replayed: bool = False
