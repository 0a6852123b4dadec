"""Name: first and last, or a company; fillers, greetings and titles never become a name."""

from __future__ import annotations

import re

from bot.conversation.slots.base import Fill, Reask, Result, Slot, Turn
from bot.conversation.slots.reading import Facts, Name, find_name, parse_name
from bot.conversation.state import Context, Draft

NOT_A_NAME = re.compile(r"(?:my|our|the|your|mi|nuestro|nuestra|el|la)\b", re.I)


def _filled(d: Draft, ctx: Context) -> bool:
    return bool(d.first_name or d.company_name)


def _values(first: str | None, last: str | None, company: str | None) -> dict[str, str | None]:
    return {"first_name": first, "last_name": last, "company_name": company,
            "partial_name": None}


def _read(turn: Turn) -> Result:
    parsed = parse_name(turn.text)
    if isinstance(parsed, Name):
        return Fill(_values(parsed.first, parsed.last, parsed.company))
    if parsed == "single":
        alone = parse_name(turn.text, single_ok=True)
        token = alone.first if isinstance(alone, Name) else None
        partial = turn.draft.partial_name
        if partial and token:  # "Maria" then "Lopez": first name, then the last
            return Fill(_values(partial, token, None))
        return Reask("reask.name.single", values={"partial_name": token})
    return Reask("reask.name.invalid")


def _give_up(turn: Turn) -> Fill | None:
    # A single word again and again: keep it as the first name rather than asking forever.
    if not turn.draft.partial_name:
        return None  # never take something that is not a name
    return Fill({"first_name": turn.draft.partial_name, "partial_name": None})


def _correct(turn: Turn) -> Result:
    found = _read(turn)
    return found if isinstance(found, Fill) else None


def _from_facts(facts: Facts, turn: Turn) -> Fill | None:
    name = find_name(turn.text) or facts.name
    if name is None or NOT_A_NAME.match(name.first or name.company or ""):
        return None  # "it's for my restaurant, ..." names a place, not the texter
    if name.first and not (name.last or name.company):
        return Fill({"partial_name": name.first})  # "Hi, I'm Kim": the last name is asked
    return Fill(_values(name.first, name.last, name.company))


def _question(turn: Turn) -> str:
    partial = turn.draft.partial_name
    return turn.say("ask.name.last", name=partial) if partial else turn.say("ask.name")


def _shown(turn: Turn) -> str | None:
    d = turn.draft
    person = " ".join(x for x in (d.first_name, d.last_name) if x)
    if person and d.company_name:
        return f"{person} ({d.company_name})"
    return person or d.company_name


SLOT = Slot(name="name", filled=_filled, question=_question, read=_read,
            shown=_shown, from_facts=_from_facts, correct=_correct, give_up=_give_up,
            max_attempts=3)
