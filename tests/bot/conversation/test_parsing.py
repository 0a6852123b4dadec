"""Single answers: names, phones, emails, yes/no, handoff words."""

from __future__ import annotations

import pytest

from bot import display
from bot.conversation.parsing import (
    Name,
    is_handoff,
    name_correction,
    parse_email,
    parse_name,
    parse_phone,
)


@pytest.mark.parametrize("typed", ["(555) 123-4567", "555.123.4567", "+1 555 123 4567",
                                   "5551234567", "555-123-4567", "1-555-123-4567"])
def test_the_forms_people_type_become_e164(typed: str) -> None:
    assert parse_phone(typed, "US") == "+15551234567"


def test_international_numbers_with_plus() -> None:
    assert parse_phone("+44 20 7946 0958", "US") == "+442079460958"
    assert display.phone("+442079460958", "US") == "+44 20 7946 0958"
    assert display.phone("+15551234567", "US") == "(555) 123-4567"


@pytest.mark.parametrize("junk", ["", "call me", "123", "x" * 100, "555-CALL-NOW", "🔧",
                                  "555-0101", "555 1234"])  # no area code: not E.164
def test_things_that_are_not_phones(junk: str) -> None:
    assert parse_phone(junk, "US") is None


@pytest.mark.parametrize(("typed", "first", "last"), [
    ("Maria Lopez", "Maria", "Lopez"), ("my name is bob smith", "Bob", "Smith"),
    ("I'm Jean-Luc O'Neil", "Jean-Luc", "O'Neil"), ("DeShawn McDonald", "DeShawn", "McDonald"),
    ("José García Márquez", "José", "García Márquez"), ("this is Ann Lee.", "Ann", "Lee"),
])
def test_names(typed: str, first: str, last: str) -> None:
    assert parse_name(typed) == Name(first=first, last=last)


def test_company_names() -> None:
    assert parse_name("Oak Street Properties LLC") == Name(company="Oak Street Properties LLC")


@pytest.mark.parametrize(("typed", "reason"), [
    ("Bob", "single"), ("", "invalid"), ("🔧🔧", "invalid"), ("bob@x.com", "invalid"),
    ("R2D2 Unit", "invalid"), ("a b c d e f g", "invalid"), ("x" * 200, "invalid")])
def test_not_names(typed: str, reason: str) -> None:
    assert parse_name(typed) == reason


def test_emails() -> None:
    assert parse_email(" Ann.Lee+jobs@Example.co.uk. ") == "ann.lee+jobs@example.co.uk"
    assert parse_email("ann at example dot com") == "ann@example.com"  # spoken form, repaired
    assert parse_email("ann at example") is None
    assert parse_email("call ann@example.com tomorrow") is None  # more than an email


@pytest.mark.parametrize("text", ["agent", "Human!", "call me", "can someone call me",
                                  "talk to a person", "I want to speak with a representative"])
def test_handoff_words(text: str) -> None:
    assert is_handoff(text)


@pytest.mark.parametrize("text", ["my agent said to text you", "call me after 5 on friday?"])
def test_not_handoff(text: str) -> None:
    assert not is_handoff(text)


def test_name_correction() -> None:
    assert name_correction("actually my name is John Smith") == "John Smith"
    assert name_correction("the name of the street is Elm") is None
