"""The name slot: people, companies, fillers, a first name alone."""

from __future__ import annotations

from bot.conversation.slots.base import Reask
from bot.conversation.slots.name import SLOT
from bot.conversation.state import Draft
from tests.bot.conversation.slots.support import turn, values


def test_a_first_and_last_name_is_split() -> None:
    got = values(SLOT.read(turn("its kim lee")))
    assert (got["first_name"], got["last_name"], got["company_name"]) == ("Kim", "Lee", None)


def test_a_business_is_a_company_not_a_person() -> None:
    assert values(SLOT.read(turn("Riverside Vet Clinic")))["company_name"] == \
        "Riverside Vet Clinic"


def test_a_first_name_alone_asks_for_the_last_then_joins_them() -> None:
    first = SLOT.read(turn("Maria"))
    assert isinstance(first, Reask) and first.key == "reask.name.single"
    got = values(SLOT.read(turn("Lopez", Draft(partial_name="Maria"))))
    assert (got["first_name"], got["last_name"]) == ("Maria", "Lopez")


def test_a_greeting_is_not_a_name() -> None:
    result = SLOT.read(turn("Good morning!"))
    assert isinstance(result, Reask) and result.key == "reask.name.invalid"


def test_after_repeated_single_words_the_first_name_is_kept() -> None:
    assert SLOT.give_up is not None and SLOT.limit(turn("").ctx) == 3
    assert values(SLOT.give_up(turn("Cher", Draft(partial_name="Cher"))))["first_name"] == "Cher"


def test_the_summary_shows_person_and_company() -> None:
    d = Draft(first_name="Kevin", last_name="Brown", company_name="Summit Realty")
    assert SLOT.shown(turn("", d)) == "Kevin Brown (Summit Realty)"
