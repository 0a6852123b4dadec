"""Preferred visit times: the agreed names, gathered from the time reader."""

from __future__ import annotations

from bot.conversation.understand.timewords import means_no_preference
from bot.conversation.when import PreferredTime, WhenError, parse_when

__all__ = ["PreferredTime", "WhenError", "means_no_preference", "parse_when"]
