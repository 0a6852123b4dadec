"""How a sender tells the dispatcher what went wrong."""

from __future__ import annotations


class TransientError(Exception):
    """Try again later (a timeout, a 5xx, a 429); `retry_after` seconds when the peer said."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentError(Exception):
    """Trying again cannot help (a 4xx, a bad address); the row is marked failed."""


class RecipientBlocked(PermanentError):
    """The platform says the recipient blocked us (Telegram 403, Twilio 21610)."""
