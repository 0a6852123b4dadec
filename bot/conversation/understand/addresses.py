"""Service addresses: the agreed names, gathered from the address reader and its text rules."""

from __future__ import annotations

from bot.conversation.addresses import Address, extract_address, find_address, parse_address
from bot.conversation.understand.address_text import means_same_as_before

__all__ = ["Address", "extract_address", "find_address", "means_same_as_before", "parse_address"]
