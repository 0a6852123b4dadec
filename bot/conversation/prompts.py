"""The conversation's words in the texter's language (the catalogues are in lang/)."""

from __future__ import annotations

from bot.conversation import lang
from bot.conversation.state import ConvState


def say(s: ConvState, key: str, **values: object) -> str:
    """A catalogue text in this conversation's language."""
    return lang.say(s.lang, key, **values)
