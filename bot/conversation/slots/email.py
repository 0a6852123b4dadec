"""Email: optional; SKIP (or Spanish OMITIR) passes; a returning texter's is offered."""

from __future__ import annotations

from bot.conversation.slots.base import Fill, Reask, Result, Slot, Turn
from bot.conversation.slots.reading import (
    Facts,
    find_email,
    is_skip,
    means_same_as_before,
    parse_email,
    read_yes_no,
)
from bot.conversation.state import Context, Draft


def _filled(d: Draft, ctx: Context) -> bool:
    return bool(d.email) or d.email_skipped


def _on_file(turn: Turn) -> str | None:
    known = turn.known
    return known.email if known and known.email and not turn.editing else None


def _question(turn: Turn) -> str:
    email = _on_file(turn)
    return turn.say("ask.email.known", email=email) if email else turn.say("ask.email")


def _address(turn: Turn) -> str | None:
    return parse_email(turn.text) or find_email(turn.text)


def _read(turn: Turn) -> Result:
    if (email := _address(turn)) is not None:
        return Fill({"email": email, "email_skipped": False})
    on_file = _on_file(turn)
    if on_file and (read_yes_no(turn.text) == "yes" or means_same_as_before(turn.text)):
        return Fill({"email": on_file, "email_skipped": False})
    if is_skip(turn.text) or read_yes_no(turn.text) == "no":
        return Fill({"email": None, "email_skipped": True})
    return Reask("reask.email")


def _correct(turn: Turn) -> Result:
    email = _address(turn)
    return Fill({"email": email, "email_skipped": False}) if email else None


def _from_facts(facts: Facts, turn: Turn) -> Fill | None:
    return Fill({"email": facts.email, "email_skipped": False}) if facts.email else None


SLOT = Slot(name="email", filled=_filled, question=_question, read=_read,
            shown=lambda t: t.draft.email or t.say("summary.none"), from_facts=_from_facts,
            correct=_correct, edit={"email_skipped": False})
