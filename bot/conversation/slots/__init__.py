"""The form: its slots, each declared in its own module, in the order they are asked."""

from __future__ import annotations

from importlib import import_module

from bot.conversation.slots.base import Slot

# The one place the order lives; a name is the module bot/conversation/slots/<name>.py.
FORM: tuple[str, ...] = ("name", "phone", "address", "service", "when", "email", "referral",
                         "consent")
SLOTS: dict[str, Slot] = {
    name: import_module(f"bot.conversation.slots.{name}").SLOT for name in FORM}
