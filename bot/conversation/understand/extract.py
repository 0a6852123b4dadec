"""Several facts from one message: the agreed names, gathered from the extractor."""

from __future__ import annotations

from bot.conversation.extract import Facts, extract

__all__ = ["Facts", "extract"]
