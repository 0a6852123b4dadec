"""Small parsers for single answers: names, phones, emails, yes/no and commands."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

MAX_NAME_LEN = 80
COMPANY_WORDS = re.compile(
    r"\b(llc|l\.l\.c\.|inc|inc\.|corp|corporation|co\.|company|ltd|properties|property|"
    r"management|mgmt|services|realty|holdings|group|church|school|restaurant|hoa|apartments)\b",
    re.I)
NAME_PREFIX = re.compile(
    r"^\s*(?:hi|hello|hey)?[\s,!.]*(?:(?:my name is|my name's|name is|name's|this is|"
    r"it's|it is|i am|i'm|im|me llamo|soy)\s+)", re.I)
NAME_TOKEN = re.compile(r"^[^\W\d_]+(?:[-'’.][^\W\d_]*)*\.?$")
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

YES = {"yes", "y", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "k", "correct", "right",
       "that's right", "thats right", "confirm", "confirmed", "sounds good", "looks good",
       "si", "sí", "claro", "yes please", "of course", "absolutely", "👍", "same", "send it",
       "send", "go ahead", "perfect", "good", "that's correct", "all good"}
NO = {"no", "n", "nope", "nah", "not really", "no thanks", "no thank you", "wrong", "👎",
      "incorrect", "don't", "do not"}
SKIP = {"skip", "no", "none", "n/a", "na", "no email", "nope", "pass", "no thanks",
        "i don't have one", "dont have one", "don't have one", "prefer not", "nah"}
START_OVER = {"start over", "restart", "start again", "begin again", "reset", "empezar de nuevo"}
NEVER_MIND = {"never mind", "nevermind", "nvm", "forget it", "forget about it", "no importa"}
BACK = {"back", "go back", "previous", "undo", "atrás", "atras"}
HANDOFF = re.compile(
    r"^(?:i want to |can i |could i |i need to |let me |please )?(?:talk|speak|chat)"
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
    """A plain yes."""
    return words(text) in YES


def is_no(text: str) -> bool:
    """A plain no."""
    return words(text) in NO


@dataclass(frozen=True)
class Name:
    """A person's or a company's name."""

    first: str | None = None
    last: str | None = None
    company: str | None = None

    @property
    def display(self) -> str:
        """How to greet them."""
        return self.first or self.company or ""


def _titled(token: str) -> str:
    # Keep what the texter capitalised ("McDonald", "DeShawn"); title-case all-lower/all-upper.
    return token.title() if token.islower() or token.isupper() else token


def parse_name(text: str) -> Name | str:
    """A Name, or the reason it is not one ("single", "invalid")."""
    raw = NAME_PREFIX.sub("", text.strip()).strip(" .,!")
    if not raw or len(raw) > MAX_NAME_LEN or "@" in raw or any(c.isdigit() for c in raw):
        return "invalid"
    if COMPANY_WORDS.search(raw):
        return Name(company=raw)
    tokens = [t for t in re.split(r"[\s,]+", raw) if t]
    if len(tokens) > 5 or not all(NAME_TOKEN.match(t) for t in tokens):
        return "invalid"
    if len(tokens) == 1:
        return "single"
    return Name(first=_titled(tokens[0]), last=" ".join(_titled(t) for t in tokens[1:]))


def parse_phone(text: str, region: str) -> str | None:
    """E.164 for the forms people type, or None."""
    candidate = text.strip()
    if not candidate or len(candidate) > 40 or sum(c.isdigit() for c in candidate) < 7:
        return None
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str, region: str) -> str:
    """(555) 123-4567 at home, +44 20 ... abroad."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == region or (
            number.country_code == phonenumbers.country_code_for_region(region)):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def find_phone(text: str, region: str) -> tuple[str, int, int] | None:
    """A phone number inside a longer message, with its span."""
    leniency = phonenumbers.Leniency.POSSIBLE
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=leniency):
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        return e164, match.start, match.end
    return None


def parse_email(text: str) -> str | None:
    """The email address when the whole answer is one."""
    candidate = text.strip().strip(".,;").strip()
    return candidate.lower() if EMAIL.fullmatch(candidate) and len(candidate) <= 254 else None


def find_email(text: str) -> tuple[str, int, int] | None:
    """An email address inside a longer message, with its span."""
    match = EMAIL.search(text)
    return (match.group(0).lower(), match.start(), match.end()) if match else None


def is_handoff(text: str) -> bool:
    """The texter asks for a person."""
    return bool(HANDOFF.search(words(text)))


def name_correction(text: str) -> str | None:
    """The new name in "actually my name is ...", if that is what this is."""
    match = CORRECTION.match(text.strip())
    return match.group("name") if match else None
