"""The email slot: optional, skippable in English and Spanish, reused when on file."""

from __future__ import annotations

from bot.conversation.slots.base import Reask
from bot.conversation.slots.email import SLOT
from bot.conversation.state import Draft
from tests.bot.conversation.corpus.runner import ON_FILE
from tests.bot.conversation.slots.support import turn, values


def test_an_email_inside_words_is_read() -> None:
    assert values(SLOT.read(turn("sure it's Sam.K@example.com"))) == {
        "email": "sam.k@example.com", "email_skipped": False}


def test_skip_in_either_language() -> None:
    for text in ("skip", "omitir", "no tengo"):
        assert values(SLOT.read(turn(text)))["email_skipped"] is True, text


def test_the_email_on_file_is_offered_and_reused() -> None:
    t = turn("same", known=ON_FILE["+15552223333"])
    assert "maria@example.com" in SLOT.question(t)
    assert values(SLOT.read(t))["email"] == "maria@example.com"


def test_a_bad_email_is_re_asked() -> None:
    result = SLOT.read(turn("bob at gmail"))
    assert isinstance(result, Reask) and result.key == "reask.email"


def test_picked_from_the_summary_a_skipped_email_is_asked_again() -> None:
    assert SLOT.edit == {"email_skipped": False}
    assert SLOT.shown(turn("", Draft(email_skipped=True))) == "(none)"
