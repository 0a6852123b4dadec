"""Small parsers for single answers: names, phones, emails, yes/no and commands.

The readers themselves live in bot.conversation.understand; the names here are kept so that
existing callers (the engine, the edges, the importer) go on working unchanged.
"""

from __future__ import annotations

import re

import phonenumbers

from bot.conversation.understand import emails, names, phones
from bot.conversation.understand.names import MAX_NAME_CHARS, Name
from bot.conversation.understand.yesno import read_yes_no

__all__ = ["Name"]

MAX_NAME_LEN = MAX_NAME_CHARS
# Kept for callers that test membership; the readers in bot.conversation.understand are wider.
SKIP = {"skip", "no", "none", "n/a", "na", "no email", "nope", "pass", "no thanks",
        "i don't have one", "dont have one", "don't have one", "prefer not", "nah", "omitir",
        "no tengo", "ninguno", "saltar"}
START_OVER = {"start over", "restart", "start again", "begin again", "reset", "empezar de nuevo"}
NEVER_MIND = {"never mind", "nevermind", "nvm", "forget it", "forget about it", "no importa"}
BACK = {"back", "go back", "previous", "undo", "atrás", "atras"}
HANDOFF = re.compile(
    r"^(?:i want to |can i |could i |i need to |let me |please |i'?d rather |i would rather "
    r"|i'?d like to |i would like to )?(?:talk|speak|chat)"
    r"(?: to| with)? (?:an? )?(?:agent|human|person|real person|someone|somebody|representative"
    r"|rep|operator|the office)\b|^(?:agent|human|operator|representative|real person|"
    r"call me|please call me|can you call me|can someone call me|call me back|"
    r"have someone call me)\W*$", re.I)
CORRECTION = re.compile(r"^\s*(?:actually|sorry|oops|wait)?[\s,]*(?:my name is|my name's)\s+"
                        r"(?P<name>.+)$", re.I)


def words(text: str) -> str:
    """Lower-cased, whitespace-collapsed, surrounding punctuation stripped."""
    return re.sub(r"\s+", " ", text).strip().strip(".!?,;:").strip().lower()


def is_yes(text: str) -> bool:
    """A yes, with the extra words people add ("yes thats correct", "sí, correcto")."""
    return read_yes_no(text) == "yes"


def is_no(text: str) -> bool:
    """A no, with the extra words people add ("no thanks", "mejor no")."""
    return read_yes_no(text) == "no"


def parse_name(text: str) -> Name | str:
    """A Name, or the reason it is not one ("single", "invalid"): names.parse_name, old codes."""
    parsed = names.parse_name(text)
    return parsed if isinstance(parsed, Name) or parsed == "single" else "invalid"


def parse_phone(text: str, region: str) -> str | None:
    """E.164 for the forms people type, or None."""
    candidate = text.strip()
    if not candidate or len(candidate) > 40 or sum(c.isdigit() for c in candidate) < 7:
        return None
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    # Not is_possible_number: it also passes a local-only "555-0101", which has no area code.
    if phonenumbers.is_possible_number_with_reason(number) != \
            phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def find_phone(text: str, region: str) -> tuple[str, int, int] | None:
    """A phone number inside a longer message, with its span."""
    return phones.find_phone_span(text, region)


def parse_email(text: str) -> str | None:
    """The email address when the answer is one (framing words allowed)."""
    return emails.parse_email(text)


def find_email(text: str) -> tuple[str, int, int] | None:
    """An email address inside a longer message, with its span."""
    return emails.find_email_span(text)


def is_handoff(text: str) -> bool:
    """The texter asks for a person."""
    return bool(HANDOFF.search(words(text)))


def name_correction(text: str) -> str | None:
    """The new name in "actually my name is ...", if that is what this is."""
    match = CORRECTION.match(text.strip())
    return match.group("name") if match else None
