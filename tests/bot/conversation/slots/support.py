"""A turn for one slot, with no database: the fixed clock and a fake lookup."""

from __future__ import annotations

from typing import Any

from bot.conversation.slots.base import Fill, Result, Turn
from bot.conversation.state import Context, Draft, Known
from consent.texts import Business
from tests.bot.conversation.corpus.runner import NOW, ON_FILE


def turn(text: str, draft: Draft | None = None, lang: str = "en", editing: bool = False,
         known: Known | None = None, **ctx: Any) -> Turn:
    """`text` as the slot would see it."""
    base: dict[str, Any] = {"channel": "sms", "business": Business("Ace Plumbing"),
                            "tz": "America/New_York", "region": "US", "lookup": ON_FILE.get,
                            "caller_phone": None}
    base.update(ctx)
    return Turn(text=text, draft=draft or Draft(), ctx=Context(**base), now=NOW, lang=lang,
                editing=editing, known=known)


def values(result: Result) -> dict[str, Any]:
    """The draft fields a Fill sets (fails the test for anything else)."""
    assert isinstance(result, Fill), result
    return dict(result.values)
