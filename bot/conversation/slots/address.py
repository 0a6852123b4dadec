"""Service address: parsed USPS-style; kept verbatim and flagged after repeated failures."""

from __future__ import annotations

from bot.conversation.slots.base import Fill, Reask, Result, Slot, Turn
from bot.conversation.slots.reading import (
    Facts,
    find_address,
    means_same_as_before,
    parse_address,
    read_yes_no,
    strip_chatter,
)
from bot.conversation.state import Context, Draft


def _filled(d: Draft, ctx: Context) -> bool:
    return d.address is not None or d.address_text is not None


def _on_file(turn: Turn) -> str | None:
    known = turn.known
    return known.address_one_line if known and known.address and not turn.editing else None


def _question(turn: Turn) -> str:
    one_line = _on_file(turn)
    return turn.say("ask.address.known", address=one_line) if one_line else turn.say(
        "ask.address")


def _parsed(turn: Turn) -> Fill | None:
    text = strip_chatter(turn.text)
    address = parse_address(text) or find_address(text)
    if address is None:
        return None
    return Fill({"address": address.as_dict(), "address_text": text, "needs_attention": False})


def _read(turn: Turn) -> Result:
    if _on_file(turn) and turn.known and turn.known.address and (
            read_yes_no(turn.text) == "yes" or means_same_as_before(turn.text)):
        return Fill({"address": dict(turn.known.address),
                     "address_text": turn.known.address_one_line, "needs_attention": False})
    return _parsed(turn) or Reask("reask.address")


def _give_up(turn: Turn) -> Fill:
    # Keep the texter rather than the format: stored verbatim, flagged for the office.
    return Fill({"address": None, "address_text": turn.text.strip(), "needs_attention": True},
                note="address.kept")


def _from_facts(facts: Facts, turn: Turn) -> Fill | None:
    if facts.address is None:
        return None
    return Fill({"address": facts.address, "address_text": facts.address_text,
                 "needs_attention": False})


def describe(draft: Draft) -> str:
    """One line for the address, or the texter's verbatim words."""
    a = draft.address
    if not a:
        return draft.address_text or ""
    place = ", ".join(p for p in (a.get("city"), " ".join(
        x for x in (a.get("state"), a.get("postal_code")) if x)) if p)
    street = " ".join(x for x in (a.get("line1"), a.get("line2")) if x)
    return f"{street}, {place}" if place else street


SLOT = Slot(name="address", filled=_filled, question=_question, read=_read,
            shown=lambda t: describe(t.draft), from_facts=_from_facts,
            correct=lambda t: _parsed(t), give_up=_give_up,
            max_attempts=lambda ctx: ctx.address_max_attempts)
