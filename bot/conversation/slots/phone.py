"""Phone: the caller id offered on SMS (or a known Telegram chat), or a typed number."""

from __future__ import annotations

import re

from bot import display
from bot.conversation.slots.base import Fill, Reask, Result, Slot, Turn
from bot.conversation.slots.reading import (
    Facts,
    find_phone,
    parse_phone,
    read_yes_no,
)
from bot.conversation.state import Context, Draft

THIS_NUMBER = re.compile(r"\b(?:this|that|same|the same)\s+(?:number|one|cell|phone|#)\b|"
                         r"\b(?:that'?s|thats|is|it'?s)\s+(?:fine|good|ok|okay|correct|right|"
                         r"me|mine)\b|\b(?:este|ese|el mismo)\s+(?:n[uú]mero|est[aá] bien)\b",
                         re.I)
OTHER = re.compile(r"\b(?:not|n't|wrong|different|another|other|otro)\b", re.I)


def _filled(d: Draft, ctx: Context) -> bool:
    return bool(d.phone)


def _offered(turn: Turn) -> str | None:
    return turn.ctx.caller_phone if not turn.draft.phone and not turn.editing else None


def _question(turn: Turn) -> str:
    offered = _offered(turn)
    if offered:
        return turn.say("ask.phone.caller", phone=display.phone(offered, turn.ctx.region))
    return turn.say("ask.phone")


def _number(turn: Turn) -> str | None:
    return parse_phone(turn.text, turn.ctx.region) or find_phone(turn.text, turn.ctx.region)


def _read(turn: Turn) -> Result:
    if (number := _number(turn)) is not None:
        return Fill({"phone": number})
    offered = _offered(turn)
    answer = read_yes_no(turn.text) if offered else None
    if offered and answer is None and THIS_NUMBER.search(turn.text) and not OTHER.search(
            turn.text):
        answer = "yes"  # "this number is fine", "use this one"
    if offered and answer == "yes":
        return Fill({"phone": offered})
    if answer == "no":
        return Reask("ask.phone")
    return Reask("reask.phone")


def _correct(turn: Turn) -> Result:
    number = _number(turn)
    return Fill({"phone": number}) if number else None


def _from_facts(facts: Facts, turn: Turn) -> Fill | None:
    # On SMS the caller id is offered first; a number inside a story is not taken over it.
    if facts.phone and not turn.ctx.caller_phone:
        return Fill({"phone": facts.phone})
    return None


def _shown(turn: Turn) -> str | None:
    return display.phone(turn.draft.phone or "", turn.ctx.region)


SLOT = Slot(name="phone", filled=_filled, question=_question, read=_read, shown=_shown,
            from_facts=_from_facts, correct=_correct)
