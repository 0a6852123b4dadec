"""The opt-in question: the exact text shown is recorded with the answer."""

from __future__ import annotations

from bot.conversation.slots.base import Fill, Reask
from bot.conversation.slots.consent import SLOT
from bot.conversation.state import Draft, RecordConsent
from consent.texts import Business, consent_question
from tests.bot.conversation.slots.support import turn


def test_yes_with_words_is_an_opt_in_with_the_question_shown() -> None:
    result = SLOT.read(turn("yeah that works"))
    assert isinstance(result, Fill) and result.values == {"consent": "yes"}
    assert result.effects == (RecordConsent("opt_in", consent_question(Business("Ace Plumbing")),
                                            "yeah that works"),)


def test_spanish_no_is_declined_and_the_question_is_in_spanish() -> None:
    result = SLOT.read(turn("no gracias", lang="es"))
    assert isinstance(result, Fill) and result.effects[0].kind == "declined"  # type: ignore[union-attr]
    assert "Responda SI o NO" in SLOT.question(turn("", lang="es"))


def test_anything_else_asks_again_with_the_question() -> None:
    result = SLOT.read(turn("maybe later"))
    assert isinstance(result, Reask) and result.again


def test_an_opted_in_texter_is_not_asked() -> None:
    assert SLOT.filled(Draft(), turn("", consent_status="opted_in").ctx)
    assert not SLOT.filled(Draft(), turn("").ctx)
