"""Phones, emails and addresses typed by staff or read from a file, in stored form.

Phones become E.164 with the deployment's region; street lines get the USPS spelling the
conversation stores ("1234 Oak Avenue" -> "1234 OAK AVE"), so that every writer agrees and
search folds the query the same way.
"""

from __future__ import annotations

import phonenumbers

from bot.conversation.parsing import parse_phone
from bot.conversation.usps import DIRECTIONALS, SUFFIXES, UNITS
from bot.crm.errors import Invalid
from bot.crm.schemas import AddressIn, EmailIn, PhoneIn
from store.contacts import Address, Email, Phone

_STRIP = ".,"
NANP_REGIONS = frozenset(phonenumbers.COUNTRY_CODE_TO_REGION_CODE[1])
_NANP_CHARS = set("0123456789 +-().")


def _nanp(number: str, region: str) -> str | None:
    """E.164 for a plain 10-digit North American number, without phonenumbers' full parse
    (a 100,000-row import would spend most of its time there); None: take the long way."""
    if region not in NANP_REGIONS or set(number) - _NANP_CHARS:
        return None
    digits = "".join(c for c in number if c.isdigit())
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    elif len(digits) != 10 or number.lstrip().startswith("+"):
        return None
    return f"+1{digits}" if digits[0] in "23456789" and digits[3] in "23456789" else None


def e164(number: str, region: str) -> str:
    """The number in E.164, or Invalid naming it (a number without its area code too)."""
    if (fast := _nanp(number, region)) is not None:
        return fast
    if (phone := parse_phone(number, region)) is None:
        raise Invalid(f"phone {number!r} is not a phone number")
    reason = phonenumbers.is_possible_number_with_reason(phonenumbers.parse(phone))
    if reason == phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        raise Invalid(f"phone {number!r} is not a phone number (its area code is missing)")
    return phone


def usps_line(line: str) -> str:
    """A street line upper-cased with its suffix, directionals and unit word abbreviated."""
    street, unit = usps_parts(line)
    return " ".join(p for p in (street, unit) if p)


def usps_parts(line: str) -> tuple[str, str | None]:
    """The street and the unit ("APT 2") of a line, in USPS spelling."""
    tokens = [t.strip(_STRIP).upper() for t in line.split()]
    tokens = [t for t in tokens if t]
    unit = next((i for i, t in enumerate(tokens) if i > 1 and t in UNITS), len(tokens))
    street, rest = tokens[:unit], tokens[unit:]
    if len(street) > 2 and street[1] in DIRECTIONALS:  # "123 NORTH MAIN ST"
        street[1] = DIRECTIONALS[street[1]]
    if len(street) > 2 and street[-1] in DIRECTIONALS:  # "123 MAIN ST NORTH"
        street[-1] = DIRECTIONALS[street[-1]]
    last = len(street) - 1 - (street[-1] in DIRECTIONALS.values() if street else 0)
    if last > 1 and street[last] in SUFFIXES:
        street[last] = SUFFIXES[street[last]]
    if rest:
        rest[0] = UNITS[rest[0]]
    return " ".join(street), " ".join(rest) or None


def fold_word(word: str) -> str | None:
    """The USPS abbreviation of a search word ("avenue" -> "ave"), if it has another one."""
    key = word.strip(_STRIP).upper()
    folded = SUFFIXES.get(key) or DIRECTIONALS.get(key) or UNITS.get(key)
    return folded.lower() if folded and folded != key else None


def address(a: AddressIn) -> Address:
    """A stored address from a typed one ("1 Main St Apt 2": the unit goes to line2)."""
    street, unit = usps_parts(a.line1 or "")
    return Address(line1=street or None, line2=usps_line(a.line2) if a.line2 else unit,
                   city=a.city.upper() if a.city else None, state=a.state,
                   postal_code=a.postal_code, label=a.label)


def phones(primary: str | None, others: list[PhoneIn] | None, region: str,
           label: str | None = None, extension: str | None = None) -> list[Phone]:
    """The primary phone (with its label and extension) first, then the others, each once."""
    out = [Phone(e164(primary, region), label, extension)] if primary else []
    for p in others or []:
        out.append(Phone(e164(p.number, region), p.label, p.extension))
    unique: dict[str, Phone] = {}
    for phone in out:
        unique.setdefault(phone.number, phone)
    return list(unique.values())


def emails(primary: str | None, others: list[EmailIn] | None,
           label: str | None = None) -> list[Email]:
    """The primary email (with its label) first, then the others."""
    out = [Email(primary, label)] if primary else []
    return out + [Email(e.address, e.label) for e in others or []]


def addresses(primary: AddressIn | None, others: list[AddressIn] | None) -> list[Address]:
    """The primary address first, then the others; empty ones dropped."""
    typed = ([primary] if primary else []) + list(others or [])
    return [address(a) for a in typed if a.line1 or a.city or a.postal_code]
