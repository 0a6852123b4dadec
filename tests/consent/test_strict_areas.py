"""The FL/OK table answers what phonenumbers' geocoder would, at a fraction of its memory."""

from __future__ import annotations

import phonenumbers
import pytest
from phonenumbers import geocoder

from consent.strict_areas import STRICT_PREFIXES, derive, is_strict, is_strict_place


def test_the_table_is_what_phonenumbers_data_gives() -> None:
    shortest, elsewhere = derive()
    assert shortest == STRICT_PREFIXES
    assert elsewhere == 0  # no longer prefix under a listed one names a place elsewhere


@pytest.mark.parametrize("phone", [
    "+13055550123", "+13052011234", "+19185550000", "+14052345678", "+18502223333",
    "+12125550199", "+12122345678", "+16175551234", "+15555550100", "+18005550123",
    "+14155552671", "+598435211111", "+59829001234", "+442079460000", "+61293744000",
    "+5491123456789", "+525512345678", "+16135550123"])
def test_numbers_are_strict_exactly_when_the_geocoder_says_so(phone: str) -> None:
    number = phonenumbers.parse(phone, None)
    assert is_strict(number) == is_strict_place(geocoder.description_for_number(number, "en"))


def test_florida_and_oklahoma_numbers_are_strict_and_new_york_is_not() -> None:
    assert is_strict(phonenumbers.parse("+13052011234", None))
    assert is_strict(phonenumbers.parse("+19182345678", None))
    assert not is_strict(phonenumbers.parse("+12122345678", None))
