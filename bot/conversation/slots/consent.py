"""The opt-in question: YES is an express opt-in with the exact text shown, NO is declined."""

from __future__ import annotations

from bot.conversation.slots.base import Fill, Reask, Result, Slot, Turn
from bot.conversation.slots.reading import read_yes_no
from bot.conversation.state import Context, Draft, RecordConsent
from consent.texts import consent_question


def _filled(d: Draft, ctx: Context) -> bool:
    return ctx.consent_status == "opted_in" or d.consent is not None


def _question(turn: Turn) -> str:
    return consent_question(turn.ctx.business, turn.lang)


def _read(turn: Turn) -> Result:
    answer = read_yes_no(turn.text)
    if answer is None:
        return Reask("reask.yes_no", again=True)
    kind = "opt_in" if answer == "yes" else "declined"
    return Fill({"consent": answer},
                effects=(RecordConsent(kind, _question(turn), turn.text),))


SLOT = Slot(name="consent", filled=_filled, question=_question, read=_read,
            shown=lambda t: None)
