"""How did you hear about us? Optional (ASK_REFERRAL_SOURCE=true), new texters only.

The answer maps to a preset (Google, Referral, Facebook, Yelp, Repeat customer, Website,
Walk-in, Other) that becomes the lead's `source` only while the source is still the channel
it came in on: a label already set (a campaign deep link, an import, the office) is kept.
The texter's own words are kept in `referral_text` either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.conversation.slots.base import Fill, Reask, Result, Slot, Turn
from bot.conversation.slots.reading import is_skip, read_referral
from bot.conversation.state import Context, Draft

CHANNEL_SOURCES = frozenset({"sms", "telegram", "web", "console"})


def _enabled(ctx: Context) -> bool:
    return bool(ctx.flags.get("ask_referral_source"))


def _filled(d: Draft, ctx: Context) -> bool:
    # A texter already on file is not asked again how they found us.
    return "referral" in d.extra or bool(d.phone and ctx.lookup(d.phone))


def _read(turn: Turn) -> Result:
    if is_skip(turn.text):
        return Fill({"referral": None, "referral_text": None})
    found = read_referral(turn.text)
    if found is None:
        return Reask("reask.referral")
    preset, words = found
    return Fill({"referral": preset, "referral_text": words})


def _shown(turn: Turn) -> str | None:
    preset = turn.draft.extra.get("referral")
    return str(preset) if preset else None


def _customer(d: Draft, lead: Mapping[str, Any]) -> dict[str, Any]:
    if not d.extra.get("referral"):
        return {}
    values: dict[str, Any] = {"referral_text": d.extra.get("referral_text")}
    if lead.get("source") in CHANNEL_SOURCES or not lead.get("source"):
        values["source"] = d.extra["referral"]
    return values


SLOT = Slot(name="referral", filled=_filled, question=lambda t: t.say("ask.referral"),
            read=_read, shown=_shown, enabled=_enabled, customer=_customer)
